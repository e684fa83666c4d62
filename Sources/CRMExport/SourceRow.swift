/// One data row of an export file: its cells as byte ranges in a reused buffer.
///
/// Cells are turned into Strings only when asked for, so a pass over a million rows allocates
/// for the columns a mapping uses, not for every cell.
public struct SourceRow: Sendable {
    public internal(set) var bytes: [UInt8] = []
    /// Cell `i` spans `cellEnds[i - 1]..<cellEnds[i]` (from 0 for the first cell).
    public internal(set) var cellEnds: [Int] = []
    /// 1-based physical line where the row starts.
    public internal(set) var line: Int = 0
    /// 1-based data row (the header is row 0).
    public internal(set) var number: Int = 0
    /// The row held bytes that are not UTF-8 and was read as Windows-1252.
    public internal(set) var readAsWindows1252 = false

    public init() {
        bytes.reserveCapacity(4096)
        cellEnds.reserveCapacity(64)
    }

    /// Builds a row from ready strings; for JSON records, derived rows and tests.
    public init(cells: [String], line: Int = 0, number: Int = 0) {
        self.init()
        for cell in cells { appendCell(cell) }
        self.line = line
        self.number = number
    }

    public var count: Int { cellEnds.count }

    mutating func reset() {
        bytes.removeAll(keepingCapacity: true)
        cellEnds.removeAll(keepingCapacity: true)
        readAsWindows1252 = false
    }

    mutating func appendCell(_ text: String) {
        bytes.append(contentsOf: text.utf8)
        cellEnds.append(bytes.count)
    }

    @inline(__always)
    public func range(_ index: Int) -> Range<Int> {
        guard index >= 0 && index < cellEnds.count else { return 0..<0 }
        return (index == 0 ? 0 : cellEnds[index - 1])..<cellEnds[index]
    }

    public func isEmpty(_ index: Int) -> Bool { range(index).isEmpty }

    /// The cell's text; "" for a column the row does not have.
    public func string(_ index: Int) -> String {
        let range = range(index)
        if range.isEmpty { return "" }
        if readAsWindows1252 { return Windows1252.decode(bytes[range]) }
        return bytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[range]), as: UTF8.self) }
    }

    public func withCellBytes<R>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        let range = range(index)
        return try bytes.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[range])) }
    }

    public var cells: [String] { (0..<count).map(string) }
}
