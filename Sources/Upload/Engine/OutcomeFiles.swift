import Foundation
import GongCRM
import Validation

/// `success.csv` and `errors.csv` of a run: one row per record sent, with the source file and row
/// it came from, its objectId, the outcome and Gong's message. Both are derived from Gong's answer
/// for the same lines, so they cannot disagree with each other or with Gong.
struct OutcomeFiles {
    let folder: String

    static let header = "source file,row,objectId,entity,outcome,message\n"

    func record(file: Journal.File, errors: [GongAPI.LineError], failures: Int) throws {
        guard let planned = PlannedLines(path: file.path) else { return }
        let messages = Dictionary(errors.compactMap { error in error.line.map { (Int($0), error.description ?? "") } }, uniquingKeysWith: { first, _ in first })
        let general = messages[0]
        // Gong lists at most 20 failing lines: when it failed more, the others are unknown.
        let complete = failures == messages.count && general == nil
        var success = "", failure = ""
        for line in planned.lines {
            let cells = [line.file, line.row, line.objectId, file.objectType]
            if let message = messages[line.number] {
                failure += Self.row(cells + ["rejected", "line \(line.number): \(message)"])
            } else if let general {
                failure += Self.row(cells + ["rejected", "the whole file: \(general)"])
            } else if complete {
                success += Self.row(cells + ["accepted", ""])
            } else {
                failure += Self.row(cells + ["unconfirmed", "Gong reported \(messages.count) of \(failures) failing lines; the next run sends this record again"])
            }
        }
        try append(success, to: folder + "/success.csv")
        try append(failure, to: folder + "/errors.csv")
    }

    static func row(_ cells: [String]) -> String { cells.map(CSVCell.escape).joined(separator: ",") + "\n" }

    private func append(_ text: String, to path: String) throws {
        if !FileManager.default.fileExists(atPath: path) {
            _ = FileManager.default.createFile(atPath: path, contents: Data(Self.header.utf8))
        }
        guard !text.isEmpty, let handle = FileHandle(forWritingAtPath: path) else { return }
        defer { try? handle.close() }
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(text.utf8))
    }
}
