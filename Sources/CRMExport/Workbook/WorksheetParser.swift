/// Turns one worksheet's SpreadsheetML into rows of text, the way a CSV export of the sheet would
/// read: cells placed by their reference (`r="C7"`, else after the previous one), typed by their
/// `t` and style, empty rows skipped, the header taken from the first row with a value.
///
/// Runs on the reader's producer thread; rows leave in batches through `output`.
struct WorksheetParser: XMLTokenHandler {
    /// Where the header and the rows go, and how to find the merged cells when the header needs them.
    struct Output {
        var header: (_ names: [String], _ issues: [String]) throws -> Void
        var batch: (RowBatch) throws -> Void
        var mergedRanges: () throws -> [CellRange]
    }

    static let rowsPerBatch = 256

    private enum CellType {
        case number, sharedString, inlineString, formulaString, boolean, error, isoDate

        init(_ raw: UnsafeBufferPointer<UInt8>) {
            if bytesEqual(raw, "s") {
                self = .sharedString
            } else if bytesEqual(raw, "n") {
                self = .number
            } else if bytesEqual(raw, "str") {
                self = .formulaString
            } else if bytesEqual(raw, "inlineStr") {
                self = .inlineString
            } else if bytesEqual(raw, "b") {
                self = .boolean
            } else if bytesEqual(raw, "e") {
                self = .error
            } else if bytesEqual(raw, "d") {
                self = .isoDate
            } else {
                self = .formulaString // an unknown type keeps its text as stored
            }
        }
    }

    /// `Book.xlsx#Sheet1`, for messages.
    private let sheet: String
    private let sharedStrings: SharedStrings
    private let styles: XLSXStyles
    private let dateSystem: ExcelDateSystem
    private let output: Output

    /// The Excel number of the row being read, or of the last row read.
    private(set) var rowNumber = 0
    private(set) var inRow = false
    private var inSheetData = false
    private var sawSheetData = false
    private var dimension: CellRange?
    private var nextColumn = 0

    // The cell being read.
    private var inCell = false
    private var cellColumn = 0
    private var cellType = CellType.number
    private var cellStyle = 0
    private var readingValue = false
    private var inInlineString = false
    private var value: [UInt8] = []
    private var inlineText = RichTextCollector()

    // The row being read.
    private var rowHasText = false
    private var cellsPastHeader = 0
    /// The cells of rows read before the header, by column.
    private var headerCandidate: [String] = []
    private var header: [String]?
    private var width = 0
    /// Where the row being read starts in `batch.spans` and in `batch.bytes`.
    private var rowStart = 0
    private var rowBytesStart = 0
    private var batch = RowBatch()
    private var issues = IssueLog()

    init(sheet: String, sharedStrings: SharedStrings, styles: XLSXStyles, dateSystem: ExcelDateSystem, output: Output) {
        self.sheet = sheet
        self.sharedStrings = sharedStrings
        self.styles = styles
        self.dateSystem = dateSystem
        self.output = output
        value.reserveCapacity(64)
    }

    // MARK: Tokens

    mutating func startElement(_ element: XMLStartTag) throws {
        let name = element.name
        if inCell {
            if name == "v" {
                readingValue = true
            } else if name == "is" {
                inInlineString = true
            } else if inInlineString {
                inlineText.start(name)
            }
        } else if name == "c" {
            if inRow { startCell(element) }
        } else if name == "row" {
            if inSheetData { startRow(element) }
        } else if name == "sheetData" {
            inSheetData = true
            sawSheetData = true
        } else if name == "dimension" {
            dimension = element.rawValue(of: "ref").flatMap { CellRange($0) }
        }
    }

    mutating func endElement(_ name: XMLName) throws {
        if inCell {
            if name == "v" {
                readingValue = false
            } else if name == "c" {
                try finishCell()
            } else if name == "is" {
                inInlineString = false
            } else if inInlineString {
                inlineText.end(name)
            }
        } else if name == "row" {
            if inRow { try finishRow() }
        } else if name == "sheetData" {
            inSheetData = false
        }
    }

    mutating func text(_ text: XMLText) throws {
        guard inCell else { return }
        if readingValue {
            text.appendDecoded(to: &value)
        } else if inInlineString {
            inlineText.text(text)
        }
    }

    /// After the last chunk: the rows still held leave, and a sheet cut short is an error.
    mutating func finish() throws {
        guard sawSheetData else {
            throw XLSXError(file: sheet, message: "the sheet's part has no <sheetData>; it is not a worksheet")
        }
        guard !inSheetData else {
            throw XLSXError(file: sheet, message: "the sheet's XML stops inside its rows (after row \(rowNumber)); the file is cut short")
        }
        if header == nil {
            issues.add("\(sheet): the sheet has no row with a value")
            let headerIssues = issues.take()
            try output.header([], headerIssues)
        }
        issues.summarize(for: sheet)
        try deliverBatch()
    }

    /// Hands over the rows read completely before an error, so the reader gets them before the error.
    mutating func deliverCompletedRows() throws {
        if inRow && header != nil {
            dropRowBeingRead()
            inRow = false
        }
        if header != nil { try deliverBatch() }
    }

    // MARK: Rows and cells

    private mutating func startRow(_ element: XMLStartTag) {
        var number: Int?
        element.forEachAttribute { name, value in
            if name == "r" { number = parseDecimalInteger(value) }
        }
        rowNumber = number ?? rowNumber + 1
        inRow = true
        nextColumn = 0
        rowHasText = false
        cellsPastHeader = 0
        if header == nil {
            headerCandidate.removeAll(keepingCapacity: true)
        } else {
            rowStart = batch.spans.count
            rowBytesStart = batch.bytes.count
            batch.spans.append(contentsOf: repeatElement(0..<0, count: width))
        }
    }

    private mutating func startCell(_ element: XMLStartTag) {
        var column: Int?
        var type = CellType.number
        var style = 0
        element.forEachAttribute { name, value in
            if name == "r" {
                column = CellReference.column(of: value)
            } else if name == "t" {
                type = CellType(value)
            } else if name == "s" {
                style = parseDecimalInteger(value) ?? 0
            }
        }
        cellColumn = column ?? nextColumn
        nextColumn = cellColumn + 1
        cellType = type
        cellStyle = style
        inCell = true
        readingValue = false
        inInlineString = false
        value.removeAll(keepingCapacity: true)
        if type == .inlineString { inlineText.reset() }
    }

    private mutating func finishCell() throws {
        inCell = false
        readingValue = false
        inInlineString = false
        guard header != nil else { return takeHeaderCell() }
        // Moved out and back (a pointer swap): the text is written by a method of `self`.
        var bytes = [UInt8]()
        swap(&bytes, &batch.bytes)
        let start = bytes.count
        appendCellText(to: &bytes)
        let end = bytes.count
        swap(&bytes, &batch.bytes)
        guard end > start else { return }
        if cellColumn < width {
            batch.spans[rowStart + cellColumn] = start..<end
            rowHasText = true
        } else {
            batch.bytes.removeSubrange(start...)
            cellsPastHeader += 1
        }
    }

    private mutating func takeHeaderCell() {
        var headerText = [UInt8]()
        appendCellText(to: &headerText)
        guard !headerText.isEmpty, cellColumn < CellReference.maxColumns else { return }
        if cellColumn >= headerCandidate.count {
            headerCandidate.append(contentsOf: repeatElement("", count: cellColumn + 1 - headerCandidate.count))
        }
        headerCandidate[cellColumn] = String(decoding: headerText, as: UTF8.self)
        rowHasText = true
    }

    /// The cell's text as a CSV export of the sheet would hold it, appended as valid UTF-8.
    private mutating func appendCellText(to output: inout [UInt8]) {
        guard !value.isEmpty || cellType == .inlineString else { return }
        switch cellType {
        case .number:
            value.withUnsafeBufferPointer { appendNumberText($0, to: &output) }
        case .sharedString:
            let index = value.withUnsafeBufferPointer(parseDecimalInteger)
            if let index, sharedStrings.withBytes(at: index, { output.append(contentsOf: $0) }) != nil { return }
            issues.add("\(sheet) row \(rowNumber): cell \(CellReference.letters(cellColumn))\(rowNumber) refers to shared string \(String(decoding: value, as: UTF8.self)), which the workbook does not have; it was read as empty")
        case .inlineString:
            if inlineText.isEmpty {
                value.withUnsafeBufferPointer { OOXMLEscapes.appendUnescaped($0, to: &output) }
            } else {
                inlineText.appendText(to: &output)
            }
        case .formulaString, .error:
            value.withUnsafeBufferPointer { OOXMLEscapes.appendUnescaped($0, to: &output) }
        case .isoDate:
            value.withUnsafeBufferPointer { appendValidUTF8($0, to: &output) }
        case .boolean:
            if value.count == 1 && value[0] == UInt8(ascii: "1") {
                output.append(contentsOf: "true".utf8)
            } else if value.count == 1 && value[0] == UInt8(ascii: "0") {
                output.append(contentsOf: "false".utf8)
            } else {
                value.withUnsafeBufferPointer { appendValidUTF8($0, to: &output) }
            }
        }
    }

    /// A number as stored, or the date its style makes of it.
    private func appendNumberText(_ stored: UnsafeBufferPointer<UInt8>, to output: inout [UInt8]) {
        let kind = styles.kind(ofStyle: cellStyle)
        if kind != .general, let serial = Double(String(decoding: stored, as: UTF8.self)),
           let date = ExcelDate.text(serial: serial, kind: kind, system: dateSystem) {
            output.append(contentsOf: date.utf8)
            return
        }
        ExcelNumberText.append(stored, to: &output)
    }

    private mutating func finishRow() throws {
        inRow = false
        if cellsPastHeader > 0 {
            if issues.isFull {
                issues.countUnlisted()
            } else {
                let cells = cellsPastHeader == 1 ? "1 cell" : "\(cellsPastHeader) cells"
                issues.add("\(sheet) row \(rowNumber): \(cells) to the right of the header's \(width) columns dropped; give the column a name in the header row to keep it")
            }
        }
        guard header != nil else {
            if rowHasText { try takeHeader() }
            return
        }
        if rowHasText {
            batch.lines.append(rowNumber)
            if batch.lines.count >= Self.rowsPerBatch { try deliverBatch() }
        } else {
            dropRowBeingRead()
        }
    }

    private mutating func dropRowBeingRead() {
        batch.spans.removeSubrange(rowStart...)
        batch.bytes.removeSubrange(rowBytesStart...)
    }

    private mutating func deliverBatch() throws {
        var full = RowBatch()
        swap(&full, &batch)
        full.issues = issues.take()
        batch.bytes.reserveCapacity(full.bytes.count)
        batch.spans.reserveCapacity(full.spans.count)
        batch.lines.reserveCapacity(Self.rowsPerBatch)
        try output.batch(full)
    }

    // MARK: The header

    private mutating func takeHeader() throws {
        var names = headerCandidate.map(\.trimmed)
        // Cells of white space only: not a header yet.
        guard let lastNamed = names.lastIndex(where: { !$0.isEmpty }) else { return }
        names.removeSubrange((lastNamed + 1)...)
        if needsMergedCells(names) {
            let ranges = try output.mergedRanges()
            names = namingMergedColumns(names, from: ranges)
        }
        for index in names.indices where names[index].isEmpty {
            names[index] = "column \(index + 1)"
            issues.add("\(sheet) row \(rowNumber): column \(CellReference.letters(index)) has no name in the header; it is called '\(names[index])'")
        }
        header = names
        width = names.count
        let headerIssues = issues.take()
        try output.header(names, headerIssues)
    }

    /// Merged cells are listed after all the rows, so knowing them costs a second pass over the
    /// sheet: it is made only when a merge could name a column, that is when the header has a gap,
    /// or when the sheet's used range (`<dimension>`, written before the rows) is unknown or does not
    /// end at the header's last name.
    private func needsMergedCells(_ names: [String]) -> Bool {
        if names.contains(where: \.isEmpty) { return true }
        guard let dimension, !dimension.isSingleCell else { return true }
        return dimension.lastColumn != names.count - 1
    }

    /// A merged header cell names every column it covers: the first keeps its text, the others
    /// get `<text> (2)`, `<text> (3)`.
    private func namingMergedColumns(_ names: [String], from ranges: [CellRange]) -> [String] {
        var names = names
        // A merge across the whole row (a title over A:XFD) would make thousands of columns: the
        // used range, when known to reach the header's last name, bounds it.
        var lastAllowed = CellReference.maxColumns - 1
        if let dimension, !dimension.isSingleCell, dimension.lastColumn >= names.count - 1 {
            lastAllowed = dimension.lastColumn
        }
        for range in ranges where range.firstRow == rowNumber && range.firstColumn < names.count {
            let text = names[range.firstColumn]
            let last = min(range.lastColumn, lastAllowed)
            guard !text.isEmpty, last > range.firstColumn else { continue }
            if last >= names.count {
                names.append(contentsOf: repeatElement("", count: last + 1 - names.count))
            }
            for column in (range.firstColumn + 1)...last where names[column].isEmpty {
                names[column] = "\(text) (\(column - range.firstColumn + 1))"
            }
        }
        return names
    }
}

/// The problems met reading a sheet. Past `limit` they are only counted, so a sheet with a
/// problem on every row does not fill memory with messages.
struct IssueLog {
    static let limit = 100
    private var pending: [String] = []
    private var total = 0

    /// No more messages will be kept: a caller may skip building one and `countUnlisted` instead.
    var isFull: Bool { total >= Self.limit }

    mutating func add(_ message: String) {
        total += 1
        if total <= Self.limit { pending.append(message) }
    }

    mutating func countUnlisted() {
        total += 1
    }

    mutating func take() -> [String] {
        defer { pending.removeAll() }
        return pending
    }

    mutating func summarize(for sheet: String) {
        if total > Self.limit { pending.append("\(sheet): \(total - Self.limit) more problems like these were not listed") }
    }
}
