import Foundation

/// Where the rows of a table-like file of an export come from.
public enum TableLocation: Sendable, Hashable {
    /// A sheet of an Excel workbook.
    case sheet(workbook: String, sheet: String)
    /// A table or view of a SQLite database.
    case sqliteTable(database: String, table: String)
    /// The rows of a SELECT on a SQLite database.
    case sqliteQuery(database: String, sql: String)
    /// A table or view of a PostgreSQL database.
    case postgresTable(PostgresLocation, schema: String, table: String)
    /// The rows of a SELECT on a PostgreSQL database.
    case postgresQuery(PostgresLocation, sql: String)

    public var label: String {
        switch self {
        case .sheet: "Excel sheet"
        case .sqliteTable: "SQLite table"
        case .sqliteQuery: "SQLite query"
        case .postgresTable: "PostgreSQL table"
        case .postgresQuery: "PostgreSQL query"
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
        case .postgresTable(let location, let schema, let table):
            return try PostgresSource.open(table: PostgresTableInfo(schema: schema, name: table), at: location)
        case .postgresQuery(let location, let sql):
            return try PostgresSource.open(query: sql, at: location)
        }
    }
}

/// The database an export is, for sources that give `query:` instead of `file:`.
public enum ExportDatabase: Sendable, Hashable {
    case sqlite(String)
    case postgres(PostgresLocation)

    /// A file of the export that holds the rows of `sql`, named `name`.
    public func queryFile(_ sql: String, name: String) -> ExportFile {
        switch self {
        case .sqlite(let path): ExportFile(table: .sqliteQuery(database: path, sql: sql), path: path, name: name, size: 0)
        case .postgres(let location): ExportFile(table: .postgresQuery(location, sql: sql), path: location.displayURL, name: name, size: 0)
        }
    }
}
