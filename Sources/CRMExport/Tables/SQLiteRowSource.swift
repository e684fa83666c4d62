import Foundation
#if canImport(GRDBSQLite)
import GRDBSQLite
#else
import SQLite3
#endif

/// The rows of a SQLite table, view or SELECT, stepped one at a time from a read-only connection:
/// memory stays that of one row. Values are written as their type says, not guessed from text:
/// integers and reals as numbers (reals as the shortest text that reads back the same), columns
/// declared BOOLEAN as true/false, text as stored, NULL and blobs empty.
public final class SQLiteRowSource: TableRowSource {
    public let header: [String]
    private var connection: OpaquePointer?
    private var statement: OpaquePointer?
    private let booleans: [Bool]
    private let name: String
    private var line = 0
    private var warnings: [(line: Int, message: String)] = []
    private var warnedBlob = false

    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    public init(database: String, sql: String, name: String) throws {
        self.name = name
        guard sqlite3_open_v2(database, &connection, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nil) == SQLITE_OK else {
            let message = connection.map { String(cString: sqlite3_errmsg($0)) } ?? "cannot open"
            sqlite3_close(connection)
            throw Failure(description: "\(database): \(message); is it a SQLite database?")
        }
        sqlite3_busy_timeout(connection, 10_000)
        guard sqlite3_prepare_v2(connection, sql, -1, &statement, nil) == SQLITE_OK else {
            let message = String(cString: sqlite3_errmsg(connection))
            sqlite3_close(connection)
            throw Failure(description: "\(database): \(name): \(message)")
        }
        let count = Int(sqlite3_column_count(statement))
        var names: [String] = []
        var booleans: [Bool] = []
        for index in 0..<count {
            let columnName = sqlite3_column_name(statement, Int32(index)).map { String(cString: $0) } ?? ""
            names.append(columnName.isEmpty ? "column \(index + 1)" : columnName)
            let declared = sqlite3_column_decltype(statement, Int32(index)).map { String(cString: $0).uppercased() } ?? ""
            booleans.append(declared.hasPrefix("BOOL"))
        }
        header = names
        self.booleans = booleans
    }

    deinit { close() }

    public func next(into cells: inout [String]) throws -> Int? {
        guard let statement else { return nil }
        let code = sqlite3_step(statement)
        guard code == SQLITE_ROW else {
            if code == SQLITE_DONE { return nil }
            throw Failure(description: "\(name): \(String(cString: sqlite3_errmsg(connection))) after row \(line)")
        }
        line += 1
        cells.removeAll(keepingCapacity: true)
        for index in 0..<header.count {
            cells.append(text(of: Int32(index)))
        }
        return line
    }

    private func text(of index: Int32) -> String {
        switch sqlite3_column_type(statement, index) {
        case SQLITE_INTEGER:
            let value = sqlite3_column_int64(statement, index)
            if booleans[Int(index)] && (value == 0 || value == 1) { return value == 1 ? "true" : "false" }
            return String(value)
        case SQLITE_FLOAT:
            let value = sqlite3_column_double(statement, index)
            return value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : "\(value)"
        case SQLITE_TEXT:
            guard let bytes = sqlite3_column_text(statement, index) else { return "" }
            return String(decoding: UnsafeBufferPointer(start: bytes, count: Int(sqlite3_column_bytes(statement, index))), as: UTF8.self)
        case SQLITE_BLOB:
            if !warnedBlob {
                warnedBlob = true
                warnings.append((line, "column '\(header[Int(index)])' holds binary data (a BLOB); it is read as empty"))
            }
            return ""
        default:
            return ""
        }
    }

    public func takeWarnings() -> [(line: Int, message: String)] {
        defer { warnings.removeAll() }
        return warnings
    }

    public func close() {
        sqlite3_finalize(statement)
        statement = nil
        sqlite3_close(connection)
        connection = nil
    }

    /// `"name"`, with embedded quotes doubled.
    public static func quoted(_ identifier: String) -> String {
        "\"" + identifier.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// A column in a condition: backquoted, since SQLite takes a double-quoted name that is no
    /// column for a string, which every bound would compare with.
    public static func columnReference(_ column: String) -> String {
        "`" + column.replacingOccurrences(of: "`", with: "``") + "`"
    }

    /// The tables and views of a database, in name order (SQLite's own tables left out).
    public static func tables(of database: String) throws -> [String] {
        let source = try SQLiteRowSource(database: database, sql: """
            SELECT name FROM sqlite_schema WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name
            """, name: "the list of tables")
        defer { source.close() }
        var names: [String] = []
        var cells: [String] = []
        while try source.next(into: &cells) != nil { names.append(cells[0]) }
        return names
    }

    /// The one value `sql` selects, as an SQLite literal (`42`, `1.5`, `'2024-03-01 09:00'`,
    /// `X'00ff'`); nil for NULL or no row.
    static func highestValue(database: String, sql: String) throws -> String? {
        let source = try SQLiteRowSource(database: database, sql: sql, name: "the highest cursor value")
        defer { source.close() }
        guard sqlite3_step(source.statement) == SQLITE_ROW else {
            throw Failure(description: "\(database): \(String(cString: sqlite3_errmsg(source.connection)))")
        }
        switch sqlite3_column_type(source.statement, 0) {
        case SQLITE_INTEGER: return String(sqlite3_column_int64(source.statement, 0))
        case SQLITE_FLOAT: return String(format: "%.17g", sqlite3_column_double(source.statement, 0))
        case SQLITE_TEXT: return PostgresText.literal(source.text(of: 0))   // SQLite quotes strings the same way
        case SQLITE_BLOB:
            let count = Int(sqlite3_column_bytes(source.statement, 0))
            let bytes = UnsafeRawBufferPointer(start: sqlite3_column_blob(source.statement, 0), count: count)
            return "X'" + bytes.map { String(format: "%02x", $0) }.joined() + "'"
        default: return nil
        }
    }

    /// True when the file starts with SQLite's header.
    public static func isDatabase(_ path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        return (try? handle.read(upToCount: 16)) == Data("SQLite format 3\0".utf8)
    }
}
