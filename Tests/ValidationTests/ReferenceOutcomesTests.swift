import Testing
import Validation

/// Each reference of each row keeps its own outcome, however many references an entity has.
@Suite("Reference outcomes")
struct ReferenceOutcomesTests {
    static let fieldCount = 40
    static let values = ["a1", "a9", ""]

    func scenario() -> Scenario {
        let names = (1...Self.fieldCount).map { "ref\($0)" }
        let mapping = """
            customFields:
              CONTACT:
            \(names.map { "    - {uniqueName: \($0), type: REFERENCE, referenceTo: ACCOUNT}" }.joined(separator: "\n"))
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
            \(names.map { "      \($0): \($0.uppercased())" }.joined(separator: "\n"))
            """
        var contacts = "Id," + names.map { $0.uppercased() }.joined(separator: ",") + "\n"
        for row in 1...3 {
            contacts += "c\(row)," + (1...Self.fieldCount).map { Self.values[($0 + row) % 3] }.joined(separator: ",") + "\n"
        }
        return Scenario(mapping: mapping)
            .file("accounts.csv", "Id,Name\na1,Acme\na2,Beta\n")
            .file("contacts.csv", contacts)
    }

    @Test(arguments: [Int.max, 0])
    func everyReferenceKeepsItsOwnOutcome(parallelThreshold: Int) throws {
        let outcome = try scenario().run(parallelThreshold: parallelThreshold)
        let relations = outcome.report.relationships.filter { $0.entity == .contact }
        #expect(relations.count == Self.fieldCount)
        for relation in relations { #expect([relation.linked, relation.missing, relation.empty] == [1, 1, 1], "\(relation.field)") }
        let missing = outcome.diagnostics(.missingReference).map { "\($0.field!) row \($0.row)" }
        let expected = (1...Self.fieldCount).map { field in "ref\(field) row \((1...3).first { (field + $0) % 3 == 1 }!)" }
        #expect(missing.sorted() == expected.sorted())
    }
}
