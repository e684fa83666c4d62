import Foundation
import GongCRM
import Mapping
import Testing
@testable import Wizard

/// The Custom fields step lists Gong's schema changes as an upload would make them.
@Suite("Schema changes against Gong")
struct SchemaChangesTests {
    @Test func fieldsGongmapDidNotRegisterAreShownAsLeftAloneNeverAsRemoved() throws {
        let mapping = try Mapping.read(path: WizardFlowTests.root + "/Samples/salesforce-small.mapping.yaml")
        let accountFields = (mapping.customFields[.account] ?? []).map { GongAPI.SchemaField(uniqueName: $0.uniqueName, label: $0.label, type: $0.type.rawValue, orderedValueList: $0.orderedValueList) }
        var listed = accountFields.filter { $0.uniqueName != "description" }
        listed.append(GongAPI.SchemaField(uniqueName: "healthScore", label: "Health score", type: "NUMBER"))
        listed.append(GongAPI.SchemaField(uniqueName: "legacyTier", label: "Legacy tier", type: "STRING"))
        listed.append(GongAPI.SchemaField(uniqueName: "oldNotes", label: "Old notes", type: "STRING", isDeleted: true))
        let remote = RemoteSchema(fields: [.account: listed], managed: [.account: ["legacyTier": "STRING"]])
        let changes = CustomFieldsScreen.remoteChanges(mapping, remote).filter { $0.0.hasPrefix("ACCOUNT") || $0.0.contains(" ACCOUNT.") }
        #expect(changes.map(\.0) == [
            "new ACCOUNT.description (STRING)",
            "removed ACCOUNT.legacyTier: Gong deletes its values",
            "ACCOUNT.healthScore is in Gong, not managed by this mapping: left as it is",
        ])
        #expect(changes.map(\.1) == [false, true, false], "only the field gongmap registered would lose data")
    }
}
