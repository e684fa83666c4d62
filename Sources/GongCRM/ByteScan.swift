/// Word-at-a-time byte searches (SWAR): eight bytes per step instead of one.
public enum ByteScan {
    @inline(__always) static func broadcast(_ byte: UInt8) -> UInt64 { 0x0101_0101_0101_0101 &* UInt64(byte) }

    /// High bit set in each byte of `word` that is zero.
    @inline(__always) public static func zeroBytes(_ word: UInt64) -> UInt64 {
        (word &- 0x0101_0101_0101_0101) & ~word & 0x8080_8080_8080_8080
    }

    /// High bit set in each byte of `word` equal to `byte`.
    @inline(__always) public static func equalBytes(_ word: UInt64, _ byte: UInt8) -> UInt64 {
        zeroBytes(word ^ broadcast(byte))
    }

    /// High bit set in each byte of `word` for which JSON needs an escape (a control character,
    /// `"` or `\`); exact for the lowest such byte.
    @inline(__always) public static func jsonEscapes(_ word: UInt64) -> UInt64 {
        // Bytes below 0x20: subtracting 0x20 borrows into the high bit (for bytes < 0x80).
        let control = (word &- 0x2020_2020_2020_2020) & ~word & 0x8080_8080_8080_8080
        return control | equalBytes(word, UInt8(ascii: "\"")) | equalBytes(word, UInt8(ascii: "\\"))
    }

    @inline(__always) public static func needsJSONEscape(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
    }
}
