import Foundation
import GRDB
import Testing
@testable import Upload

/// A database URL given with its password (`gongmap upload postgres://crm:secret@…`) is kept in
/// the journal without it: `gongmap status` and the wizard show runs' exports.
@Suite("Export labels")
struct ExportLabelTests {
    @Test func theJournalNeverKeepsADatabasePassword() async throws {
        let workspace = try UploadEngineTests.Workspace()
        let server = try await UploadEngineTests().emulator()
        defer { server.stop() }
        _ = try await UploadEngineTests.upload(mappingPath: workspace.mappingPath, export: workspace.export, server,
                                               label: "postgres://crm:Pa55-secret@db.example:5432/crm?sslmode=require&password=Pa55-secret")
        let run = try #require(try workspace.journal.runs().first)
        #expect(run.export == "postgres://crm@db.example:5432/crm?sslmode=require")
    }

    @Test func aJournalOfAnEarlierVersionLosesThePasswordsItKept() throws {
        let folder = NSTemporaryDirectory() + "gongmap-labels-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let old = try DatabaseQueue(path: folder + "/journal.sqlite")
        try Journal.migrator.migrate(old, upTo: "v7")
        try old.write { db in
            try db.execute(sql: "INSERT INTO run (startedAt, state, mapping, export, baseURL, processId) VALUES ('2026-01-01T00:00:00Z', 'done', 'm.yaml', ?, 'http://x', 1)",
                           arguments: ["postgres://crm:Pa55-secret@db.example/crm"])
            try db.execute(sql: "INSERT INTO run (startedAt, state, mapping, export, baseURL, processId) VALUES ('2026-01-01T00:00:00Z', 'done', 'm.yaml', 'exports/crm', 'http://x', 1)")
        }
        try old.close()
        #expect(try Journal(path: folder + "/journal.sqlite").runs().map(\.export).sorted() == ["exports/crm", "postgres://crm@db.example/crm"])
    }
}
