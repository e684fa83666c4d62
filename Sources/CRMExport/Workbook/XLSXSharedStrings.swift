import Foundation

/// The workbook's shared strings (`xl/sharedStrings.xml`): a cell of type `s` holds an index into
/// them. Read whole, once, and only read after that, by every sheet's thread. Kept as one run of
/// UTF-8 bytes, so a cell's text is copied into its row without making a `String` of it.
final class SharedStrings: Sendable {
    private let bytes: [UInt8]
    /// String `i` is `bytes[ends[i - 1]..<ends[i]]` (from 0 for the first).
    private let ends: [Int]

    init(bytes: [UInt8], ends: [Int]) {
        self.bytes = bytes
        self.ends = ends
    }

    convenience init(_ strings: [String]) {
        var bytes: [UInt8] = []
        var ends: [Int] = []
        for string in strings {
            bytes += string.utf8
            ends.append(bytes.count)
        }
        self.init(bytes: bytes, ends: ends)
    }

    static let empty = SharedStrings([])

    /// String `index`'s bytes, or nil when the workbook has no such string.
    func withBytes<R>(at index: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R? {
        guard index >= 0 && index < ends.count else { return nil }
        let start = index == 0 ? 0 : ends[index - 1]
        return try bytes.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[start..<ends[index]])) }
    }
}

/// Loads the shared strings on first use and keeps them for the workbook's other sheets.
final class SharedStringsCache: @unchecked Sendable {
    private let lock = NSLock()
    private var table: SharedStrings?

    func table(loading load: () throws -> SharedStrings) rethrows -> SharedStrings {
        lock.lock()
        defer { lock.unlock() }
        if let table { return table }
        let loaded = try load()
        table = loaded
        return loaded
    }
}

/// Reads `<sst>`: one string per `<si>`.
struct SharedStringsHandler: XMLTokenHandler {
    private var bytes: [UInt8] = []
    private var ends: [Int] = []
    private var item = RichTextCollector()
    private var inItem = false

    mutating func startElement(_ element: XMLStartTag) throws {
        if inItem {
            item.start(element.name)
        } else if element.name == "si" {
            inItem = true
            item.reset()
        } else if element.name == "sst", let count = element.intValue(of: "uniqueCount") {
            ends.reserveCapacity(min(count, 1 << 22))
        }
    }

    mutating func endElement(_ name: XMLName) throws {
        guard inItem else { return }
        if name == "si" {
            item.appendText(to: &bytes)
            ends.append(bytes.count)
            inItem = false
        } else {
            item.end(name)
        }
    }

    mutating func text(_ text: XMLText) throws {
        if inItem { item.text(text) }
    }

    var strings: SharedStrings { SharedStrings(bytes: bytes, ends: ends) }
}

/// The text of a rich string (`<si>` or an inline `<is>`): its `<t>`, or its runs' `<r><t>` joined,
/// without the phonetic readings (`<rPh><t>`) Japanese workbooks add.
struct RichTextCollector {
    private var bytes: [UInt8] = []
    private var phoneticDepth = 0
    private var inText = false

    var isEmpty: Bool { bytes.isEmpty }

    mutating func reset() {
        bytes.removeAll(keepingCapacity: true)
        phoneticDepth = 0
        inText = false
    }

    mutating func start(_ name: XMLName) {
        if name == "rPh" {
            phoneticDepth += 1
        } else if name == "t" && phoneticDepth == 0 {
            inText = true
        }
    }

    mutating func end(_ name: XMLName) {
        if name == "t" {
            inText = false
        } else if name == "rPh" {
            phoneticDepth = max(0, phoneticDepth - 1)
        }
    }

    mutating func text(_ text: XMLText) {
        if inText { text.appendDecoded(to: &bytes) }
    }

    /// The text collected, its `_xHHHH_` escapes undone, as valid UTF-8.
    func appendText(to output: inout [UInt8]) {
        bytes.withUnsafeBufferPointer { OOXMLEscapes.appendUnescaped($0, to: &output) }
    }
}

/// Characters XML cannot hold, and carriage returns, are written `_xHHHH_` in cell text
/// (`_x000D_`); a literal `_x` followed by four hex digits is itself escaped as `_x005F_`.
enum OOXMLEscapes {
    static func string(from bytes: [UInt8]) -> String {
        var output: [UInt8] = []
        bytes.withUnsafeBufferPointer { appendUnescaped($0, to: &output) }
        return String(decoding: output, as: UTF8.self)
    }

    /// `bytes` with their escapes undone, appended to `output` as valid UTF-8 (a byte that is not
    /// UTF-8 becomes U+FFFD, as `String(decoding:)` makes it).
    static func appendUnescaped(_ bytes: UnsafeBufferPointer<UInt8>, to output: inout [UInt8]) {
        guard let first = firstEscape(in: bytes, from: 0) else {
            appendValidUTF8(bytes, to: &output)
            return
        }
        var unescaped: [UInt8] = []
        unescaped.reserveCapacity(bytes.count)
        unescaped.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[..<first]))
        var index = first
        while index < bytes.count {
            if let unit = escapedUnit(in: bytes, at: index) {
                var scalar = Unicode.Scalar(UInt32(unit))
                var length = 7
                if (0xD800...0xDBFF).contains(unit), let low = escapedUnit(in: bytes, at: index + 7), (0xDC00...0xDFFF).contains(low) {
                    scalar = Unicode.Scalar(0x10000 + ((UInt32(unit) - 0xD800) << 10) + (UInt32(low) - 0xDC00))
                    length = 14
                }
                unescaped.append(contentsOf: (scalar ?? "\u{FFFD}").utf8)
                index += length
            } else {
                unescaped.append(bytes[index])
                index += 1
            }
        }
        unescaped.withUnsafeBufferPointer { appendValidUTF8($0, to: &output) }
    }

    private static func firstEscape(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        guard let base = bytes.baseAddress else { return nil }
        var index = start
        while let underscore = findByte(UInt8(ascii: "_"), in: base, from: index, to: bytes.count) {
            if escapedUnit(in: bytes, at: underscore) != nil { return underscore }
            index = underscore + 1
        }
        return nil
    }

    /// The UTF-16 unit of `_xHHHH_` at `index`.
    private static func escapedUnit(in bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> UInt16? {
        guard index + 7 <= bytes.count, bytes[index] == UInt8(ascii: "_"), bytes[index + 1] == UInt8(ascii: "x"),
              bytes[index + 6] == UInt8(ascii: "_") else { return nil }
        var value: UInt16 = 0
        for offset in 2..<6 {
            let byte = bytes[index + offset]
            let digit: UInt16
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt16(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt16(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt16(byte - UInt8(ascii: "A") + 10)
            default: return nil
            }
            value = (value << 4) | digit
        }
        return value
    }
}

/// Appends `bytes`, repaired the way `String(decoding:as:)` repairs them when they are not UTF-8.
func appendValidUTF8(_ bytes: UnsafeBufferPointer<UInt8>, to output: inout [UInt8]) {
    if UTF8Validation.isValid(bytes) {
        output.append(contentsOf: bytes)
    } else {
        output.append(contentsOf: String(decoding: bytes, as: UTF8.self).utf8)
    }
}
