import CRMExport

/// The objectIds seen for one entity, as 64-bit hashes with where they were first seen and
/// whether that record is in the upload: an open-addressing table of two 64-bit words per slot,
/// so a million contacts cost about 32 MB rather than a set of Strings several times that, and a
/// lookup hashes nothing again (the key already is a hash).
///
/// Two different ids share a hash with a probability near n²/2⁶⁵ (about 10⁻⁷ for two million ids).
struct IdRegistry {
    /// Key and value side by side (slot i at 2i, 2i+1), so a probe touches one cache line.
    private var slots: [UInt64] = []
    private var capacity: Int { slots.count / 2 }
    private(set) var count = 0
    private static let validBit: UInt64 = 1 << 63

    struct Place: Equatable {
        var source: Int
        var row: Int
        var valid: Bool
    }

    /// 0 marks an empty slot, so the hash 0 is stored as 1.
    @inline(__always) private static func key(_ hash: UInt64) -> UInt64 { hash == 0 ? 1 : hash }

    /// The slot where probing for `key` starts.
    @inline(__always) private func home(of key: UInt64) -> Int { Int(truncatingIfNeeded: key) & (capacity - 1) }

    /// The slot holding `key`, or the empty slot where it would go.
    private func slot(of key: UInt64) -> Int {
        let mask = capacity - 1
        var index = home(of: key)
        while slots[2 * index] != 0 && slots[2 * index] != key { index = (index + 1) & mask }
        return index
    }

    private mutating func grow(to minimum: Int = 0) {
        let old = slots
        var newCapacity = max(1024, capacity * 2)
        while newCapacity * 7 < minimum * 10 { newCapacity *= 2 }
        slots = [UInt64](repeating: 0, count: 2 * newCapacity)
        for index in stride(from: 0, to: old.count, by: 2) where old[index] != 0 {
            let target = slot(of: old[index])
            slots[2 * target] = old[index]
            slots[2 * target + 1] = old[index + 1]
        }
    }

    /// Makes room for `count` ids in all, so that filling a big file does not rehash it again and again.
    mutating func reserve(_ count: Int) {
        if count * 10 > capacity * 7 { grow(to: count) }
    }

    /// Loads the slots of the coming hashes, so their cache misses overlap instead of coming one
    /// by one as each insert waits for the last (the table of a million ids is far bigger than
    /// the caches).
    mutating func warm(_ hashes: UnsafeBufferPointer<UInt64>) {
        reserve(count + hashes.count)
        var touched: UInt64 = 0
        slots.withUnsafeBufferPointer { slots in
            for hash in hashes { touched ^= slots[2 * home(of: Self.key(hash))] }
        }
        // Kept so the loads are not optimised away.
        warmth = touched
    }

    private var warmth: UInt64 = 0

    /// Loads the slot where `hash` would be, to have it in the cache for a lookup soon after.
    func touch(_ hash: UInt64) -> UInt64 {
        guard !slots.isEmpty else { return 0 }
        return slots[2 * home(of: Self.key(hash))]
    }

    /// Registers `hash`; returns where it was seen before, if it was.
    mutating func insert(_ hash: UInt64, source: Int, row: Int, valid: Bool) -> Place? {
        if (count + 1) * 10 > capacity * 7 { grow() }
        let key = Self.key(hash)
        let index = slot(of: key)
        if slots[2 * index] == key { return Self.unpack(slots[2 * index + 1]) }
        slots[2 * index] = key
        slots[2 * index + 1] = UInt64(source) << 47 | UInt64(row) & ((1 << 47) - 1) | (valid ? Self.validBit : 0)
        count += 1
        return nil
    }

    func place(of hash: UInt64) -> Place? {
        guard !slots.isEmpty else { return nil }
        let key = Self.key(hash)
        let index = slot(of: key)
        return slots[2 * index] == key ? Self.unpack(slots[2 * index + 1]) : nil
    }

    func isInUpload(_ hash: UInt64) -> Bool { place(of: hash)?.valid ?? false }

    func contains(_ hash: UInt64) -> Bool { place(of: hash) != nil }

    private static func unpack(_ packed: UInt64) -> Place {
        Place(source: Int(packed >> 47 & 0xFFFF), row: Int(packed & ((1 << 47) - 1)), valid: packed & validBit != 0)
    }
}
