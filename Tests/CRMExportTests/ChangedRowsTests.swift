import Foundation
import GRDB
import Testing
@testable import CRMExport

/// Reading the rows of a SQLite table or query from a cursor value: the highest value as SQLite's
/// own literal, whatever its type, and bounds that compare as the column's values.
@Suite("Changed rows of SQLite")
struct ChangedRowsTests {
    func database(_ sql: String) throws -> String {
        let path = NSTemporaryDirectory() + "gm-changed-\(UUID().uuidString).sqlite"
        try DatabaseQueue(path: path).write { try $0.execute(sql: sql) }
        return path
    }

    func names(_ location: TableLocation) throws -> [String] {
        let source = try location.open()
        defer { source.close() }
        var cells: [String] = []
        var names: [String] = []
        while try source.next(into: &cells) != nil { names.append(cells[0]) }
        return names
    }

    @Test func highestValuesAreLiteralsOfTheirType() throws {
        let path = try database("""
            CREATE TABLE "order" (name TEXT, "modified at" TEXT, version INTEGER, score REAL, note TEXT);
            INSERT INTO "order" VALUES ('a', '2024-03-01 09:00', 9, 0.5, 'it''s'), ('b', '2024-03-02 09:00', 10, 1.25, NULL), ('c', NULL, NULL, NULL, NULL);
            """)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let table = TableLocation.sqliteTable(database: path, table: "order")
        #expect(try table.highestValue(of: "modified at") == "'2024-03-02 09:00'")
        #expect(try table.highestValue(of: "version") == "10", "an integer compares as a number, so 10 is above 9")
        #expect(try table.highestValue(of: "score") == "1.25")
        #expect(try table.highestValue(of: "note") == "'it''s'")
        #expect(try TableLocation.sqliteQuery(database: path, sql: "SELECT NULL AS v").highestValue(of: "v") == nil)

        #expect(try names(table.rows(of: "version", from: "10", through: "10")) == ["b"])
        #expect(try names(table.rows(of: "modified at", from: "'2024-03-01 09:00'", through: nil)) == ["a", "b"], "NULL cursors are read only whole")
        #expect(try names(table.rows(of: "modified at", from: nil, through: nil)) == ["a", "b", "c"])
        let query = TableLocation.sqliteQuery(database: path, sql: "SELECT name, version FROM \"order\" -- newest last\n;")
        #expect(try names(query.rows(of: "version", from: "9", through: "9")) == ["a"], "a query ending in a comment is still a subquery")
        let ended = TableLocation.sqliteQuery(database: path, sql: "SELECT name, version FROM \"order\"; -- newest last")
        #expect(try names(ended.rows(of: "version", from: "10", through: nil)) == ["b"], "a comment after the statement's end")
    }

    @Test func aCursorThatIsNoColumnIsAnErrorNotText() throws {
        let path = try database("""
            CREATE TABLE contact (name TEXT, version INTEGER);
            INSERT INTO contact VALUES ('a', 1), ('b', 2);
            """)
        defer { try? FileManager.default.removeItem(atPath: path) }
        // SQLite reads a double-quoted name it does not know as a string, which would compare with every bound.
        let query = TableLocation.sqliteQuery(database: path, sql: "SELECT name, version, version FROM contact")
        #expect(throws: (any Error).self) { try query.highestValue(of: "version (2)") }
        #expect(throws: (any Error).self) { try names(query.rows(of: "version (2)", from: "'2'", through: nil)) }
        #expect(try names(query.rows(of: "version", from: "2", through: nil)) == ["b"], "a name used twice is its first column")
        #expect(try TableLocation.sqliteTable(database: path, table: "contact").highestValue(of: "version") == "2")
    }
}
