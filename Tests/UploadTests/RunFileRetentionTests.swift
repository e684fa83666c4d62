import Foundation
import Testing
@testable import Upload

/// What runs leave in `.gongmap/runs/`: earlier runs' results gzipped whole, folders of runs
/// finished over `keepDays` ago removed, unfinished runs untouched.
@Suite("Run folders")
struct RunFileRetentionTests {
    /// The text of a gzip file, through `gzip -dc`.
    static func gunzip(_ path: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/gzip")
        process.arguments = ["-dc", path]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        return String(decoding: data, as: UTF8.self)
    }

    @Test func oldFoldersGoAndEarlierResultsAreGzippedWhole() throws {
        let runs = NSTemporaryDirectory() + "gongmap-runs-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: runs) }
        let results = "source file,row,objectId,entity,outcome,message\n" + (1...5000).map { "Contact.csv,\($0),c\($0),CONTACT,accepted,\n" }.joined()
        for run in ["1", "2", "3", "next"] {
            try FileManager.default.createDirectory(atPath: runs + "/" + run, withIntermediateDirectories: true)
            try results.write(toFile: runs + "/\(run)/success.csv", atomically: true, encoding: .utf8)
            try "{}".write(toFile: runs + "/\(run)/summary.json", atomically: true, encoding: .utf8)
        }
        let now = Date(timeIntervalSince1970: 1_780_000_000)
        let formatter = ISO8601DateFormatter()
        RunFileRetention(runsFolder: runs, keepDays: 30).apply(finished: [
            1: formatter.string(from: now.addingTimeInterval(-31 * 86_400)),
            2: formatter.string(from: now.addingTimeInterval(-29 * 86_400)),
        ], now: now)

        #expect(!FileManager.default.fileExists(atPath: runs + "/1"), "finished 31 days ago")
        #expect(!FileManager.default.fileExists(atPath: runs + "/2/success.csv"))
        #expect(try Self.gunzip(runs + "/2/success.csv.gz") == results)
        let compressed = try #require(try FileManager.default.attributesOfItem(atPath: runs + "/2/success.csv.gz")[.size] as? Int)
        #expect(compressed * 5 < results.utf8.count, "\(compressed) bytes for \(results.utf8.count)")
        #expect(FileManager.default.fileExists(atPath: runs + "/2/summary.json"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: runs + "/2").sorted() == ["success.csv.gz", "summary.json"], "no partial file left")
        #expect(FileManager.default.fileExists(atPath: runs + "/3/success.csv"), "a run not finished is left alone")
        #expect(FileManager.default.fileExists(atPath: runs + "/next/success.csv"))
    }
}
