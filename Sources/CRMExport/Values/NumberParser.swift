/// Reads amounts as exports write them: `1,234.50`, `$1,234.50`, `€ 1.234,50`, `1 234`, `(250.00)`,
/// `12%`, `USD 99`, and turns them into canonical JSON numbers (`1234.5`).
public enum NumberParser {
    /// The decimal separator; `.auto` takes the last of `.`/`,` when both occur, and a lone comma
    /// followed by exactly three digits as a thousands separator.
    public enum DecimalMark: String, Sendable, Hashable, Codable, CaseIterable { case auto, point, comma }

    static let currencyCodes: Set<String> = ["USD", "EUR", "GBP", "JPY", "CHF", "CAD", "AUD", "NZD", "SEK", "NOK", "DKK", "PLN", "CZK", "HUF", "INR",
                                             "CNY", "RMB", "BRL", "MXN", "ZAR", "SGD", "HKD", "ILS", "AED", "SAR", "TRY", "KRW", "RUB", "RON", "BGN"]

    public static func parse(_ text: String, decimalMark: DecimalMark = .auto) -> String? {
        var copy = text
        if decimalMark != .comma, let plain = copy.withUTF8(plainNumber) { return plain ?? text }
        // More letters than a currency code: not a number (and no need to look closer).
        if text.utf8.lazy.filter({ ($0 | 0x20) >= 0x61 && ($0 | 0x20) <= 0x7A }).count > 3 { return nil }
        var negative = false
        var digitsAndMarks: [UInt8] = []
        var sawDigit = false
        let bytes = Array(text.utf8)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case 0x30...0x39:
                digitsAndMarks.append(byte)
                sawDigit = true
            case UInt8(ascii: "."), UInt8(ascii: ","):
                digitsAndMarks.append(byte)
            case UInt8(ascii: "-"), UInt8(ascii: "("):
                if sawDigit && byte == UInt8(ascii: "-") && index != bytes.count - 1 { return nil }
                negative = true
            case UInt8(ascii: " "), UInt8(ascii: "'"):
                // Between digits, a thousands separator (`1 234`, `1'234`), checked for groups of
                // three like the others: `2005 4` is not 20054. Elsewhere (`€ 12`), padding.
                if sawDigit, index + 1 < bytes.count, (0x30...0x39).contains(bytes[index + 1]) { digitsAndMarks.append(groupMark) }
            case UInt8(ascii: ")"), UInt8(ascii: "+"), UInt8(ascii: "%"), UInt8(ascii: "\t"):
                break
            case UInt8(ascii: "$"):
                break
            case 0x80...:
                // A currency sign (£ € ¥ ₹ …) or a no-break space, as a whole UTF-8 scalar.
                let length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2
                guard index + length <= bytes.count,
                      let scalar = String(decoding: bytes[index..<(index + length)], as: UTF8.self).unicodeScalars.first,
                      scalar.properties.generalCategory == .currencySymbol || scalar.properties.isWhitespace else { return nil }
                if scalar.properties.isWhitespace, sawDigit, index + length < bytes.count, (0x30...0x39).contains(bytes[index + length]) {
                    digitsAndMarks.append(groupMark)
                }
                index += length - 1
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"):
                // A currency code before or after the number.
                let start = index
                while index < bytes.count, (bytes[index] | 0x20) >= 0x61 && (bytes[index] | 0x20) <= 0x7A { index += 1 }
                guard currencyCodes.contains(String(decoding: bytes[start..<index], as: UTF8.self).uppercased()) else { return nil }
                index -= 1
            default:
                return nil
            }
            index += 1
        }
        guard sawDigit else { return nil }
        guard let (integer, fraction) = split(digitsAndMarks, decimalMark: decimalMark) else { return nil }
        return canonical(negative: negative, integer: integer, fraction: fraction)
    }

    /// A space, apostrophe or no-break space between digits, in `digitsAndMarks`.
    static let groupMark: UInt8 = 0x20

    /// `-?digits(.digits)?`, the common case, read without allocating. `.some(nil)` means the text
    /// is already canonical; nil sends it to the general parser.
    public static func plainNumber(_ b: UnsafeBufferPointer<UInt8>) -> String?? {
        var index = b.first == UInt8(ascii: "-") ? 1 : 0
        let integerStart = index
        while index < b.count && b[index] >= 0x30 && b[index] <= 0x39 { index += 1 }
        let integerDigits = index - integerStart
        guard integerDigits > 0 else { return nil }
        var fractionEnd = index
        if index < b.count {
            guard b[index] == UInt8(ascii: "."), index + 1 < b.count else { return nil }
            index += 1
            while index < b.count && b[index] >= 0x30 && b[index] <= 0x39 { index += 1 }
            guard index == b.count else { return nil }
            fractionEnd = index
            while b[fractionEnd - 1] == UInt8(ascii: "0") { fractionEnd -= 1 }
            if b[fractionEnd - 1] == UInt8(ascii: ".") { fractionEnd -= 1 }
        }
        let leadingZero = integerDigits > 1 && b[integerStart] == UInt8(ascii: "0")
        let negativeZero = integerStart == 1 && fractionEnd == integerStart + 1 && b[integerStart] == UInt8(ascii: "0")
        if !leadingZero && !negativeZero && fractionEnd == b.count { return .some(nil) }
        if leadingZero || negativeZero { return nil }
        return .some(String(decoding: UnsafeBufferPointer(rebasing: b[0..<fractionEnd]), as: UTF8.self))
    }

    static func split(_ bytes: [UInt8], decimalMark: DecimalMark) -> (ArraySlice<UInt8>, ArraySlice<UInt8>)? {
        let marks = bytes.indices.filter { bytes[$0] == UInt8(ascii: ".") || bytes[$0] == UInt8(ascii: ",") }
        let decimalIndex: Int?
        switch decimalMark {
        case _ where marks.isEmpty: decimalIndex = nil
        case .point: decimalIndex = bytes[marks.last!] == UInt8(ascii: ".") ? marks.last! : nil
        case .comma: decimalIndex = bytes[marks.last!] == UInt8(ascii: ",") ? marks.last! : nil
        case .auto:
            let last = marks.last!
            let kinds = Set(marks.map { bytes[$0] })
            if kinds.count == 2 {
                decimalIndex = last
            } else if marks.count > 1 {
                decimalIndex = nil
            } else if bytes[last] == UInt8(ascii: ",") && bytes.count - last - 1 == 3 {
                decimalIndex = nil
            } else {
                decimalIndex = last
            }
        }
        if let decimalIndex, marks.filter({ bytes[$0] == bytes[decimalIndex] }).count > 1 { return nil }
        let integerPart = bytes[..<(decimalIndex ?? bytes.count)]
        // Thousands separators must group by three, after one to three digits.
        let groups = integerPart.split(omittingEmptySubsequences: false) { $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: ",") || $0 == groupMark }
        if groups.count > 1, groups.dropFirst().contains(where: { $0.count != 3 }) || groups[0].isEmpty || groups[0].count > 3 { return nil }
        let integer = ArraySlice(integerPart.filter { $0 >= 0x30 && $0 <= 0x39 })
        let fraction = decimalIndex.map { bytes[($0 + 1)...] } ?? []
        guard fraction.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        return (integer, fraction)
    }

    static func canonical(negative: Bool, integer: ArraySlice<UInt8>, fraction: ArraySlice<UInt8>) -> String {
        var integer = integer.drop { $0 == UInt8(ascii: "0") }
        var fraction = fraction
        while fraction.last == UInt8(ascii: "0") { fraction.removeLast() }
        if integer.isEmpty { integer = [UInt8(ascii: "0")] }
        var text = String(decoding: integer, as: UTF8.self)
        if !fraction.isEmpty { text += "." + String(decoding: fraction, as: UTF8.self) }
        return negative && text != "0" ? "-" + text : text
    }
}

/// Reads yes/no words: `true/false`, `yes/no`, `y/n`, `1/0`, `x` (ticked), `on/off`, `checked`.
public enum BooleanParser {
    public static let trueWords: Set<String> = ["true", "yes", "y", "1", "x", "on", "t", "checked", "ja", "oui", "si", "sí", "wahr", "✓", "✔"]
    public static let falseWords: Set<String> = ["false", "no", "n", "0", "off", "f", "unchecked", "nein", "non", "falsch", "-"]

    public static func parse(_ text: String) -> Bool? {
        guard text.utf8.count <= 12 else { return nil }
        let word = text.trimmed.lowercased()
        if trueWords.contains(word) { return true }
        if falseWords.contains(word) { return false }
        return nil
    }
}
