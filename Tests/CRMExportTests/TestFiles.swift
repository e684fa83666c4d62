import CRMExport
import Foundation

/// Temporary export folders for tests; removed when the value is dropped.
final class TemporaryExport {
    let folder: String

    init() {
        folder = NSTemporaryDirectory() + "gongmap-test-" + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: folder) }

    @discardableResult
    func write(_ name: String, _ text: String) -> String { write(name, bytes: Array(text.utf8)) }

    @discardableResult
    func write(_ name: String, bytes: [UInt8]) -> String {
        let path = folder + "/" + name
        _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
        return path
    }

    func export() throws -> Export { try Export.open([folder]) }

    /// Every row of a file as strings, with the issues the reader met.
    func rows(_ name: String, maxRowBytes: Int = RowReader.defaultMaxRowBytes) throws -> (header: [String], rows: [[String]], lines: [Int], issues: [ReadIssue]) {
        let export = try export()
        guard let file = export.file(named: name) else { return ([], [], [], export.issues) }
        let reader = try RowReader(file: file, maxRowBytes: maxRowBytes)
        var row = SourceRow()
        var rows: [[String]] = []
        var lines: [Int] = []
        while try reader.next(into: &row) {
            rows.append(row.cells)
            lines.append(row.line)
        }
        // JSON rows read before a key first appeared are shorter than the final header.
        let padded = rows.map { $0 + Array(repeating: "", count: max(0, reader.header.count - $0.count)) }
        return (reader.header, padded, lines, export.issues + reader.takeIssues())
    }
}
