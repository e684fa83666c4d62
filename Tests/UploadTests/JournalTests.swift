import Foundation
import Testing
import Upload

@Suite("Upload journal")
struct JournalTests {
    let folder = NSTemporaryDirectory() + "gongmap-journal-" + UUID().uuidString

    @Test func runsAndFilesSurviveReopeningAndAreSeenByAnotherReader() throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/journal.sqlite"
        let writer = try Journal(path: path)
        let run = try writer.startRun(mapping: "m.yaml", export: "export", baseURL: "http://127.0.0.1:8787", at: "2024-03-01T10:00:00Z")
        try writer.setIntegration(4_417_390_025_518_822_913, run: run)
        let file = try writer.addFile(run: run, sequence: 1, path: "03-ACCOUNT-001.ldjson", kind: "entities", objectType: "ACCOUNT", layer: nil,
                                      records: 79, bytes: 34_279, sha256: "ab", clientRequestId: "gm-1-ACCOUNT-1")
        try writer.setFileState(file, .sending, at: "2024-03-01T10:00:01Z")
        let reader = try Journal(path: path)
        #expect(try reader.files(run: run).map(\.state) == [.sending])
        try writer.setFileState(file, .sent, at: "2024-03-01T10:00:02Z")
        try writer.setFileState(file, .done, at: "2024-03-01T10:00:05Z", successes: 79, failures: 0, errors: "[]")
        try writer.addEvent(run: run, kind: "retry", message: "POST /entities: 503, again in 0.5 s", at: "2024-03-01T10:00:01Z")
        try writer.finishRun(run, state: .done, summary: "{\"accepted\":79}", at: "2024-03-01T10:00:06Z")

        let reopened = try Journal(path: path)
        let runs = try reopened.runs()
        #expect(runs.map(\.id) == [run])
        #expect(runs.first?.state == .done)
        #expect(runs.first?.integrationId == 4_417_390_025_518_822_913)
        let files = try reopened.files(run: run)
        #expect(files.first?.state == .done)
        #expect(files.first?.successes == 79)
        #expect(files.first?.sentAt == "2024-03-01T10:00:02Z")
        #expect(try reopened.events(run: run).map(\.kind) == ["retry"])
        #expect(try reopened.unfinishedRuns().isEmpty)
    }

    @Test func clientRequestIdsNeverRepeat() throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let journal = try Journal(path: folder + "/journal.sqlite")
        let run = try journal.startRun(mapping: "m", export: "e", baseURL: "u", at: "t")
        _ = try journal.addFile(run: run, sequence: 1, path: "a", kind: "entities", objectType: "ACCOUNT", layer: nil, records: 1, bytes: 1, sha256: "x", clientRequestId: "id-1")
        #expect(try journal.clientRequestIdIsUsed("id-1"))
        #expect(try !journal.clientRequestIdIsUsed("id-2"))
        #expect(throws: (any Error).self) {
            try journal.addFile(run: run, sequence: 2, path: "b", kind: "entities", objectType: "ACCOUNT", layer: nil, records: 1, bytes: 1, sha256: "x", clientRequestId: "id-1")
        }
        #expect(try journal.unfinishedRuns().map(\.id) == [run])
    }

    @Test func contentHashesPerIntegrationAndType() throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let journal = try Journal(path: folder + "/journal.sqlite")
        let run = try journal.startRun(mapping: "m", export: "e", baseURL: "u", at: "t")
        try journal.saveContentHashes([("a1", 11, false), ("a2", 22, false)], integrationId: 7, objectType: "ACCOUNT", run: run)
        try journal.saveContentHashes([("a1", 12, false), ("a2", 0, true)], integrationId: 7, objectType: "ACCOUNT", run: run)
        try journal.saveContentHashes([("c1", 33, false)], integrationId: 7, objectType: "CONTACT", run: run)
        #expect(try journal.contentHashes(integrationId: 7, objectType: "ACCOUNT") == ["a1": 12])
        #expect(try journal.contentHashes(integrationId: 8, objectType: "ACCOUNT").isEmpty)
        #expect(try journal.contentHashes(integrationId: 7, objectType: "CONTACT") == ["c1": 33])
    }
}
