@testable import CRMExport
import Testing

/// The parser's UTF-8 check must agree with the standard library's on any bytes.
@Suite("UTF-8 validation")
struct UTF8ValidationTests {
    @Test(arguments: 0..<400)
    func agreesWithTheStandardLibrary(seed: Int) {
        var state = UInt64(seed) &* 0x9E37_79B9_7F4A_7C15 &+ 1
        func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        // Mostly well-formed text with edge cases spliced in, so both answers come up often.
        let pieces: [[UInt8]] = [Array("plain ascii text ".utf8), Array("é".utf8), Array("株".utf8), Array("🚚".utf8), [0xC0, 0x80], [0xE0, 0x80, 0x80],
                                 [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xF0, 0x9F, 0x9A], [0x80], [0xFF], [0xC2], [0xEF, 0xBF, 0xBF], [0xF4, 0x8F, 0xBF, 0xBF]]
        var bytes: [UInt8] = []
        for _ in 0..<Int(next() % 12) {
            let piece = pieces[Int(next() % UInt64(pieces.count))]
            // Well-formed pieces more often than broken ones.
            bytes += next() % 3 == 0 ? piece : pieces[Int(next() % 4)]
        }
        let expected = String(validating: bytes, as: UTF8.self) != nil
        #expect(bytes.withUnsafeBufferPointer(UTF8Validation.isValid) == expected, "\(bytes)")
    }
}
