/// Streams the rows of one export file whatever its layout, with its header and the problems met.
///
/// For CSV/TSV the header is the first row. For JSON the columns are the keys met so far, in order
/// of appearance (nested keys dotted); a consumer may register a column before it appears, so a
/// mapping finds a key that shows up only late in the file.
public final class RowReader {
    public let file: ExportFile
    public private(set) var header: [String] = []
    private var columnIndexes: [String: Int] = [:]
    private var issues: [ReadIssue] = []
    @exclusivity(unchecked) private var dataRows = 0
    /// Past the first line of a report footer: the lines after it are the footer too.
    private var inFooter = false
    /// Lines of one cell not yet known to be a footer's (a report's title comes before its copyright line).
    private var singles: [(line: Int, text: String)] = []
    private let source: Source

    private enum Source {
        case delimited(DelimitedParser)
        case json(JSONRecordSplitter)
        case table(any TableRowSource)
    }

    /// Default cap on one row or record; a quote left open never makes the reader hold the file.
    public static let defaultMaxRowBytes = 64 * 1024 * 1024

    public init(file: ExportFile, maxRowBytes: Int = RowReader.defaultMaxRowBytes) throws {
        self.file = file
        switch file.layout {
        case .delimited(let delimiter):
            let parser = try DelimitedParser(delimiter: delimiter, fileName: file.name, maxRowBytes: maxRowBytes) { offset in
                try file.openUTF8(at: offset)
            }
            source = .delimited(parser)
            var headerRow = SourceRow()
            if try parser.next(into: &headerRow) {
                readHeader(headerRow)
            } else {
                issues.append(ReadIssue(.error, "missing-header", file: file.name, line: 1, "file has no header row; the first line must name the columns"))
            }
            issues += parser.takeIssues()
        case .jsonLines, .jsonArray:
            source = .json(JSONRecordSplitter(stream: try file.openUTF8(), layout: file.layout == .jsonArray ? .array : .lines, maxRecordBytes: maxRowBytes))
        case .table(let location):
            let table = try location.open()
            source = .table(table)
            readHeader(SourceRow(cells: table.header, line: 1))
        }
    }

    deinit {
        if case .table(let table) = source { table.close() }
    }

    private func readHeader(_ row: SourceRow) {
        var names: [String] = []
        for (index, raw) in row.cells.enumerated() {
            var name = raw.trimmed
            if name.isEmpty {
                name = "column \(index + 1)"
                issues.append(ReadIssue(.warning, "empty-header", file: file.name, line: row.line, "column \(index + 1) has no name in the header; it is called '\(name)'"))
            }
            if columnIndexes[name] != nil {
                var suffix = 2
                while columnIndexes["\(name) (\(suffix))"] != nil { suffix += 1 }
                issues.append(ReadIssue(.warning, "duplicate-header", file: file.name, line: row.line,
                                        "column name '\(name)' appears twice; column \(index + 1) is called '\(name) (\(suffix))'"))
                name = "\(name) (\(suffix))"
            }
            columnIndexes[name] = index
            names.append(name)
        }
        header = names
        if let dataLike = names.first(where: Self.looksLikeData) {
            issues.append(ReadIssue(.error, "missing-header", file: file.name, line: row.line,
                                    "the first row looks like data ('\(dataLike)'), not column names; add a header row naming the columns"))
        }
    }

    static func looksLikeData(_ name: String) -> Bool {
        if name.contains("@") && name.contains(".") { return true }
        if name.hasPrefix("http://") || name.hasPrefix("https://") { return true }
        return !name.isEmpty && name.allSatisfy { $0.isNumber || $0 == "." || $0 == "-" || $0 == "/" || $0 == ":" } && name.contains(where: \.isNumber)
    }

    public func columnIndex(named name: String) -> Int? { columnIndexes[name] }

    /// How far into the file (its UTF-8 text) the rows read so far reach; 0 for JSON.
    public var bytesRead: Int {
        if case .delimited(let parser) = source { return parser.offset }
        return 0
    }

    /// The index of `name`, adding it to a JSON file's columns if it has not appeared yet.
    public func registerColumn(named name: String) -> Int? {
        if let index = columnIndexes[name] { return index }
        guard case .json = source else { return nil }
        return addColumn(name)
    }

    private func addColumn(_ name: String) -> Int {
        header.append(name)
        columnIndexes[name] = header.count - 1
        return header.count - 1
    }

    /// Problems met since the last call.
    public func takeIssues() -> [ReadIssue] {
        switch source {
        case .delimited(let parser): issues += parser.takeIssues()
        case .table(let table): issues += table.takeWarnings().map { ReadIssue(.warning, "table-warning", file: file.name, line: $0.line, $0.message) }
        case .json: break
        }
        defer { issues.removeAll() }
        return issues
    }

    /// Salesforce report exports end with lines of one cell: an empty one, then "Copyright (c) …",
    /// "Confidential Information - Do Not Distribute", "Generated By: …" and the company's name.
    /// They are not data: one warning, not an error per line.
    private func isFooter(_ row: SourceRow) -> Bool {
        let text = row.string(0).trimmed
        if text.isEmpty || inFooter { return true }
        guard Self.footerStarts.contains(where: { text.hasPrefix($0) }) else { return false }
        inFooter = true
        let first = singles.first?.line ?? row.line
        singles.removeAll()
        issues.append(ReadIssue(.warning, "report-footer", file: file.name, line: first,
                                "the file ends with a report footer ('\(text.prefix(40))…'); the lines from here on are not data and were skipped"))
        return true
    }

    /// A line of one cell waits: a footer line after it makes it the footer's title.
    private func holdSingle(_ row: SourceRow) -> Bool {
        singles.append((row.line, row.string(0)))
        return true
    }

    /// Lines of one cell that no footer followed are ragged rows.
    private func reportSingles() {
        for single in singles { issues.append(raggedRow(line: single.line, cells: 1)) }
        singles.removeAll()
    }

    private func raggedRow(line: Int, cells: Int) -> ReadIssue {
        let delimiter = if case .delimited(let parser) = source { Character(Unicode.Scalar(parser.delimiter)) } else { Character(",") }
        return ReadIssue(.error, "ragged-row", file: file.name, line: line,
                         "row has \(cells) cells but the header has \(header.count); the row was skipped. Check for an unquoted '\(delimiter)' or a missing cell")
    }

    static let footerStarts = ["Copyright (c)", "Confidential Information", "Generated By:"]

    /// The next row with the header's width; malformed rows are reported and skipped.
    public func next(into row: inout SourceRow) throws -> Bool {
        switch source {
        case .delimited(let parser):
            while try parser.next(into: &row) {
                if row.count == 1 && header.count > 2 && (isFooter(row) || holdSingle(row)) { continue }
                reportSingles()
                if row.count != header.count {
                    // A row one cell short only because a trailing empty cell was dropped (some tools do) is kept.
                    if row.count > 0, header.count - row.count == 1 {
                        while row.count < header.count { row.finishCell() }
                    } else {
                        issues.append(raggedRow(line: row.line, cells: row.count))
                        continue
                    }
                }
                dataRows += 1
                row.number = dataRows
                return true
            }
            reportSingles()
            return false
        case .table(let table):
            let line: Int?
            do { line = try table.nextRow(into: &row) } catch {
                issues.append(ReadIssue(.error, "unreadable-table", file: file.name, line: row.line, "\(error); the rest of it was not read"))
                return false
            }
            guard let line else { return false }
            row.line = line
            dataRows += 1
            row.number = dataRows
            return true
        case .json(let splitter):
            while true {
                do {
                    guard try splitter.next() else { return false }
                } catch let malformed as JSONRecordSplitter.Malformed {
                    issues.append(ReadIssue(.error, "malformed-json", file: file.name, line: malformed.line, malformed.message + "; the rest of the file was not read"))
                    return false
                }
                do {
                    let pairs = try splitter.record.withUnsafeBufferPointer { try JSONFlattener.flatten($0) }
                    fill(&row, with: pairs, line: splitter.recordLine)
                    dataRows += 1
                    row.number = dataRows
                    return true
                } catch let failure as JSONFlattener.Failure {
                    let (line, column) = position(of: failure.offset, in: splitter.record, startLine: splitter.recordLine)
                    issues.append(ReadIssue(.error, "malformed-json", file: file.name, line: line, column: column, failure.message + "; the record was skipped"))
                }
            }
        }
    }


    private func fill(_ row: inout SourceRow, with pairs: [(key: String, value: String)], line: Int) {
        var values = [String?](repeating: nil, count: header.count)
        for (key, value) in pairs {
            let index = columnIndexes[key] ?? addColumn(key)
            if index >= values.count { values += [String?](repeating: nil, count: index - values.count + 1) }
            values[index] = value
        }
        row.reset()
        for value in values { row.appendCell(value ?? "") }
        row.line = line
    }

    private func position(of offset: Int, in bytes: [UInt8], startLine: Int) -> (Int, Int) {
        var line = startLine, column = 1
        for byte in bytes.prefix(offset) {
            if byte == 0x0A { line += 1; column = 1 } else { column += 1 }
        }
        return (line, column)
    }
}
