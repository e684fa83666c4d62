import Foundation
import Testing

/// The headless CLI as users and cron jobs run it: the real binary, real files, exit codes.
@Suite("gongmap commands", .serialized)
struct CommandTests {
    /// Planted problems of the sample, from Samples/salesforce-small/PLANTED.md.
    static func planted() throws -> [(file: String, row: Int, rule: String)] {
        let text = try String(contentsOfFile: Binary.sample + "/PLANTED.md", encoding: .utf8)
        return text.split(separator: "\n").filter { $0.hasPrefix("| ") && !$0.hasPrefix("| file") }.map { line in
            let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            return (cells[0], Int(cells[1])!, cells[2])
        }
    }

    @Test func suggestAssignsEveryFileAndWritesAMappingThatValidates() throws {
        let folder = Binary.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let result = try Binary.run(["suggest", Binary.sample, "-o", folder + "/m.yaml"])
        #expect(result.status == 0, "\(result.stderr)")
        for (file, entity) in [("User.csv", "BUSINESS_USER"), ("OpportunityStage.csv", "STAGE"), ("Account.csv", "ACCOUNT"), ("Contact.csv", "CONTACT"),
                               ("Opportunity.csv", "DEAL"), ("Lead.csv", "LEAD"), ("Campaign.csv", "unassigned")] {
            #expect(result.stdout.split(separator: "\n").contains { $0.contains(file + " ") && $0.contains(entity) }, "\(file) → \(entity)")
        }
        let yaml = try String(contentsOfFile: folder + "/m.yaml", encoding: .utf8)
        #expect(yaml.contains("export: "))
        let validate = try Binary.run(["validate", "--mapping", folder + "/m.yaml"])
        #expect(validate.status == 1, "the sample has planted errors: \(validate.stderr)")
    }

    @Test func versionSaysABuildFromSourceRecordsNoCommit() throws {
        // scripts/package writes the commit in; its test checks the packaged binary names it.
        let result = try Binary.run(["--version"])
        #expect(result.status == 0)
        #expect(result.stdout == "gongmap 0.1.0 (built from a source checkout, commit not recorded)\n")
    }

    @Test func suggestNeverOverwritesWithoutForce() throws {
        let folder = Binary.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        _ = FileManager.default.createFile(atPath: folder + "/m.yaml", contents: Data("mine".utf8))
        let refused = try Binary.run(["suggest", Binary.sample, "-o", folder + "/m.yaml"])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("--force"))
        #expect(try String(contentsOfFile: folder + "/m.yaml", encoding: .utf8) == "mine")
        #expect(try Binary.run(["suggest", Binary.sample, "-o", folder + "/m.yaml", "--force"]).status == 0)
    }

    @Test func validateJSONReportsEveryPlantedProblemAtItsRow() throws {
        let result = try Binary.run(["validate", "--mapping", Binary.sampleMapping, "--json"])
        #expect(result.status == 1)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let records = try #require(document["records"] as? [String: Int])
        #expect(records == ["BUSINESS_USER": 12, "STAGE": 8, "ACCOUNT": 80, "CONTACT": 200, "DEAL": 120, "LEAD": 60])
        #expect((document["errors"] as? Int ?? 0) > 0)
        let rules = try #require(document["rules"] as? [[String: Any]])
        #expect(rules.allSatisfy { $0["rule"] is String && $0["severity"] is String && $0["count"] is Int && $0["samples"] is [Any] })

        let folder = Binary.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let full = try Binary.run(["validate", "--mapping", Binary.sampleMapping, "--diagnostics-out", folder + "/d.ndjson"])
        #expect(full.status == 1)
        let diagnostics = try String(contentsOfFile: folder + "/d.ndjson", encoding: .utf8).split(separator: "\n").map {
            try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any]
        }
        for problem in try Self.planted() {
            let found = diagnostics.contains { $0["file"] as? String == problem.file && $0["row"] as? Int == problem.row && $0["rule"] as? String == problem.rule }
            #expect(found, "planted \(problem.rule) at \(problem.file) row \(problem.row)")
        }
    }

    @Test func diagnosticsAsCSV() throws {
        let folder = Binary.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        _ = try Binary.run(["validate", "--mapping", Binary.sampleMapping, "--diagnostics-out", folder + "/d.csv"])
        let lines = try String(contentsOfFile: folder + "/d.csv", encoding: .utf8).split(separator: "\n")
        #expect(lines.first == "severity,rule,entity,field,file,row,line,column,value,objectId,message")
        #expect(lines.contains { $0.hasPrefix("error,duplicate-object-id,ACCOUNT,objectId,Account.csv,41,") })
    }

    @Test func planWritesValidLDJSONInUploadOrder() throws {
        let folder = Binary.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let result = try Binary.run(["plan", "--mapping", Binary.sampleMapping, "--out", folder + "/plan", "--max-file-bytes", "20000"])
        #expect(result.status == 1, "\(result.stderr)")
        let manifest = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder + "/plan/manifest.json"))) as? [String: Any])
        let files = try #require(manifest["files"] as? [[String: Any]])
        let order = ["BUSINESS_USER", "STAGE", "ACCOUNT", "CONTACT", "DEAL", "LEAD"]
        let entityFiles = files.filter { $0["kind"] as? String != "schema" }
        let positions = entityFiles.map { order.firstIndex(of: $0["objectType"] as! String)! }
        #expect(positions == positions.sorted())
        #expect(files.prefix { $0["kind"] as? String == "schema" }.count == files.filter { $0["kind"] as? String == "schema" }.count)
        var total: [String: Int] = [:]
        for file in entityFiles {
            let path = folder + "/plan/" + (file["path"] as! String)
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            #expect(data.count <= 20000)
            var ids: Set<String> = []
            for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
                let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
                let id = try #require(object["objectId"] as? String)
                #expect(ids.insert(id).inserted, "objectId \(id) twice in \(path)")
                #expect(object["modifiedDate"] is String || file["objectType"] as? String == "STAGE")
                if let date = object["modifiedDate"] as? String { #expect(date.count == 20 && date.hasSuffix("Z")) }
            }
            if file["kind"] as? String == "entities" { total[file["objectType"] as! String, default: 0] += ids.count }
        }
        #expect(total == ["BUSINESS_USER": 11, "STAGE": 8, "ACCOUNT": 79, "CONTACT": 199, "DEAL": 118, "LEAD": 60])
        #expect(entityFiles.contains { $0["kind"] as? String == "history" && $0["layer"] as? Int == 1 })
    }

    @Test func exitCodesTellUsageFromDataErrors() throws {
        #expect(try Binary.run(["validate"]).status == 2)
        #expect(try Binary.run(["validate", Binary.sample, "--mapping", "/nonexistent.yaml"]).status == 2)
        #expect(try Binary.run(["validate", "/nonexistent-export", "--mapping", Binary.sampleMapping]).status == 2)
        #expect(try Binary.run(["frobnicate"]).status == 2)
        #expect(try Binary.run(["--help"]).status == 0)
        #expect(try Binary.run(["rules"]).stdout.contains("duplicate-object-id"))

        let folder = Binary.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        _ = FileManager.default.createFile(atPath: folder + "/a.csv", contents: Data("Id,Modified\nacc-1,2024-03-01T10:00:00Z\n".utf8))
        _ = FileManager.default.createFile(atPath: folder + "/m.yaml", contents: Data("gongmap: 1\nexport: .\nentities:\n  - entity: ACCOUNT\n    file: a.csv\n    fields:\n      objectId: Id\n      modifiedDate: Modified\n".utf8))
        let clean = try Binary.run(["validate", "--mapping", folder + "/m.yaml"])
        #expect(clean.status == 0, "\(clean.stdout)\(clean.stderr)")
        _ = FileManager.default.createFile(atPath: folder + "/bad.yaml", contents: Data("gongmap: 1\nexport: .\nentities:\n  - entity: ACCOUNT\n    file: a.csv\n    fields:\n      objectId: Idd\n".utf8))
        let badColumn = try Binary.run(["validate", "--mapping", folder + "/bad.yaml"])
        #expect(badColumn.status == 2)
        #expect(badColumn.stderr.contains("bad.yaml:7:17: ACCOUNT.objectId: column 'Idd' is not in a.csv"), "\(badColumn.stderr)")
    }

    /// Every mapping error names file:line:column, also those found against the export.
    @Test(arguments: [
        ("    file: b.csv\n    fields:\n      objectId: Id\n", "m.yaml:5:11: b.csv is named in the mapping but is not in the export"),
        ("    file: a.csv\n    fields:\n      objectId: Id | map(kinds)\n", "m.yaml:7:17: ACCOUNT.objectId: value map 'kinds' is not defined"),
        ("    file: a.csv\n    fields:\n      objectId: Id\n      objectId: Modified\n", "m.yaml:7:7: a key appears twice in this mapping: objectId"),
    ])
    func mappingErrorsNameTheirLineAndColumn(entry: String, expected: String) throws {
        let folder = Binary.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        _ = FileManager.default.createFile(atPath: folder + "/a.csv", contents: Data("Id,Modified\nacc-1,2024-03-01T10:00:00Z\n".utf8))
        _ = FileManager.default.createFile(atPath: folder + "/m.yaml", contents: Data(("gongmap: 1\nexport: .\nentities:\n  - entity: ACCOUNT\n" + entry).utf8))
        let result = try Binary.run(["validate", "--mapping", folder + "/m.yaml"])
        #expect(result.status == 2)
        #expect(result.stderr.contains(expected), "\(result.stderr)")
    }

    @Test func valuesShowsTheFrequencyTableAndCoverage() throws {
        let result = try Binary.run(["values", Binary.sample, "--file", "Opportunity.csv", "--column", "IsWon"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("false") && result.stdout.contains("true"))
    }

    @Test func valuesListsTheEmptyValueToo() throws {
        let folder = Binary.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try "Id,Status\n1,Open\n2,\n3,Open\n4,\n".write(toFile: folder + "/a.csv", atomically: true, encoding: .utf8)
        let result = try Binary.run(["values", folder, "--file", "a.csv", "--column", "Status"])
        #expect(result.status == 0)
        #expect(result.stdout.split(separator: "\n").contains { $0.trimmingCharacters(in: .whitespaces).hasPrefix("(empty)") && $0.hasSuffix(" 2") }, "\(result.stdout)")
    }
}
