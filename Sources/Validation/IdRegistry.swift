import CRMExport

/// The objectIds seen for one entity, as 64-bit hashes with where they were first seen and
/// whether that record is in the upload: an open-addressing table of two 64-bit words per slot,
/// so a million contacts cost about 32 MB rather than a set of Strings several times that, and a
/// lookup hashes nothing again (the key already is a hash).
///
/// Two different ids share a hash with a probability near n²/2⁶⁵ (about 10⁻⁷ for two million ids).
struct IdRegistry {
    private var keys: [UInt64] = []
    private var values: [UInt64] = []
    private(set) var count = 0
    private static let validBit: UInt64 = 1 << 63

    struct Place: Equatable {
        var source: Int
        var row: Int
        var valid: Bool
    }

    /// 0 marks an empty slot, so the hash 0 is stored as 1.
    @inline(__always) private static func key(_ hash: UInt64) -> UInt64 { hash == 0 ? 1 : hash }

    private func slot(of key: UInt64) -> Int {
        let mask = keys.count - 1
        var index = Int(truncatingIfNeeded: key) & mask
        while keys[index] != 0 && keys[index] != key { index = (index + 1) & mask }
        return index
    }

    private mutating func grow() {
        let old = (keys, values)
        let capacity = max(1024, keys.count * 2)
        keys = [UInt64](repeating: 0, count: capacity)
        values = [UInt64](repeating: 0, count: capacity)
        for (index, key) in old.0.enumerated() where key != 0 {
            let target = slot(of: key)
            keys[target] = key
            values[target] = old.1[index]
        }
    }

    /// Registers `hash`; returns where it was seen before, if it was.
    mutating func insert(_ hash: UInt64, source: Int, row: Int, valid: Bool) -> Place? {
        if (count + 1) * 10 > keys.count * 7 { grow() }
        let key = Self.key(hash)
        let index = slot(of: key)
        if keys[index] == key { return Self.unpack(values[index]) }
        keys[index] = key
        values[index] = UInt64(source) << 47 | UInt64(row) & ((1 << 47) - 1) | (valid ? Self.validBit : 0)
        count += 1
        return nil
    }

    func place(of hash: UInt64) -> Place? {
        guard !keys.isEmpty else { return nil }
        let key = Self.key(hash)
        let index = slot(of: key)
        return keys[index] == key ? Self.unpack(values[index]) : nil
    }

    func isInUpload(_ hash: UInt64) -> Bool { place(of: hash)?.valid ?? false }

    func contains(_ hash: UInt64) -> Bool { place(of: hash) != nil }

    private static func unpack(_ packed: UInt64) -> Place {
        Place(source: Int(packed >> 47 & 0xFFFF), row: Int(packed & ((1 << 47) - 1)), valid: packed & validBit != 0)
    }
}
