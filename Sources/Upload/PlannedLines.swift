import Foundation

/// The lines of a planned LDJSON file with their origins (source file, row, objectId), read
/// together without parsing the JSON.
struct PlannedLines {
    struct Line {
        /// 1-based, as Gong numbers lines.
        var number: Int
        var bytes: Data
        var file: String
        var row: String
        var objectId: String
        var isDeletion: Bool
    }

    let lines: [Line]

    /// The key `"isDeleted":true` (inside a string value its quotes would be escaped).
    static func isDeletion(_ bytes: Data.SubSequence) -> Bool {
        bytes.range(of: Data("\"isDeleted\":true".utf8)) != nil
    }

    init?(path: String) {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        let origins = FileManager.default.contents(atPath: path + ".origins").map { String(decoding: $0, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false) } ?? []
        lines = data.split(separator: UInt8(ascii: "\n")).enumerated().map { index, bytes in
            let cells = index < origins.count ? origins[index].split(separator: "\t", omittingEmptySubsequences: false).map(String.init) : []
            return Line(number: index + 1, bytes: Data(bytes), file: cells.first ?? "", row: cells.count > 1 ? cells[1] : "", objectId: cells.count > 2 ? cells[2] : "",
                        isDeletion: Self.isDeletion(bytes))
        }
    }
}
