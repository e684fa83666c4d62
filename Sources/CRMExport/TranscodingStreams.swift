/// UTF-16 (either byte order) in, UTF-8 out; a lone surrogate becomes U+FFFD.
final class UTF16ToUTF8Stream: ByteStream {
    private let source: any ByteStream
    private let bigEndian: Bool
    private var input = [UInt8](repeating: 0, count: 64 * 1024)
    private var carry: [UInt8] = []
    private var pendingHighSurrogate: UInt32?
    private var output: [UInt8] = []
    private var outputPosition = 0

    init(_ source: any ByteStream, bigEndian: Bool) {
        self.source = source
        self.bigEndian = bigEndian
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        while outputPosition == output.count {
            output.removeAll(keepingCapacity: true)
            outputPosition = 0
            let count = try input.withUnsafeMutableBytes { try source.read(into: $0) }
            if count == 0 {
                if pendingHighSurrogate != nil || !carry.isEmpty { appendScalar(0xFFFD); pendingHighSurrogate = nil; carry = [] }
                if output.isEmpty { return 0 }
                break
            }
            var units = carry + input[..<count]
            carry = units.count % 2 == 1 ? [units.removeLast()] : []
            var index = 0
            while index < units.count {
                let unit = bigEndian ? UInt32(units[index]) << 8 | UInt32(units[index + 1]) : UInt32(units[index + 1]) << 8 | UInt32(units[index])
                index += 2
                decode(unit)
            }
        }
        let count = min(buffer.count, output.count - outputPosition)
        output.withUnsafeBytes { buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: $0[outputPosition..<(outputPosition + count)])) }
        outputPosition += count
        return count
    }

    private func decode(_ unit: UInt32) {
        if let high = pendingHighSurrogate {
            pendingHighSurrogate = nil
            if (0xDC00...0xDFFF).contains(unit) {
                appendScalar(0x10000 + ((high - 0xD800) << 10) + (unit - 0xDC00))
                return
            }
            appendScalar(0xFFFD)
        }
        if (0xD800...0xDBFF).contains(unit) { pendingHighSurrogate = unit; return }
        appendScalar((0xDC00...0xDFFF).contains(unit) ? 0xFFFD : unit)
    }

    private func appendScalar(_ value: UInt32) {
        output.append(contentsOf: Unicode.UTF8.encode(Unicode.Scalar(value) ?? "\u{FFFD}")!)
    }
}

/// Windows-1252 in, UTF-8 out.
final class Windows1252ToUTF8Stream: ByteStream {
    private let source: any ByteStream
    private var input = [UInt8](repeating: 0, count: 64 * 1024)
    private var output: [UInt8] = []
    private var outputPosition = 0

    init(_ source: any ByteStream) { self.source = source }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        if outputPosition == output.count {
            output.removeAll(keepingCapacity: true)
            outputPosition = 0
            let count = try input.withUnsafeMutableBytes { try source.read(into: $0) }
            if count == 0 { return 0 }
            for byte in input[..<count] { Windows1252.appendUTF8(of: byte, to: &output) }
        }
        let count = min(buffer.count, output.count - outputPosition)
        output.withUnsafeBytes { buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: $0[outputPosition..<(outputPosition + count)])) }
        outputPosition += count
        return count
    }
}

public enum Windows1252 {
    /// Code points of bytes 0x80–0x9F; the rest of the range maps to Latin-1.
    static let high: [UInt32] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D, 0x017D, 0x8F,
        0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
    ]

    @inline(__always)
    public static func appendUTF8(of byte: UInt8, to output: inout [UInt8]) {
        if byte < 0x80 { output.append(byte); return }
        let scalar = byte < 0xA0 ? high[Int(byte - 0x80)] : UInt32(byte)
        output.append(contentsOf: Unicode.UTF8.encode(Unicode.Scalar(scalar)!)!)
    }

    public static func decode<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
        var utf8: [UInt8] = []
        utf8.reserveCapacity(bytes.count + 8)
        for byte in bytes { appendUTF8(of: byte, to: &utf8) }
        return String(decoding: utf8, as: UTF8.self)
    }
}
