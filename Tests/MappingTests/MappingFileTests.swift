import CRMExport
import Foundation
import GongCRM
import Mapping
import Testing

@Suite("Mapping files")
struct MappingFileTests {
    static let example = """
    gongmap: 1
    export: ../export
    options:
      timeZone: Europe/Berlin
      dateOrder: DMY
      deletions: missing
    entities:
      - entity: STAGE
        distinct:
          - file: deals.csv
            columns: [Stage]
        fields:
          objectId: Stage | slug
          name: Stage
      - entity: ACCOUNT
        file: companies.csv
        fields:
          objectId: Id
          modifiedDate: Updated | datetime(dd.MM.yyyy HH:mm)
          name:
            column: "Name | with pipe"
            transforms: [trim]
          tier: Tier
      - entity: DEAL
        file: history.csv
        history: true
        fields:
          objectId: DealId
          modifiedDate: Changed
          stage: Stage | map(stages, keep)
    customFields:
      ACCOUNT:
        - uniqueName: tier
          label: Tier
          type: PICKLIST
          values: [Gold, "Silver, plus", "yes"]
    valueMaps:
      stages:
        "Closed Won": closed-won
        "yes": "no"
    unassigned: [campaigns.csv]
    """

    @Test func readsEveryPart() throws {
        let mapping = try Mapping.read(yaml: Self.example, fileName: "m.yaml")
        #expect(mapping.export == "../export")
        #expect(mapping.options.timeZone == "Europe/Berlin")
        #expect(mapping.options.dateOrder == .dayFirst)
        #expect(mapping.options.deletions == .missing)
        #expect(mapping.sources.count == 3)
        #expect(mapping.sources[0].input == .distinct([DistinctColumns(file: "deals.csv", columns: ["Stage"])]))
        #expect(mapping.sources[1].field("name")?.expression == .column("Name | with pipe", [.trim]))
        #expect(mapping.sources[2].isHistory)
        #expect(mapping.customFields[.account]?.first?.orderedValueList == ["Gold", "Silver, plus", "yes"])
        #expect(mapping.valueMaps["stages"]?.lookup("yes") == "no")
        #expect(mapping.unassigned == ["campaigns.csv"])
    }

    @Test func writesWhatItReadsBackUnchanged() throws {
        let mapping = try Mapping.read(yaml: Self.example, fileName: "m.yaml")
        let written = mapping.yaml()
        let reread = try Mapping.read(yaml: written, fileName: "again.yaml")
        #expect(reread == mapping)
        #expect(reread.yaml() == written)
    }

    @Test func theSuggestedSampleMappingRoundTrips() throws {
        let export = try Export.open([sampleExport])
        let profiles = try export.files.map { try FileProfile.profile($0) }
        let mapping = Suggester.suggest(profiles: profiles, exportPath: "salesforce-small").mapping
        let reread = try Mapping.read(yaml: mapping.yaml(), fileName: "sample.yaml")
        #expect(reread.sources.map(\.fields.count) == mapping.sources.map(\.fields.count))
        #expect(reread.sources.flatMap { $0.fields.map(\.expression) } == mapping.sources.flatMap { $0.fields.map(\.expression) })
        #expect(reread.customFields == mapping.customFields)
        #expect(reread.valueMaps == mapping.valueMaps)
    }

    @Test(arguments: [
        ("gongmap: 1\nentities:\n  - entity: ACCOUNT\n    file: a.csv\n    fields:\n      objectId: Id\n      colour: Colour\n", 7, "'colour' is not a field of ACCOUNT"),
        ("gongmap: 1\nentities:\n  - entity: CAMPAIGN\n    file: a.csv\n    fields:\n      objectId: Id\n", 3, "or list the file under unassigned"),
        ("gongmap: 1\nentites: []\n", 2, "unknown key 'entites'"),
        ("gongmap: 1\noptions:\n  timeZone: Mars/Olympus\n", 3, "unknown time zone"),
        ("gongmap: 1\nentities:\n  - entity: ACCOUNT\n    file: a.csv\n    fields:\n      objectId: Id | frobnicate\n", 6, "unknown transform 'frobnicate'"),
        ("gongmap: 1\nentities:\n  - entity: ACCOUNT\n    file: a.csv\n    fields:\n      name: Name\n", 6, "must map objectId"),
        ("gongmap: 9\n", 1, "newer than this gongmap"),
        ("entities: []\n", 1, "missing 'gongmap: 1'"),
        ("gongmap: 1\ncustomFields:\n  ACCOUNT:\n    - uniqueName: tier\n      label: Tier\n      type: PICKLIST\n", 4, "needs a non-empty list of values"),
        ("gongmap: 1\ncustomFields:\n  ACCOUNT:\n    - uniqueName: x\n      type: STRINGARRAY\n", 5, "reserved for Gong's own fields"),
        ("gongmap: 1\nentities:\n  - entity: ACCOUNT\n    file: a.csv\n   fields: {}\n", 5, "YAML syntax"),
    ])
    func errorsNameTheLineAndTheFix(yaml: String, line: Int, fragment: String) {
        let error = #expect(throws: MappingError.self) { try Mapping.read(yaml: yaml, fileName: "m.yaml") }
        #expect(error?.line == line, "\(String(describing: error))")
        #expect(error?.description.contains(fragment) == true, "\(String(describing: error))")
        #expect(error?.description.hasPrefix("m.yaml:") == true)
    }

    @Test func everyProblemOfTheFileIsReportedInOnePass() {
        let yaml = """
            gongmap: 1
            entities:
              - entity: ACCOUNT
                file: a.csv
                fields:
                  objectId: Id
                  colour: Colour
                  name: Name | frobnicate
              - entity: CAMPAIGN
                file: c.csv
                fields:
                  objectId: Id
              - entity: DEAL
                file: d.csv
                fields:
                  name: Name
            customFields:
              ACCOUNT:
                - uniqueName: tier
                  type: PICKLIST
            """
        let error = #expect(throws: MappingError.self) { try Mapping.read(yaml: yaml, fileName: "m.yaml") }
        #expect(error?.all.map(\.line) == [19, 7, 8, 9, 16], "\(String(describing: error))")
        #expect(error?.description.hasPrefix("5 problems in the mapping:\nm.yaml:19:") == true)
    }

    @Test func atomicWritesNeverReplaceWithoutConsent() throws {
        let folder = TemporaryFolder()
        let path = folder.path + "/m.yaml"
        try AtomicFile.write("one", to: path, overwrite: false)
        #expect(throws: AtomicFile.Failure.self) { try AtomicFile.write("two", to: path, overwrite: false) }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "one")
        try AtomicFile.write("three", to: path, overwrite: true)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "three")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["m.yaml"])
    }
}
