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

    @Test func storedHashesAgreeWithTheJournalByObjectId() throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let journal = try Journal(path: folder + "/journal.sqlite")
        let run = try journal.startRun(mapping: "m", export: "e", baseURL: "u", at: "t")
        let entries = (0..<5_000).map { ("0035e000\($0)", Int64($0) * 7 - 3, false) }
        try journal.saveContentHashes(entries, integrationId: 7, objectType: "CONTACT", run: run)
        try journal.saveContentHashes([("0035e0001", 0, true)], integrationId: 7, objectType: "CONTACT", run: run)
        let table = try journal.storedHashes(integrationId: 7, objectType: "CONTACT")
        let expected = try journal.contentHashes(integrationId: 7, objectType: "CONTACT")
        #expect(table.count == expected.count && table.count == 4_999)
        for (objectId, hash) in expected { #expect(table.contentHash(forKey: StoredHashes.key(objectId)) == hash) }
        #expect(table.contentHash(forKey: StoredHashes.key("0035e0001")) == nil, "a deleted record is gone")
        #expect(table.contentHash(forKey: StoredHashes.key("0035e000-unknown")) == nil)
        #expect(try journal.storedHashes(integrationId: 7, objectType: "ACCOUNT").isEmpty)
        #expect(try journal.objectIds(integrationId: 7, objectType: "CONTACT").count == 4_999)
    }

    @Test func storedHashesGrowAndFindEveryKey() {
        var table = StoredHashes()
        for key in 1...100_000 as ClosedRange<UInt64> { table.set(Int64(key) * 3, forKey: key &* 0x9E37_79B9_7F4A_7C15 | 1) }
        #expect(table.count == 100_000)
        #expect((1...100_000 as ClosedRange<UInt64>).allSatisfy { table.contentHash(forKey: $0 &* 0x9E37_79B9_7F4A_7C15 | 1) == Int64($0) * 3 })
        table.set(-1, forKey: 1 &* 0x9E37_79B9_7F4A_7C15 | 1)
        #expect(table.count == 100_000 && table.contentHash(forKey: 0x9E37_79B9_7F4A_7C15 | 1) == -1, "setting a key again replaces its hash")
    }

    @Test func callsOlderThanTwoDaysAreForgottenAndTheBudgetKeepsItsDay() throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let journal = try Journal(path: folder + "/journal.sqlite")
        let now = 2_000_000_000.0
        for hoursAgo in [1.0, 23, 30, 47, 49, 100] { try journal.recordCall(endpoint: "GET /request-status", status: 200, at: now - hoursAgo * 3600) }
        #expect(try journal.callsInLastDay(before: now) == 2)
        try journal.forgetOldCalls(before: now)
        #expect(try journal.calls(endpoint: "GET /request-status", since: 0) == 4, "the calls of the last two days stay")
        #expect(try journal.callsInLastDay(before: now) == 2)
    }
}
