import Foundation

/// How the rows of a file are written.
public enum FileLayout: Sendable, Hashable {
    case delimited(UInt8)
    case jsonLines
    case jsonArray
    /// A sheet of a workbook, or a table or query of a database: rows come from a `TableRowSource`.
    case table(TableLocation)

    /// Rows from a sheet or a database (no text encoding of their own).
    public var isTable: Bool {
        if case .table = self { return true }
        return false
    }

    public var label: String {
        switch self {
        case .delimited(UInt8(ascii: ",")): "CSV"
        case .delimited(UInt8(ascii: "\t")): "TSV"
        case .delimited(let byte): "CSV (\(Character(Unicode.Scalar(byte))) separated)"
        case .jsonLines: "NDJSON"
        case .jsonArray: "JSON array"
        case .table(let location): location.label
        }
    }
}

/// One file of an export, with its layout and encoding decided from its first bytes.
public struct ExportFile: Sendable, Hashable {
    public let path: String
    /// The name shown to users and written in mapping files: the path relative to the export root.
    public let name: String
    public let size: Int
    public let layout: FileLayout
    public let encoding: TextEncoding
    /// Bytes of the byte-order mark at the start of the file.
    public let bomLength: Int
    /// Data rows guessed from the lines of the first 64 KB (nil for a JSON array): enough to show
    /// before anything is read.
    public let estimatedRows: Int?
    /// The bytes of the export that hold this file's rows, for people: the file's size, a sheet's
    /// part in its workbook; nil for a database's tables, which share the database's pages.
    public let storedBytes: Int?

    public init(path: String, name: String, size: Int, layout: FileLayout, encoding: TextEncoding, bomLength: Int, estimatedRows: Int? = nil) {
        self.path = path
        self.name = name
        self.size = size
        self.layout = layout
        self.encoding = encoding
        self.bomLength = bomLength
        self.estimatedRows = estimatedRows
        storedBytes = size
    }

    /// A sheet or a database table: `path` is the workbook's or the database's.
    public init(table location: TableLocation, path: String, name: String, size: Int, estimatedRows: Int? = nil, storedBytes: Int? = nil) {
        self.path = path
        self.name = name
        self.size = size
        layout = .table(location)
        encoding = .utf8
        bomLength = 0
        self.estimatedRows = estimatedRows
        self.storedBytes = storedBytes
    }

    /// How a source's `query:` is named as a file of the export: `query: SELECT …`.
    public static let queryPrefix = "query: "

    /// What the file is called without folders or extension: `Contact` for `crm/Contact.csv`, the
    /// sheet of `Book.xlsx#Contacts`, the table of `crm.sqlite#Account` or `sales.deal`.
    public var stem: String {
        switch layout {
        case .table(.sheet(_, let sheet)): return sheet
        case .table(.sqliteTable(_, let table)), .table(.postgresTable(_, _, let table)): return table
        case .table(.sqliteQuery), .table(.postgresQuery): return name
        case .delimited, .jsonLines, .jsonArray: return ((name as NSString).lastPathComponent as NSString).deletingPathExtension
        }
    }

    public var isTable: Bool {
        if case .table = layout { return true }
        return false
    }

    /// The file's content as UTF-8 from `offset` (an offset in that UTF-8 stream).
    public func openUTF8(at offset: Int = 0) throws -> any ByteStream {
        switch encoding {
        case .utf8, .utf8WithBOM:
            return try FileByteStream(path: path, offset: bomLength + offset)
        case .utf16LittleEndian, .utf16BigEndian, .windows1252:
            let stream = encoding.utf8Stream(over: try FileByteStream(path: path, offset: bomLength))
            try skip(offset, of: stream)
            return stream
        }
    }

    private func skip(_ count: Int, of stream: any ByteStream) throws {
        var left = count
        let scratch = UnsafeMutableRawBufferPointer.allocate(byteCount: 64 * 1024, alignment: 8)
        defer { scratch.deallocate() }
        while left > 0 {
            let read = try stream.read(into: UnsafeMutableRawBufferPointer(rebasing: scratch[..<min(left, scratch.count)]))
            if read == 0 { return }
            left -= read
        }
    }
}

/// Why a file could not be read at all.
public struct UnreadableFile: Error, Sendable, Hashable {
    public var issue: ReadIssue
}

extension ExportFile {
    static let sniffBytes = 64 * 1024

    /// Examines a file: encoding, binary content, layout and delimiter.
    public static func inspect(path: String, name: String) throws(UnreadableFile) -> (ExportFile, [ReadIssue]) {
        let head: [UInt8]
        let size: Int
        do {
            head = try FileByteStream.head(of: path, count: sniffBytes)
            size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? head.count
        } catch {
            throw UnreadableFile(issue: ReadIssue(.error, "unreadable-file", file: name, line: 0, "\(error)"))
        }
        var issues: [ReadIssue] = []
        let encoding: TextEncoding
        switch EncodingDetector.detect(head) {
        case .empty:
            throw UnreadableFile(issue: ReadIssue(.error, "empty-file", file: name, line: 0, "file is empty; export it again or leave it out of the export folder"))
        case .binary(let offset):
            throw UnreadableFile(issue: ReadIssue(.error, "binary-file", file: name, line: 0,
                                                  "file holds binary data (byte \(offset + 1)), not text; export it as CSV, TSV or JSON"))
        case .text(let detected):
            encoding = detected
            if detected == .windows1252 {
                issues.append(ReadIssue(.warning, "encoding-fallback", file: name, line: 0,
                                        "file is not valid UTF-8; it was read as Windows-1252. Export it as UTF-8 to be sure of accents and symbols"))
            }
        }
        let bomLength = encoding.bomLength(of: head)
        let utf8Head = decodeHead(head, encoding: encoding, bomLength: bomLength)
        let layout = detectLayout(name: name, head: utf8Head)
        return (ExportFile(path: path, name: name, size: size, layout: layout, encoding: encoding, bomLength: bomLength,
                           estimatedRows: estimateRows(head: head, size: size, layout: layout)), issues)
    }

    /// Lines in the head, scaled to the file's size, less the header of a delimited file.
    static func estimateRows(head: [UInt8], size: Int, layout: FileLayout) -> Int? {
        switch layout {
        case .jsonArray, .table: return nil
        case .delimited, .jsonLines: break
        }
        var lines = head.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
        if head.last != 0x0A && size <= head.count { lines += 1 }
        guard lines > 0 else { return nil }
        let scaled = size <= head.count ? lines : Int((Double(lines) * Double(size) / Double(head.count)).rounded())
        if case .delimited = layout { return max(0, scaled - 1) }
        return scaled
    }

    static func decodeHead(_ head: [UInt8], encoding: TextEncoding, bomLength: Int) -> [UInt8] {
        let stream = encoding.utf8Stream(over: MemoryByteStream(Array(head.dropFirst(bomLength))))
        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 16 * 1024)
        while let count = try? chunk.withUnsafeMutableBytes({ try stream.read(into: $0) }), count > 0 {
            output.append(contentsOf: chunk[..<count])
        }
        return output
    }

    static func detectLayout(name: String, head: [UInt8]) -> FileLayout {
        let lowered = name.lowercased()
        let firstByte = head.first { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }
        if lowered.hasSuffix(".ndjson") || lowered.hasSuffix(".jsonl") { return .jsonLines }
        if lowered.hasSuffix(".json") || (!lowered.hasSuffix(".csv") && !lowered.hasSuffix(".tsv") && (firstByte == UInt8(ascii: "[") || firstByte == UInt8(ascii: "{"))) {
            return firstByte == UInt8(ascii: "[") ? .jsonArray : .jsonLines
        }
        return .delimited(DelimiterSniffer.sniff(head, preferTab: lowered.hasSuffix(".tsv") || lowered.hasSuffix(".tab")))
    }
}
