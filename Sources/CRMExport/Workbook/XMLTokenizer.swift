#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Receives what an `XMLTokenizer` reads, in document order.
///
/// Names, attributes and text point into the tokenizer's buffer: they are valid only during the call.
protocol XMLTokenHandler {
    /// A start tag; a self-closing tag (`<c r="A1"/>`) comes as a start then an end.
    mutating func startElement(_ element: XMLStartTag) throws
    mutating func endElement(_ name: XMLName) throws
    /// The characters between two tags, whole (never cut at a chunk's end), or one CDATA section.
    mutating func text(_ text: XMLText) throws
}

extension XMLTokenHandler {
    mutating func text(_ text: XMLText) throws {}
}

/// A malformed document: what is wrong and where (a byte offset in the part).
struct XMLSyntaxError: Error, Sendable, CustomStringConvertible {
    var offset: Int
    var message: String
    var description: String { "\(message) (byte \(offset))" }
}

/// A streaming XML tokenizer over bytes, fed chunk by chunk, that knows only what the parts of a
/// workbook need: tags with attributes, text with the five predefined entities and character
/// references, CDATA. Comments, processing instructions and the DOCTYPE are skipped; namespace
/// prefixes are dropped (`x:c` is `c`); nesting is not checked (the handlers track what they need).
///
/// Each chunk is copied after the unfinished token of the previous one, so a tag or a text node
/// cut by a chunk boundary is read whole once the next chunk arrives.
final class XMLTokenizer {
    private var buffer: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    /// The first byte not yet tokenized.
    private var start = 0
    /// One past the last byte held.
    private var end = 0
    /// Offset in the document of `buffer[0]`, for error messages.
    private var bufferOffset = 0
    private var sawFirstBytes = false
    /// The attributes of the tag being read: a buffer of its own rather than an array, whose
    /// uniqueness checks and retains cost more than the parsing itself on a sheet's millions of tags.
    private var attributes: UnsafeMutablePointer<XMLAttributeSpan>
    private var attributeCapacity = 16

    init(capacity: Int = 128 * 1024) {
        self.capacity = capacity
        buffer = .allocate(capacity: capacity)
        attributes = .allocate(capacity: attributeCapacity)
    }

    deinit {
        buffer.deallocate()
        attributes.deallocate()
    }

    func feed<Handler: XMLTokenHandler>(_ chunk: UnsafeRawBufferPointer, into handler: inout Handler) throws {
        guard let source = chunk.baseAddress, chunk.count > 0 else { return }
        if !sawFirstBytes {
            sawFirstBytes = true
            if chunk.count >= 2, (chunk[0] == 0xFF && chunk[1] == 0xFE) || (chunk[0] == 0xFE && chunk[1] == 0xFF) {
                throw XMLSyntaxError(offset: 0, message: "the XML is UTF-16; only UTF-8 parts are supported")
            }
        }
        makeRoom(for: chunk.count)
        UnsafeMutableRawPointer(buffer + end).copyMemory(from: source, byteCount: chunk.count)
        end += chunk.count
        try scan(into: &handler, atEnd: false)
    }

    /// Reads what the last chunk left; throws if the document stops inside a tag.
    func finish<Handler: XMLTokenHandler>(into handler: inout Handler) throws {
        try scan(into: &handler, atEnd: true)
        if start < end {
            throw XMLSyntaxError(offset: bufferOffset + start, message: "the document ends inside a tag, comment or CDATA section")
        }
    }

    private func makeRoom(for count: Int) {
        guard end + count > capacity else { return }
        let pending = end - start
        if pending + count <= capacity {
            if pending > 0 { memmove(buffer, buffer + start, pending) }
        } else {
            let newCapacity = max(capacity * 2, pending + count)
            let newBuffer = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
            if pending > 0 { newBuffer.initialize(from: buffer + start, count: pending) }
            buffer.deallocate()
            buffer = newBuffer
            capacity = newCapacity
        }
        bufferOffset += start
        start = 0
        end = pending
    }

    private func syntaxError(at index: Int, _ message: String) -> XMLSyntaxError {
        XMLSyntaxError(offset: bufferOffset + index, message: message)
    }

    private func scan<Handler: XMLTokenHandler>(into handler: inout Handler, atEnd: Bool) throws {
        let bytes = UnsafePointer(buffer)
        let end = self.end
        var index = start
        defer { start = index }
        scanning: while index < end {
            if bytes[index] != UInt8(ascii: "<") {
                let textEnd: Int
                if let next = findByte(UInt8(ascii: "<"), in: bytes, from: index, to: end) {
                    textEnd = next
                } else if atEnd {
                    textEnd = end
                } else {
                    break scanning // the text may go on in the next chunk
                }
                try handler.text(XMLText(raw: UnsafeBufferPointer(start: bytes + index, count: textEnd - index), isCDATA: false))
                index = textEnd
                continue
            }
            guard index + 1 < end else { break scanning }
            switch bytes[index + 1] {
            case UInt8(ascii: "/"):
                guard let close = findByte(UInt8(ascii: ">"), in: bytes, from: index + 2, to: end) else { break scanning }
                var nameEnd = close
                while nameEnd > index + 2 && isXMLWhitespace(bytes[nameEnd - 1]) { nameEnd -= 1 }
                guard nameEnd > index + 2 else { throw syntaxError(at: index, "an end tag without a name") }
                try handler.endElement(XMLName(qualified: UnsafeBufferPointer(start: bytes + index + 2, count: nameEnd - index - 2)))
                index = close + 1
            case UInt8(ascii: "?"):
                guard let close = find("?>", from: index + 2) else { break scanning }
                index = close + 2
            case UInt8(ascii: "!"):
                guard let next = try skipDeclaration(at: index, into: &handler) else { break scanning }
                index = next
            default:
                guard let next = try readStartTag(from: index + 1, into: &handler) else { break scanning }
                index = next
            }
        }
    }

    /// Comments, CDATA (given to the handler as text) and `<!DOCTYPE …>`: the index after them, or
    /// nil when they go on in the next chunk.
    private func skipDeclaration<Handler: XMLTokenHandler>(at index: Int, into handler: inout Handler) throws -> Int? {
        switch startsWith("<!--", at: index) {
        case true?:
            guard let close = find("-->", from: index + 4) else { return nil }
            return close + 3
        case nil:
            return nil
        case false?:
            break
        }
        switch startsWith("<![CDATA[", at: index) {
        case true?:
            guard let close = find("]]>", from: index + 9) else { return nil }
            try handler.text(XMLText(raw: UnsafeBufferPointer(start: buffer + index + 9, count: close - index - 9), isCDATA: true))
            return close + 3
        case nil:
            return nil
        case false?:
            break
        }
        // <!DOCTYPE …>, with an internal subset in brackets if any.
        var depth = 0
        var position = index + 2
        while position < end {
            switch buffer[position] {
            case UInt8(ascii: "["): depth += 1
            case UInt8(ascii: "]"): depth -= 1
            case UInt8(ascii: ">") where depth <= 0: return position + 1
            default: break
            }
            position += 1
        }
        return nil
    }

    /// Whether the bytes at `index` begin with `literal`; nil when they run out before it can tell.
    private func startsWith(_ literal: StaticString, at index: Int) -> Bool? {
        literal.withUTF8Buffer { expected in
            var offset = 0
            while offset < expected.count {
                if index + offset >= end { return nil }
                if buffer[index + offset] != expected[offset] { return false }
                offset += 1
            }
            return true
        }
    }

    private func find(_ terminator: StaticString, from position: Int) -> Int? {
        terminator.withUTF8Buffer { pattern in
            var from = position
            while let candidate = findByte(pattern[0], in: buffer, from: from, to: end) {
                guard candidate + pattern.count <= end else { return nil }
                var offset = 1
                while offset < pattern.count && buffer[candidate + offset] == pattern[offset] { offset += 1 }
                if offset == pattern.count { return candidate }
                from = candidate + 1
            }
            return nil
        }
    }

    /// Reads the start tag whose `<` is just before `first`, in one pass (a `>` inside a quoted
    /// value is no end): the index after the tag, or nil when the bytes held end inside it, to be
    /// read again once the next chunk is in.
    private func readStartTag<Handler: XMLTokenHandler>(from first: Int, into handler: inout Handler) throws -> Int? {
        let bytes = UnsafePointer(buffer)
        let end = self.end
        var index = first
        while index < end && !isXMLWhitespace(bytes[index]) && bytes[index] != UInt8(ascii: "/") && bytes[index] != UInt8(ascii: ">") { index += 1 }
        guard index < end else { return nil }
        guard index > first else { throw syntaxError(at: first - 1, "a '<' that starts no tag (text must write it as &lt;)") }
        let name = XMLName(qualified: UnsafeBufferPointer(start: bytes + first, count: index - first))
        var attributeCount = 0
        while true {
            while index < end && isXMLWhitespace(bytes[index]) { index += 1 }
            guard index < end else { return nil }
            if bytes[index] == UInt8(ascii: ">") {
                try handler.startElement(XMLStartTag(name: name, spans: UnsafeBufferPointer(start: attributes, count: attributeCount), base: bytes))
                return index + 1
            }
            if bytes[index] == UInt8(ascii: "/") {
                guard index + 1 < end else { return nil }
                guard bytes[index + 1] == UInt8(ascii: ">") else { throw syntaxError(at: index, "a '/' inside <\(name.string)> that does not end it") }
                try handler.startElement(XMLStartTag(name: name, spans: UnsafeBufferPointer(start: attributes, count: attributeCount), base: bytes))
                try handler.endElement(name)
                return index + 2
            }
            let nameStart = index
            while index < end && bytes[index] != UInt8(ascii: "=") && !isXMLWhitespace(bytes[index])
                    && bytes[index] != UInt8(ascii: ">") && bytes[index] != UInt8(ascii: "/") { index += 1 }
            let nameEnd = index
            while index < end && isXMLWhitespace(bytes[index]) { index += 1 }
            guard index < end else { return nil }
            guard nameEnd > nameStart, bytes[index] == UInt8(ascii: "=") else {
                throw syntaxError(at: nameStart, "an attribute without a value in <\(name.string)>")
            }
            index += 1
            while index < end && isXMLWhitespace(bytes[index]) { index += 1 }
            guard index < end else { return nil }
            let quote = bytes[index]
            guard quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") else {
                throw syntaxError(at: index, "an attribute value without quotes in <\(name.string)>")
            }
            guard let valueEnd = findByte(quote, in: bytes, from: index + 1, to: end) else { return nil }
            if attributeCount == attributeCapacity { growAttributes() }
            (attributes + attributeCount).initialize(to: XMLAttributeSpan(name: nameStart..<nameEnd, value: (index + 1)..<valueEnd, in: bytes))
            attributeCount += 1
            index = valueEnd + 1
        }
    }

    private func growAttributes() {
        let grown = UnsafeMutablePointer<XMLAttributeSpan>.allocate(capacity: attributeCapacity * 2)
        grown.moveInitialize(from: attributes, count: attributeCapacity)
        attributes.deallocate()
        attributes = grown
        attributeCapacity *= 2
    }
}

/// An element or attribute name without its namespace prefix (`x:c` is `c`).
struct XMLName {
    let bytes: UnsafeBufferPointer<UInt8>

    init(local bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    init(qualified: UnsafeBufferPointer<UInt8>) {
        var localStart = qualified.count
        while localStart > 0 && qualified[localStart - 1] != UInt8(ascii: ":") { localStart -= 1 }
        bytes = localStart == 0 ? qualified : UnsafeBufferPointer(rebasing: qualified[localStart...])
    }

    var string: String { String(decoding: bytes, as: UTF8.self) }

    static func == (name: XMLName, literal: StaticString) -> Bool { bytesEqual(name.bytes, literal) }
    static func != (name: XMLName, literal: StaticString) -> Bool { !bytesEqual(name.bytes, literal) }
    static func ~= (literal: StaticString, name: XMLName) -> Bool { bytesEqual(name.bytes, literal) }
}

/// Where one attribute's name and value lie in the tokenizer's buffer.
fileprivate struct XMLAttributeSpan {
    var localName: Range<Int>
    var value: Range<Int>
    /// `xmlns` and `xmlns:x` declare prefixes; they are no attribute of the element.
    var declaresNamespace: Bool

    init(name: Range<Int>, value: Range<Int>, in bytes: UnsafePointer<UInt8>) {
        var localStart = name.upperBound
        while localStart > name.lowerBound && bytes[localStart - 1] != UInt8(ascii: ":") { localStart -= 1 }
        localName = localStart..<name.upperBound
        self.value = value
        let prefixOrName = localStart == name.lowerBound ? name : name.lowerBound..<(localStart - 1)
        declaresNamespace = bytesEqual(UnsafeBufferPointer(start: bytes + prefixOrName.lowerBound, count: prefixOrName.count), "xmlns")
    }
}

/// A start tag: its name and attributes, read in place.
struct XMLStartTag {
    let name: XMLName
    fileprivate let spans: UnsafeBufferPointer<XMLAttributeSpan>
    fileprivate let base: UnsafePointer<UInt8>

    /// Each attribute's local name and raw value (entities not decoded), namespace declarations left out.
    func forEachAttribute(_ body: (XMLName, UnsafeBufferPointer<UInt8>) throws -> Void) rethrows {
        for span in spans where !span.declaresNamespace {
            try body(XMLName(local: buffer(span.localName)), buffer(span.value))
        }
    }

    /// The raw value (entities not decoded) of the attribute with this local name.
    func rawValue(of name: StaticString) -> UnsafeBufferPointer<UInt8>? {
        for span in spans where !span.declaresNamespace && bytesEqual(buffer(span.localName), name) {
            return buffer(span.value)
        }
        return nil
    }

    func value(of name: StaticString) -> String? {
        rawValue(of: name).map(XMLEntities.decodedString)
    }

    func intValue(of name: StaticString) -> Int? {
        rawValue(of: name).flatMap(parseDecimalInteger)
    }

    private func buffer(_ range: Range<Int>) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: base + range.lowerBound, count: range.count)
    }
}

/// Character data as written in the document; `appendDecoded` resolves its entities.
struct XMLText {
    let raw: UnsafeBufferPointer<UInt8>
    let isCDATA: Bool

    func appendDecoded(to output: inout [UInt8]) {
        if isCDATA {
            output.append(contentsOf: raw)
        } else {
            XMLEntities.appendDecoded(raw, to: &output)
        }
    }
}

/// `&lt;` `&gt;` `&amp;` `&quot;` `&apos;` and `&#10;` `&#x41;`. A `&` that starts none of them
/// is kept as written rather than failing the whole sheet.
enum XMLEntities {
    static func decodedString(_ raw: UnsafeBufferPointer<UInt8>) -> String {
        guard let base = raw.baseAddress, findByte(UInt8(ascii: "&"), in: base, from: 0, to: raw.count) != nil else {
            return String(decoding: raw, as: UTF8.self)
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(raw.count)
        appendDecoded(raw, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    static func appendDecoded(_ raw: UnsafeBufferPointer<UInt8>, to output: inout [UInt8]) {
        guard let base = raw.baseAddress else { return }
        let count = raw.count
        var index = 0
        while index < count {
            guard let ampersand = findByte(UInt8(ascii: "&"), in: base, from: index, to: count) else {
                output.append(contentsOf: UnsafeBufferPointer(start: base + index, count: count - index))
                return
            }
            output.append(contentsOf: UnsafeBufferPointer(start: base + index, count: ampersand - index))
            // The longest reference worth reading is `&#x10FFFF;`.
            if let semicolon = findByte(UInt8(ascii: ";"), in: base, from: ampersand + 1, to: min(count, ampersand + 12)),
               decode(UnsafeBufferPointer(start: base + ampersand + 1, count: semicolon - ampersand - 1), into: &output) {
                index = semicolon + 1
            } else {
                output.append(UInt8(ascii: "&"))
                index = ampersand + 1
            }
        }
    }

    /// The entity between `&` and `;`.
    private static func decode(_ name: UnsafeBufferPointer<UInt8>, into output: inout [UInt8]) -> Bool {
        guard name.count >= 2 else { return false }
        if name[0] == UInt8(ascii: "#") {
            let hexadecimal = name[1] == UInt8(ascii: "x") || name[1] == UInt8(ascii: "X")
            var index = hexadecimal ? 2 : 1
            guard index < name.count else { return false }
            var value: UInt32 = 0
            while index < name.count {
                guard let digit = digitValue(name[index], hexadecimal: hexadecimal) else { return false }
                value = value * (hexadecimal ? 16 : 10) + digit
                if value > 0x10FFFF { return false }
                index += 1
            }
            output.append(contentsOf: (Unicode.Scalar(value) ?? "\u{FFFD}").utf8)
            return true
        }
        let character: UInt8
        if bytesEqual(name, "lt") {
            character = UInt8(ascii: "<")
        } else if bytesEqual(name, "gt") {
            character = UInt8(ascii: ">")
        } else if bytesEqual(name, "amp") {
            character = UInt8(ascii: "&")
        } else if bytesEqual(name, "quot") {
            character = UInt8(ascii: "\"")
        } else if bytesEqual(name, "apos") {
            character = UInt8(ascii: "'")
        } else {
            return false
        }
        output.append(character)
        return true
    }

    private static func digitValue(_ byte: UInt8, hexadecimal: Bool) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f") where hexadecimal: return UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F") where hexadecimal: return UInt32(byte - UInt8(ascii: "A") + 10)
        default: return nil
        }
    }
}

// MARK: - Byte helpers shared by the workbook readers

/// The index of the first `byte` in `base[from..<to]`.
@inline(__always)
func findByte(_ byte: UInt8, in base: UnsafePointer<UInt8>, from: Int, to: Int) -> Int? {
    guard from < to, let found = memchr(base + from, Int32(byte), to - from) else { return nil }
    return UnsafeRawPointer(base).distance(to: UnsafeRawPointer(found))
}

@inline(__always)
func isXMLWhitespace(_ byte: UInt8) -> Bool {
    byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D
}

/// Whether `bytes` spell `literal` exactly.
@inline(__always)
func bytesEqual(_ bytes: UnsafeBufferPointer<UInt8>, _ literal: StaticString) -> Bool {
    literal.withUTF8Buffer { expected in
        guard expected.count == bytes.count else { return false }
        var index = 0
        while index < expected.count {
            if expected[index] != bytes[index] { return false }
            index += 1
        }
        return true
    }
}

/// A non-negative integer in ASCII digits (`42`), or nil for anything else.
func parseDecimalInteger(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
    guard !bytes.isEmpty, bytes.count <= 18 else { return nil }
    var value = 0
    for byte in bytes {
        guard byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") else { return nil }
        value = value * 10 + Int(byte - UInt8(ascii: "0"))
    }
    return value
}
