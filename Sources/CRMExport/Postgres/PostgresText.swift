import Foundation

// Canonical text of PostgreSQL values, and the SQL that produces it.
//
// postgres-nio always asks for results in binary format (PostgresFrontendMessageEncoder.bind writes
// one result format code, binary), so reading "what psql would print" means asking the server for
// `text` values: every column is cast in the SELECT list (`col::text`), and the binary form of a
// `text` value is just its UTF-8 bytes. The session settings below make that text independent of the
// server's configuration (DateStyle, TimeZone, extra_float_digits, IntervalStyle); the little that
// remains (ISO "T", UTC "Z") is fixed up here. Pure: no PostgresNIO, unit-testable.

/// How one result column becomes text, chosen from its type OID (domains arrive as their base type:
/// the server reports the base type in RowDescription).
public enum PostgresTextKind: Sendable, Hashable {
    /// `col::text`: booleans `true`/`false`, integers, numeric exactly as stored, float4/8 shortest
    /// round-trip (extra_float_digits = 3), text, uuid, enums, json/jsonb, arrays `{a,b}`, date, time, interval.
    case text
    /// The type's output function (`concat(col)`): `char(n)` keeps its padding (a `::text` cast trims
    /// it) and `inet` has no `/32` (its `::text` cast adds the mask).
    case outputFunction
    /// `money` as `col::numeric::text` (its own output is locale-formatted, `$1,234.50`).
    case money
    /// `timestamp`: `2024-03-01T09:30:00[.ffffff]`, no zone.
    case timestamp
    /// `timestamptz` in UTC: `2024-03-01T09:30:00[.ffffff]Z`.
    case timestamptz
    /// `bytea`: binary, not exported; the cell is empty.
    case skipped

    public init(typeOID: UInt32) {
        switch typeOID {
        case 17: self = .skipped                 // bytea
        case 1042, 869: self = .outputFunction   // bpchar, inet
        case 790: self = .money
        case 1114: self = .timestamp
        case 1184: self = .timestamptz
        default: self = .text
        }
    }

    /// The SELECT-list expression reading `column` (an already quoted identifier or alias).
    public func selectExpression(_ column: String) -> String {
        switch self {
        case .text, .timestamp, .timestamptz: return "\(column)::text"
        case .outputFunction: return "pg_catalog.concat(\(column))"
        case .money: return "\(column)::numeric::text"
        case .skipped: return "NULL::text"
        }
    }
}

public enum PostgresText {
    /// The canonical text of a value the server sent for a column of this kind (NULL is "").
    public static func canonical(_ text: String, kind: PostgresTextKind) -> String {
        switch kind {
        case .timestamp: return isoTimestamp(text)
        case .timestamptz: return isoTimestampUTC(text)
        case .text, .outputFunction, .money, .skipped: return text
        }
    }

    /// `2024-03-01 09:30:00.25` → `2024-03-01T09:30:00.25`; `infinity`, `-infinity` unchanged;
    /// a BC date keeps its ` BC` suffix.
    public static func isoTimestamp(_ text: String) -> String {
        guard text.first?.isASCII == true, text.first?.isNumber == true, let space = text.firstIndex(of: " ") else { return text }
        var result = text
        result.replaceSubrange(space...space, with: "T")
        return result
    }

    /// `2024-03-01 09:30:00+00` (TimeZone UTC, DateStyle ISO) → `2024-03-01T09:30:00Z`;
    /// `2024-03-01 09:30:00.5+00` → `2024-03-01T09:30:00.5Z`; infinities unchanged. An offset other than
    /// +00 (the session was not in UTC) is kept as it is.
    public static func isoTimestampUTC(_ text: String) -> String {
        guard text.first?.isASCII == true, text.first?.isNumber == true else { return text }
        var body = Substring(text)
        var era = ""
        if body.hasSuffix(" BC") {
            body = body.dropLast(3)
            era = " BC"
        }
        var zone = ""
        if body.hasSuffix("+00") {
            body = body.dropLast(3)
            zone = "Z"
        }
        return isoTimestamp(String(body)) + zone + era
    }

    // MARK: - SQL building

    /// `"name"`, doubling embedded quotes: safe for any name (reserved words, capitals, spaces, non-ASCII).
    public static func quoteIdentifier(_ name: String) -> String {
        "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// `"schema"."table"`.
    public static func qualifiedName(schema: String, name: String) -> String {
        quoteIdentifier(schema) + "." + quoteIdentifier(name)
    }

    /// `'text'`, doubling embedded quotes (standard_conforming_strings is on since PostgreSQL 9.1).
    static func literal(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
    }

    /// `$gm$text$gm$`: no character of `text` is special inside, whatever standard_conforming_strings says.
    static func dollarQuoted(_ text: String) -> String {
        var number = 0
        while true {
            let tag = number == 0 ? "$gm$" : "$gm\(number)$"
            let closed = text + tag
            // The tag must first occur where it closes the text (`a$gm` then `$gm$` holds `$gm$` sooner).
            if closed.range(of: tag)?.lowerBound == closed.index(closed.endIndex, offsetBy: -tag.count) { return tag + closed }
            number += 1
        }
    }

    /// A source query without surrounding whitespace and without the semicolons and `--` comments
    /// that may follow its end (`SELECT … ; -- newest first`), ready to be a subquery.
    public static func trimmedQuery(_ sql: String) -> String {
        var text = sql.trimmingCharacters(in: .whitespacesAndNewlines)
        var cut = true
        while cut {
            cut = false
            // The last semicolon followed only by spaces and line comments ends the statement.
            var index = text.endIndex
            while let semicolon = text[..<index].lastIndex(of: ";") {
                if isOnlySpaceAndComments(text[text.index(after: semicolon)...]) {
                    text = String(text[..<semicolon]).trimmingCharacters(in: .whitespacesAndNewlines)
                    cut = true
                    break
                }
                index = semicolon
            }
        }
        return text
    }

    private static func isOnlySpaceAndComments(_ text: Substring) -> Bool {
        var rest = text
        while true {
            rest = rest.drop { $0.isWhitespace }
            if rest.isEmpty { return true }
            guard rest.hasPrefix("--") else { return false }
            rest = rest.drop { $0 != "\n" }
        }
    }

    /// Settings that make `::text` canonical, local to the reading transaction (`SET LOCAL`).
    static let sessionSettings: [(name: String, value: String)] = [
        ("TimeZone", "UTC"),
        ("DateStyle", "ISO, YMD"),
        ("IntervalStyle", "iso_8601"),
        // >0: shortest exact output on PostgreSQL 12+, 17 significant digits before.
        ("extra_float_digits", "3"),
        // A slow consumer must not get the reading transaction killed between two FETCHes.
        ("idle_in_transaction_session_timeout", "0"),
    ]

    /// One round trip setting all of `sessionSettings` for the current transaction.
    static var settingsSQL: String {
        "SELECT " + sessionSettings.map { "pg_catalog.set_config(\(literal($0.name)), \(literal($0.value)), true)" }
            .joined(separator: ", ")
    }

    static let cursorName = "gm_cursor"
    static let batchSize = 5000

    static var fetchSQL: String { "FETCH FORWARD \(batchSize) FROM \(cursorName)" }

    /// Exactly one row (all NULLs) whose RowDescription gives the names and type OIDs of `select`'s
    /// columns, without running it (LIMIT 0), even when it has no rows.
    static func describeSQL(_ select: String) -> String {
        """
        SELECT gm_q.* FROM (SELECT 1) AS gm_one LEFT JOIN (SELECT * FROM (
        \(select)
        ) AS gm_inner LIMIT 0) AS gm_q ON true
        """
    }

    /// The cursor over `select` with each column turned into canonical text. The columns are renamed
    /// gm_c1… in the FROM alias, so duplicate or odd names in the source query do not matter.
    /// The newlines keep a trailing `-- comment` of the query from swallowing the closing parenthesis.
    static func declareSQL(_ select: String, kinds: [PostgresTextKind]) -> String {
        let aliases = kinds.indices.map { "gm_c\($0 + 1)" }
        let list = zip(kinds, aliases).map { $0.selectExpression($1) }.joined(separator: ", ")
        let alias = aliases.isEmpty ? "gm_q" : "gm_q(" + aliases.joined(separator: ", ") + ")"
        return """
        DECLARE \(cursorName) NO SCROLL CURSOR FOR SELECT \(list) FROM (
        \(select)
        ) AS \(alias)
        """
    }

    /// Names of the given type OIDs (`integer`, `character`, `timestamp with time zone`, an enum's name…).
    static func typeNamesSQL(_ oids: [UInt32]) -> String {
        let list = Set(oids).sorted().map { String($0) }.joined(separator: ", ")
        return "SELECT oid::int8::text, pg_catalog.format_type(oid, NULL) FROM pg_catalog.pg_type WHERE oid IN (\(list))"
    }

    /// Tables and views the user can see (information_schema.tables lists those with some privilege),
    /// outside the system schemas, without partitions (their parent is listed), public first. The last
    /// column is pg_class.reltuples for tables when known (-1, never analyzed, is NULL).
    static let listTablesSQL = #"""
        SELECT t.table_schema::text, t.table_name::text, t.table_type::text,
               CASE WHEN c.relkind = 'r' AND c.reltuples >= 0 THEN c.reltuples::int8::text END
        FROM information_schema.tables AS t
        JOIN pg_catalog.pg_namespace AS n ON n.nspname = t.table_schema
        JOIN pg_catalog.pg_class AS c ON c.relnamespace = n.oid AND c.relname = t.table_name
        WHERE t.table_type IN ('BASE TABLE', 'VIEW')
          AND t.table_schema NOT IN ('pg_catalog', 'information_schema')
          AND t.table_schema NOT LIKE 'pg\_%'
          AND NOT c.relispartition
        ORDER BY t.table_schema <> 'public', t.table_schema, t.table_name
        """#

    /// Columns of those tables with their declared types (`character varying(80)`, `numeric(12,2)`,
    /// a domain's or enum's name), in table order.
    static let listColumnsSQL = #"""
        SELECT c.table_schema::text, c.table_name::text, c.column_name::text,
               pg_catalog.format_type(a.atttypid, a.atttypmod)
        FROM information_schema.columns AS c
        JOIN pg_catalog.pg_namespace AS n ON n.nspname = c.table_schema
        JOIN pg_catalog.pg_class AS k ON k.relnamespace = n.oid AND k.relname = c.table_name
        JOIN pg_catalog.pg_attribute AS a ON a.attrelid = k.oid AND a.attname = c.column_name
        WHERE c.table_schema NOT IN ('pg_catalog', 'information_schema')
          AND c.table_schema NOT LIKE 'pg\_%'
        ORDER BY c.table_schema, c.table_name, c.ordinal_position
        """#

    /// Column names made unique the way RowReader does for CSV headers: the second `id` is `id (2)`.
    public static func uniqueNames(_ names: [String]) -> [String] {
        var seen = Set<String>()
        var result: [String] = []
        result.reserveCapacity(names.count)
        for name in names {
            var unique = name
            if seen.contains(unique) {
                var suffix = 2
                while seen.contains("\(name) (\(suffix))") { suffix += 1 }
                unique = "\(name) (\(suffix))"
            }
            seen.insert(unique)
            result.append(unique)
        }
        return result
    }
}
