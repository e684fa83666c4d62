import Foundation
import Testing
import Upload

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
}
