import Crypto
import Foundation
import GongCRM
import Mapping
import Testing
import Upload
import Validation

@Suite("Plan files")
struct PlanWriterTests {
    let root = NSTemporaryDirectory() + "gongmap-plan-" + UUID().uuidString

    func record(_ type: EntityType, _ id: String, _ extra: String = "") -> GongRecord {
        GongRecord(type: type, fields: [("objectId", .string(id)), ("modifiedDate", .string("2024-03-01T00:00:00Z")), ("name", .string("Name \(id) \(extra)"))])
    }

    func report() -> ValidationReport {
        var report = ValidationReport()
        report.entities[.account] = .init(read: 3, valid: 3)
        return report
    }

    @Test func splitsFilesUnderTheLimitAndListsThemInUploadOrder() throws {
        defer { try? FileManager.default.removeItem(atPath: root) }
        let writer = try PlanWriter(folder: root + "/plan", maxFileBytes: 250)
        var mapping = Mapping()
        mapping.customFields[.account] = [CustomField(uniqueName: "tier", label: "Tier", type: .picklist, orderedValueList: ["Gold", "Silver"]),
                                         CustomField(uniqueName: "parent", label: "Parent", type: .reference, referenceTo: .account)]
        try writer.writeSchemas(mapping)
        for index in 0..<5 { try writer.accept(record(.account, "acc-\(index)", String(repeating: "x", count: 40))) }
        try writer.accept(record(.deal, "d-1"))
        try writer.acceptHistory(record(.deal, "d-1", "v1"), layer: 1, origin: RecordOrigin(file: "h.csv", row: 1))
        try writer.acceptHistory(record(.deal, "d-1", "v2"), layer: 2, origin: RecordOrigin(file: "h.csv", row: 2))
        let manifest = try writer.finish(report: report(), export: "export", mapping: "m.yaml", createdAt: "2024-03-01T00:00:00Z")
        #expect(manifest.files.map(\.path) == ["00-schema-ACCOUNT.json", "03-ACCOUNT-001.ldjson", "03-ACCOUNT-002.ldjson", "03-ACCOUNT-003.ldjson",
                                               "05-DEAL-history01-001.ldjson", "05-DEAL-history02-001.ldjson", "05-DEAL-001.ldjson"])
        #expect(manifest.files.filter { $0.objectType == .account && $0.kind == .entities }.map(\.records) == [2, 2, 1])
        for file in manifest.files {
            let data = try Data(contentsOf: URL(fileURLWithPath: root + "/plan/" + file.path))
            #expect(data.count == file.bytes)
            #expect(file.kind == .schema || data.count <= 250)
            #expect(SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined() == file.sha256)
        }
        let schema = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: root + "/plan/00-schema-ACCOUNT.json"))) as! [[String: Any]]
        #expect(schema.count == 2)
        #expect(schema[0]["orderedValueList"] as? [String] == ["Gold", "Silver"])
        #expect(schema[1]["referenceTo"] as? String == "ACCOUNT")
        let manifestData = try Data(contentsOf: URL(fileURLWithPath: root + "/plan/manifest.json"))
        #expect(try JSONDecoder().decode(PlanManifest.self, from: manifestData) == manifest)
    }

    @Test func everyLineIsOneJSONObjectEndingInLF() throws {
        defer { try? FileManager.default.removeItem(atPath: root) }
        let writer = try PlanWriter(folder: root + "/plan")
        try writer.accept(record(.account, "acc-1", "line\nbreak \"quoted\" ü"))
        try writer.accept(record(.account, "acc-2"))
        try writer.finish(report: report(), export: "e", mapping: "m", createdAt: "t")
        let text = try String(contentsOfFile: root + "/plan/03-ACCOUNT-001.ldjson", encoding: .utf8)
        #expect(text.hasSuffix("\n"))
        let lines = text.dropLast().split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 2)
        for line in lines {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            #expect(object?["objectId"] is String)
        }
    }

    @Test func aPlanReplacesAnEarlierPlanWholeButNeverOtherFolders() throws {
        defer { try? FileManager.default.removeItem(atPath: root) }
        let first = try PlanWriter(folder: root + "/plan")
        try first.accept(record(.account, "old"))
        try first.finish(report: report(), export: "e", mapping: "m", createdAt: "t")
        let second = try PlanWriter(folder: root + "/plan")
        try second.accept(record(.contact, "new"))
        try second.finish(report: report(), export: "e", mapping: "m", createdAt: "t")
        #expect(try FileManager.default.contentsOfDirectory(atPath: root + "/plan").sorted() == ["04-CONTACT-001.ldjson", "04-CONTACT-001.ldjson.origins", "manifest.json"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: root).sorted() == ["plan"])

        try FileManager.default.createDirectory(atPath: root + "/mine", withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: root + "/mine/notes.txt", contents: Data("keep".utf8))
        #expect(throws: PlanError.self) { try PlanWriter(folder: root + "/mine") }
        #expect(FileManager.default.fileExists(atPath: root + "/mine/notes.txt"))
    }

    @Test func anAbandonedPlanLeavesNothingBehind() throws {
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        let writer = try PlanWriter(folder: root + "/plan")
        try writer.accept(record(.account, "a"))
        writer.abandon()
        #expect(try FileManager.default.contentsOfDirectory(atPath: root).isEmpty)
    }
}

extension PlanWriter {
    /// Records of these tests come from one made-up row.
    func accept(_ record: GongRecord) throws { try accept(record, origin: RecordOrigin(file: "t.csv", row: 1)) }
}
