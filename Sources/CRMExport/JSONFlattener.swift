/// Parses one JSON object into flat `(key path, text)` pairs: nested objects become dotted keys
/// (`properties.firstname`), arrays stay as their JSON text, `null` becomes empty, numbers keep
/// their written form.
struct JSONFlattener {
    struct Failure: Error {
        var offset: Int
        var message: String
    }

    /// Objects and arrays nested deeper are refused: the parser recurses, and 10,000 levels in one
    /// line would overflow the stack. CRM records nest a few levels.
    static let maxDepth = 64

    private let bytes: UnsafeBufferPointer<UInt8>
    private var index = 0
    private var depth = 0
    private(set) var pairs: [(key: String, value: String)] = []

    static func flatten(_ bytes: UnsafeBufferPointer<UInt8>) throws(Failure) -> [(key: String, value: String)] {
        var parser = JSONFlattener(bytes: bytes)
        parser.skipWhitespace()
        guard parser.peek == UInt8(ascii: "{") else {
            throw Failure(offset: parser.index, message: "expected a JSON object ({…}) for each record")
        }
        try parser.parseObject(prefix: "")
        parser.skipWhitespace()
        if parser.index < bytes.count { throw Failure(offset: parser.index, message: "unexpected text after the end of the object") }
        return parser.pairs
    }

    private init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    private var peek: UInt8? { index < bytes.count ? bytes[index] : nil }

    private mutating func skipWhitespace() {
        while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x0A || bytes[index] == 0x0D || bytes[index] == 0x09 { index += 1 }
    }

    private mutating func expect(_ byte: UInt8, _ what: String) throws(Failure) {
        skipWhitespace()
        guard peek == byte else { throw Failure(offset: index, message: "expected \(what)") }
        index += 1
    }

    private mutating func enter() throws(Failure) {
        depth += 1
        if depth > Self.maxDepth {
            throw Failure(offset: index, message: "objects and arrays are nested more than \(Self.maxDepth) levels deep; gongmap reads records nested at most \(Self.maxDepth) levels")
        }
    }

    private mutating func parseObject(prefix: String) throws(Failure) {
        try enter()
        defer { depth -= 1 }
        try expect(UInt8(ascii: "{"), "'{'")
        skipWhitespace()
        if peek == UInt8(ascii: "}") { index += 1; return }
        while true {
            skipWhitespace()
            guard peek == UInt8(ascii: "\"") else { throw Failure(offset: index, message: "expected a quoted key") }
            let key = try parseString()
            try expect(UInt8(ascii: ":"), "':' after the key \"\(key)\"")
            skipWhitespace()
            let path = prefix.isEmpty ? key : prefix + "." + key
            if peek == UInt8(ascii: "{") {
                try parseObject(prefix: path)
            } else {
                pairs.append((path, try parseScalarOrArray()))
            }
            skipWhitespace()
            guard let next = peek else { throw Failure(offset: index, message: "object is not closed with '}'") }
            index += 1
            if next == UInt8(ascii: "}") { return }
            guard next == UInt8(ascii: ",") else { throw Failure(offset: index - 1, message: "expected ',' or '}'") }
        }
    }

    private mutating func parseScalarOrArray() throws(Failure) -> String {
        guard let first = peek else { throw Failure(offset: index, message: "expected a value") }
        switch first {
        case UInt8(ascii: "\""): return try parseString()
        case UInt8(ascii: "["):
            let start = index
            try skipValue()
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
        case UInt8(ascii: "t"): try literal("true"); return "true"
        case UInt8(ascii: "f"): try literal("false"); return "false"
        case UInt8(ascii: "n"): try literal("null"); return ""
        default:
            let start = index
            while index < bytes.count, let byte = peek, byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") || (0x30...0x39).contains(byte) { index += 1 }
            guard index > start else { throw Failure(offset: index, message: "unexpected character '\(Character(Unicode.Scalar(first)))'") }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
        }
    }

    private mutating func literal(_ word: String) throws(Failure) {
        for byte in word.utf8 {
            guard peek == byte else { throw Failure(offset: index, message: "expected '\(word)'") }
            index += 1
        }
    }

    /// Skips any value (used for arrays, which are kept as text).
    private mutating func skipValue() throws(Failure) {
        skipWhitespace()
        guard let first = peek else { throw Failure(offset: index, message: "expected a value") }
        if first == UInt8(ascii: "[") || first == UInt8(ascii: "{") {
            try enter()
            defer { depth -= 1 }
            let close = first == UInt8(ascii: "[") ? UInt8(ascii: "]") : UInt8(ascii: "}")
            index += 1
            skipWhitespace()
            if peek == close { index += 1; return }
            while true {
                if first == UInt8(ascii: "{") {
                    skipWhitespace()
                    _ = try parseString()
                    try expect(UInt8(ascii: ":"), "':'")
                }
                try skipValue()
                skipWhitespace()
                guard let next = peek else { throw Failure(offset: index, message: "unclosed '\(Character(Unicode.Scalar(first)))'") }
                index += 1
                if next == close { return }
                guard next == UInt8(ascii: ",") else { throw Failure(offset: index - 1, message: "expected ','") }
            }
        }
        _ = try parseScalarOrArray()
    }

    private mutating func parseString() throws(Failure) -> String {
        let start = index
        index += 1
        var output: [UInt8] = []
        var runStart = index
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                index += 1
                return String(decoding: output, as: UTF8.self)
            }
            if byte == UInt8(ascii: "\\") {
                output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                index += 1
                guard index < bytes.count else { break }
                let escape = bytes[index]
                index += 1
                switch escape {
                case UInt8(ascii: "n"): output.append(0x0A)
                case UInt8(ascii: "t"): output.append(0x09)
                case UInt8(ascii: "r"): output.append(0x0D)
                case UInt8(ascii: "b"): output.append(0x08)
                case UInt8(ascii: "f"): output.append(0x0C)
                case UInt8(ascii: "u"):
                    var scalar = try hex4()
                    if (0xD800...0xDBFF).contains(scalar), index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") {
                        index += 2
                        let low = try hex4()
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low &- 0xDC00)
                    }
                    output.append(contentsOf: Unicode.UTF8.encode(Unicode.Scalar(scalar) ?? "\u{FFFD}")!)
                default: output.append(escape)
                }
                runStart = index
                continue
            }
            index += 1
        }
        throw Failure(offset: start, message: "string is not closed with '\"'")
    }

    private mutating func hex4() throws(Failure) -> UInt32 {
        guard index + 4 <= bytes.count else { throw Failure(offset: index, message: "incomplete \\u escape") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            let digit: UInt32
            switch byte {
            case 0x30...0x39: digit = UInt32(byte - 0x30)
            case 0x41...0x46: digit = UInt32(byte - 0x41 + 10)
            case 0x61...0x66: digit = UInt32(byte - 0x61 + 10)
            default: throw Failure(offset: index, message: "invalid \\u escape")
            }
            value = value << 4 | digit
            index += 1
        }
        return value
    }
}
