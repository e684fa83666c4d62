import Foundation
import Testing

/// The bundled sample as an Excel workbook and as a SQLite database (Tests/Fixtures/exports/make/tables.py):
/// the same validation and byte for byte the same upload files as the CSV sample; suggest and
/// upload of each are in `CorpusUploadTests`.
@Suite("Workbook and database exports")
struct TableSourceTests {
    static let exports = Binary.packageRoot.appendingPathComponent("Tests/Fixtures/exports").path

    static func planned(_ mapping: String, export: [String] = []) throws -> [String: Data] {
        let folder = Binary.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let plan = try Binary.run(["plan"] + export + ["--mapping", mapping, "--out", folder + "/plan"])
        #expect(plan.status == 1, "the sample's planted problems leave records out: \(plan.stderr)")
        var files: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder + "/plan") where name.hasSuffix(".ldjson") || name.hasPrefix("00-schema") {
            files[name] = try Data(contentsOf: URL(fileURLWithPath: folder + "/plan/" + name))
        }
        return files
    }

    /// Records, errors, warnings and each rule's count (the lines of a CSV file are not a sheet's rows).
    static func validation(_ mapping: String, export: [String] = []) throws -> String {
        let validate = try Binary.run(["validate"] + export + ["--mapping", mapping, "--json"])
        #expect(validate.status == 1)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(validate.stdout.utf8)) as? [String: Any])
        let rules = (report["rules"] as? [[String: Any]] ?? []).map { "\($0["rule"] ?? "") \($0["entity"] ?? "") \($0["field"] ?? "") \($0["count"] ?? "")" }.sorted()
        let records = (report["records"] as? [String: Int] ?? [:]).sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
        return "\(records) \(report["errors"] ?? "") \(report["warnings"] ?? "") \(rules)"
    }

    @Test(arguments: ["salesforce-xlsx", "salesforce-sqlite"])
    func theSampleAsATableSourceUploadsExactlyWhatItsCSVDoes(shape: String) throws {
        let mapping = "\(Self.exports)/\(shape).mapping.yaml"
        let csv = try Self.planned(Binary.sampleMapping)
        let tables = try Self.planned(mapping)
        #expect(csv.count == 13 && Set(tables.keys) == Set(csv.keys))
        for (name, data) in csv { #expect(tables[name] == data, "\(shape): \(name) differs from the CSV sample's") }
        #expect(try Self.validation(mapping) == Self.validation(Binary.sampleMapping))
    }

    @Test func profileNamesSheetsAndTables() throws {
        let workbook = try Binary.run(["profile", "\(Self.exports)/salesforce-xlsx"])
        #expect(workbook.stdout.contains("Salesforce.xlsx#Contact  Excel sheet, UTF-8, 200 rows"))
        let database = try Binary.run(["profile", "\(Self.exports)/salesforce-sqlite/crm.sqlite"])
        #expect(database.stdout.contains("Contact  SQLite table, UTF-8, 200 rows"), "\(database.stdout.prefix(400))")
        let inFolder = try Binary.run(["profile", "\(Self.exports)/salesforce-sqlite"])
        #expect(inFolder.stdout.contains("crm.sqlite#Contact  SQLite table"))
    }
}
