import CRMExport
import Foundation
import GongCRM
import Mapping
import Testing
@testable import Wizard

/// The risks the Fields step shows beside a field, read from its expression and its column.
@Suite("Field advice")
struct FieldAdviceTests {
    static func profile(_ csv: String) throws -> FileProfile {
        let folder = NSTemporaryDirectory() + "gongmap-advice-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try csv.write(toFile: folder + "/a.csv", atomically: true, encoding: .utf8)
        return try FileProfile.profile(try Export.open([folder]).files[0])
    }

    @Test func codesTypedAsNumbersAndModifiedDateNowAreRisks() throws {
        let profile = try Self.profile("Id,Postal,When\n1,03902,01/02/2024\n2,10115,03/04/2024\n")
        let mapping = Mapping()
        let postal = FieldAdvice.risks(target: "billingPostalCode", expression: try ExpressionSyntax.parse("Postal | number"), entity: .account, mapping: mapping, profile: profile)
        #expect(postal.contains { $0.contains("03902 → 3902") })
        let now = FieldAdvice.risks(target: "modifiedDate", expression: try ExpressionSyntax.parse("@now"), entity: .account, mapping: mapping, profile: profile)
        #expect(now.contains { $0.contains("every record is sent again") })
        let dates = FieldAdvice.risks(target: "createdDate", expression: try ExpressionSyntax.parse("When | date"), entity: .account, mapping: mapping, profile: profile)
        #expect(dates.contains { $0.contains("read both ways") })
        let plain = FieldAdvice.risks(target: "name", expression: try ExpressionSyntax.parse("Id"), entity: .account, mapping: mapping, profile: profile)
        #expect(plain.isEmpty, "no risk invented for a plain column")
    }
}
