import Foundation

/// The lines of a planned LDJSON file with their origins (source file, row, objectId), streamed
/// together in chunks without parsing the JSON, so a 200 MB file never sits in memory.
struct PlannedLines {
    struct Line {
        /// 1-based, as Gong numbers lines.
        var number: Int
        /// The line without its LF.
        var bytes: ArraySlice<UInt8>
        var file: String
        var row: String
        var objectId: String
        var isDeletion: Bool
    }

    let path: String

    init?(path: String) {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        self.path = path
    }

    /// Calls `body` for every line, in order.
    func forEach(_ body: (Line) throws -> Void) throws {
        let lines = try LineStream(path: path)
        let origins = try? LineStream(path: path + ".origins")
        var number = 0
        while let bytes = try lines.next() {
            number += 1
            let cells = (try origins?.next()).flatMap { $0 }.map { String(decoding: $0, as: UTF8.self).split(separator: "\t", omittingEmptySubsequences: false).map(String.init) } ?? []
            try body(Line(number: number, bytes: bytes, file: cells.first ?? "", row: cells.count > 1 ? cells[1] : "", objectId: cells.count > 2 ? cells[2] : "",
                          isDeletion: Self.isDeletion(bytes)))
        }
    }

    /// The key `"isDeleted":true` (inside a string value its quotes would be escaped).
    static func isDeletion(_ bytes: ArraySlice<UInt8>) -> Bool {
        let key = Array("\"isDeleted\":true".utf8)
        guard bytes.count >= key.count else { return false }
        var index = bytes.startIndex
        while index + key.count <= bytes.endIndex {
            if bytes[index] == key[0] && bytes[index..<(index + key.count)].elementsEqual(key) { return true }
            index += 1
        }
        return false
    }
}

/// Lines of a file read in 1 MB chunks.
final class LineStream {
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private var start = 0
    private var finished = false

    init(path: String) throws {
        handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
    }

    deinit { try? handle.close() }

    /// The next line without its LF; nil at the end.
    func next() throws -> ArraySlice<UInt8>? {
        while true {
            if let newline = buffer[start...].firstIndex(of: UInt8(ascii: "\n")) {
                defer { start = newline + 1 }
                return buffer[start..<newline]
            }
            if finished {
                guard start < buffer.count else { return nil }
                defer { start = buffer.count }
                return buffer[start...]
            }
            buffer.removeSubrange(..<start)
            start = 0
            if let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
                buffer.append(contentsOf: chunk)
            } else {
                finished = true
            }
        }
    }
}
