/// Cuts a JSON export into records without holding the file: one object per line (NDJSON), or
/// the elements of a top-level array. Keeps the physical line where each record starts.
final class JSONRecordSplitter {
    enum Layout { case lines, array }

    private let stream: any ByteStream
    private let layout: Layout
    private var chunk = [UInt8](repeating: 0, count: 256 * 1024)
    private var position = 0
    private var end = 0
    private var exhausted = false
    private var line = 1
    private var started = false
    private var finished = false
    let maxRecordBytes: Int

    /// The record's bytes; valid until the next call.
    private(set) var record: [UInt8] = []
    private(set) var recordLine = 0

    init(stream: any ByteStream, layout: Layout, maxRecordBytes: Int) {
        self.stream = stream
        self.layout = layout
        self.maxRecordBytes = maxRecordBytes
    }

    struct Malformed: Error {
        var line: Int
        var message: String
    }

    private func nextByte() throws -> UInt8? {
        if position == end {
            guard !exhausted else { return nil }
            end = try chunk.withUnsafeMutableBytes { try stream.read(into: $0) }
            position = 0
            if end == 0 { exhausted = true; return nil }
        }
        defer { position += 1 }
        return chunk[position]
    }

    private func peekByte() throws -> UInt8? {
        guard let byte = try nextByte() else { return nil }
        position -= 1
        return byte
    }

    private func skipWhitespace() throws {
        while let byte = try peekByte(), byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 {
            if byte == 0x0A { line += 1 }
            position += 1
        }
    }

    /// Next record into `record`; false at the end.
    func next() throws -> Bool {
        record.removeAll(keepingCapacity: true)
        switch layout {
        case .lines: return try nextLine()
        case .array: return try nextElement()
        }
    }

    private func nextLine() throws -> Bool {
        while true {
            recordLine = line
            var sawByte = false
            while let byte = try nextByte() {
                sawByte = true
                if byte == 0x0A { break }
                if record.count < maxRecordBytes { record.append(byte) }
            }
            if !sawByte { return false }
            line += 1
            if record.last == 0x0D { record.removeLast() }
            if record.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { record.removeAll(keepingCapacity: true); continue }
            return true
        }
    }

    private func nextElement() throws -> Bool {
        if finished { return false }
        try skipWhitespace()
        if !started {
            guard try nextByte() == UInt8(ascii: "[") else { throw Malformed(line: line, message: "expected '[' to open an array of records") }
            started = true
            try skipWhitespace()
            if try peekByte() == UInt8(ascii: "]") { position += 1; finished = true; return false }
        } else {
            switch try nextByte() {
            case UInt8(ascii: ","): try skipWhitespace()
            case UInt8(ascii: "]"): finished = true; return false
            case nil: throw Malformed(line: line, message: "the array is not closed with ']'")
            default: throw Malformed(line: line, message: "expected ',' or ']' between records")
            }
        }
        recordLine = line
        var depth = 0
        var inString = false
        var escaped = false
        while let byte = try nextByte() {
            if record.count >= maxRecordBytes { throw Malformed(line: recordLine, message: "record is larger than \(maxRecordBytes) bytes; is a bracket or quote unbalanced?") }
            record.append(byte)
            if byte == 0x0A { line += 1 }
            if inString {
                if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "\"") { inString = false }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth -= 1
                if depth == 0 { return true }
            default:
                if depth == 0 && (byte == UInt8(ascii: ",") || byte == UInt8(ascii: "]")) {
                    throw Malformed(line: recordLine, message: "array elements must be objects")
                }
            }
        }
        throw Malformed(line: recordLine, message: "record is not closed; the file ends inside it")
    }
}
