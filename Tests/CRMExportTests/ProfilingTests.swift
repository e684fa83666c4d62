import CRMExport
import Foundation
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

    /// A big file is profiled by several threads; their profiles merge into the one a single
    /// thread builds: counts, kinds, value tables and samples in order of appearance.
    @Test func profilesBuiltOnSeveralThreadsMergeIntoTheSequentialProfile() throws {
        var text = "Id,Stage,Amount,Created,Note\n"
        for index in 0..<5_000 {
            let stage = ["Prospecting", "Closed Won", " Qualification ", "Closed Lost"][index % 4]
            text += "id-\(index),\(stage),\(index % 97).50,2023-05-\(String(format: "%02d", index % 28 + 1)),\(index % 3 == 0 ? "" : "note \(index % 1_501)")\n"
        }
        let export = TemporaryExport()
        export.write("big.csv", text)
        let file = try export.export().files[0]
        let sequential = try FileProfile.profile(file, threads: 1)
        let parallel = try FileProfile.profile(file, threads: 3, batchSize: 7)
        #expect(parallel.rows == 5_000 && parallel.complete)
        for (one, many) in zip(sequential.columns, parallel.columns) {
            #expect(one.name == many.name)
            #expect(one.rows == many.rows && one.nonEmpty == many.nonEmpty && one.maxLength == many.maxLength, "\(one.name)")
            #expect(one.kind == many.kind && one.shapeCounts == many.shapeCounts, "\(one.name)")
            #expect(one.frequenciesComplete == many.frequenciesComplete && one.samples == many.samples, "\(one.name)")
            #expect(Set(one.frequencies.keys) == Set(many.frequencies.keys), "\(one.name): the same first values are kept")
            if one.frequenciesComplete { #expect(one.frequencies == many.frequencies, "\(one.name)") }
            #expect(abs(one.distinctEstimate - many.distinctEstimate) <= one.distinctEstimate / 50 + 1, "\(one.name)")
        }
        let stage = try #require(parallel.column(named: "Stage"))
        #expect(stage.frequencies == ["Prospecting": 1_250, "Closed Won": 1_250, "Qualification": 1_250, "Closed Lost": 1_250])
        #expect(try #require(parallel.column(named: "Note")).frequenciesComplete == false)
    }

    /// Values are trimmed of every kind of white space before they are counted: the no-break space
    /// (U+00A0) and the ideographic space (U+3000) as well as ASCII's; accented letters stay.
    @Test func valuesAreTrimmedOfUnicodeWhiteSpace() throws {
        let export = TemporaryExport()
        export.write("w.csv", "Name\n\u{00A0}Acme\u{00A0}\n Acme \n\u{3000}Acme\nJosé\n\u{00A0}\n")
        let column = try FileProfile.profile(try export.export().files[0]).columns[0]
        #expect(column.frequencies == ["Acme": 3, "José": 1])
        #expect(column.nonEmpty == 4)
    }

    @Test func aCancelledProfileKeepsTheRowsReadAndSaysItIsNotComplete() throws {
        var text = "Id\n"
        for index in 0..<20_000 { text += "\(index)\n" }
        let export = TemporaryExport()
        export.write("big.csv", text)
        let reports = ReportLog()
        let progress = ProfileProgress { file, _, rows, done in
            reports.add("\(file) \(rows) \(done)")
        }
        progress.cancel()
        let profile = try FileProfile.profile(try export.export().files[0], progress: progress, batchSize: 100)
        #expect(!profile.complete)
        #expect(profile.rows < 20_000)
        #expect(reports.lines.last == "big.csv \(profile.rows) true")

        let whole = try FileProfile.profile(try export.export().files[0], progress: ProfileProgress { file, _, rows, done in reports.add("\(file) \(rows) \(done)") })
        #expect(whole.complete && whole.rows == 20_000)
        #expect(reports.lines.last == "big.csv 20000 true")
    }

    @Test func aPreviewOfAFileWithExactlyThatManyRowsIsWhole() throws {
        let export = TemporaryExport()
        export.write("ten.csv", "Id\n" + (1...10).map { "\($0)\n" }.joined())
        let profile = try FileProfile.profile(try export.export().files[0], rowLimit: 10)
        #expect(profile.rows == 10 && profile.complete)
    }
}

private final class ReportLog: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [String] = []
    func add(_ line: String) { lock.lock(); stored.append(line); lock.unlock() }
    var lines: [String] { lock.lock(); defer { lock.unlock() }; return stored }
}
