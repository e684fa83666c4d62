/// The distinct values of a column with their counts, shapes and first rows, keyed by the value's
/// bytes: a cell that repeats a known value costs a hash and a compare, never a String.
/// Holds up to `limit` values; later new values are left out (the caller counts them).
struct ValueTable {
    struct Entry {
        var start: Int
        var length: Int
        var hash: UInt64
        var count: Int
        var shapes: UInt16
        /// The row the value first appeared in: how tables built on several threads agree on
        /// which values came first.
        var firstRow: Int
    }

    let limit: Int
    private(set) var entries: [Entry] = []
    private var bytes: [UInt8] = []
    /// Open addressing: indexes into `entries` plus one, 0 for a free slot.
    private var slots: [Int32]
    private let mask: Int

    init(limit: Int) {
        self.limit = limit
        var capacity = 16
        while capacity < limit * 2 { capacity <<= 1 }
        slots = Array(repeating: 0, count: capacity)
        mask = capacity - 1
    }

    var isFull: Bool { entries.count >= limit }

    /// The entry holding `value`, if the table has it.
    @inline(__always)
    func find(_ value: UnsafeBufferPointer<UInt8>, hash: UInt64) -> Int? {
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let stored = Int(slots[slot])
            if stored == 0 { return nil }
            let entry = entries[stored - 1]
            if entry.hash == hash && entry.length == value.count && equal(entry, value) { return stored - 1 }
            slot = (slot + 1) & mask
        }
    }

    private func equal(_ entry: Entry, _ value: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes.withUnsafeBufferPointer { stored in
            guard let base = value.baseAddress, value.count > 0 else { return true }
            return memcmp(stored.baseAddress! + entry.start, base, value.count) == 0
        }
    }

    @inline(__always)
    mutating func count(_ entry: Int, by amount: Int = 1) { entries[entry].count += amount }

    /// Adds a value the table does not have; false when the table is full.
    @discardableResult
    mutating func insert(_ value: UnsafeBufferPointer<UInt8>, hash: UInt64, shapes: UInt16, row: Int, count: Int = 1) -> Bool {
        guard !isFull else { return false }
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot] != 0 { slot = (slot + 1) & mask }
        entries.append(Entry(start: bytes.count, length: value.count, hash: hash, count: count, shapes: shapes, firstRow: row))
        bytes.append(contentsOf: value)
        slots[slot] = Int32(entries.count)
        return true
    }

    func text(of entry: Entry) -> String {
        String(decoding: bytes[entry.start..<(entry.start + entry.length)], as: UTF8.self)
    }

    func withBytes<R>(of entry: Entry, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        bytes.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[entry.start..<(entry.start + entry.length)])) }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
