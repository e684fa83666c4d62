import Foundation

/// Reading only the rows of a database table or query whose cursor column (a modification time)
/// lies in a range. Bounds are SQL literals the database itself wrote (`highestValue`), so they
/// compare as the column's own type: a timestamp with its zone, an integer, text.
extension TableLocation {
    /// Database tables and queries can be read by a cursor column; sheets cannot.
    public var readsByCursor: Bool {
        if case .sheet = self { return false }
        return true
    }

    /// The highest value of `column` in the rows now, as a literal of the database's SQL; nil when
    /// every row has NULL there (or there are no rows).
    public func highestValue(of column: String) throws -> String? {
        switch self {
        case .sheet:
            return nil
        case .sqliteTable(let database, _), .sqliteQuery(let database, _):
            return try SQLiteRowSource.highestValue(database: database, sql: "SELECT max(\(SQLiteRowSource.columnReference(column))) FROM (\n\(select)\n)")
        case .postgresTable(let location, _, _), .postgresQuery(let location, _):
            return try PostgresSource.highestValue(of: column, in: select, at: location)
        }
    }

    /// The rows whose `column` is at least `lower` (no bound when nil) and at most `upper` (no
    /// bound when nil), as a query of the same database.
    public func rows(of column: String, from lower: String?, through upper: String?) -> TableLocation {
        let quoted = switch self {
        case .postgresTable, .postgresQuery: PostgresText.quoteIdentifier(column)
        case .sheet, .sqliteTable, .sqliteQuery: SQLiteRowSource.columnReference(column)
        }
        let bounds = [lower.map { "\(quoted) >= \($0)" }, upper.map { "\(quoted) <= \($0)" }].compactMap { $0 }
        guard !bounds.isEmpty else { return self }
        let condition = " WHERE " + bounds.joined(separator: " AND ")
        switch self {
        case .sheet:
            return self
        case .sqliteTable(let database, let table):
            return .sqliteQuery(database: database, sql: "SELECT * FROM \(SQLiteRowSource.quoted(table))" + condition)
        case .sqliteQuery(let database, _):
            return .sqliteQuery(database: database, sql: "SELECT * FROM (\n\(select)\n) AS gm_changed" + condition)
        case .postgresTable(let location, _, _):
            return .postgresQuery(location, sql: select + condition)
        case .postgresQuery(let location, _):
            return .postgresQuery(location, sql: "SELECT * FROM (\n\(select)\n) AS gm_changed" + condition)
        }
    }

    /// The SELECT that reads every row (inside parentheses, it goes on lines of its own: it may end in a `--` comment).
    private var select: String {
        switch self {
        case .sheet: ""
        case .sqliteTable(_, let table): "SELECT * FROM " + SQLiteRowSource.quoted(table)
        case .sqliteQuery(_, let sql): PostgresText.trimmedQuery(sql)
        case .postgresTable(_, let schema, let table): "SELECT * FROM " + PostgresText.qualifiedName(schema: schema, name: table)
        case .postgresQuery(_, let sql): PostgresText.trimmedQuery(sql)
        }
    }

    /// A bound's value for people: the literal without its quotes.
    public static func shownValue(_ literal: String) -> String {
        if literal.hasPrefix("'") && literal.hasSuffix("'") && literal.count >= 2 {
            return String(literal.dropFirst().dropLast()).replacingOccurrences(of: "''", with: "'")
        }
        if literal.hasPrefix("$"), let open = literal.dropFirst().firstIndex(of: "$") {
            let tag = literal[...open]
            if literal.hasSuffix(tag), literal.count >= 2 * tag.count { return String(literal.dropFirst(tag.count).dropLast(tag.count)) }
        }
        return literal
    }
}
