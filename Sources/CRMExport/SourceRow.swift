/// One data row of an export file: its cells as byte ranges in a reused buffer.
///
/// Cells are turned into Strings only when asked for, so a pass over a million rows allocates
/// for the columns a mapping uses, not for every cell.
public struct SourceRow: Sendable {
    /// Cell bytes and cell ends, shared between copies until the next `reset`, which gives this
    /// row storage of its own. Every write comes after a `reset`, so writes never need the
    /// uniqueness check an array does on each append (the parser appends millions of times).
    @usableFromInline internal private(set) var storage: RowStorage
    /// The cells' bytes are the first `byteCount` of the storage's bytes.
    @usableFromInline internal private(set) var byteCount = 0
    /// Cell `i` spans `ends[i - 1]..<ends[i]` (from 0 for the first cell), for the first `count` ends.
    public internal(set) var count = 0
    /// 1-based physical line where the row starts.
    public internal(set) var line: Int = 0
    /// 1-based data row (the header is row 0).
    public internal(set) var number: Int = 0
    /// The row held bytes that are not UTF-8 and was read as Windows-1252.
    public internal(set) var readAsWindows1252 = false

    public init() {
        storage = RowStorage()
    }

    /// Builds a row from ready strings; for JSON records, derived rows and tests.
    public init(cells: [String], line: Int = 0, number: Int = 0) {
        self.init()
        for cell in cells { appendCell(cell) }
        self.line = line
        self.number = number
    }

    /// Empties the row for the next record; the only way to start writing one.
    mutating func reset() {
        if !isKnownUniquelyReferenced(&storage) { storage = RowStorage() }
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
        if byteCount + count > storage.byteCapacity { storage.growBytes(to: byteCount + count, keeping: byteCount) }
        (storage.bytes + byteCount).update(from: source, count: count)
        byteCount += count
    }

    @inline(__always)
    mutating func append(_ byte: UInt8) {
        if byteCount == storage.byteCapacity { storage.growBytes(to: byteCount + 1, keeping: byteCount) }
        storage.bytes[byteCount] = byte
        byteCount += 1
    }

    /// Ends the cell being read.
    @inline(__always)
    mutating func finishCell() {
        if count == storage.endCapacity { storage.growEnds(keeping: count) }
        storage.ends[count] = byteCount
        count += 1
    }

    var isValidUTF8: Bool { UTF8Validation.isValid(UnsafeBufferPointer(start: storage.bytes, count: byteCount)) }

    @inlinable @inline(__always)
    public func range(_ index: Int) -> Range<Int> {
        guard index >= 0 && index < count else { return 0..<0 }
        return (index == 0 ? 0 : storage.ends[index - 1])..<storage.ends[index]
    }

    @inlinable
    public func isEmpty(_ index: Int) -> Bool { range(index).isEmpty }

    /// The cell's text; "" for a column the row does not have.
    public func string(_ index: Int) -> String {
        withCellBytes(index) { bytes in
            if bytes.isEmpty { return "" }
            return readAsWindows1252 ? Windows1252.decode(bytes) : String(decoding: bytes, as: UTF8.self)
        }
    }

    @inlinable
    public func withCellBytes<R>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        let range = range(index)
        return try withExtendedLifetime(storage) { try body(UnsafeBufferPointer(start: storage.bytes + range.lowerBound, count: range.count)) }
    }

    public var cells: [String] { (0..<count).map(string) }
}

/// The memory of a `SourceRow`: it only grows, so a reused row stops allocating after the widest
/// row. It starts small: a batch of rows spread over fewer pages and cache sets is faster to read.
@usableFromInline
final class RowStorage: @unchecked Sendable {
    // Only the row's owner touches its storage: no run-time exclusivity checks on every byte.
    @exclusivity(unchecked) @usableFromInline private(set) var bytes: UnsafeMutablePointer<UInt8>
    @exclusivity(unchecked) private(set) var byteCapacity = 512
    @exclusivity(unchecked) @usableFromInline private(set) var ends: UnsafeMutablePointer<Int>
    @exclusivity(unchecked) private(set) var endCapacity = 32

    init() {
        bytes = .allocate(capacity: byteCapacity)
        ends = .allocate(capacity: endCapacity)
    }

    deinit {
        bytes.deallocate()
        ends.deallocate()
    }

    func growBytes(to minimum: Int, keeping kept: Int) {
        var capacity = byteCapacity * 2
        while capacity < minimum { capacity *= 2 }
        let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        grown.update(from: bytes, count: kept)
        bytes.deallocate()
        bytes = grown
        byteCapacity = capacity
    }

    func growEnds(keeping kept: Int) {
        let grown = UnsafeMutablePointer<Int>.allocate(capacity: endCapacity * 2)
        grown.update(from: ends, count: kept)
        ends.deallocate()
        ends = grown
        endCapacity *= 2
    }
}
