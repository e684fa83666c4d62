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

    /// The index of the first byte in `start..<end` for which JSON needs an escape
    /// (a control character, `"` or `\`), or `end`.
    public static func firstJSONEscape(_ base: UnsafePointer<UInt8>, from start: Int, to end: Int) -> Int {
        var index = start
        while index + 8 <= end {
            let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
            // Bytes below 0x20: subtracting 0x20 borrows into the high bit (for bytes < 0x80).
            let control = (word &- 0x2020_2020_2020_2020) & ~word & 0x8080_8080_8080_8080
            if control | equalBytes(word, UInt8(ascii: "\"")) | equalBytes(word, UInt8(ascii: "\\")) != 0 { break }
            index += 8
        }
        while index < end {
            let byte = base[index]
            if byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { return index }
            index += 1
        }
        return end
    }
}
