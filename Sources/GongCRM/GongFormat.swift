/// Byte-level checks of the formats Gong documents (gong-crm-api.md §1.6, §3.1, §5).
public enum GongFormat {
    /// `YYYY-MM-DDTHH:MM:SS` followed by `Z` or `±HH:MM`, a real calendar date and clock time.
    public static func isDatetime(_ text: String) -> Bool {
        let count = text.utf8.count
        guard count == 20 || count == 25 else { return false }
        var text = text
        return text.withUTF8 { isDatetime(bytes: $0) }
    }

    public static func isDatetime(bytes b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard b.count == 20 || b.count == 25, b[10] == UInt8(ascii: "T") else { return false }
        guard let date = parseDate(b), date.isValid else { return false }
        guard b[13] == UInt8(ascii: ":"), b[16] == UInt8(ascii: ":"),
              let hour = twoDigits(b, 11), let minute = twoDigits(b, 14), let second = twoDigits(b, 17),
              hour < 24, minute < 60, second < 60 else { return false }
        if b.count == 20 { return b[19] == UInt8(ascii: "Z") }
        guard b[19] == UInt8(ascii: "+") || b[19] == UInt8(ascii: "-"), b[22] == UInt8(ascii: ":"),
              let offsetHour = twoDigits(b, 20), let offsetMinute = twoDigits(b, 23) else { return false }
        return offsetHour <= 14 && offsetMinute < 60
    }

    /// `YYYY-MM-DD` and a real calendar date.
    public static func isDate(_ text: String) -> Bool {
        guard text.utf8.count == 10 else { return false }
        var text = text
        return text.withUTF8 { parseDate($0)?.isValid ?? false }
    }

    /// `YYYY-MM-DD` at the start of `b`.
    static func parseDate(_ b: UnsafeBufferPointer<UInt8>) -> CivilDate? {
        guard b.count >= 10, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-") else { return nil }
        guard let y1 = twoDigits(b, 0), let y2 = twoDigits(b, 2), let m = twoDigits(b, 5), let d = twoDigits(b, 8) else { return nil }
        return CivilDate(year: y1 * 100 + y2, month: m, day: d)
    }

    @inline(__always)
    static func twoDigits(_ b: UnsafeBufferPointer<UInt8>, _ at: Int) -> Int? {
        guard at + 1 < b.count else { return nil }
        let hi = Int(b[at]) - 48, lo = Int(b[at + 1]) - 48
        guard (0...9).contains(hi), (0...9).contains(lo) else { return nil }
        return hi * 10 + lo
    }

    /// A pragmatic address check: one `@`, a non-empty local part without spaces, and a domain
    /// with a dot, letters/digits/hyphens in its labels and a TLD of two or more letters.
    public static func isEmail(_ text: String) -> Bool {
        var text = text
        return text.withUTF8(isEmail(bytes:))
    }

    public static func isEmail(bytes b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard b.count <= 254, let at = b.firstIndex(of: UInt8(ascii: "@")), at > 0, at <= 64, at < b.count - 1 else { return false }
        var previous: UInt8 = 0
        for index in 0..<at {
            let byte = b[index]
            if byte <= 0x20 || byte == UInt8(ascii: ",") || byte == UInt8(ascii: ";") { return false }
            if byte == UInt8(ascii: ".") && (index == 0 || previous == byte || index == at - 1) { return false }
            previous = byte
        }
        var labels = 0, labelLength = 0, tldLetters = true
        previous = UInt8(ascii: ".")
        for index in (at + 1)..<b.count {
            let byte = b[index]
            if byte == UInt8(ascii: ".") {
                guard labelLength > 0, previous != UInt8(ascii: "-") else { return false }
                labels += 1
                labelLength = 0
                tldLetters = true
            } else {
                guard isAlphanumeric(byte) || byte == UInt8(ascii: "-") || byte >= 0x80 else { return false }
                if labelLength == 0 && byte == UInt8(ascii: "-") { return false }
                if !(isLetter(byte) || byte >= 0x80) { tldLetters = false }
                labelLength += 1
            }
            previous = byte
        }
        return labels >= 1 && labelLength >= 2 && tldLetters && previous != UInt8(ascii: "-")
    }

    /// An absolute `http://` or `https://` URL with a host and no spaces.
    public static func isURL(_ text: String) -> Bool {
        let lower = text.lowercased()
        let rest: Substring
        if lower.hasPrefix("https://") { rest = lower.dropFirst(8) } else if lower.hasPrefix("http://") { rest = lower.dropFirst(7) } else { return false }
        let host = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" && $0 != ":" }
        guard !host.isEmpty, !text.contains(where: { $0 == " " || $0 == "\t" || $0 == "\n" }) else { return false }
        return host.contains(".") || host == "localhost"
    }

    /// A JSON number: `-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?`.
    public static func isJSONNumber(_ text: String) -> Bool {
        var b = Array(text.utf8)[...]
        if b.first == UInt8(ascii: "-") { b = b.dropFirst() }
        let intDigits = b.prefix { isDigit($0) }
        guard !intDigits.isEmpty, intDigits.count == 1 || intDigits.first != UInt8(ascii: "0") else { return false }
        b = b.dropFirst(intDigits.count)
        if b.first == UInt8(ascii: ".") {
            b = b.dropFirst()
            let fraction = b.prefix { isDigit($0) }
            guard !fraction.isEmpty else { return false }
            b = b.dropFirst(fraction.count)
        }
        if b.first == UInt8(ascii: "e") || b.first == UInt8(ascii: "E") {
            b = b.dropFirst()
            if b.first == UInt8(ascii: "+") || b.first == UInt8(ascii: "-") { b = b.dropFirst() }
            let exponent = b.prefix { isDigit($0) }
            guard !exponent.isEmpty else { return false }
            b = b.dropFirst(exponent.count)
        }
        return b.isEmpty
    }

    @inline(__always) public static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
    @inline(__always) public static func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A }
    @inline(__always) public static func isAlphanumeric(_ byte: UInt8) -> Bool { isDigit(byte) || isLetter(byte) }
}
