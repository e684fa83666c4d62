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

    /// A JSON string of UTF-8 `bytes`.
    public static func appendString(bytes: UnsafeBufferPointer<UInt8>, to output: ByteBuffer) {
        output.append(UInt8(ascii: "\""))
        if let base = bytes.baseAddress {
            var runStart = 0
            while true {
                let index = ByteScan.firstJSONEscape(base, from: runStart, to: bytes.count)
                output.append(UnsafeBufferPointer(start: base + runStart, count: index - runStart))
                if index == bytes.count { break }
                appendEscape(bytes[index], to: output)
                runStart = index + 1
            }
        }
        output.append(UInt8(ascii: "\""))
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    private static func appendEscape(_ byte: UInt8, to output: ByteBuffer) {
        output.append(0x5C)
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"): output.append(byte)
        case 0x0A: output.append(UInt8(ascii: "n"))
        case 0x0D: output.append(UInt8(ascii: "r"))
        case 0x09: output.append(UInt8(ascii: "t"))
        default:
            output.append("u00")
            output.append(hexDigits[Int(byte >> 4)])
            output.append(hexDigits[Int(byte & 0xF)])
        }
    }
}
