import Foundation
import Logging
import NIOCore
import NIOPosix
import NIOSSL
import PostgresNIO
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

// A PostgreSQL database as an export: each table and view a file, or a `query:` as a row source.
//
// The package reads synchronously (a pull loop on one thread) while postgres-nio is asynchronous.
// The bridge is postgres-nio's EventLoopFuture API: queries are submitted on a connection that lives
// on MultiThreadedEventLoopGroup.singleton, and the calling thread blocks in `EventLoopFuture.wait()`
// until the event loop completes them. That never needs a Swift-concurrency thread, so it cannot
// starve the cooperative pool even when the caller runs on it, and it needs no locks: everything
// mutable belongs to the calling thread, and what crosses to the event loop (PostgresConnection,
// PostgresSession, the futures' results) is Sendable.

/// A table or view of the database.
public struct PostgresTableInfo: Sendable {
    public var schema: String
    public var name: String
    public var isView: Bool
    /// Columns in table order with their declared types (`integer`, `character varying(80)`, an enum's name…).
    public var columns: [(name: String, type: String)]
    /// pg_class.reltuples for tables the server has analyzed; nil for views and when unknown.
    public var estimatedRows: Int?

    public init(schema: String, name: String, isView: Bool = false, columns: [(name: String, type: String)] = [], estimatedRows: Int? = nil) {
        self.schema = schema
        self.name = name
        self.isView = isView
        self.columns = columns
        self.estimatedRows = estimatedRows
    }

    /// The export's file name: `deal` in schema public, `sales.deal` elsewhere.
    public var displayName: String { schema == "public" ? name : schema + "." + name }

    /// `"sales"."deal"`, quoted for SQL whatever the names are.
    public var sqlName: String { PostgresText.qualifiedName(schema: schema, name: name) }
}

public enum PostgresSource {
    /// The tables and views the location's user can see, outside pg_catalog and information_schema.
    public static func tables(at location: PostgresLocation) throws -> [PostgresTableInfo] {
        let session = try PostgresSession.connect(to: location)
        defer { session.close() }
        // Both queries are queued at once; postgres-nio runs them in order on the connection.
        let tablesFuture = session.submit(PostgresText.listTablesSQL)
        let columnsFuture = session.submit(PostgresText.listColumnsSQL)
        let tableRows = try session.wait(tablesFuture, .listing)
        let columnRows = try session.wait(columnsFuture, .listing)

        struct Key: Hashable {
            var schema: String
            var name: String
        }
        var columns: [Key: [(name: String, type: String)]] = [:]
        for row in columnRows {
            let cells = PostgresSession.texts(row)
            guard cells.count == 4, let schema = cells[0], let table = cells[1], let column = cells[2] else { continue }
            columns[Key(schema: schema, name: table), default: []].append((name: column, type: cells[3] ?? ""))
        }
        return tableRows.compactMap { row -> PostgresTableInfo? in
            let cells = PostgresSession.texts(row)
            guard cells.count == 4, let schema = cells[0], let name = cells[1], let type = cells[2] else { return nil }
            return PostgresTableInfo(
                schema: schema, name: name, isView: type == "VIEW",
                columns: columns[Key(schema: schema, name: name)] ?? [],
                estimatedRows: cells[3].flatMap { Int($0) })
        }
    }

    /// Streams a table or view through a server-side cursor.
    public static func open(table: PostgresTableInfo, at location: PostgresLocation) throws -> any TableRowSource {
        try PostgresRowSource.open(select: "SELECT * FROM \(table.sqlName)", subject: .table(table), at: location)
    }

    /// Streams the rows of an arbitrary SELECT (also WITH …, VALUES …, TABLE …) through a server-side cursor.
    public static func open(query: String, at location: PostgresLocation) throws -> any TableRowSource {
        let select = PostgresText.trimmedQuery(query)
        guard !select.isEmpty else {
            throw PostgresSourceError(.queryFailed, "the source query is empty", hint: "Give one SELECT statement after query:.")
        }
        return try PostgresRowSource.open(select: select, subject: .query, at: location)
    }
}

extension PostgresSource {
    /// The highest value of `column` among the rows of `select`, as a dollar-quoted literal of its
    /// text form (in UTC, ISO dates), which PostgreSQL reads back as the column's type; nil when
    /// every value is NULL.
    static func highestValue(of column: String, in select: String, at location: PostgresLocation) throws -> String? {
        let session = try PostgresSession.connect(to: location)
        defer { session.close() }
        let stage = PostgresStage.opening(.query)
        let begin = session.submit("BEGIN READ ONLY")
        let settings = session.submit(PostgresText.settingsSQL)
        let highest = session.submit("SELECT max(gm_q.\(PostgresText.quoteIdentifier(column)))::text FROM (\n\(select)\n) AS gm_q")
        let commit = session.submit("COMMIT")
        _ = try session.wait(begin, stage)
        _ = try session.wait(settings, stage)
        let rows = try session.wait(highest, stage)
        _ = try session.wait(commit, stage)
        guard let text = rows.first.flatMap({ PostgresSession.texts($0).first ?? nil }) else { return nil }
        return PostgresText.dollarQuoted(text)
    }
}

// MARK: - What is being read, for messages

enum PostgresSubject: Sendable {
    case table(PostgresTableInfo)
    case query

    var description: String {
        switch self {
        case .table(let table): return (table.isView ? "view " : "table ") + table.displayName
        case .query: return "the source query"
        }
    }
}

enum PostgresStage: Sendable {
    case connecting
    case listing
    case opening(PostgresSubject)
    case reading(PostgresSubject, row: Int)

    var subject: PostgresSubject? {
        switch self {
        case .connecting, .listing: return nil
        case .opening(let subject), .reading(let subject, _): return subject
        }
    }

    func doing(_ endpoint: String) -> String {
        switch self {
        case .connecting: return "connecting to \(endpoint)"
        case .listing: return "listing the tables at \(endpoint)"
        case .opening(let subject): return "opening \(subject.description)"
        case .reading(let subject, let row): return "reading \(subject.description) (row \(row))"
        }
    }
}

// MARK: - Connection

/// One connection, used from the calling thread through blocking waits.
final class PostgresSession: Sendable {
    let connection: PostgresConnection
    let location: PostgresLocation
    /// Where the connection actually goes (`db.example:5432`, `socket /tmp/.s.PGSQL.5432`), for messages.
    let endpoint: String
    private let logger: Logger

    private init(connection: PostgresConnection, location: PostgresLocation, endpoint: String, logger: Logger) {
        self.connection = connection
        self.location = location
        self.endpoint = endpoint
        self.logger = logger
    }

    /// Connects and signs in, blocking until done.
    static func connect(to location: PostgresLocation) throws -> PostgresSession {
        // postgres-nio logs nothing the user needs, and the terminal belongs to the UI: log nowhere.
        let logger = Logger(label: "gongmap.postgres", factory: { _ in SwiftLogNoOpLogHandler() })
        let socketPath = chooseSocket(location)
        let endpoint: String
        if let socketPath {
            endpoint = "socket \(socketPath)"
        } else if location.isUnixSocket {
            endpoint = "localhost:\(location.port)"   // no local socket found: TCP to localhost
        } else {
            endpoint = location.endpointDescription
        }
        let configuration = try makeConfiguration(location, socketPath: socketPath, endpoint: endpoint)
        // The EventLoopFuture overload (the async one has the same labels).
        let future: EventLoopFuture<PostgresConnection> = PostgresConnection.connect(
            on: MultiThreadedEventLoopGroup.singleton.any(),
            configuration: configuration,
            id: Int.random(in: 1...Int(Int32.max)),   // only labels log lines, which go nowhere
            logger: logger)
        do {
            return PostgresSession(connection: try future.wait(), location: location, endpoint: endpoint, logger: logger)
        } catch {
            throw PostgresSourceError.describing(error, location: location, endpoint: endpoint, stage: .connecting)
        }
    }

    /// The socket file for a Unix-socket location: the given folder's, or the first default folder
    /// that has one. Nil for TCP, and when no default socket exists (then TCP to localhost is tried).
    static func chooseSocket(_ location: PostgresLocation) -> String? {
        guard location.isUnixSocket else { return nil }
        if !location.host.isEmpty { return location.socketPaths.first }
        return location.socketPaths.first { FileManager.default.fileExists(atPath: $0) }
    }

    static func makeConfiguration(_ location: PostgresLocation, socketPath: String?, endpoint: String) throws -> PostgresConnection.Configuration {
        let password = location.password?.value
        var configuration: PostgresConnection.Configuration
        if let socketPath {
            // TLS does not apply to Unix sockets (libpq ignores sslmode there too).
            configuration = PostgresConnection.Configuration(
                unixSocketPath: socketPath, username: location.user, password: password, database: location.database)
        } else {
            let tls: PostgresConnection.Configuration.TLS
            do {
                tls = try makeTLS(location)
            } catch {
                throw PostgresSourceError(
                    .tls, "cannot set up TLS for \(endpoint) (sslmode=\(location.sslMode.rawValue)): \(error)",
                    hint: "Check that sslrootcert names a readable PEM file of CA certificates, or use sslrootcert=system.")
            }
            configuration = PostgresConnection.Configuration(
                host: location.host.isEmpty ? "localhost" : location.host, port: location.port,
                username: location.user, password: password, database: location.database, tls: tls)
        }
        // client_encoding: postgres-nio decodes text as UTF-8 but does not ask for it; a LATIN1 database
        // would otherwise send LATIN1 bytes. Only parameters PgBouncer accepts, unless the user gave options.
        var startup: [(String, String)] = [("client_encoding", "UTF8"), ("application_name", location.applicationName ?? "gongmap")]
        if let options = location.options { startup.append(("options", options)) }
        configuration.options.additionalStartupParameters = startup
        if let seconds = location.connectTimeout {
            // libpq: 0 waits indefinitely, and less than 2 seconds counts as 2.
            configuration.options.connectTimeout = seconds == 0 ? .hours(24) : .seconds(Int64(max(seconds, 2)))
        }
        return configuration
    }

    /// libpq's sslmode on top of postgres-nio's three TLS modes (disable, prefer, require).
    static func makeTLS(_ location: PostgresLocation) throws -> PostgresConnection.Configuration.TLS {
        let roots: NIOSSLTrustRoots?
        if let given = location.sslRootCert {
            roots = given == "system" ? NIOSSLTrustRoots.default : NIOSSLTrustRoots.file(given)
        } else if let path = location.defaultRootCert, FileManager.default.fileExists(atPath: path) {
            roots = NIOSSLTrustRoots.file(path)
        } else {
            roots = nil
        }
        var tls = TLSConfiguration.makeClientConfiguration()
        switch location.sslMode {
        case .disable:
            return .disable
        case .allow, .prefer:
            // postgres-nio has no "plain first, then TLS" (allow): TLS when the server offers it, else plain.
            // Like libpq, prefer does not verify the certificate.
            tls.certificateVerification = .none
            return .prefer(try NIOSSLContext(configuration: tls))
        case .require:
            // libpq: require verifies the chain (not the name) when a root certificate file is there.
            if let roots {
                tls.trustRoots = roots
                tls.certificateVerification = .noHostnameVerification
            } else {
                tls.certificateVerification = .none
            }
            return .require(try NIOSSLContext(configuration: tls))
        case .verifyCA, .verifyFull:
            // Without sslrootcert or ~/.postgresql/root.crt libpq fails; the system's trust store is used instead.
            tls.trustRoots = roots ?? .default
            tls.certificateVerification = location.sslMode == .verifyCA ? .noHostnameVerification : .fullVerification
            return .require(try NIOSSLContext(configuration: tls))
        }
    }

    /// Queues one statement; the rows arrive with the future. postgres-nio sends it with the extended
    /// protocol (one statement per call) and collects the rows: used only for bounded results (catalog
    /// queries, one FETCH batch).
    func submit(_ sql: String) -> EventLoopFuture<[PostgresRow]> {
        let result: EventLoopFuture<PostgresQueryResult> = connection.query(PostgresQuery(unsafeSQL: sql), logger: logger)
        return result.map { $0.rows }
    }

    /// Blocks until `future` completes; errors come back as PostgresSourceError.
    func wait<Value: Sendable>(_ future: EventLoopFuture<Value>, _ stage: PostgresStage) throws -> Value {
        do {
            return try future.wait()
        } catch {
            throw PostgresSourceError.describing(error, location: location, endpoint: endpoint, stage: stage)
        }
    }

    /// Closes the connection and waits until it is closed (the server then drops any open cursor and
    /// transaction).
    func close() {
        _ = try? connection.close().wait()
    }

    /// Closes without waiting (deinit, event-loop callbacks). PostgresConnection asserts in its deinit
    /// that it is closed, so the callback keeps it alive until it is.
    func closeInBackground() {
        let connection = self.connection
        connection.close().whenComplete { _ in
            withExtendedLifetime(connection) {}
        }
    }

    /// The cells of a row of `text` values (their binary form is the UTF-8 text); nil for NULL.
    static func texts(_ row: PostgresRow) -> [String?] {
        row.map { cell in cell.bytes.map { String(buffer: $0) } }
    }
}

// MARK: - Errors with what to do

extension PostgresSourceError {
    /// A clear error for anything postgres-nio or NIO threw, naming the server, user, database and
    /// table, never the password.
    static func describing(_ error: any Error, location: PostgresLocation, endpoint: String, stage: PostgresStage) -> PostgresSourceError {
        if let known = error as? PostgresSourceError { return known }
        var result = classify(error, location: location, endpoint: endpoint, stage: stage)
        // Belt and braces: nothing above prints the password, but server text is not ours.
        if let password = location.password?.value, password.count >= 4 {
            result.message = result.message.replacingOccurrences(of: password, with: "<hidden>")
            result.hint = result.hint?.replacingOccurrences(of: password, with: "<hidden>")
        }
        return result
    }

    private static func classify(_ error: any Error, location: PostgresLocation, endpoint: String, stage: PostgresStage) -> PostgresSourceError {
        let user = location.user
        let database = location.database
        let connecting: Bool
        if case .connecting = stage { connecting = true } else { connecting = false }

        guard let psql = error as? PSQLError else {
            return PostgresSourceError(connecting ? .unreachable : .connectionLost, "\(stage.doing(endpoint)) failed: \(error)")
        }

        switch psql.code {
        case .server:
            return serverError(psql, location: location, endpoint: endpoint, stage: stage)

        case .connectionError:
            if isTLSError(psql.underlying) {
                return tlsFailure(psql.underlying, location: location, endpoint: endpoint)
            }
            if connecting {
                return unreachable(psql.underlying, location: location, endpoint: endpoint)
            }
            return PostgresSourceError(.connectionLost, "the connection to \(endpoint) failed while \(stage.doing(endpoint)): \(text(of: psql.underlying))",
                                       hint: "Check the network and the server, then try again.")

        case .sslUnsupported:
            return PostgresSourceError(
                .tls, "the server at \(endpoint) does not support TLS, and sslmode=\(location.sslMode.rawValue) requires it",
                hint: "Use sslmode=prefer (TLS when the server offers it) or sslmode=disable on a trusted network, or turn on ssl in the server's postgresql.conf.")

        case .failedToAddSSLHandler:
            return tlsFailure(psql.underlying, location: location, endpoint: endpoint)

        case .authMechanismRequiresPassword:
            return PostgresSourceError(
                .authenticationFailed, "PostgreSQL at \(endpoint) asks for a password for user '\(user)' (database '\(database)'), and none was given",
                hint: missingPasswordHint(location))

        case .unsupportedAuthMechanism:
            return PostgresSourceError(
                .authenticationFailed, "PostgreSQL at \(endpoint) wants user '\(user)' to sign in with a method gongmap cannot use (such as Kerberos/GSSAPI, SSPI or cleartext without TLS)",
                hint: "Ask the database administrator for password authentication (scram-sha-256 or md5) for this user in pg_hba.conf.")

        case .saslError:
            return PostgresSourceError(
                .authenticationFailed, "password authentication (SCRAM) for user '\(user)' on database '\(database)' at \(endpoint) failed",
                hint: wrongPasswordHint(location))

        case .serverClosedConnection, .uncleanShutdown, .clientClosedConnection:
            if isTLSError(psql.underlying) {
                return tlsFailure(psql.underlying, location: location, endpoint: endpoint)
            }
            if connecting {
                return PostgresSourceError(
                    .unreachable, "the server at \(endpoint) closed the connection while user '\(user)' was signing in to database '\(database)'",
                    hint: "It may require TLS (try sslmode=require), be shutting down, or not be a PostgreSQL server.")
            }
            return PostgresSourceError(
                .connectionLost, "the connection to \(endpoint) was lost while \(stage.doing(endpoint))",
                hint: "The server may have restarted or a network device dropped the connection; try again.")

        case .queryCancelled:
            return PostgresSourceError(.queryFailed, "\(stage.doing(endpoint)) was cancelled")

        default:
            return PostgresSourceError(connecting ? .unreachable : .queryFailed, "\(stage.doing(endpoint)) failed (\(psql.code))")
        }
    }

    private static func serverError(_ error: PSQLError, location: PostgresLocation, endpoint: String, stage: PostgresStage) -> PostgresSourceError {
        let user = location.user
        let database = location.database
        let state = error.serverInfo?[.sqlState] ?? ""
        let message = error.serverInfo?[.message] ?? "unknown error"
        let detail = error.serverInfo?[.detail]
        let serverHint = error.serverInfo?[.hint]
        let connecting: Bool
        if case .connecting = stage { connecting = true } else { connecting = false }

        switch state {
        case "28P01":   // invalid_password
            return PostgresSourceError(
                .authenticationFailed, "PostgreSQL at \(endpoint) rejected the password for user '\(user)' (database '\(database)')",
                hint: wrongPasswordHint(location), sqlState: state)

        case "28000":   // invalid_authorization_specification: no pg_hba.conf line, unknown role, no LOGIN
            return PostgresSourceError(
                .authenticationFailed, "PostgreSQL at \(endpoint) refused user '\(user)' on database '\(database)': \(message)",
                hint: "Check the user name, or ask the database administrator to let this user connect from this machine (pg_hba.conf, LOGIN).",
                sqlState: state)

        case "3D000":   // invalid_catalog_name
            return PostgresSourceError(
                .databaseMissing, "database '\(database)' does not exist at \(endpoint)",
                hint: "Check the database name at the end of the URL (or PGDATABASE); `psql -l` lists the databases.", sqlState: state)

        case "42501":   // insufficient_privilege
            switch stage.subject {
            case .table(let table)?:
                return PostgresSourceError(
                    .permissionDenied, "user '\(user)' may not read \(PostgresSubject.table(table).description) in database '\(database)': \(message)",
                    hint: "Ask the owner for access: GRANT USAGE ON SCHEMA \(PostgresText.quoteIdentifier(table.schema)) TO \(PostgresText.quoteIdentifier(user)); GRANT SELECT ON \(table.sqlName) TO \(PostgresText.quoteIdentifier(user));",
                    sqlState: state)
            case .query?:
                return PostgresSourceError(
                    .permissionDenied, "user '\(user)' may not run the source query in database '\(database)': \(message)",
                    hint: "Ask the owner of the tables it reads for access (GRANT SELECT ON … TO \(PostgresText.quoteIdentifier(user))).", sqlState: state)
            case nil:
                return PostgresSourceError(
                    .permissionDenied, "user '\(user)' is not allowed in database '\(database)' at \(endpoint): \(message)",
                    hint: "Ask the database administrator: GRANT CONNECT ON DATABASE \(PostgresText.quoteIdentifier(database)) TO \(PostgresText.quoteIdentifier(user));",
                    sqlState: state)
            }

        case "53300", "57P03", "53000", "57P01", "57P02":   // too many connections, starting up, shutting down
            return PostgresSourceError(
                connecting ? .unreachable : .connectionLost, "PostgreSQL at \(endpoint) is not accepting connections: \(message)",
                hint: "The server may be starting, stopping or full (max_connections); try again later.", sqlState: state)

        default:
            if state == "42P01", case .table(let table)? = stage.subject {   // undefined_table
                return PostgresSourceError(
                    .queryFailed, "\(PostgresSubject.table(table).description) no longer exists in database '\(database)': \(message)",
                    hint: "List the tables again.", sqlState: state)
            }
            if state.hasPrefix("08") {
                return PostgresSourceError(.connectionLost, "the connection to \(endpoint) failed while \(stage.doing(endpoint)): \(message)", sqlState: state)
            }
            var text = "\(stage.doing(endpoint)) failed: \(message)"
            if let detail, !detail.isEmpty { text += " (\(detail))" }
            var hint = serverHint
            if case .query? = stage.subject, hint == nil {
                hint = "The source query must be one SELECT statement (WITH …, VALUES … and TABLE … work too)."
            }
            return PostgresSourceError(.queryFailed, text, hint: hint, sqlState: state.isEmpty ? nil : state)
        }
    }

    private static func unreachable(_ underlying: (any Error)?, location: PostgresLocation, endpoint: String) -> PostgresSourceError {
        let target = "PostgreSQL at \(endpoint)"
        var cause = underlying
        if let connectionError = underlying as? NIOConnectionError {
            if connectionError.connectionErrors.isEmpty, connectionError.dnsAError != nil || connectionError.dnsAAAAError != nil {
                return PostgresSourceError(
                    .unreachable, "cannot find the host '\(location.host)'",
                    hint: "Check the host name in the URL (or PGHOST) and this machine's network and DNS.")
            }
            cause = connectionError.connectionErrors.first?.error ?? underlying
        }
        if let channelError = cause as? ChannelError, case .connectTimeout(_) = channelError {
            let seconds = location.connectTimeout.map { $0 == 0 ? 86_400 : max($0, 2) } ?? 10
            return PostgresSourceError(
                .unreachable, "no answer from \(target) within \(seconds) seconds",
                hint: "The host may be down or a firewall may drop the connection; check host and port. connect_timeout=30 in the URL waits longer.")
        }
        if let ioError = cause as? IOError {
            switch ioError.errnoCode {
            case ECONNREFUSED:
                return PostgresSourceError(
                    .unreachable, "cannot connect to \(target): connection refused",
                    hint: location.isUnixSocket
                        ? "No server is listening on that socket: is PostgreSQL running on this machine?"
                        : "Is PostgreSQL running there and listening on TCP (listen_addresses, port)? Check host and port in the URL, PGHOST and PGPORT.")
            case ENOENT:
                return PostgresSourceError(
                    .unreachable, "cannot connect to \(target): there is no such socket",
                    hint: "Is PostgreSQL running on this machine, with this port? Give host=/path/to/socket/folder, or a host name for TCP.")
            case EACCES:
                return PostgresSourceError(
                    .unreachable, "cannot connect to \(target): permission denied on the socket",
                    hint: "This user may not open the server's socket; connect over TCP (a host name) instead.")
            case ETIMEDOUT, EHOSTUNREACH, ENETUNREACH:
                return PostgresSourceError(
                    .unreachable, "cannot reach \(target): \(ioError.description)",
                    hint: "Check the host, this machine's network, VPN and firewalls.")
            default:
                break
            }
        }
        return PostgresSourceError(
            .unreachable, "cannot connect to \(target): \(text(of: cause))",
            hint: "Check the host and port in the URL (or PGHOST and PGPORT) and that the server is running.")
    }

    private static func text(of error: (any Error)?) -> String {
        guard let error else { return "unknown error" }
        return String(describing: error)
    }

    private static func isTLSError(_ error: (any Error)?) -> Bool {
        guard let error else { return false }
        if error is NIOSSLError || error is NIOSSLExtraError || error is BoringSSLError { return true }
        if let psql = error as? PSQLError { return isTLSError(psql.underlying) }
        return false
    }

    private static func tlsFailure(_ underlying: (any Error)?, location: PostgresLocation, endpoint: String) -> PostgresSourceError {
        let verifying = location.sslMode == .verifyCA || location.sslMode == .verifyFull || location.sslRootCert != nil
        return PostgresSourceError(
            .tls, "the TLS handshake with \(endpoint) failed (sslmode=\(location.sslMode.rawValue)): \(text(of: underlying))",
            hint: verifying
                ? "The server's certificate was not accepted: check sslrootcert (the CA that signed it) and, for verify-full, that the host name in the URL is one the certificate names."
                : "Check the server's TLS setup, or use sslmode=disable on a trusted network.")
    }

    private static func wrongPasswordHint(_ location: PostgresLocation) -> String {
        switch location.passwordSource {
        case .url:
            return "The password in the URL is wrong. Fix it (percent-encode special characters), or leave it out and put it in ~/.pgpass."
        case .environment:
            return "PGPASSWORD holds a wrong password for this user."
        case .passwordFile(let path):
            return "The password came from \(path): fix the line matching \(location.passFileHost):\(location.port):\(location.database):\(location.user)."
        case .none:
            return missingPasswordHint(location)
        }
    }

    private static func missingPasswordHint(_ location: PostgresLocation) -> String {
        var hint = "Give the password in ~/.pgpass (a line \(location.passFileHost):\(location.port):\(location.database):\(location.user):PASSWORD, file mode 0600), in PGPASSWORD, or in the URL."
        for warning in location.warnings where warning.hasPrefix("password file") {
            hint += " Note: \(warning)."
        }
        return hint
    }
}
