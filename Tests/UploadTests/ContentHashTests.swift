import Foundation
import GRDB
import Testing
@testable import Upload

/// Content hashes are stored: the same line must hash the same in every later gongmap, and a
/// journal keeps the hash its stored values were made with.
@Suite("Content hashes")
struct ContentHashTests {
    func hash(_ text: String, _ algorithm: ContentHash.Algorithm, runTimestamp: String? = nil) -> Int64 {
        Array(text.utf8).withUnsafeBufferPointer { ContentHash(runTimestamp: runTimestamp, algorithm: algorithm).hash($0) }
    }

    @Test func valuesNeverChange() {
        // Pinned: a change here would make every journal's records look changed and sent again.
        #expect(hash("{\"objectId\":\"acc-1\",\"name\":\"Acme\"}\n", .fnv1a) == 8_676_832_114_698_398_322)
        #expect(hash("{\"objectId\":\"acc-1\",\"name\":\"Acme\"}\n", .words) == -593_768_915_140_464_972)
        #expect(hash("", .words) == 7_317_545_069_575_245_525)
    }

    @Test func everyByteCounts() {
        let line = "{\"objectId\":\"0035e000luPqwPIBYV\",\"title\":\"Head of Procurement\"}\n"
        var seen: Set<Int64> = [hash(line, .words)]
        let bytes = Array(line.utf8)
        for index in bytes.indices {
            var changed = bytes
            changed[index] ^= 0x01
            seen.insert(changed.withUnsafeBufferPointer { ContentHash(runTimestamp: nil, algorithm: .words).hash($0) })
        }
        #expect(seen.count == bytes.count + 1, "a change of any byte, in a full word or the tail, changes the hash")
        #expect(hash("a", .words) != hash("a\u{0}", .words), "a tail of zeros is not the same line")
        #expect(hash("{\"modifiedDate\":\"2024-03-01T10:00:00Z\",\"x\":1}", .words, runTimestamp: "2024-03-01T10:00:00Z")
                == hash("{,\"x\":1}", .words), "the run's own time is left out")
    }

    @Test func aJournalKeepsTheHashItsValuesWereMadeWith() throws {
        let folder = NSTemporaryDirectory() + "gongmap-hashes-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        #expect(try Journal(path: folder + "/new.sqlite").contentHashAlgorithm() == .words)

        // Journals of an earlier gongmap: with hashes in them, and in the middle of a first upload (a run, no hash yet).
        for (name, sql) in [("old", "INSERT INTO record (integrationId, objectType, objectId, contentHash, runId, idHash) VALUES (7, 'ACCOUNT', 'a1', 11, 1, 0)"),
                            ("uploading", "INSERT INTO run (startedAt, state, mapping, export, baseURL, processId) VALUES ('2026-01-01T00:00:00Z', 'running', 'm.yaml', 'e', 'http://x', 1)")] {
            let old = try DatabaseQueue(path: folder + "/\(name).sqlite")
            try Journal.migrator.migrate(old, upTo: "v6")
            try old.write { try $0.execute(sql: "INSERT INTO run (startedAt, state, mapping, export, baseURL, processId) VALUES ('2026-01-01T00:00:00Z', 'done', 'm.yaml', 'e', 'http://x', 1)") }
            try old.write { try $0.execute(sql: sql) }
            try old.close()
            #expect(try Journal(path: folder + "/\(name).sqlite").contentHashAlgorithm() == .fnv1a, "\(name)")
        }
    }
}
