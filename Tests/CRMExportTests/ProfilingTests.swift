import CRMExport
import Testing

@Suite("Profiling columns")
struct ProfilingTests {
    @Test func infersTheKindOfEachColumn() throws {
        var text = "Id,Email,Website,Created,Close,Amount,Count,Active,Phone,Notes,Stage,Empty\n"
        for index in 0..<60 {
            text += "0015e000AbCd\(String(format: "%03d", index))EFG,user\(index)@acme.example,https://acme\(index).example,2023-05-17T14:22:05.000Z,2024-06-\(String(format: "%02d", index % 28 + 1)),"
            text += "\"$\(index),250.50\",\(index),\(index % 2 == 0 ? "yes" : "no"),+1 555 01\(String(format: "%02d", index)),Free text number \(index),\(["Prospecting", "Closed Won", "Qualification"][index % 3]),\n"
        }
        let export = TemporaryExport()
        export.write("p.csv", text)
        let profile = try FileProfile.profile(try export.export().files[0])
        let kinds = Dictionary(uniqueKeysWithValues: profile.columns.map { ($0.name, $0.kind) })
        #expect(kinds == ["Id": .identifier, "Email": .email, "Website": .url, "Created": .datetime, "Close": .date, "Amount": .decimal, "Count": .integer,
                          "Active": .boolean, "Phone": .phone, "Notes": .text, "Stage": .text, "Empty": .text])
        let stage = try #require(profile.column(named: "Stage"))
        #expect(stage.nonEmpty == 60)
        #expect(stage.distinctEstimate == 3)
        #expect(stage.looksLikePicklist)
        #expect(stage.frequencyTable.map(\.count) == [20, 20, 20])
        #expect(try #require(profile.column(named: "Empty")).nonEmpty == 0)
        #expect(try #require(profile.column(named: "Email")).samples.count == 5)
    }

    /// Typed as a number, these would change: `03902` → 3902, a phone → digits, `2005 4` → 20054.
    @Test func codesThatANumberWouldChangeKeepTheColumnText() throws {
        var text = "Postal,Phone,Fiscal,Employees\n"
        for index in 0..<40 {
            let postal = index == 7 ? "03902" : String(10_000 + index * 17)
            let phone = index == 3 ? "+1 555 0100" : String(5_550_100 + index)
            text += "\(postal),\(phone),\(2000 + index % 6) \(index % 4 + 1),\(index * 3 + 1)\n"
        }
        let export = TemporaryExport()
        export.write("codes.csv", text)
        let profile = try FileProfile.profile(try export.export().files[0])
        let kinds = Dictionary(uniqueKeysWithValues: profile.columns.map { ($0.name, $0.kind) })
        #expect(kinds["Postal"] != .integer && kinds["Postal"] != .decimal)
        #expect(kinds["Phone"] != .integer && kinds["Phone"] != .decimal)
        #expect(kinds["Fiscal"] == .text)
        #expect(kinds["Employees"] == .integer, "plain numbers stay numbers")
    }

    @Test func distinctCountsOfLargeColumnsAreEstimatedClosely() throws {
        var text = "Id\n"
        for index in 0..<20_000 { text += "id-\(index)\n" }
        let export = TemporaryExport()
        export.write("many.csv", text)
        let column = try FileProfile.profile(try export.export().files[0]).columns[0]
        #expect(!column.frequenciesComplete)
        #expect(abs(column.distinctEstimate - 20_000) < 1_000)
    }

    @Test func dateOrderEvidenceComesFromTheWholeColumn() throws {
        let export = TemporaryExport()
        export.write("d.csv", "When\n01/02/2024\n03/04/2024\n05/17/2024\n")
        let column = try FileProfile.profile(try export.export().files[0]).columns[0]
        #expect(column.dateOrderEvidence.monthFirst == 1)
        #expect(column.dateOrderEvidence.dayFirst == 0)
        #expect(column.dateOrderEvidence.ambiguous == 2)
    }

    @Test func previewsReadOnlyTheFirstRows() throws {
        var text = "Id\n"
        for index in 0..<1000 { text += "\(index)\n" }
        let export = TemporaryExport()
        export.write("big.csv", text)
        let profile = try FileProfile.profile(try export.export().files[0], rowLimit: 10)
        #expect(profile.rows == 10)
        #expect(!profile.complete)
    }
}
