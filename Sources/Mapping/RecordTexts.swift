import GongCRM

/// The text values a batch of records needs after conversion — each record's objectId and the
/// values of a few fields (its references) — as byte ranges in one buffer. Checking a million
/// records this way makes no String per record; one is made only for a message.
///
/// A record takes consecutive slots: objectId first, then each picked field in order.
public final class RecordTexts: @unchecked Sendable {
    private let bytes = ByteBuffer(capacity: 1 << 15)
    /// One thread fills a batch's texts and then hands them on: no run-time exclusivity checks.
    @exclusivity(unchecked) private var ranges: [Range<Int>] = []
    private static let absent = -1 ..< -1

    public init() {}

    /// Starts a record with `slots` absent values; returns its first slot.
    public func startRecord(slots: Int) -> Int {
        let first = ranges.count
        for _ in 0..<slots { ranges.append(Self.absent) }
        return first
    }

    public func set(_ slot: Int, _ value: UnsafeBufferPointer<UInt8>) {
        let start = bytes.count
        bytes.append(value)
        ranges[slot] = start..<bytes.count
    }

    public func set(_ slot: Int, _ value: String) {
        var value = value
        value.withUTF8 { set(slot, $0) }
    }

    public func has(_ slot: Int) -> Bool { ranges[slot] != Self.absent }

    /// The value's bytes, valid until the next change; nil when absent.
    public func bytes(_ slot: Int) -> UnsafeBufferPointer<UInt8>? {
        let range = ranges[slot]
        return range == Self.absent ? nil : bytes[range]
    }

    public func string(_ slot: Int) -> String? {
        bytes(slot).map { String(decoding: $0, as: UTF8.self) }
    }

    public func removeAll() {
        bytes.removeAll()
        ranges.removeAll(keepingCapacity: true)
    }
}
