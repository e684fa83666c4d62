import Foundation
import GongCRM
import Testing
import Validation

@Suite("Validation rules")
struct RuleTests {
    @Test func validRecordsPassAndAreSentInOrder() throws {
        let outcome = try Scenario(mapping: accountsMapping)
            .file("accounts.csv", "Id,Modified,Name,Link\nacc-1,2024-03-01T10:00:00Z,Acme,https://crm.example/a/1\nacc-2,2024-03-01T10:00:00Z,Bolt,\n")
            .run()
        #expect(outcome.diagnostics.isEmpty)
        #expect(outcome.records.map(\.objectId) == ["acc-1", "acc-2"])
        #expect(outcome.report.tally(.account) == .init(read: 2, valid: 2, invalid: 0, withWarnings: 0, historyVersions: 0, historyLayers: 0))
    }

    @Test func missingRequiredFieldsLeaveTheRecordOut() throws {
        let outcome = try Scenario(mapping: accountsMapping)
            .file("accounts.csv", "Id,Modified,Name,Link\n,2024-03-01T10:00:00Z,NoId,\nacc-2,,NoDate,\n")
            .run()
        let missing = outcome.diagnostics(.missingRequired)
        #expect(missing.map(\.field) == ["objectId", "modifiedDate"])
        #expect(missing.map(\.row) == [1, 2])
        #expect(missing.map(\.line) == [2, 3])
        #expect(missing.map(\.column) == ["Id", "Modified"])
        #expect(missing.allSatisfy { $0.severity == .error && $0.file == "accounts.csv" })
        #expect(outcome.records.isEmpty)
        #expect(outcome.report.tally(.account).invalid == 2)
    }

    @Test func typesAndFormats() throws {
        let outcome = try Scenario(mapping: """
            entities:
              - entity: DEAL
                file: deals.csv
                fields:
                  objectId: Id
                  modifiedDate: Modified
                  amount: Amount
                  closeDate: Close
                  status: Status
                  url: Link
            """)
            .file("deals.csv", "Id,Modified,Amount,Close,Status,Link\nd1,2024-03-01T10:00:00Z,ten,2024-01-01,OPEN,https://x.example/1\nd2,yesterday,5,2024-13-01,OPEN,https://x.example/2\nd3,2024-03-01T10:00:00Z,5,2024-01-01,Maybe,crm/3\n")
            .run()
        #expect(outcome.diagnostics(.invalidType).map(\.row) == [1])
        #expect(outcome.diagnostics(.invalidType).first?.value == "ten")
        #expect(outcome.diagnostics(.invalidDate).map(\.field) == ["modifiedDate", "closeDate"])
        #expect(outcome.diagnostics(.invalidValue).map(\.value) == ["Maybe"])
        #expect(outcome.diagnostics(.invalidURL).map(\.row) == [3])
        #expect(outcome.diagnostics(.missingRequired).isEmpty, "a value that failed to convert is reported once, as what it is")
        #expect(outcome.records.isEmpty)
    }

    @Test func emailsAreErrorsForUsersAndWarningsElsewhere() throws {
        let outcome = try Scenario(mapping: """
            entities:
              - entity: BUSINESS_USER
                file: users.csv
                fields:
                  objectId: Id
                  modifiedDate: =2024-01-01T00:00:00Z
                  emailAddress: Email
              - entity: CONTACT
                file: contacts.csv
                fields:
                  objectId: Id
                  modifiedDate: =2024-01-01T00:00:00Z
                  emailAddress: Email
            """)
            .file("users.csv", "Id,Email\nu1,ann@acme.example\nu2,bob(at)acme\nu3,ann@acme.example\n")
            .file("contacts.csv", "Id,Email\nc1,no-email\n")
            .run()
        let invalid = outcome.diagnostics(.invalidEmail)
        #expect(invalid.map(\.severity) == [.error, .warning])
        #expect(invalid.map(\.file) == ["users.csv", "contacts.csv"])
        #expect(outcome.diagnostics(.duplicateUserEmail).map(\.row) == [3])
        #expect(outcome.records.map(\.objectId) == ["u1", "u3", "c1"])
    }

    @Test func objectIdRules() throws {
        let long = String(repeating: "x", count: 65)
        let outcome = try Scenario(mapping: accountsMapping)
            .file("accounts.csv", "Id,Modified,Name,Link\nacc/1,2024-03-01T10:00:00Z,A,\n\(long),2024-03-01T10:00:00Z,B,\nacc_3,2024-03-01T10:00:00Z,C,\nann@acme.example,2024-03-01T10:00:00Z,D,\n")
            .run()
        #expect(outcome.diagnostics(.objectIdFormat).map(\.row) == [1, 2])
        // The documented rule, as the emulator applies it by default: '_' is left out.
        #expect(outcome.diagnostics(.objectIdPunctuation).map(\.severity) == [.error])
        #expect(outcome.records.map(\.objectId) == ["ann@acme.example"])
    }

    @Test func punctuationInIdsCanBeAllowed() throws {
        let outcome = try Scenario(mapping: "options:\n  objectIdPunctuation: warning\n" + accountsMapping)
            .file("accounts.csv", "Id,Modified,Name,Link\nacc_3,2024-03-01T10:00:00Z,C,\n")
            .run()
        #expect(outcome.diagnostics(.objectIdPunctuation).map(\.severity) == [.warning])
        #expect(outcome.records.map(\.objectId) == ["acc_3"])
    }

    @Test func duplicateIdsNameTheFirstOccurrenceAcrossFiles() throws {
        let outcome = try Scenario(mapping: accountsMapping + """

              - entity: ACCOUNT
                file: more.csv
                fields:
                  objectId: Id
                  modifiedDate: Modified
            """)
            .file("accounts.csv", "Id,Modified,Name,Link\nacc-1,2024-03-01T10:00:00Z,A,\nacc-2,2024-03-01T10:00:00Z,B,\nacc-1,2024-03-01T10:00:00Z,A again,\n")
            .file("more.csv", "Id,Modified\nacc-2,2024-03-01T10:00:00Z\nacc-9,2024-03-01T10:00:00Z\n")
            .run()
        let duplicates = outcome.diagnostics(.duplicateObjectId)
        #expect(duplicates.map(\.file) == ["accounts.csv", "more.csv"])
        #expect(duplicates.map(\.row) == [3, 1])
        #expect(duplicates[0].message.contains("row 1 of accounts.csv"))
        #expect(duplicates[1].message.contains("row 2 of accounts.csv"))
        #expect(outcome.records.map(\.objectId) == ["acc-1", "acc-2", "acc-9"])
    }

    static let crmMapping = """
    entities:
      - entity: BUSINESS_USER
        file: users.csv
        fields:
          objectId: Id
          modifiedDate: =2024-01-01T00:00:00Z
          emailAddress: Email
      - entity: STAGE
        file: stages.csv
        fields:
          objectId: Id
          name: Name
          sortOrder: Order
      - entity: ACCOUNT
        file: accounts.csv
        fields:
          objectId: Id
          modifiedDate: =2024-01-01T00:00:00Z
          name: Name
      - entity: CONTACT
        file: contacts.csv
        fields:
          objectId: Id
          modifiedDate: =2024-01-01T00:00:00Z
          accountId: Account
      - entity: DEAL
        file: deals.csv
        fields:
          objectId: Id
          modifiedDate: =2024-01-01T00:00:00Z
          accountId: Account
          ownerId: Owner
          stage: Stage
          closeDate: Close
      - entity: LEAD
        file: leads.csv
        fields:
          objectId: Id
          modifiedDate: =2024-01-01T00:00:00Z
          convertedToAccountId: Account
          convertedToContactId: Contact
          convertedToDealId: Deal
    """

    func crmScenario() -> Scenario {
        Scenario(mapping: Self.crmMapping)
            .file("users.csv", "Id,Email\nu1,ann@acme.example\nu2,broken\n")
            .file("stages.csv", "Id,Name,Order\nopen,Open,1\nwon,Won,0\n")
            .file("accounts.csv", "Id,Name\na1,Acme\na2,\n")
            .file("contacts.csv", "Id,Account\nc1,a1\nc2,a9\nc3,\n")
            .file("deals.csv", "Id,Account,Owner,Stage,Close\nd1,a1,u1,open,2024-06-01\nd2,a9,u2,won,2024-06-01\nd3,,,,\n")
            .file("leads.csv", "Id,Account,Contact,Deal\nl1,a1,c1,d1\nl2,a1,c9,d2\n")
    }

    @Test func referencesAcrossEntities() throws {
        let outcome = try crmScenario().run()
        let missing = outcome.diagnostics(.missingReference)
        let described = missing.map { "\($0.entity!.rawValue).\($0.field!) row \($0.row) \($0.value!)" }
        #expect(described == [
            "CONTACT.accountId row 2 a9",
            "DEAL.accountId row 2 a9", "DEAL.ownerId row 2 u2", "DEAL.stage row 2 won",
            "LEAD.convertedToContactId row 2 c9",
        ])
        #expect(missing.allSatisfy { $0.severity == .warning })
        #expect(missing.first { $0.field == "ownerId" }?.message.contains("left out for its errors") == true)
        #expect(outcome.diagnostics(.invalidValue).map(\.field) == ["sortOrder"])
        let recommended = outcome.diagnostics(.missingRecommended).map { "\($0.entity!.rawValue).\($0.field!) row \($0.row)" }
        #expect(recommended == ["CONTACT.accountId row 3", "DEAL.accountId row 3", "DEAL.ownerId row 3", "DEAL.closeDate row 3", "DEAL.stage row 3"])
        let relations = Dictionary(uniqueKeysWithValues: outcome.report.relationships.map { ($0.id, [$0.linked, $0.missing, $0.empty]) })
        #expect(relations == ["CONTACT.accountId": [1, 1, 1], "DEAL.accountId": [1, 1, 1], "DEAL.ownerId": [1, 1, 1], "DEAL.stage": [1, 1, 1],
                              "LEAD.convertedToAccountId": [2, 0, 0], "LEAD.convertedToContactId": [1, 1, 0], "LEAD.convertedToDealId": [2, 0, 0]])
        #expect(outcome.records.filter { $0.type == .deal }.count == 3)
        // The Relationships header, its table and orphans.csv count the same links.
        #expect(outcome.report.orphanCount == 5)
        #expect(outcome.diagnostics.filter(outcome.report.isOrphan).count == 5)
    }

    @Test func lookupsResolveNamesToIdsAndReportMisses() throws {
        let outcome = try Scenario(mapping: """
            entities:
              - entity: ACCOUNT
                file: accounts.csv
                fields:
                  objectId: Id
                  modifiedDate: =2024-01-01T00:00:00Z
                  name: Name
              - entity: CONTACT
                file: contacts.csv
                fields:
                  objectId: Id
                  modifiedDate: =2024-01-01T00:00:00Z
                  accountId: Company | lookup(ACCOUNT.name)
            """)
            .file("accounts.csv", "Id,Name\na1,Acme\na2,Twin\na3,Twin\n")
            .file("contacts.csv", "Id,Company\nc1,ACME \nc2,Nobody\nc3,twin\n")
            .run()
        #expect(outcome.records.first { $0.objectId == "c1" }?["accountId"] == .string("a1"))
        #expect(outcome.diagnostics(.lookupNotFound).map(\.row) == [2])
        #expect(outcome.diagnostics(.lookupAmbiguous).map(\.row) == [3])
        #expect(outcome.records.filter { $0.type == .contact }.count == 3)
        // A name that found no account, or two, is a missing link, not an empty one; the orphans
        // (the table's count) are exactly the diagnostics orphans.csv gets.
        let links = outcome.report.relationships.first { $0.id == "CONTACT.accountId" }
        #expect(links.map { [$0.linked, $0.missing, $0.empty] } == [1, 2, 0])
        #expect(outcome.report.orphanCount == 2)
        #expect(outcome.diagnostics.filter(outcome.report.isOrphan).map(\.row) == [2, 3])
    }

    @Test func lookupsReachAnyColumnOfTheTargetFile() throws {
        // Gong's users have no name field, yet deals name their owner: look it up by the users' column.
        let outcome = try Scenario(mapping: """
            entities:
              - entity: BUSINESS_USER
                file: users.csv
                fields:
                  objectId: Email | lower
                  modifiedDate: =2024-01-01T00:00:00Z
                  emailAddress: Email
              - entity: DEAL
                file: deals.csv
                fields:
                  objectId: Id
                  modifiedDate: =2024-01-01T00:00:00Z
                  ownerId: Owner | lookup(BUSINESS_USER.Full Name)
            """)
            .file("users.csv", "Full Name,Email\nAnn Lee,Ann@acme.example\nBob Roe,bob@acme.example\n")
            .file("deals.csv", "Id,Owner\nd1,ann lee\nd2,Bob Roe\nd3,Cy Doe\n")
            .run()
        #expect(outcome.records.filter { $0.type == .deal }.map { $0["ownerId"] } == [.string("ann@acme.example"), .string("bob@acme.example"), nil])
        #expect(outcome.diagnostics(.lookupNotFound).map(\.row) == [3])
    }

    /// A file that feeds deals and the stages derived from them is read twice; its problems are told once.
    @Test func aFileReadByTwoSourcesReportsItsProblemsOnce() throws {
        let outcome = try Scenario(mapping: """
            entities:
              - entity: STAGE
                distinct:
                  - file: deals.csv
                    columns: [Stage]
                fields:
                  objectId: Stage | slug
                  name: Stage
              - entity: DEAL
                file: deals.csv
                fields:
                  objectId: Id
                  modifiedDate: =2024-01-01T00:00:00Z
                  stage: Stage | slug
            """)
            .file("deals.csv", "Id,Stage,Amount\nd1,Won,1\nd2,Won,2,extra\n")
            .run()
        #expect(outcome.diagnostics(.raggedRow).map(\.line) == [3])
    }

    @Test func everyConfigurationProblemIsListedAtOnceWithItsPlace() throws {
        let scenario = Scenario(mapping: """
            entities:
              - entity: ACCOUNT
                file: accounts.csv
                fields:
                  objectId: Id
                  modifiedDate: Modifed
                  name: Nmae
              - entity: CONTACT
                file: people.csv
                fields:
                  objectId: Id
              - entity: DEAL
                file: deals.csv
                fields:
                  objectId: Id
                  status: State | map(statuses)
                  accountId: Company | lookup(ACCOUNT.Legal Name)
            """)
            .file("accounts.csv", "Id,Name,Modified\na1,Acme,2024-01-01\n")
            .file("deals.csv", "Id,State,Company\nd1,won,Acme\n")
        #expect {
            try scenario.run()
        } throws: { error in
            let lines = "\(error)".split(separator: "\n").map(String.init)
            return lines.first == "5 problems in the mapping:"
                && lines.contains { $0.hasPrefix("m.yaml:10:") && $0.contains("people.csv is named in the mapping but is not in the export") }
                && lines.contains { $0.hasPrefix("m.yaml:7:") && $0.contains("column 'Modifed'") && $0.contains("Modified") }
                && lines.contains { $0.hasPrefix("m.yaml:8:") && $0.contains("column 'Nmae'") }
                && lines.contains { $0.hasPrefix("m.yaml:17:") && $0.contains("value map 'statuses' is not defined") }
                && lines.contains { $0.hasPrefix("m.yaml:18:") && $0.contains("lookup(ACCOUNT.Legal Name)") }
        }
    }

    @Test func unmappedValuesAndAmbiguousDatesAreErrorsWithTheirValue() throws {
        let outcome = try Scenario(mapping: """
            entities:
              - entity: DEAL
                file: deals.csv
                fields:
                  objectId: Id
                  modifiedDate: =2024-01-01T00:00:00Z
                  stage: Stage | map(stages)
                  closeDate: Close
            valueMaps:
              stages:
                Won: won
            """)
            .file("deals.csv", "Id,Stage,Close\nd1,Won,05/17/2024\nd2,Stalled,01/02/2024\n")
            .run()
        #expect(outcome.diagnostics(.unmappedValue).map(\.value) == ["Stalled"])
        #expect(outcome.diagnostics(.ambiguousDate).map(\.value) == ["01/02/2024"])
        #expect(outcome.records.map { $0["closeDate"] } == [.string("2024-05-17")])
    }

    @Test func readerProblemsBecomeDiagnosticsAndTheRunGoesOn() throws {
        let outcome = try Scenario(mapping: accountsMapping)
            .file("accounts.csv", "Id,Modified,Name,Link\nacc-1,2024-03-01T10:00:00Z,A,\nacc-2,2024-03-01T10:00:00Z,B,x,y\nacc-3,2024-03-01T10:00:00Z,\"C\n")
            .run()
        #expect(outcome.diagnostics(.raggedRow).map(\.line) == [3])
        #expect(outcome.diagnostics(.unterminatedQuote).map(\.line) == [4])
        #expect(outcome.records.map(\.objectId) == ["acc-1"])
    }

    @Test func unreadableFilesTheMappingUsesAreErrorsOthersWarnings() throws {
        let scenario = Scenario(mapping: accountsMapping)
            .file("accounts.csv", "Id,Modified,Name,Link\nacc-1,2024-03-01T10:00:00Z,A,\n")
            .file("junk.csv", "")
        let outcome = try scenario.run()
        #expect(outcome.diagnostics(.emptyFile).map(\.severity) == [.warning])
        let broken = Scenario(mapping: accountsMapping).file("accounts.csv", "").file("other.csv", "Id\n1\n")
        #expect(throws: PipelineError.self) { try broken.run() }
    }

    @Test func historyVersionsAreLayeredOldestFirstAndCompletedFromTheCurrentRecord() throws {
        let outcome = try Scenario(mapping: """
            entities:
              - entity: DEAL
                file: deals.csv
                fields:
                  objectId: Id
                  modifiedDate: Modified
                  name: Name
                  stage: Stage
              - entity: DEAL
                file: history.csv
                history: true
                fields:
                  objectId: DealId
                  modifiedDate: Changed
                  stage: Stage
            """)
            .file("deals.csv", "Id,Modified,Name,Stage\nd1,2024-03-01T00:00:00Z,Fleet,won\nd2,2024-03-01T00:00:00Z,Pilot,open\n")
            .file("history.csv", "DealId,Changed,Stage\nd1,2024-02-01T00:00:00Z,proposal\nd1,2024-01-01T00:00:00Z,open\nd2,2024-01-05T00:00:00Z,open\nd1,2024-02-01T00:00:00Z,proposal2\nd9,2024-01-01T00:00:00Z,open\n")
            .run()
        let layers = outcome.history.map { "\($0.0) \($0.1.objectId!) \($0.1["stage"]!.displayText) \($0.1["name"]!.displayText)" }
        #expect(layers == ["1 d1 open Fleet", "1 d2 open Pilot", "2 d1 proposal2 Fleet"])
        #expect(outcome.diagnostics(.duplicateVersion).count == 1)
        #expect(outcome.diagnostics(.historyWithoutCurrent).map(\.row) == [5])
        #expect(outcome.report.tally(.deal).historyLayers == 2)
        #expect(outcome.report.tally(.deal).historyVersions == 3)
    }

    /// A deal lost today was open at an early stage: a version never takes the current status.
    @Test func historyVersionsDoNotTakeTheCurrentStatus() throws {
        let outcome = try Scenario(mapping: """
            entities:
              - entity: DEAL
                file: deals.csv
                fields:
                  objectId: Id
                  modifiedDate: Modified
                  stage: Stage
                  status: Status
              - entity: DEAL
                file: history.csv
                history: true
                fields:
                  objectId: DealId
                  modifiedDate: Changed
                  stage: Stage
            """)
            .file("deals.csv", "Id,Modified,Stage,Status\nd1,2024-03-01T00:00:00Z,lost,LOST\n")
            .file("history.csv", "DealId,Changed,Stage\nd1,2024-01-01T00:00:00Z,qualify\n")
            .run()
        #expect(outcome.history.count == 1)
        #expect(outcome.history.first?.1["stage"]?.displayText == "qualify")
        #expect(outcome.history.first?.1["status"] == nil, "not LOST: the version's own status is unknown")
        #expect(outcome.records.first?["status"] == .string("LOST"))
    }

    @Test func derivedStagesFromDistinctValues() throws {
        let outcome = try Scenario(mapping: """
            entities:
              - entity: STAGE
                distinct:
                  - file: deals.csv
                    columns: [Stage]
                fields:
                  objectId: Stage | slug
                  name: Stage
              - entity: DEAL
                file: deals.csv
                fields:
                  objectId: Id
                  modifiedDate: =2024-01-01T00:00:00Z
                  stage: Stage | slug
            """)
            .file("deals.csv", "Id,Stage\nd1,Closed Won\nd2,Open\nd3,Closed Won\nd4,\n")
            .run()
        #expect(outcome.records.filter { $0.type == .stage }.map(\.objectId) == ["closed-won", "open"])
        #expect(outcome.report.relationships.first { $0.field == "stage" }.map { [$0.linked, $0.missing, $0.empty] } == [3, 0, 1])
    }

    @Test(arguments: Rule.allCases)
    func everyRuleExplainsItself(rule: Rule) {
        #expect(!rule.summary.isEmpty)
        #expect(rule.rawValue.allSatisfy { $0.isLowercase || $0 == "-" })
    }
}

@Suite("Parallel preparation")
struct ParallelTests {
    @Test func parallelAndSequentialPassesAgreeRowForRow() throws {
        var contacts = "Id,Account,Email,Modified\n"
        for index in 0..<30_000 {
            let id = index == 20_000 ? "c-7" : "c-\(index)"
            let email = index % 997 == 0 ? "broken-\(index)" : "p\(index)@acme.example"
            let modified = index % 1_511 == 0 ? "someday" : "2024-03-01T10:00:00Z"
            contacts += "\(id),a-\(index % 50),\(email),\(modified)\n"
        }
        let mapping = """
            entities:
              - entity: ACCOUNT
                file: accounts.csv
                fields:
                  objectId: Id
                  modifiedDate: =2024-01-01T00:00:00Z
              - entity: CONTACT
                file: contacts.csv
                fields:
                  objectId: Id
                  modifiedDate: Modified
                  accountId: Account
                  emailAddress: Email
            """
        let scenario = Scenario(mapping: mapping)
            .file("accounts.csv", "Id\n" + (0..<45).map { "a-\($0)" }.joined(separator: "\n") + "\n")
            .file("contacts.csv", contacts)
        let sequential = try scenario.run(parallelThreshold: .max)
        let parallel = try scenario.run(parallelThreshold: 1)
        #expect(parallel.records == sequential.records)
        #expect(parallel.diagnostics == sequential.diagnostics)
        #expect(parallel.report.tally(.contact) == sequential.report.tally(.contact))
        #expect(sequential.diagnostics(.duplicateObjectId).map(\.row) == [20_001])
        #expect(sequential.diagnostics(.invalidDate).count == 20)
        #expect(sequential.diagnostics(.missingReference).count == 3000)
        #expect(sequential.records.filter { $0.type == .contact }.count == 30_000 - 20 - 1)
    }
}

/// Reading problems met in the middle of a file read in batches on several threads come out as
/// the sequential reading reports them, with the same rows and lines.
@Suite("Reading problems in parallel")
struct ParallelReadingProblemsTests {
    @Test func raggedRowsEncodingAndAnOpenQuoteMatchTheSequentialRead() throws {
        var bytes = Array("Id,Name,Modified\n".utf8)
        for index in 0..<5_000 {
            if index % 997 == 0 { bytes += Array("r-\(index),ragged,2024-03-01T10:00:00Z,extra,cells\n".utf8); continue }
            if index == 2_500 { bytes += Array("a-\(index),M".utf8) + [0xFC] + Array("ller,2024-03-01T10:00:00Z\n".utf8); continue }
            bytes += Array("a-\(index),\"Name, \(index)\",2024-03-01T10:00:00Z\n".utf8)
        }
        bytes += Array("a-open,\"never closed,2024-03-01T10:00:00Z\na-after,After,2024-03-01T10:00:00Z\n".utf8)
        let scenario = Scenario(mapping: """
            entities:
              - entity: ACCOUNT
                file: accounts.csv
                fields:
                  objectId: Id
                  name: Name
                  modifiedDate: Modified
            """)
        _ = FileManager.default.createFile(atPath: scenario.folder + "/accounts.csv", contents: Data(bytes))
        let sequential = try scenario.run(parallelThreshold: .max)
        let parallel = try scenario.run(parallelThreshold: 1)
        #expect(parallel.records == sequential.records)
        // Reading problems come out per batch, rows' problems per row: the same diagnostics, in
        // line order within each kind.
        func ordered(_ diagnostics: [Diagnostic]) -> [Diagnostic] { diagnostics.sorted { ($0.line ?? 0, $0.rule.rawValue) < ($1.line ?? 0, $1.rule.rawValue) } }
        #expect(ordered(parallel.diagnostics) == ordered(sequential.diagnostics))
        #expect(sequential.diagnostics(.raggedRow).count == 6)
        #expect(sequential.diagnostics(.encodingFallback).map(\.line) == [2_502])
        #expect(sequential.diagnostics(.unterminatedQuote).count == 1)
        #expect(sequential.records.last?.objectId == "a-after")
    }
}

@Suite("Reading problems as diagnostics")
struct ReaderDiagnosticsTests {
    @Test func everyReaderProblemHasItsRule() throws {
        let scenario = Scenario(mapping: """
            entities:
              - entity: ACCOUNT
                file: a.csv
                fields:
                  objectId: Id
                  modifiedDate: =2024-01-01T00:00:00Z
              - entity: CONTACT
                file: c.jsonl
                fields:
                  objectId: id
                  modifiedDate: =2024-01-01T00:00:00Z
            """)
            .file("a.csv", "Id,,Id\nacc-1,\"x\"y,z\n")
            .file("c.jsonl", "{\"id\":\"c1\"}\n{\"id\": oops}\n")
        _ = FileManager.default.createFile(atPath: scenario.folder + "/legacy.csv", contents: Data([0x49, 0x64, 0x0A, 0x4D, 0xFC, 0x0A]))
        _ = FileManager.default.createFile(atPath: scenario.folder + "/blob.csv", contents: Data([0x00, 0x01, 0x02, 0x03]))
        _ = FileManager.default.createFile(atPath: scenario.folder + "/data-first.csv", contents: Data("jane@acme.example,2024-03-01\n".utf8))
        let outcome = try scenario.run()
        #expect(outcome.diagnostics(.headerNames).count == 2)
        #expect(outcome.diagnostics(.textAfterQuote).map(\.line) == [2])
        #expect(outcome.diagnostics(.malformedJSON).map(\.line) == [2])
        #expect(outcome.diagnostics(.encodingFallback).map(\.file) == ["legacy.csv"])
        #expect(outcome.diagnostics(.binaryFile).map(\.severity) == [.warning], "a file the mapping does not use")
        #expect(outcome.records.map(\.objectId) == ["acc-1", "c1"])
        let headerless = try Scenario(mapping: """
            entities:
              - entity: ACCOUNT
                file: d.csv
                fields:
                  objectId: jane@acme.example
                  modifiedDate: =2024-01-01T00:00:00Z
            """).file("d.csv", "jane@acme.example,2024-03-01\nbob@acme.example,2024-03-02\n").run()
        #expect(headerless.diagnostics(.missingHeader).map(\.severity) == [.error])
    }
}
