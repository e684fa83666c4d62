import CRMExport
import Foundation
import GongEmulator
import GRDB
import Mapping
import Testing
@testable import Upload
import Validation

/// `incremental: {cursor: COLUMN, fullEvery: N}` on a SQLite table: an upload reads only the rows
/// whose cursor moved since the last one, and every Nth upload reads the table whole, which is
/// where deleted rows and rows changed without moving the cursor are found.
@Suite("Incremental reads", .serialized)
struct IncrementalReadTests {
    typealias Events = UploadEngineTests.Events

    final class Workspace: @unchecked Sendable {
        let folder = NSTemporaryDirectory() + "gongmap-incremental-" + UUID().uuidString
        var mappingPath: String { folder + "/m.yaml" }
        var database: String { folder + "/salesforce-sqlite/crm.sqlite" }

        init(fullEvery: Int) throws {
            let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures/exports")
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try FileManager.default.copyItem(atPath: fixtures.appendingPathComponent("salesforce-sqlite").path, toPath: folder + "/salesforce-sqlite")
            var yaml = try String(contentsOfFile: fixtures.appendingPathComponent("salesforce-sqlite.mapping.yaml").path, encoding: .utf8)
            yaml = yaml.replacingOccurrences(of: "  deletions: none", with: "  deletions: missing")
            yaml = yaml.replacingOccurrences(of: "    file: crm.sqlite#Contact\n",
                                             with: "    file: crm.sqlite#Contact\n    incremental: {cursor: LastModifiedDate, fullEvery: \(fullEvery)}\n")
            try yaml.write(toFile: mappingPath, atomically: true, encoding: .utf8)
        }

        deinit { try? FileManager.default.removeItem(atPath: folder) }

        func execute(_ sql: String) throws {
            try DatabaseQueue(path: database).write { try $0.execute(sql: sql) }
        }

        var journal: Journal { get throws { try Journal(path: folder + "/.gongmap/journal.sqlite") } }
    }

    func upload(_ workspace: Workspace, _ server: RunningEmulator, _ events: Events = Events(), full: Bool = false) async throws -> UploadEngine.Result {
        try await UploadEngineTests.upload(mappingPath: workspace.mappingPath, export: workspace.folder + "/salesforce-sqlite", server, events: events) { $0.full = full }
    }

    func contactLines(_ server: RunningEmulator) throws -> Int { try server.core.stats().linesProcessed["CONTACT"] ?? 0 }

    @Test func readsChangedRowsAndFindsDeletionsInTheWholeRead() async throws {
        let workspace = try Workspace(fullEvery: 3)
        let server = try await UploadEngineTests().emulator()
        defer { server.stop() }

        let firstEvents = Events()
        let first = try await upload(workspace, server, firstEvents)
        #expect(firstEvents.notes.contains("crm.sqlite#Contact: read whole (the first upload)"))
        let cursor = try #require(try workspace.journal.readCursors(mapping: workspace.mappingPath)["crm.sqlite#Contact"])
        #expect(cursor.value == "'2023-12-16T00:23:13.000Z'" && cursor.partialReads == 0, "the highest LastModifiedDate, as SQLite's literal: \(cursor)")
        let afterFirst = try contactLines(server)
        let afterFirstRecords = try #require(try server.core.stats().records["CONTACT"])
        #expect(afterFirst > 190)

        // One contact changed with its time, one changed silently, one deleted.
        try workspace.execute("""
            UPDATE Contact SET Title = 'Chief Buyer', LastModifiedDate = '2024-01-05T10:00:00.000Z' WHERE Id = '0035e000Jz0FQmyBKO';
            UPDATE Contact SET Title = 'Silent Change' WHERE Id = '0035e000mIwa7cdAYB';
            DELETE FROM Contact WHERE Id = '0035e000luPqwPIBYV';
            """)
        let secondEvents = Events()
        let second = try await upload(workspace, server, secondEvents)
        #expect(secondEvents.notes.contains("crm.sqlite#Contact: rows with LastModifiedDate from 2023-12-16T00:23:13.000Z through 2024-01-05T10:00:00.000Z only; read whole in 2 uploads"),
                "\(secondEvents.notes)")
        #expect(secondEvents.notes.contains { $0.hasPrefix("Deleted records of CONTACT are looked for when their files are read whole") })
        #expect(try contactLines(server) == afterFirst + 1, "only the contact whose LastModifiedDate moved is read and sent")
        #expect(second.leftOut == first.leftOut && first.leftOut > 0, "records the whole read left out are still left out: \(first.leftOut), \(second.leftOut)")
        #expect(secondEvents.planned?.deleted == 0, "a partial read deletes nothing")
        #expect(try workspace.journal.readCursors(mapping: workspace.mappingPath)["crm.sqlite#Contact"]?.value == "'2024-01-05T10:00:00.000Z'")

        let thirdEvents = Events()
        _ = try await upload(workspace, server, thirdEvents)
        let secondPlan = try #require(secondEvents.planned), thirdPlan = try #require(thirdEvents.planned)
        #expect(secondPlan.changed == 1 && thirdPlan.changed == 0 && thirdPlan.new == 0 && thirdPlan.unchanged == secondPlan.unchanged + 1,
                "the row at the cursor is read again (rows of the same time may come later) and found unchanged: \(secondPlan), \(thirdPlan)")
        #expect(try contactLines(server) == afterFirst + 1)

        let fourthEvents = Events()
        _ = try await upload(workspace, server, fourthEvents)
        #expect(fourthEvents.notes.contains("crm.sqlite#Contact: read whole (one upload in 3 reads it whole, to find deleted rows)"), "\(fourthEvents.notes)")
        #expect(fourthEvents.planned?.deleted == 1 && fourthEvents.planned?.changed == 1, "the deletion and the silent change: \(String(describing: fourthEvents.planned))")
        #expect(try contactLines(server) == afterFirst + 3)
        #expect(try server.core.stats().records["CONTACT"] == afterFirstRecords - 1)
    }

    @Test func theCursorMovesOnlyWhenGongAnsweredEveryRecordOneByOne() async throws {
        let workspace = try Workspace(fullEvery: 12)
        let server = try await UploadEngineTests().emulator { $0.failedFileShare = 1 }
        defer { server.stop() }
        let result = try await upload(workspace, server)
        #expect(result.accepted == 0 && result.rejected == 593, "every file FAILED with a general error: \(result)")
        #expect(try workspace.journal.readCursors(mapping: workspace.mappingPath)["crm.sqlite#Contact"]?.value == nil,
                "a file Gong failed as a whole said nothing of its records: they are read again")
        let events = Events()
        _ = try await upload(workspace, server, events)
        #expect(events.notes.contains("crm.sqlite#Contact: read whole (Gong holds no CONTACT yet)"), "\(events.notes)")
    }

    @Test func aCursorIsNeverCarriedToAnotherGong() async throws {
        let workspace = try Workspace(fullEvery: 12)
        let rehearsal = try await UploadEngineTests().emulator()
        defer { rehearsal.stop() }
        _ = try await upload(workspace, rehearsal)
        let real = try await UploadEngineTests().emulator()
        defer { real.stop() }
        let events = Events()
        _ = try await upload(workspace, real, events)
        #expect(events.notes.contains("crm.sqlite#Contact: read whole (the mapping, the export or the Gong changed since the last upload)"), "\(events.notes)")
        #expect(try real.core.stats().records["CONTACT"] == rehearsal.core.stats().records["CONTACT"], "every contact reaches the other Gong")
    }

    @Test func recordsThatNeverGetAnAnswerDoNotPutTheWholeReadOff() throws {
        let folder = NSTemporaryDirectory() + "gongmap-cursor-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let journal = try Journal(path: folder + "/journal.sqlite")
        let run = try journal.startRun(mapping: "m.yaml", export: "crm.sqlite", baseURL: "http://gong", at: "2026-01-01T00:00:00Z")
        try journal.recordPendingReadCursors([Journal.ReadCursor(file: "Contact", fingerprint: "f", value: "'b'", previousValue: "'a'", partialReads: 3, leftOut: 2,
                                                                 readAt: "2026-01-01T00:00:00Z")], run: run, mapping: "m.yaml")
        try journal.commitReadCursors(run: run, answered: false, at: "2026-01-01T00:05:00Z")
        let cursor = try #require(try journal.readCursors(mapping: "m.yaml")["Contact"])
        #expect(cursor.value == "'a'" && cursor.partialReads == 3 && cursor.leftOut == 2, "the value stays, the count of reads moves: \(cursor)")
    }

    @Test func aChangedMappingReadsWhole() async throws {
        let workspace = try Workspace(fullEvery: 12)
        let server = try await UploadEngineTests().emulator()
        defer { server.stop() }
        _ = try await upload(workspace, server)
        let yaml = try String(contentsOfFile: workspace.mappingPath, encoding: .utf8)
        try yaml.replacingOccurrences(of: "      title: Title ", with: "      title: Title | upper ").write(toFile: workspace.mappingPath, atomically: true, encoding: .utf8)
        let events = Events()
        _ = try await upload(workspace, server, events)
        #expect(events.notes.contains("crm.sqlite#Contact: read whole (the mapping, the export or the Gong changed since the last upload)"), "\(events.notes)")
        let fullEvents = Events()
        _ = try await upload(workspace, server, fullEvents, full: true)
        #expect(fullEvents.notes.contains("crm.sqlite#Contact: read whole (--full)"))
    }

    @Test func aFileReadWholeCannotBeIncremental() throws {
        let workspace = try UploadEngineTests.Workspace { $0.replacingOccurrences(of: "    file: Contact.csv\n", with: "    file: Contact.csv\n    incremental: {cursor: LastModifiedDate}\n") }
        let mapping = try Mapping.read(path: workspace.mappingPath)
        #expect(mapping.sources.first { $0.entity == .contact }?.incremental == IncrementalRead(column: "LastModifiedDate", fullEvery: 12))
        #expect(try Mapping.read(yaml: mapping.yaml(), fileName: "m.yaml") == mapping, "written and read back the same")
        let problems = ConfigurationCheck(export: try Export.open([workspace.export]), mapping: mapping, mappingFile: "m.yaml", context: .now(options: mapping.options)).problems()
        #expect(problems.map(\.message).contains { $0.contains("incremental: reads only changed rows of a database table or query; Contact.csv is CSV, read whole on every upload") },
                "\(problems.map(\.message))")
    }

    @Test func aCursorMustBeAColumnTheDatabaseKnowsByThatName() throws {
        let workspace = try Workspace(fullEvery: 3)
        // Two columns named LastModifiedDate: the second is shown as 'LastModifiedDate (2)', a name the database does not know.
        var yaml = try String(contentsOfFile: workspace.mappingPath, encoding: .utf8)
        yaml = yaml.replacingOccurrences(of: "    file: crm.sqlite#Contact\n    incremental: {cursor: LastModifiedDate, fullEvery: 3}\n",
                                         with: "    query: SELECT c.*, a.LastModifiedDate FROM Contact AS c LEFT JOIN Account AS a ON a.Id = c.AccountId\n    incremental: {cursor: LastModifiedDate (2)}\n")
        try yaml.write(toFile: workspace.mappingPath, atomically: true, encoding: .utf8)
        let mapping = try Mapping.read(path: workspace.mappingPath)
        let export = try Export.open([workspace.database])
        let problems = ConfigurationCheck(export: export, mapping: mapping, mappingFile: "m.yaml", context: .now(options: mapping.options)).problems().map(\.message)
        #expect(problems.contains { $0.contains("cursor column 'LastModifiedDate (2)' is how gongmap shows a later column named LastModifiedDate") && $0.contains(" AS ") }, "\(problems)")
    }
}
