/// One data row of an export file: its cells as byte ranges in a reused buffer.
///
/// Cells are turned into Strings only when asked for, so a pass over a million rows allocates
/// for the columns a mapping uses, not for every cell.
public struct SourceRow: Sendable {
    /// The cells' bytes are the first `byteCount` of `storage`, which only grows. Appends write
    /// through a pointer: `Array.append(contentsOf:)` is generic code with checks on every call,
    /// and the parser appends once or twice per cell, millions of times.
    @usableFromInline internal private(set) var storage: [UInt8]
    @usableFromInline internal private(set) var byteCount = 0
    /// Cell `i` spans `cellEnds[i - 1]..<cellEnds[i]` (from 0 for the first cell), for the first
    /// `count` entries; like `storage`, it only grows and is written through a pointer.
    @usableFromInline internal private(set) var cellEnds: [Int]
    public internal(set) var count = 0
    /// 1-based physical line where the row starts.
    public internal(set) var line: Int = 0
    /// 1-based data row (the header is row 0).
    public internal(set) var number: Int = 0
    /// The row held bytes that are not UTF-8 and was read as Windows-1252.
    public internal(set) var readAsWindows1252 = false

    public init() {
        storage = [UInt8](repeating: 0, count: 4096)
        cellEnds = [Int](repeating: 0, count: 64)
    }

    /// Builds a row from ready strings; for JSON records, derived rows and tests.
    public init(cells: [String], line: Int = 0, number: Int = 0) {
        self.init()
        for cell in cells { appendCell(cell) }
        self.line = line
        self.number = number
    }

    mutating func reset() {
        byteCount = 0
        count = 0
        readAsWindows1252 = false
    }

    mutating func appendCell(_ text: String) {
        var text = text
        text.withUTF8 { if let base = $0.baseAddress { append(base, count: $0.count) } }
        finishCell()
    }

    /// Appends to the cell being read.
    @inline(__always)
    mutating func append(_ source: UnsafePointer<UInt8>, count: Int) {
        if byteCount + count > storage.count { storage += repeatElement(0, count: max(storage.count, byteCount + count - storage.count)) }
        let at = byteCount
        storage.withUnsafeMutableBufferPointer { $0.baseAddress!.advanced(by: at).update(from: source, count: count) }
        byteCount += count
    }

    @inline(__always)
    mutating func append(_ byte: UInt8) {
        withUnsafePointer(to: byte) { append($0, count: 1) }
    }

    /// Ends the cell being read.
    @inline(__always)
    mutating func finishCell() {
        if count == cellEnds.count { cellEnds += repeatElement(0, count: cellEnds.count) }
        let (at, end) = (count, byteCount)
        cellEnds.withUnsafeMutableBufferPointer { $0[at] = end }
        count += 1
    }

    var isValidUTF8: Bool {
        storage.withUnsafeBufferPointer { UTF8Validation.isValid(UnsafeBufferPointer(rebasing: $0[..<byteCount])) }
    }

    @inlinable @inline(__always)
    public func range(_ index: Int) -> Range<Int> {
        guard index >= 0 && index < count else { return 0..<0 }
        return cellEnds.withUnsafeBufferPointer { ends in (index == 0 ? 0 : ends[index - 1])..<ends[index] }
    }

    @inlinable
    public func isEmpty(_ index: Int) -> Bool { range(index).isEmpty }

    /// The cell's text; "" for a column the row does not have.
    public func string(_ index: Int) -> String {
        let range = range(index)
        if range.isEmpty { return "" }
        if readAsWindows1252 { return Windows1252.decode(storage[range]) }
        return storage.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[range]), as: UTF8.self) }
    }

    @inlinable
    public func withCellBytes<R>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        let range = range(index)
        return try storage.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[range])) }
    }

    public var cells: [String] { (0..<count).map(string) }
}
