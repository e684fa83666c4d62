import Foundation
import GRDB
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

    @Test func removingAKeyKeepsEveryOtherKeyOfItsRunFindable() {
        var table = StoredHashes(capacity: 1_000)
        // Keys sharing their low bits pile up in one run of slots, wrapping past the table's end.
        let keys = (1...600 as ClosedRange<UInt64>).map { ($0 << 20) | 0x7F0 | UInt64($0 % 3) * 0x3FF }
        for key in keys { table.set(Int64(bitPattern: key) / 2, forKey: key) }
        let removed = Set(keys.enumerated().filter { $0.offset % 3 != 1 }.map(\.element))
        for key in removed { table.remove(forKey: key) }
        table.remove(forKey: 0xDEAD_0000)
        #expect(table.count == keys.count - removed.count)
        #expect(keys.allSatisfy { table.contentHash(forKey: $0) == (removed.contains($0) ? nil : Int64(bitPattern: $0) / 2) })
    }

    /// The stored hashes of CONTACT as the journal's rows hold them, by key.
    private func rows(_ journal: Journal) throws -> [UInt64: Int64] {
        Dictionary(uniqueKeysWithValues: try journal.contentHashes(integrationId: 7, objectType: "CONTACT").map { (StoredHashes.key($0.key), $0.value) })
    }

    private func expectSame(_ table: StoredHashes, as rows: [UInt64: Int64], sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(table.count == rows.count, sourceLocation: sourceLocation)
        #expect(rows.allSatisfy { table.contentHash(forKey: $0.key) == $0.value }, sourceLocation: sourceLocation)
    }

    @Test func aSnapshotWithTheChangesLoggedSinceReadsAsTheRows() throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let journal = try Journal(path: folder + "/journal.sqlite")
        let run = try journal.startRun(mapping: "m", export: "e", baseURL: "u", at: "t")
        try journal.saveContentHashes((0..<12_000).map { ("003\($0)", Int64($0) * 5 + 1, false) }, integrationId: 7, objectType: "CONTACT", run: run)
        let first = try journal.readStoredHashes(integrationId: 7, objectType: "CONTACT")
        #expect(first.origin == .rows)
        journal.snapshotIfUseful(first)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder + "/hashes").count == 1)

        try journal.saveContentHashes([("0031", -9, false), ("0032", 0, true), ("003new", 44, false)], integrationId: 7, objectType: "CONTACT", run: run)
        try journal.saveContentHashes([("003new", 45, false), ("0033", 0, true)], integrationId: 7, objectType: "CONTACT", run: run)
        let second = try journal.readStoredHashes(integrationId: 7, objectType: "CONTACT")
        #expect(second.origin == .snapshot(changes: 5))
        expectSame(second.table, as: try rows(journal))
        #expect(second.table.contentHash(forKey: StoredHashes.key("0031")) == -9)
        #expect(second.table.contentHash(forKey: StoredHashes.key("0032")) == nil)

        let otherProcess = try Journal(path: folder + "/journal.sqlite")
        expectSame(try otherProcess.storedHashes(integrationId: 7, objectType: "CONTACT"), as: try rows(journal))
        #expect(try otherProcess.readStoredHashes(integrationId: 8, objectType: "CONTACT").table.isEmpty, "another integration has its own hashes")

        // Another writer of the rows (an earlier gongmap still running a sync, SQL by hand) is logged too.
        try DatabaseQueue(path: folder + "/journal.sqlite").write { db in
            try db.execute(sql: "UPDATE record SET contentHash = 777 WHERE objectId = '0034'")
            try db.execute(sql: "DELETE FROM record WHERE objectId = '0035'")
            try db.execute(sql: "INSERT INTO record (integrationId, objectType, objectId, contentHash, runId, idHash) VALUES (7, 'CONTACT', '003sql', 5, 1, 12345)")
            try db.execute(sql: "UPDATE record SET idHash = 54321 WHERE objectId = '003sql'")
        }
        let third = try journal.readStoredHashes(integrationId: 7, objectType: "CONTACT")
        #expect(third.origin == .snapshot(changes: 5 + 5))
        #expect(third.table.contentHash(forKey: StoredHashes.key("0034")) == 777 && third.table.contentHash(forKey: StoredHashes.key("0035")) == nil)
        #expect(third.table.contentHash(forKey: 54321) == 5 && third.table.contentHash(forKey: 12345) == nil)
        #expect(third.table.count == 12_000 - 2 + 1 - 1 + 1)
    }

    @Test func aSnapshotIsNotTakenWhenHashesChangedSinceTheReadNorUsedWhenItsFileIsDamaged() throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let journal = try Journal(path: folder + "/journal.sqlite")
        let run = try journal.startRun(mapping: "m", export: "e", baseURL: "u", at: "t")
        try journal.saveContentHashes((0..<12_000).map { ("003\($0)", Int64($0), false) }, integrationId: 7, objectType: "CONTACT", run: run)
        let stale = try journal.readStoredHashes(integrationId: 7, objectType: "CONTACT")
        try journal.saveContentHashes([("0037", 70, false)], integrationId: 7, objectType: "CONTACT", run: run)
        journal.snapshotIfUseful(stale)
        let afterRace = try journal.readStoredHashes(integrationId: 7, objectType: "CONTACT")
        #expect(afterRace.origin == .rows, "a snapshot missing a change is never used")
        #expect(afterRace.table.contentHash(forKey: StoredHashes.key("0037")) == 70)
        #expect(((try? FileManager.default.contentsOfDirectory(atPath: folder + "/hashes")) ?? []).isEmpty, "the unregistered file is removed")

        journal.snapshotIfUseful(afterRace)
        let files = try FileManager.default.contentsOfDirectory(atPath: folder + "/hashes")
        #expect(files.count == 1)
        let staleAgain = try journal.readStoredHashes(integrationId: 7, objectType: "CONTACT")
        try journal.saveContentHashes([("0037", 71, false)], integrationId: 7, objectType: "CONTACT", run: run)
        journal.snapshotIfUseful(staleAgain)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder + "/hashes") == files, "a refused snapshot leaves the registered one")
        #expect(try journal.readStoredHashes(integrationId: 7, objectType: "CONTACT").origin == .snapshot(changes: 1))
        try journal.saveContentHashes([("0038", 80, false)], integrationId: 7, objectType: "CONTACT", run: run)
        let file = FileHandle(forWritingAtPath: folder + "/hashes/" + files[0])!
        try file.truncate(atOffset: 1_000)
        try file.close()
        let damaged = try journal.readStoredHashes(integrationId: 7, objectType: "CONTACT")
        #expect(damaged.origin == .rows)
        expectSame(damaged.table, as: try rows(journal))
        #expect(damaged.table.contentHash(forKey: StoredHashes.key("0038")) == 80)

        // Its type now too small for a snapshot, a damaged one is given up, and changes are no longer logged.
        try journal.saveContentHashes((0..<5_000).map { ("003\($0)", 0, true) }, integrationId: 7, objectType: "CONTACT", run: run)
        let small = try journal.readStoredHashes(integrationId: 7, objectType: "CONTACT")
        #expect(small.origin == .rows)
        journal.snapshotIfUseful(small)
        try journal.saveContentHashes([("0039999", 1, false)], integrationId: 7, objectType: "CONTACT", run: run)
        let logged = try DatabaseQueue(path: folder + "/journal.sqlite").read { try Int.fetchOne($0, sql: "SELECT count(*) FROM recordChange") }
        #expect(logged == 0)
        #expect(((try? FileManager.default.contentsOfDirectory(atPath: folder + "/hashes")) ?? []).isEmpty)
        expectSame(try journal.storedHashes(integrationId: 7, objectType: "CONTACT"), as: try rows(journal))
    }

    @Test func aJournalOfANewerGongmapIsRefused() throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        _ = try Journal(path: folder + "/journal.sqlite")
        try DatabaseQueue(path: folder + "/journal.sqlite").write { try $0.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99')") }
        #expect { try Journal(path: folder + "/journal.sqlite") } throws: { "\($0)".contains("written by a newer gongmap") }
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
