/// Text damaged on its way out of a CRM: UTF-8 that was read as Windows-1252 and saved again
/// (`CafÃ©` for `Café`), invisible zero-width characters, no-break spaces at the ends of a value.
/// Such values look right on screen and never match in Gong.
public enum DirtyText {
    public enum Damage: Sendable, Equatable {
        case mojibake(repaired: String)
        case invisibleCharacters
        case noBreakSpaceAtEnd
    }

    /// False for UTF-8 bytes that cannot hold any damage: the cheap test on every value, which
    /// lets accented text that is right ("Müller", "Chloé") through without decoding it.
    /// Mojibake always has a character from U+00C2–U+00F4 (UTF-8 `C3 82`–`C3 B4`, the lead byte
    /// read as Windows-1252) followed by one a continuation byte becomes (`C2 80`–`C2 BF`, or
    /// `C5`/`C6`/`CB`/`E2 …` for the bytes 0x80–0x9F).
    public static func mayBeDirty(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let count = bytes.count
        guard count > 0 else { return false }
        var index = 0
        while index < count {
            let byte = bytes[index]
            if byte < 0xC2 { index += 1; continue }
            switch byte {
            case 0xC2 where index + 1 < count && (index == 0 || index + 2 == count):
                if bytes[index + 1] == 0xA0 { return true }
            case 0xC3 where index + 2 < count:
                let next = bytes[index + 2]
                if bytes[index + 1] >= 0x82 && bytes[index + 1] <= 0xB4 && (next == 0xC2 || next == 0xC5 || next == 0xC6 || next == 0xCB || next == 0xE2) { return true }
            case 0xE2 where index + 2 < count:
                let second = bytes[index + 1], third = bytes[index + 2]
                if second == 0x80 && (0x8B...0x8D).contains(third) || second == 0x81 && third == 0xA0 { return true }
                if second == 0x80 && (third == 0xAF || third == 0x87) && (index == 0 || index + 3 == count) { return true }
            case 0xEF where index + 2 < count:
                if bytes[index + 1] == 0xBB && bytes[index + 2] == 0xBF { return true }
            default: break
            }
            index += 1
        }
        return false
    }

    public static func damage(in text: String) -> Damage? {
        var text = text
        guard text.withUTF8(mayBeDirty) else { return nil }
        if let repaired = undoMojibake(text) { return .mojibake(repaired: repaired) }
        if text.unicodeScalars.contains(where: isInvisible) { return .invisibleCharacters }
        if let first = text.unicodeScalars.first, let last = text.unicodeScalars.last, isNoBreakSpace(first) || isNoBreakSpace(last) { return .noBreakSpaceAtEnd }
        return nil
    }

    /// The `clean` transform: mojibake undone, invisible characters removed, no-break spaces
    /// made plain spaces, white space at the ends trimmed.
    public static func repair(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 >= 0x80 }) else { return text.trimmed }
        var text = text
        // Text saved wrongly twice carries the damage twice.
        for _ in 0..<2 {
            guard let repaired = undoMojibake(text) else { break }
            text = repaired
        }
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars where !isInvisible(scalar) {
            scalars.append(isNoBreakSpace(scalar) ? " " : scalar)
        }
        return String(scalars).trimmed
    }

    public static func describe(_ damage: Damage, value: String) -> String {
        switch damage {
        case .mojibake(let repaired):
            "'\(value)' looks like UTF-8 text read as Windows-1252 ('\(repaired)'); export the file as UTF-8, or add '| clean' to repair it"
        case .invisibleCharacters:
            "'\(value)' holds invisible zero-width characters, so it will not match the same text typed in Gong; add '| clean' to remove them"
        case .noBreakSpaceAtEnd:
            "'\(value)' starts or ends with a no-break space, which 'trim' in other tools misses; add '| clean' to remove it"
        }
    }

    /// The text its Windows-1252 bytes spell as UTF-8, when that is different valid UTF-8.
    static func undoMojibake(_ text: String) -> String? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var sawHigh = false
        for scalar in text.unicodeScalars {
            guard let byte = windows1252Byte(scalar) else { return nil }
            sawHigh = sawHigh || byte >= 0x80
            bytes.append(byte)
        }
        guard sawHigh, let decoded = String(validating: bytes, as: UTF8.self), decoded != text else { return nil }
        return decoded
    }

    static func windows1252Byte(_ scalar: Unicode.Scalar) -> UInt8? {
        let value = scalar.value
        if value < 0x80 || (0xA0...0xFF).contains(value) { return UInt8(value) }
        if let index = Windows1252.high.firstIndex(of: value) { return UInt8(0x80 + index) }
        return nil
    }

    static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF: true
        default: false
        }
    }

    static func isNoBreakSpace(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value == 0xA0 || scalar.value == 0x202F || scalar.value == 0x2007
    }
}
