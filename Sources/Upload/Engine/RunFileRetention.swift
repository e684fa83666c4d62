import CZlib
import Foundation

/// What a run leaves in `.gongmap/runs/N/` after it: the latest finished run's `success.csv` and
/// `errors.csv` stay as they are; an earlier run's are gzipped (`zcat errors.csv.gz` reads them);
/// a run finished more than `keepDays` days ago loses its folder (the journal keeps its counts,
/// states and Gong's errors). A sync every few minutes would otherwise fill the disk.
struct RunFileRetention {
    static let outcomeFiles = ["success.csv", "errors.csv"]

    let runsFolder: String
    let keepDays: Int

    /// `finished`: when each run before the one that just ended finished (as the journal writes
    /// times); the folders of runs not in it (unfinished ones) are left alone.
    func apply(finished: [Int64: String], now: Date = Date()) {
        let limit = now.addingTimeInterval(-Double(keepDays) * 86_400)
        let parser = ISO8601DateFormatter()
        for name in (try? FileManager.default.contentsOfDirectory(atPath: runsFolder)) ?? [] {
            guard let id = Int64(name), let finishedAt = finished[id] else { continue }
            let folder = runsFolder + "/" + name
            if let date = parser.date(from: finishedAt), date < limit {
                try? FileManager.default.removeItem(atPath: folder)
                continue
            }
            for file in Self.outcomeFiles where FileManager.default.fileExists(atPath: folder + "/" + file) {
                try? Self.gzip(folder + "/" + file)
            }
        }
    }

    struct Failure: Error {}

    /// Writes `path.gz` beside `path` (through a temporary name, so a crash leaves one whole file), then removes `path`.
    static func gzip(_ path: String) throws {
        guard let input = FileHandle(forReadingAtPath: path) else { throw Failure() }
        defer { try? input.close() }
        let partial = path + ".gz.partial"
        guard let output = gzopen(partial, "wb1") else { throw Failure() }   // level 1: fast, and a success.csv still shrinks about ten times
        var written = true
        while let chunk = try input.read(upToCount: 1 << 20), !chunk.isEmpty {
            let count = chunk.withUnsafeBytes { gzwrite(output, $0.baseAddress, UInt32($0.count)) }
            if count != Int32(chunk.count) { written = false; break }
        }
        guard gzclose(output) == Z_OK, written else {
            try? FileManager.default.removeItem(atPath: partial)
            throw Failure()
        }
        guard rename(partial, path + ".gz") == 0 else { throw Failure() }
        try FileManager.default.removeItem(atPath: path)
    }
}
