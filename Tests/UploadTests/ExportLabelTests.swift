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
        let manifest = try String(contentsOfFile: workspace.folder + "/.gongmap/runs/1/manifest.json", encoding: .utf8)
        #expect(manifest.contains("crm@db.example:5432") && !manifest.contains("Pa55-secret"), "\(manifest.prefix(300))")
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

    @Test func onlyAGeneralErrorFailsAFileAsAWhole() {
        func file(_ errors: String?) -> Journal.File {
            Journal.File(id: 1, runId: 1, sequence: 1, path: "f", kind: "entities", objectType: "CONTACT", layer: nil, records: 1, bytes: 1, sha256: "",
                         clientRequestId: "c", state: .failed, successes: 0, failures: 1, errors: errors, sentAt: nil, finishedAt: nil)
        }
        #expect(file(#"[{"line":0,"description":"invalid file"}]"#).failedWhole)
        #expect(!file(#"[{"line":1,"description":"invalid email"}]"#).failedWhole, "a file of one record rejected by line said what became of it")
        #expect(!file(nil).failedWhole)
    }
}
