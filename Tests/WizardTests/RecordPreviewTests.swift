import CRMExport
import Foundation
import GongCRM
import Mapping
import Testing
import Validation
@testable import Wizard

/// The Fields step's preview of a row must show what the upload sends: a looked-up field shows
/// the objectId the lookup finds, not the name it looks up.
@Suite("Row previews")
struct RecordPreviewTests {
    @Test func lookedUpFieldsShowTheIdOrSayTheyWait() throws {
        let folder = NSTemporaryDirectory() + "gongmap-preview-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try "Id,Name\na1,Acme\n".write(toFile: folder + "/accounts.csv", atomically: true, encoding: .utf8)
        try "Id,Company\nc1,acme\n".write(toFile: folder + "/contacts.csv", atomically: true, encoding: .utf8)
        let mapping = try Mapping.read(yaml: """
            gongmap: 1
            entities:
              - entity: ACCOUNT
                file: accounts.csv
                fields: {objectId: Id, modifiedDate: "=2024-01-01T00:00:00Z", name: Name}
              - entity: CONTACT
                file: contacts.csv
                fields: {objectId: Id, modifiedDate: "=2024-01-01T00:00:00Z", accountId: Company | lookup(ACCOUNT.name)}
            """, fileName: "m.yaml")
        let export = try Export.open([folder])
        let contacts = try #require(export.file(named: "contacts.csv"))
        let read = RecordPreview.rows(of: contacts)
        func preview(_ lookups: (any LookupResolver)?) throws -> RecordPreview {
            try RecordPreview.make(source: mapping.sources[1], mapping: mapping, header: read.header, row: read.rows[0], index: 0, lookups: lookups).get()
        }
        let before = try preview(nil)
        #expect(before.values["accountId"] == PendingLookups.placeholder)
        #expect(!before.line.contains("\"accountId\":\"acme\""))
        let pipeline = RecordPipeline(export: export, mapping: mapping, mappingFile: "m.yaml", context: ApplyContext.now(options: mapping.options))
        _ = try pipeline.run(sink: nil) { _ in }
        let after = try preview(pipeline.lookupResolver)
        #expect(after.values["accountId"] == "a1")
        #expect(after.line.contains("\"accountId\":\"a1\""))
    }
}
