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
        let success = try Appender(path: folder + "/success.csv"), failure = try Appender(path: folder + "/errors.csv")
        try planned.forEach { line in
            let cells = [line.file, line.row, line.objectId, file.objectType]
            if let message = messages[line.number] {
                try failure.add(Self.row(cells + ["rejected", "line \(line.number): \(message)"]))
            } else if let general {
                try failure.add(Self.row(cells + ["rejected", "the whole file: \(general)"]))
            } else if complete {
                try success.add(Self.row(cells + ["accepted", ""]))
            } else {
                try failure.add(Self.row(cells + ["unconfirmed", "Gong reported \(messages.count) of \(failures) failing lines; the next run sends this record again"]))
            }
        }
        try success.close()
        try failure.close()
    }

    static func row(_ cells: [String]) -> String { cells.map(CSVCell.escape).joined(separator: ",") + "\n" }

    /// Appends rows to a CSV file (creating it with its header), buffered.
    final class Appender {
        private let handle: FileHandle
        private var pending = ""

        init(path: String) throws {
            if !FileManager.default.fileExists(atPath: path) {
                _ = FileManager.default.createFile(atPath: path, contents: Data(OutcomeFiles.header.utf8))
            }
            handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
            try handle.seekToEnd()
        }

        func add(_ row: String) throws {
            pending += row
            if pending.utf8.count > 1 << 20 { try flush() }
        }

        private func flush() throws {
            try handle.write(contentsOf: Data(pending.utf8))
            pending = ""
        }

        func close() throws {
            try flush()
            try handle.close()
        }
    }
}
