/// What the values of a column look like.
public enum ValueKind: String, Sendable, Hashable, Codable, CaseIterable {
    case text, integer, decimal, boolean, date, datetime, email, url, phone, identifier
}

/// Classifies single values; the profiler turns counts of these into a column's kind.
public enum ValueClassifier {
    public struct Shapes: OptionSet, Sendable, Hashable {
        public let rawValue: UInt16
        public init(rawValue: UInt16) { self.rawValue = rawValue }
        public static let integer = Shapes(rawValue: 1 << 0)
        public static let decimal = Shapes(rawValue: 1 << 1)
        public static let boolean = Shapes(rawValue: 1 << 2)
        public static let date = Shapes(rawValue: 1 << 3)
        public static let datetime = Shapes(rawValue: 1 << 4)
        public static let email = Shapes(rawValue: 1 << 5)
        public static let url = Shapes(rawValue: 1 << 6)
        public static let phone = Shapes(rawValue: 1 << 7)
        public static let identifierLike = Shapes(rawValue: 1 << 8)
        /// 15 or 18 characters of letters and digits, as Salesforce ids are.
        public static let salesforceId = Shapes(rawValue: 1 << 9)
        public static let currency = Shapes(rawValue: 1 << 10)
        /// A numeric date that reads as day first only (`17/05/2023`).
        public static let dayFirst = Shapes(rawValue: 1 << 11)
        /// A numeric date that reads as month first only (`05/17/2023`).
        public static let monthFirst = Shapes(rawValue: 1 << 12)
        /// A numeric date that reads both ways (`01/02/2023`).
        public static let ambiguousOrder = Shapes(rawValue: 1 << 13)
        /// A domain name without scheme (`acme.example`).
        public static let domain = Shapes(rawValue: 1 << 14)
        /// Digits with a leading zero (`03902`): a code, which a number would change.
        public static let leadingZero = Shapes(rawValue: 1 << 15)
    }

    public static func shapes(of text: String) -> Shapes {
        var text = text
        return text.withUTF8 { shapes(of: $0) }
    }

    /// The shapes of a trimmed value's UTF-8 bytes. Byte tests rule out most parsers first: a
    /// value only becomes a String for the parsers it could pass.
    public static func shapes(of bytes: UnsafeBufferPointer<UInt8>) -> Shapes {
        var shapes: Shapes = []
        guard let first = bytes.first else { return shapes }
        let isDigitStart = first >= 0x30 && first <= 0x39
        let isLetterStart = (first | 0x20) >= 0x61 && (first | 0x20) <= 0x7A
        var digits = 0, letters = 0, at = false, slash = false, dot = false, numberBytesOnly = true
        for byte in bytes {
            switch byte {
            case 0x30...0x39: digits += 1
            case 0x41...0x5A, 0x61...0x7A: letters += 1
            case UInt8(ascii: "@"): at = true; numberBytesOnly = false
            case UInt8(ascii: "/"): slash = true; numberBytesOnly = false
            case UInt8(ascii: "."): dot = true
            case UInt8(ascii: ","), UInt8(ascii: "-"), UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: " "), UInt8(ascii: "'"),
                 UInt8(ascii: "+"), UInt8(ascii: "%"), UInt8(ascii: "\t"), UInt8(ascii: "$"), 0x80...: break
            default: numberBytesOnly = false
            }
        }
        if bytes.count <= 9 && BooleanParser.parse(String(decoding: bytes, as: UTF8.self)) != nil { shapes.insert(.boolean) }
        let allDigits = digits == bytes.count
        if allDigits || (first == UInt8(ascii: "-") && bytes.count > 1 && digits == bytes.count - 1) {
            if bytes.count > 1 && first == UInt8(ascii: "0") { shapes.formUnion([.identifierLike, .leadingZero]) } else { shapes.insert(.integer) }
        } else if digits > 0 && !slash && numberBytesOnly && letters <= 3 && NumberParser.parse(String(decoding: bytes, as: UTF8.self)) != nil {
            shapes.insert(.decimal)
            if bytes.contains(where: { $0 == UInt8(ascii: "$") || $0 >= 0x80 || (0x41...0x5A).contains($0) }) { shapes.insert(.currency) }
        }
        if digits > 0 && (isDigitStart && mayStartDate(bytes) || isLetterStart && startsWithMonthName(bytes)) {
            switch DateParser.parse(String(decoding: bytes, as: UTF8.self)) {
            case .success(let date): shapes.insert(date.hasTime ? .datetime : .date)
                if let order = numericOrder(bytes) { shapes.insert(order) }
            case .failure(.ambiguous):
                shapes.insert(.ambiguousOrder)
                shapes.insert(bytes.contains(UInt8(ascii: ":")) ? .datetime : .date)
            default: break
            }
        }
        if at {
            if dot && GongLikeFormat.isEmail(bytes) { shapes.insert(.email) }
        } else if hasPrefix(bytes, "http://") || hasPrefix(bytes, "https://") || hasPrefix(bytes, "www.") {
            shapes.insert(.url)
        } else if dot && GongLikeFormat.isDomain(bytes[...]) {
            shapes.insert(.domain)
        }
        if digits >= 7 && isPhone(bytes) {
            shapes.insert(.phone)
            // `+1 555 0100` is a phone number, not the decimal 15550100.
            if bytes.contains(where: { $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "(") || $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "-") }) { shapes.remove(.decimal) }
        }
        if digits > 0 && isIdentifier(bytes) {
            shapes.insert(.identifierLike)
            if (bytes.count == 15 || bytes.count == 18) && digits + letters == bytes.count && letters > 0 {
                shapes.insert(.salesforceId)
            }
        }
        return shapes
    }

    /// What the date parser needs of a value starting with a digit: 1, 2 or 4 digits and a
    /// date separator (it reads nothing else without epochs).
    static func mayStartDate(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        while index < bytes.count && bytes[index] >= 0x30 && bytes[index] <= 0x39 { index += 1 }
        guard index == 1 || index == 2 || index == 4, index < bytes.count else { return false }
        let separator = bytes[index]
        return separator == UInt8(ascii: "-") || separator == UInt8(ascii: "/") || separator == UInt8(ascii: ".") || separator == UInt8(ascii: " ")
    }

    static func startsWithMonthName(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard bytes.count >= 3 else { return false }
        let prefix = String(decoding: [bytes[0] | 0x20, bytes[1] | 0x20, bytes[2] | 0x20], as: UTF8.self)
        return Scanner.monthNames.contains(prefix)
    }

    static func hasPrefix(_ bytes: UnsafeBufferPointer<UInt8>, _ prefix: StaticString) -> Bool {
        guard bytes.count >= prefix.utf8CodeUnitCount else { return false }
        let start = prefix.utf8Start
        for index in 0..<prefix.utf8CodeUnitCount where bytes[index] != start[index] { return false }
        return true
    }

    static func numericOrder(_ bytes: UnsafeBufferPointer<UInt8>) -> Shapes? {
        guard let separatorIndex = bytes.firstIndex(where: { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "-") }),
              (1...2).contains(separatorIndex) else { return nil }
        let parts = bytes.split { $0 == bytes[separatorIndex] || $0 == 0x20 }.prefix(2).map { Int(String(decoding: $0, as: UTF8.self)) }
        guard parts.count == 2, let a = parts[0], let b = parts[1] else { return nil }
        if a > 12 { return .dayFirst }
        if b > 12 { return .monthFirst }
        return nil
    }

    /// `+1 (555) 010-2030`, `020 7946 0321`: 7 to 15 digits with phone punctuation, not a date.
    static func isPhone(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var digits = 0
        for byte in bytes {
            switch byte {
            case 0x30...0x39: digits += 1
            case UInt8(ascii: "+"), UInt8(ascii: " "), UInt8(ascii: "-"), UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "."): break
            default: return false
            }
        }
        guard (7...15).contains(digits) else { return false }
        return bytes.contains { $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "(") } || (10...15).contains(digits) && bytes.first == UInt8(ascii: "+")
    }

    /// One token of letters, digits, `-` and `_`, with at least one digit, 4 to 64 long.
    static func isIdentifier(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard (4...64).contains(bytes.count) else { return false }
        var hasDigit = false
        for byte in bytes {
            if byte >= 0x30 && byte <= 0x39 { hasDigit = true; continue }
            guard isAlphanumeric(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") else { return false }
        }
        return hasDigit
    }

    @inline(__always) static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || ((byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A)
    }
}

/// Loose shape checks for profiling (the strict Gong rules live in GongCRM).
enum GongLikeFormat {
    static func isEmail(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let at = bytes.firstIndex(of: UInt8(ascii: "@")), at > 0, at < bytes.count - 3,
              !bytes.contains(where: { $0 == 0x20 }), bytes.lastIndex(of: UInt8(ascii: "@")) == at else { return false }
        return isDomain(bytes[(at + 1)...])
    }

    static func isDomain(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
        guard bytes.count >= 4, bytes.count <= 253, let lastDot = bytes.lastIndex(of: UInt8(ascii: ".")), lastDot > bytes.startIndex else { return false }
        let tld = bytes[(lastDot + 1)...]
        guard tld.count >= 2, tld.allSatisfy({ ($0 | 0x20) >= 0x61 && ($0 | 0x20) <= 0x7A }) else { return false }
        return bytes.allSatisfy { ValueClassifier.isAlphanumeric($0) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "-") } && !bytes.contains(where: { $0 == 0x20 })
    }
}
