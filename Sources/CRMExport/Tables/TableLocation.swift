import Foundation

/// Where the rows of a table-like file of an export come from.
public enum TableLocation: Sendable, Hashable {
    /// A sheet of an Excel workbook.
    case sheet(workbook: String, sheet: String)
    /// A table or view of a SQLite database.
    case sqliteTable(database: String, table: String)
    /// The rows of a SELECT on a SQLite database.
    case sqliteQuery(database: String, sql: String)

    public var label: String {
        switch self {
        case .sheet: "Excel sheet"
        case .sqliteTable: "SQLite table"
        case .sqliteQuery: "SQLite query"
        }
    }

    public func open() throws -> any TableRowSource {
        switch self {
        case .sheet(let workbook, let sheet):
            return try XLSXWorkbook(path: workbook).open(sheet: sheet)
        case .sqliteTable(let database, let table):
            return try SQLiteRowSource(database: database, sql: "SELECT * FROM " + SQLiteRowSource.quoted(table), name: table)
        case .sqliteQuery(let database, let sql):
            return try SQLiteRowSource(database: database, sql: sql, name: "query")
        }
    }
}
