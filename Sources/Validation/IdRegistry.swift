import CRMExport

/// The objectIds seen for one entity, as 64-bit hashes with where they were first seen and
/// whether that record is in the upload. About 20 bytes per record, so a million contacts
/// cost some 30 MB rather than a set of Strings several times that.
///
/// Two different ids share a hash with a probability near n²/2⁶⁵ (about 10⁻⁷ for two million ids).
struct IdRegistry {
    private var entries: [UInt64: UInt64] = [:]
    private static let validBit: UInt64 = 1 << 63

    struct Place: Equatable {
        var source: Int
        var row: Int
        var valid: Bool
    }

    mutating func reserve(_ count: Int) { entries.reserveCapacity(count) }

    var count: Int { entries.count }

    /// Registers `id`; returns where it was seen before, if it was.
    mutating func insert(_ hash: UInt64, source: Int, row: Int, valid: Bool) -> Place? {
        let packed = UInt64(source) << 47 | UInt64(row) & ((1 << 47) - 1) | (valid ? Self.validBit : 0)
        if let existing = entries.updateValue(packed, forKey: hash) {
            entries[hash] = existing
            return Self.unpack(existing)
        }
        return nil
    }

    func place(of hash: UInt64) -> Place? { entries[hash].map(Self.unpack) }

    func isInUpload(_ hash: UInt64) -> Bool { (entries[hash] ?? 0) & Self.validBit != 0 }

    func contains(_ hash: UInt64) -> Bool { entries[hash] != nil }

    /// Every hash with its upload flag; used to find records that disappeared.
    var hashes: Dictionary<UInt64, UInt64>.Keys { entries.keys }

    private static func unpack(_ packed: UInt64) -> Place {
        Place(source: Int(packed >> 47 & 0xFFFF), row: Int(packed & ((1 << 47) - 1)), valid: packed & validBit != 0)
    }
}
