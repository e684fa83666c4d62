import CRMExport
import Foundation
import GongCRM
@testable import Mapping
import Testing
import Validation

/// Lines written straight from rows must be exactly those of records built and encoded.
@Suite("Direct LDJSON lines")
struct DirectLinesTests {
    static let mapping = """
    options:
      timeZone: America/New_York
      objectIdPunctuation: warning
    entities:
      - entity: ACCOUNT
        file: accounts.csv
        fields:
          objectId: Id | trim
          modifiedDate: Modified
          name: Name
          tier: Tier
          revenue: Revenue | number
          since: Since
          renewal: Renewal
          contactEmail: Email | trim
          founded: Founded | datetime
          website: Site
          domains: Site | domain
    customFields:
      ACCOUNT:
        - uniqueName: tier
          label: Tier
          type: PICKLIST
          values: [Gold, Silver]
        - uniqueName: revenue
          label: Revenue
          type: CURRENCY
        - uniqueName: since
          label: Since
          type: DATE
        - uniqueName: renewal
          label: Renewal
          type: DATETIME
        - uniqueName: contactEmail
          label: Contact email
          type: EMAILADDRESS
        - uniqueName: founded
          label: Founded
          type: DATETIME
        - uniqueName: website
          label: Website
          type: URL
    """

    static let rows: [String] = [
        "a-1,2024-03-01T10:00:00Z,Acme,Gold,1250.50,2020-05-17,2024-03-10 02:30,jo@acme.example,2001-02-03,https://acme.example",
        "\"  a-2 \",2024-03-01T10:00:00.123+02:00,\"Bolt, \"\"the\"\" best\nco\",gold,\"$1,250.00\",17.05.2020,2024-03-10T07:30:00Z, jo@bolt.example ,2001-02-03T04:05:06,https://bolt.example",
        "a-3,2024-03-01,Chloé 株式会社 🚚,Bronze,n/a,2020-02-30,yesterday,not-an-email,1700000000,",
        "a-4,,,,,,,,,",
        "a_5,05/17/2024,\"\tTabbed\t\",Silver,-0.0,2020-05-17T23:30:00-08:00,2024-11-03 01:30,\u{00A0}ann@acme.example\u{00A0},2001-02-03T04:05:06Z,http://x.example",
        "a 6,2024-13-01T00:00:00Z,Name,Silver,007,2020-05-17,2024-03-01T10:00:00+14:00,a@b.c,,https://acme.example/",
    ]

    func scenario(extraBytes: [UInt8] = []) -> Scenario {
        let scenario = Scenario(mapping: Self.mapping)
        let header = "Id,Modified,Name,Tier,Revenue,Since,Renewal,Email,Founded,Site\n"
        _ = FileManager.default.createFile(atPath: scenario.folder + "/accounts.csv", contents: Data((header + Self.rows.joined(separator: "\n") + "\n").utf8) + Data(extraBytes))
        return scenario
    }

    @Test func directAndBuiltLinesAgree() throws {
        // 800 plain rows put the last row beyond the bytes sniffed for the encoding; that row is
        // not UTF-8, is read as Windows-1252 alone, and takes the record path.
        let filler = (0..<800).map { "f-\($0),2024-03-01T10:00:00Z,Filler \($0) with some text to make the file longer,Silver,\($0),2020-01-01,,,," }.joined(separator: "\n") + "\n"
        let scenario = scenario(extraBytes: Array(filler.utf8) + Array("a-7,2024-03-01T10:00:00Z,M".utf8) + [0xFC] + Array("ller,Gold,1,2020-01-01,,,,\n".utf8))
        let built = try scenario.lines(direct: false)
        let direct = try scenario.lines(direct: true)
        #expect(direct.lines == built.lines)
        #expect(direct.diagnostics == built.diagnostics)
        #expect(built.lines.count == 4 + 800)
        #expect(built.diagnostics.contains { $0.rule == .encodingFallback && $0.line == 809 })
        #expect(built.diagnostics.contains { $0.rule == .invalidEmail && $0.row == 3 })
        #expect(built.lines.contains { $0.contains("\"name\":\"Müller\"") })
        #expect(built.lines.contains { $0.contains("\"name\":\"Chloé 株式会社 🚚\"") } == false, "row 3 has errors")
        #expect(built.lines[1].contains("\"objectId\":\"a-2\",\"modifiedDate\":\"2024-03-01T08:00:00Z\",\"name\":\"Bolt, \\\"the\\\" best\\nco\""))
    }

    /// Writing straight from the row must not skip the check for damaged text.
    @Test func damagedTextIsReportedOnBothPaths() throws {
        let scenario = Scenario(mapping: """
            entities:
              - entity: ACCOUNT
                file: accounts.csv
                fields:
                  objectId: Id
                  modifiedDate: =2024-01-01T00:00:00Z
                  name: Name | trim
            """).file("accounts.csv", "Id,Name\na1,CafÃ© Noir\na2,Acme\u{200B}\na3,Müller\na4,\u{00A0}Bolt\u{00A0}\n")
        for direct in [true, false] {
            let outcome = try scenario.lines(direct: direct)
            #expect(outcome.diagnostics.map { "\($0.rule.rawValue)@\($0.row ?? 0)" } == ["mojibake@1", "invisible-characters@2"], "direct: \(direct)")
            #expect(outcome.lines.count == 4)
        }
    }

    @Test func checkingWithoutWritingReportsTheSame() throws {
        let scenario = scenario()
        let built = try scenario.validation(direct: false)
        let checked = try scenario.validation(direct: true)
        #expect(checked.diagnostics == built.diagnostics)
        #expect(checked.report.tally(.account) == built.report.tally(.account))
        #expect(checked.report.tally(.account).valid == 3)
    }

    /// Conversions of repeating inputs are remembered; every row must still get its own value
    /// and its own problems, and a column with many distinct values must still convert each.
    @Test func rememberedConversionsGiveEachRowItsValueAndProblems() throws {
        let scenario = Scenario(mapping: """
        entities:
          - entity: ACCOUNT
            file: accounts.csv
            fields:
              objectId: Id
              modifiedDate: Modified
              name: Name
              tier: "{Tier}/{Region} | lower | map(tiers)"
              domains: Site | domain
        customFields:
          ACCOUNT:
            - uniqueName: tier
              label: Tier
              type: PICKLIST
              values: [Gold, Silver]
        valueMaps:
          tiers:
            gold/eu: Gold
            silver/eu: Silver
        """)
        let tiers = ["Gold,EU", "Silver,EU", "Bronze,EU", "GOLD,eu"]
        // More distinct sites than are remembered, so the memo gives up on that column midway.
        let rows = (0..<(ConversionMemo.limit + 200)).map { "a-\($0),2024-03-01T10:00:00Z,Name \($0),\(tiers[$0 % tiers.count]),https://www.site\($0).example/x" }
        _ = scenario.file("accounts.csv", "Id,Modified,Name,Tier,Region,Site\n" + rows.joined(separator: "\n") + "\n")
        for parallel in [false, true] {
            let direct = try scenario.lines(direct: true, parallelThreshold: parallel ? 1 : .max)
            let built = try scenario.lines(direct: false)
            #expect(direct.lines == built.lines)
            #expect(direct.diagnostics == built.diagnostics)
            let unmapped = direct.diagnostics.filter { $0.rule == .unmappedValue }
            #expect(unmapped.map(\.row) == Array(stride(from: 3, through: rows.count, by: 4)), "each Bronze row, not only the first")
            #expect(direct.lines.filter { $0.contains("\"tier\":\"Gold\"") }.count == rows.count / 2)
            #expect(direct.lines.last?.contains("\"domains\":[\"site\(rows.count - 1).example\"]") == true, "the last row is a GOLD one")
        }
    }

    @Test func directLinesAgreeOnTheSampleAndInParallel() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let mapping = try Mapping.read(path: root.appendingPathComponent("Samples/salesforce-small.mapping.yaml").path)
        let export = try Export.open([root.appendingPathComponent("Samples/salesforce-small").path])
        func run(direct: Bool, parallel: Bool, writing: Bool = true) throws -> ([String], [Diagnostic]) {
            let pipeline = RecordPipeline(export: export, mapping: mapping, mappingFile: "m.yaml",
                                          context: ApplyContext(options: mapping.options, runTimestamp: GongTimestamp(secondsSinceEpoch: 1_700_000_000)))
            pipeline.directLines = direct
            pipeline.parallelThreshold = parallel ? 1 : .max
            var diagnostics: [Diagnostic] = []
            let sink = LineCollector()
            _ = try pipeline.run(sink: writing ? sink : nil) { diagnostics.append($0) }
            return (sink.lines, diagnostics)
        }
        #expect(try run(direct: true, parallel: true, writing: false).1 == run(direct: false, parallel: false, writing: false).1)
        let reference = try run(direct: false, parallel: false)
        for (direct, parallel) in [(true, false), (true, true), (false, true)] {
            let other = try run(direct: direct, parallel: parallel)
            #expect(other.0 == reference.0, "direct \(direct), parallel \(parallel)")
            #expect(other.1 == reference.1, "direct \(direct), parallel \(parallel)")
        }
        #expect(reference.0.count > 400)
    }
}
