import CRMExport
import Testing

/// The id tables trust a 64-bit hash to tell ids apart: every byte of every length must count.
@Suite("Id hash")
struct IdHashTests {
    private func hash(_ bytes: [UInt8]) -> UInt64 { bytes.withUnsafeBufferPointer(IdHash.hash) }

    @Test func everyByteOfEveryLengthChangesTheHash() {
        for length in 0...70 {
            let bytes = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
            let original = hash(bytes)
            for position in 0..<length {
                var changed = bytes
                changed[position] ^= 0x01
                #expect(hash(changed) != original, "length \(length), byte \(position)")
            }
            #expect(hash(bytes + [0]) != original, "a zero byte appended to \(length) bytes")
        }
    }

    @Test func sameBytesHashAlikeWhereverTheyAre() {
        let id = "0035g00000XyZ12AAB"
        let inside = Array("prefix \(id) suffix".utf8)
        let slice = inside.withUnsafeBufferPointer { IdHash.hash(UnsafeBufferPointer(rebasing: $0[7..<(7 + id.utf8.count)])) }
        #expect(slice == IdHash.hash(id))
    }

    @Test func aMillionSalesforceLikeIdsDoNotCollide() {
        var seen = Set<UInt64>()
        for number in 0..<1_000_000 {
            let id = "003" + String(number, radix: 36).uppercased()
            seen.insert(IdHash.hash(String(repeating: "0", count: 15 - id.count) + id))
        }
        #expect(seen.count == 1_000_000)
    }
}
