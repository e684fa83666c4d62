import Foundation

/// The workbook's shared strings (`xl/sharedStrings.xml`): a cell of type `s` holds an index into
/// them. Read whole, once, and only read after that, by every sheet's thread.
final class SharedStrings: Sendable {
    let strings: [String]

    init(_ strings: [String]) { self.strings = strings }

    static let empty = SharedStrings([])
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
    private(set) var strings: [String] = []
    private var item = RichTextCollector()
    private var inItem = false

    mutating func startElement(_ element: XMLStartTag) throws {
        if inItem {
            item.start(element.name)
        } else if element.name == "si" {
            inItem = true
            item.reset()
        } else if element.name == "sst", let count = element.intValue(of: "uniqueCount") {
            strings.reserveCapacity(min(count, 1 << 22))
        }
    }

    mutating func endElement(_ name: XMLName) throws {
        guard inItem else { return }
        if name == "si" {
            strings.append(item.makeString())
            inItem = false
        } else {
            item.end(name)
        }
    }

    mutating func text(_ text: XMLText) throws {
        if inItem { item.text(text) }
    }
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

    func makeString() -> String { OOXMLEscapes.string(from: bytes) }
}

/// Characters XML cannot hold, and carriage returns, are written `_xHHHH_` in cell text
/// (`_x000D_`); a literal `_x` followed by four hex digits is itself escaped as `_x005F_`.
enum OOXMLEscapes {
    static func string(from bytes: [UInt8]) -> String {
        bytes.withUnsafeBufferPointer { string(from: $0) }
    }

    static func string(from bytes: UnsafeBufferPointer<UInt8>) -> String {
        guard let first = firstEscape(in: bytes, from: 0) else { return String(decoding: bytes, as: UTF8.self) }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[..<first]))
        var index = first
        while index < bytes.count {
            if let unit = escapedUnit(in: bytes, at: index) {
                var scalar = Unicode.Scalar(UInt32(unit))
                var length = 7
                if (0xD800...0xDBFF).contains(unit), let low = escapedUnit(in: bytes, at: index + 7), (0xDC00...0xDFFF).contains(low) {
                    scalar = Unicode.Scalar(0x10000 + ((UInt32(unit) - 0xD800) << 10) + (UInt32(low) - 0xDC00))
                    length = 14
                }
                output.append(contentsOf: (scalar ?? "\u{FFFD}").utf8)
                index += length
            } else {
                output.append(bytes[index])
                index += 1
            }
        }
        return String(decoding: output, as: UTF8.self)
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
