/// Writes records as Gong's line-delimited JSON: one compact object per line, UTF-8, LF,
/// no blank lines (gong-crm-api.md §5 rule 9, §6 #16).
public enum LDJSONEncoder {
    /// Appends `record` and a trailing LF to `output`.
    public static func append(_ record: GongRecord, to output: ByteBuffer) {
        output.append(UInt8(ascii: "{"))
        var first = true
        for field in record.fields {
            if !first { output.append(UInt8(ascii: ",")) }
            first = false
            appendString(field.name, to: output)
            output.append(UInt8(ascii: ":"))
            appendValue(field.value, to: output)
        }
        output.append(UInt8(ascii: "}"))
        output.append(UInt8(ascii: "\n"))
    }

    public static func append(_ record: GongRecord, to output: inout [UInt8]) {
        let buffer = ByteBuffer(capacity: 512)
        append(record, to: buffer)
        buffer.withUnsafeBytes { output.append(contentsOf: $0) }
    }

    public static func line(_ record: GongRecord) -> String {
        let buffer = ByteBuffer(capacity: 512)
        append(record, to: buffer)
        buffer.truncate(to: buffer.count - 1)
        return buffer.withUnsafeBytes { String(decoding: $0, as: UTF8.self) }
    }

    public static func appendValue(_ value: FieldValue, to output: ByteBuffer) {
        switch value {
        case .string(let text): appendString(text, to: output)
        case .number(let text): output.append(text)
        case .boolean(let flag): output.append(flag ? "true" : "false")
        case .null: output.append("null")
        case .strings(let items):
            output.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                appendString(item, to: output)
            }
            output.append(UInt8(ascii: "]"))
        }
    }

    /// JSON string with the minimal escapes; non-ASCII is written as UTF-8, not `\u` escapes.
    public static func appendString(_ text: String, to output: ByteBuffer) {
        var text = text
        text.withUTF8 { appendString(bytes: $0, to: output) }
    }

    /// `"text":`, the key of a field.
    public static func key(_ text: String) -> [UInt8] {
        let buffer = ByteBuffer(capacity: 64)
        appendString(text, to: buffer)
        buffer.append(UInt8(ascii: ":"))
        return buffer.array
    }

    /// A JSON string of UTF-8 `bytes`. Copied eight bytes at a time, each word stored before it is
    /// checked for bytes to escape: one pass over the text rather than a scan and then a copy.
    public static func appendString(bytes: UnsafeBufferPointer<UInt8>, to output: ByteBuffer) {
        let count = bytes.count
        // An escape is at most six bytes (\u001f).
        output.write(upTo: count * 6 + 2) { target in
            target[0] = UInt8(ascii: "\"")
            var out = 1
            if let source = bytes.baseAddress {
                var index = 0
                while index + 8 <= count {
                    let word = UnsafeRawPointer(source + index).loadUnaligned(as: UInt64.self)
                    UnsafeMutableRawPointer(target + out).storeBytes(of: word, as: UInt64.self)
                    let marks = ByteScan.jsonEscapes(word)
                    if marks == 0 {
                        index += 8
                        out += 8
                        continue
                    }
                    // Only the lowest mark is exact: take the bytes before it, escape it, go on after it.
                    let clean = marks.trailingZeroBitCount >> 3
                    out += clean + writeEscape(source[index + clean], to: target + out + clean)
                    index += clean + 1
                }
                while index < count {
                    let byte = source[index]
                    if ByteScan.needsJSONEscape(byte) {
                        out += writeEscape(byte, to: target + out)
                    } else {
                        target[out] = byte
                        out += 1
                    }
                    index += 1
                }
            }
            target[out] = UInt8(ascii: "\"")
            return out + 1
        }
    }

    private static let hexDigits: StaticString = "0123456789abcdef"

    /// Writes the escape of `byte` at `target`; returns its length.
    @inline(__always)
    private static func writeEscape(_ byte: UInt8, to target: UnsafeMutablePointer<UInt8>) -> Int {
        target[0] = UInt8(ascii: "\\")
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"): target[1] = byte
        case 0x0A: target[1] = UInt8(ascii: "n")
        case 0x0D: target[1] = UInt8(ascii: "r")
        case 0x09: target[1] = UInt8(ascii: "t")
        default:
            (target[1], target[2], target[3]) = (UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"))
            target[4] = hexDigits.utf8Start[Int(byte >> 4)]
            target[5] = hexDigits.utf8Start[Int(byte & 0xF)]
            return 6
        }
        return 2
    }
}
