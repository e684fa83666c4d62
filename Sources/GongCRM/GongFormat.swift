/// Byte-level checks of the formats Gong documents (gong-crm-api.md §1.6, §3.1, §5).
public enum GongFormat {
    /// `YYYY-MM-DDTHH:MM:SS` followed by `Z` or `±HH:MM`, a real calendar date and clock time.
    public static func isDatetime(_ text: String) -> Bool {
        let b = Array(text.utf8)
        guard b.count == 20 || b.count == 25, b[10] == UInt8(ascii: "T") else { return false }
        guard let date = parseDate(b[0..<10]) , date.isValid else { return false }
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
        let b = Array(text.utf8)
        guard b.count == 10, let date = parseDate(b[0..<10]) else { return false }
        return date.isValid
    }

    static func parseDate(_ b: ArraySlice<UInt8>) -> CivilDate? {
        let s = b.startIndex
        guard b[s + 4] == UInt8(ascii: "-"), b[s + 7] == UInt8(ascii: "-") else { return nil }
        let all = Array(b)
        guard let y1 = twoDigits(all, 0), let y2 = twoDigits(all, 2), let m = twoDigits(all, 5), let d = twoDigits(all, 8) else { return nil }
        return CivilDate(year: y1 * 100 + y2, month: m, day: d)
    }

    static func twoDigits(_ b: [UInt8], _ at: Int) -> Int? {
        guard at + 1 < b.count else { return nil }
        let hi = Int(b[at]) - 48, lo = Int(b[at + 1]) - 48
        guard (0...9).contains(hi), (0...9).contains(lo) else { return nil }
        return hi * 10 + lo
    }

    /// A pragmatic address check: one `@`, a non-empty local part without spaces, and a domain
    /// with a dot, letters/digits/hyphens in its labels and a TLD of two or more letters.
    public static func isEmail(_ text: String) -> Bool {
        let b = Array(text.utf8)
        guard b.count <= 254, let at = b.firstIndex(of: UInt8(ascii: "@")), at > 0, at < b.count - 1 else { return false }
        let local = b[..<at], domain = b[(at + 1)...]
        guard local.count <= 64, !local.contains(where: { $0 <= 0x20 || $0 == UInt8(ascii: "@") || $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: ";") }),
              local.first != UInt8(ascii: "."), local.last != UInt8(ascii: "."), !contains(local, [0x2E, 0x2E]) else { return false }
        let labels = domain.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard labels.count >= 2 else { return false }
        for label in labels {
            guard !label.isEmpty, label.first != UInt8(ascii: "-"), label.last != UInt8(ascii: "-"),
                  label.allSatisfy({ isAlphanumeric($0) || $0 == UInt8(ascii: "-") || $0 >= 0x80 }) else { return false }
        }
        let tld = labels.last!
        return tld.count >= 2 && tld.allSatisfy { isLetter($0) || $0 >= 0x80 }
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

    static func contains(_ haystack: ArraySlice<UInt8>, _ needle: [UInt8]) -> Bool {
        guard haystack.count >= needle.count else { return false }
        var index = haystack.startIndex
        while index + needle.count <= haystack.endIndex {
            if haystack[index..<(index + needle.count)].elementsEqual(needle) { return true }
            index += 1
        }
        return false
    }

    @inline(__always) static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
    @inline(__always) static func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A }
    @inline(__always) static func isAlphanumeric(_ byte: UInt8) -> Bool { isDigit(byte) || isLetter(byte) }
}
