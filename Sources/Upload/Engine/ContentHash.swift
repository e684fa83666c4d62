import CRMExport

/// A record line's content as compared between runs (a 64-bit hash kept in the journal). A
/// `modifiedDate` that is the run's own time (`@now`, for records whose CRM keeps none, and
/// records gongmap derives) changes every run though nothing else does: it is left out, so
/// unchanged records are not sent again, and a changed one is sent with the time of its run.
struct ContentHash {
    /// How a journal's hashes were made. It never changes for a journal that holds hashes: they
    /// cannot be made again without the lines, and different ones would send every record again.
    enum Algorithm: String, Sendable {
        /// FNV-1a, a byte at a time: the journals made before `words`.
        case fnv1a
        /// Sixteen bytes at a time in two lanes (MurmurHash3's 64-bit mixing): many times faster on long lines.
        case words
    }

    /// `"modifiedDate":"<the run's time>"`, for the entities whose modifiedDate is `@now`.
    private let stampField: [UInt8]?
    private let algorithm: Algorithm

    init(runTimestamp: String?, algorithm: Algorithm) {
        stampField = runTimestamp.map { Array("\"modifiedDate\":\"\($0)\"".utf8) }
        self.algorithm = algorithm
    }

    func hash(_ line: UnsafeBufferPointer<UInt8>) -> Int64 {
        guard let stampField, let start = Self.find(stampField, in: line) else { return Int64(bitPattern: hashed(line)) }
        let without = Array(line[..<start]) + Array(line[(start + stampField.count)...])
        return without.withUnsafeBufferPointer { Int64(bitPattern: hashed($0)) }
    }

    private func hashed(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        switch algorithm {
        case .fnv1a: StableHash.hash(bytes)
        case .words: Self.wordHash(bytes)
        }
    }

    /// Two lanes of eight bytes, each mixed as MurmurHash3 mixes a word, joined at the end: the
    /// lanes do not wait for each other.
    static func wordHash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        let count = bytes.count
        var first = 0x9e37_79b9_7f4a_7c15 ^ UInt64(count), second: UInt64 = 0x6a09_e667_f3bc_c909
        @inline(__always) func mix(_ word: UInt64, into hash: inout UInt64) {
            var k = word &* 0x87c3_7b91_1142_53d5
            k = (k << 31) | (k >> 33)
            k &*= 0x4cf5_ad43_2745_937f
            hash ^= k
            hash = ((hash << 27) | (hash >> 37)) &* 5 &+ 0x52dc_e729
        }
        if let base = bytes.baseAddress.map(UnsafeRawPointer.init) {
            var offset = 0
            while offset + 16 <= count {
                mix(UInt64(littleEndian: base.loadUnaligned(fromByteOffset: offset, as: UInt64.self)), into: &first)
                mix(UInt64(littleEndian: base.loadUnaligned(fromByteOffset: offset + 8, as: UInt64.self)), into: &second)
                offset += 16
            }
            if offset + 8 <= count {
                mix(UInt64(littleEndian: base.loadUnaligned(fromByteOffset: offset, as: UInt64.self)), into: &first)
                offset += 8
            }
            if offset < count {
                var tail: UInt64 = 0
                for index in offset..<count { tail |= UInt64(base.load(fromByteOffset: index, as: UInt8.self)) << (8 * UInt64(index - offset)) }
                mix(tail, into: &second)
            }
        }
        return StableHash.finalMix(first ^ ((second << 17) | (second >> 47)) &* 0x9e37_79b9_7f4a_7c15)
    }

    static func find(_ needle: [UInt8], in haystack: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let first = needle.first, haystack.count >= needle.count else { return nil }
        var index = 0
        while index <= haystack.count - needle.count {
            if haystack[index] == first && needle.indices.allSatisfy({ haystack[index + $0] == needle[$0] }) { return index }
            index += 1
        }
        return nil
    }
}
