import Foundation
import Testing
@testable import CRMExport   // the target holding the four Postgres*.swift files; rename to match

// MARK: - Locations (pure: no server)

@Suite("PostgreSQL locations")
struct PostgresLocationTests {
    /// Parses with exactly this environment: no HOME, so no ~/.pgpass of the machine running the tests.
    func parse(_ url: String, _ environment: [String: String] = [:], pgpass: String? = nil) throws -> PostgresLocation {
        try PostgresLocation.parse(url, environment: environment, pgpassPath: pgpass)
    }

    /// A password file with this mode, removed when the test ends (call `remove`).
    func passFile(_ text: String, mode: Int = 0o600, name: String = "pgpass") throws -> String {
        let folder = NSTemporaryDirectory() + "gm-pgpass-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let path = folder + "/" + name
        #expect(FileManager.default.createFile(atPath: path, contents: Data(text.utf8)))
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
        return path
    }

    func remove(_ path: String) {
        try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent)
    }

    @Test func plainURL() throws {
        let location = try parse("postgres://crm@db.example:5432/crm")
        #expect(location.host == "db.example")
        #expect(location.port == 5432)
        #expect(location.user == "crm")
        #expect(location.database == "crm")
        #expect(location.sslMode == .prefer)
        #expect(!location.isUnixSocket)
        #expect(!location.hasPassword)
        #expect(location.passwordSource == .none)
        #expect(location.warnings.isEmpty)
        #expect(location.displayURL == "postgres://crm@db.example:5432/crm")
        #expect(location.endpointDescription == "db.example:5432")
    }

    @Test func postgresqlSchemeAndDefaultPort() throws {
        let location = try parse("PostgreSQL://crm@db.example/crm")
        #expect(location.port == 5432)
        #expect(location.displayURL == "postgres://crm@db.example:5432/crm")
        #expect(PostgresLocation.isPostgresURL("postgresql://db.example/crm"))
        #expect(PostgresLocation.isPostgresURL("  postgres://db.example/crm "))
        #expect(!PostgresLocation.isPostgresURL("exports/crm.csv"))
        let error = try #require(throws: PostgresSourceError.self) { try parse("mysql://crm@db.example/crm") }
        #expect(error.kind == .invalidLocation)
    }

    @Test func environmentFillsWhatTheURLLeavesOut() throws {
        let environment = [
            "PGHOST": "pg.internal", "PGPORT": "6543", "PGUSER": "etl", "PGDATABASE": "warehouse",
            "PGSSLMODE": "require", "PGPASSWORD": "env-Secret-1", "PGAPPNAME": "nightly",
            "PGOPTIONS": "-c search_path=crm", "PGCONNECT_TIMEOUT": "7",
        ]
        let location = try parse("postgres://", environment)
        #expect(location.host == "pg.internal")
        #expect(location.port == 6543)
        #expect(location.user == "etl")
        #expect(location.database == "warehouse")
        #expect(location.sslMode == .require)
        #expect(location.applicationName == "nightly")
        #expect(location.options == "-c search_path=crm")
        #expect(location.connectTimeout == 7)
        #expect(location.passwordSource == .environment)
        #expect(location.password?.value == "env-Secret-1")
        #expect(location.displayURL == "postgres://etl@pg.internal:6543/warehouse")
        #expect(!location.displayURL.contains("env-Secret-1"))
    }

    @Test func theURLWinsOverTheEnvironment() throws {
        let environment = ["PGHOST": "pg.internal", "PGPORT": "6543", "PGUSER": "etl", "PGDATABASE": "warehouse", "PGSSLMODE": "require"]
        let location = try parse("postgres://crm@db.example:5433/crm?sslmode=disable", environment)
        #expect(location.host == "db.example")
        #expect(location.port == 5433)
        #expect(location.user == "crm")
        #expect(location.database == "crm")
        #expect(location.sslMode == .disable)
        // Query parameters win over the URL's own parts, as in libpq.
        let overridden = try parse("postgres://crm@db.example:5433/crm?port=5434&dbname=other&user=admin&host=db2.example")
        #expect(overridden.port == 5434)
        #expect(overridden.database == "other")
        #expect(overridden.user == "admin")
        #expect(overridden.host == "db2.example")
    }

    @Test func userAndDatabaseDefaults() throws {
        let location = try parse("postgres://db.example", ["USER": "maria"])
        #expect(location.user == "maria")
        #expect(location.database == "maria")
        let fromLogname = try parse("postgres://db.example/crm", ["LOGNAME": "jo"])
        #expect(fromLogname.user == "jo")
        let error = try #require(throws: PostgresSourceError.self) { try parse("postgres://db.example/crm") }
        #expect(error.kind == .invalidLocation)
        #expect(error.message.contains("PGUSER"))
    }

    @Test func percentDecoding() throws {
        let location = try parse("postgres://J%C3%B6rg:p%40ss%3Aw%2Fd%20x@db.example/my%20db")
        #expect(location.user == "Jörg")
        #expect(location.password?.value == "p@ss:w/d x")
        #expect(location.passwordSource == .url)
        #expect(location.database == "my db")
        #expect(location.displayURL == "postgres://Jörg@db.example:5432/my%20db")
        // An unescaped "@" in the password still works: the last "@" ends the user part.
        let at = try parse("postgres://crm:p@ss@db.example/crm")
        #expect(at.password?.value == "p@ss")
        #expect(at.host == "db.example")
        // "+" is not a space (libpq does not decode it).
        #expect(try parse("postgres://a+b@db.example/c+d").database == "c+d")
    }

    @Test func malformedEscapesDoNotEchoThePassword() throws {
        let error = try #require(throws: PostgresSourceError.self) { try parse("postgres://crm:Qbad%zzW9@db.example/crm") }
        #expect(error.kind == .invalidLocation)
        #expect(error.message.contains("password"))
        #expect(!error.description.contains("Qbad"))
        #expect(!error.description.contains("zzW9"))
    }

    @Test func unescapedSlashOrQuestionMarkInThePassword() throws {
        for url in ["postgres://crm:Qx/Zw9@db.example/crm", "postgres://crm:Qx?Zw9@db.example/crm"] {
            let error = try #require(throws: PostgresSourceError.self) { try parse(url) }
            #expect(error.kind == .invalidLocation)
            #expect(!error.description.contains("Qx"))
            #expect(!error.description.contains("Zw9"))
        }
    }

    @Test func thePasswordIsNeverShown() throws {
        let location = try parse("postgres://crm:Sup3r-Secret%21@db.example/crm")
        #expect(location.password?.value == "Sup3r-Secret!")
        var dumped = ""
        dump(location, to: &dumped)
        let renderings = [
            location.displayURL, location.description, location.debugDescription, "\(location)",
            String(reflecting: location), dumped, String(describing: location.password as Any),
        ]
        for text in renderings {
            #expect(!text.contains("Sup3r-Secret"), "password shown in: \(text)")
        }
        #expect(Mirror(reflecting: location).children.allSatisfy { $0.label != "password" })
    }

    @Test(arguments: PostgresLocation.SSLMode.allCases)
    func sslModes(_ mode: PostgresLocation.SSLMode) throws {
        #expect(try parse("postgres://crm@db.example/crm?sslmode=\(mode.rawValue)").sslMode == mode)
        #expect(try parse("postgres://crm@db.example/crm", ["PGSSLMODE": mode.rawValue]).sslMode == mode)
    }

    @Test func unknownSSLModeIsAnError() throws {
        let error = try #require(throws: PostgresSourceError.self) { try parse("postgres://crm@db.example/crm?sslmode=strict") }
        #expect(error.kind == .invalidLocation)
        #expect(error.message.contains("strict"))
        #expect(error.message.contains("verify-full"))
        #expect(try parse("postgres://crm@db.example/crm?sslmode=verify-ca&sslrootcert=/etc/ca.pem").sslRootCert == "/etc/ca.pem")
    }

    @Test func unixSockets() throws {
        let debian = try parse("postgres://crm@/crm?host=/var/run/postgresql")
        #expect(debian.isUnixSocket)
        #expect(debian.socketPaths == ["/var/run/postgresql/.s.PGSQL.5432"])
        #expect(debian.passFileHost == "localhost")
        #expect(debian.displayURL == "postgres://crm@/crm?host=/var/run/postgresql")

        let encoded = try parse("postgres://crm@%2Ftmp%2Fpg:5433/crm")
        #expect(encoded.host == "/tmp/pg")
        #expect(encoded.socketPaths == ["/tmp/pg/.s.PGSQL.5433"])
        #expect(encoded.passFileHost == "/tmp/pg")
        #expect(encoded.displayURL == "postgres://crm@/crm?host=/tmp/pg&port=5433")

        let fromEnvironment = try parse("postgres:///crm", ["PGHOST": "/run/pg/", "PGUSER": "crm"])
        #expect(fromEnvironment.host == "/run/pg")

        let nothing = try parse("postgres:///crm", ["USER": "crm"])
        #expect(nothing.host == "")
        #expect(nothing.isUnixSocket)
        #expect(nothing.socketPaths == ["/var/run/postgresql/.s.PGSQL.5432", "/tmp/.s.PGSQL.5432"])
        #expect(nothing.displayURL == "postgres://crm@/crm")
    }

    @Test func otherParameters() throws {
        let location = try parse("postgres://crm@db.example/crm?application_name=gongmap-test&options=-c%20search_path%3Dcrm&connect_timeout=5&target_session_attrs=any&client_encoding=UTF8")
        #expect(location.applicationName == "gongmap-test")
        #expect(location.options == "-c search_path=crm")
        #expect(location.connectTimeout == 5)
        #expect(location.warnings.count == 1)
        #expect(location.warnings.first?.contains("target_session_attrs") == true)
        #expect(try parse("postgres://crm@db.example/crm?client_encoding=LATIN1").warnings.count == 1)
        #expect(throws: PostgresSourceError.self) { try parse("postgres://crm@db.example/crm?connect_timeout=soon") }
        #expect(throws: PostgresSourceError.self) { try parse("postgres://crm@db.example/crm?sslmode") }
    }

    @Test func ipv6() throws {
        let location = try parse("postgres://crm@[::1]:5433/crm")
        #expect(location.host == "::1")
        #expect(location.port == 5433)
        #expect(location.displayURL == "postgres://crm@[::1]:5433/crm")
        #expect(location.endpointDescription == "[::1]:5433")
    }

    @Test func badPortsAndHosts() throws {
        #expect(throws: PostgresSourceError.self) { try parse("postgres://crm@db.example:99999/crm") }
        #expect(throws: PostgresSourceError.self) { try parse("postgres://crm@db.example:0/crm") }
        let named = try #require(throws: PostgresSourceError.self) { try parse("postgres://crm@db.example/crm?port=abc") }
        #expect(named.message.contains("abc"))
        let environment = try #require(throws: PostgresSourceError.self) { try parse("postgres://crm@db.example/crm", ["PGPORT": "x1"]) }
        #expect(environment.message.contains("x1"))
        let several = try #require(throws: PostgresSourceError.self) { try parse("postgres://crm@db1.example,db2.example/crm") }
        #expect(several.message.contains("several hosts"))
    }

    @Test func displayURLParsesBackToTheSameLocation() throws {
        for url in [
            "postgres://crm:pw@db.example:5433/crm", "postgres://J%C3%B6rg@db.example/my%20db",
            "postgres://crm@/crm?host=/var/run/postgresql&port=5499", "postgres://a%40b@[::1]/x%2Fy",
            "postgres://crm@db.example/%E6%9D%B1%E4%BA%AC",
        ] {
            let location = try parse(url)
            let again = try parse(location.displayURL)
            #expect(again.host == location.host)
            #expect(again.port == location.port)
            #expect(again.user == location.user)
            #expect(again.database == location.database)
            #expect(!again.hasPassword)
        }
    }

    // MARK: Password file

    static let passFileText = """
        # hostname:port:database:username:password
        db.example:5432:crm:crm:file-pass-1
        we\\:ird.host:5432:crm:crm:esc\\:aped\\\\pass:ignored
        db.example:*:*:admin:admin-pass
        *:5432:*:crm:fallback-pass
        localhost:5432:*:sock:socket-pass
        too:few:fields
        \\*:5432:crm:star:literal-star
        """

    @Test func passwordFileLines() throws {
        let path = try passFile(Self.passFileText)
        defer { remove(path) }
        func password(_ url: String) throws -> String? {
            let location = try parse(url, pgpass: path)
            if location.hasPassword { #expect(location.passwordSource == .passwordFile(path)) }
            return location.password?.value
        }
        #expect(try password("postgres://crm@db.example/crm") == "file-pass-1")          // first match wins
        #expect(try password("postgres://crm@other.example/crm") == "fallback-pass")     // * host
        #expect(try password("postgres://admin@db.example:6000/x") == "admin-pass")      // * port and database
        #expect(try password("postgres://crm@we%3Aird.host/crm") == "esc:aped\\pass")   // \: and \\ escapes
        #expect(try password("postgres://sock@/anything") == "socket-pass")             // default socket = localhost
        #expect(try password("postgres://sock@/anything?host=/var/run/postgresql") == "socket-pass")
        #expect(try password("postgres://nobody@db.example/crm") == nil)
        #expect(try password("postgres://star@*/crm") == "literal-star")                // \* is a literal star
        #expect(try password("postgres://star@db.example/crm") == nil)
    }

    @Test func passwordFileEntriesParsing() {
        let entry = PostgresPassFile.entry("h\\:1:*:d\\\\b:u:p\\:w\\\\d")
        #expect(entry?.host == PostgresPassFile.Field(text: "h:1", isWildcard: false))
        #expect(entry?.port == PostgresPassFile.Field(text: "*", isWildcard: true))
        #expect(entry?.database.text == "d\\b")
        #expect(entry?.password == "p:w\\d")
        #expect(PostgresPassFile.entry("a:b:c:d") == nil)
        #expect(PostgresPassFile.entry("a:b:c:d:")?.password == "")
        // CRLF files: no "\r" in the password.
        let entries = PostgresPassFile.entries(in: "h:1:d:u:one\r\n#c\r\nh:2:d:u:two\r\n")
        #expect(entries.map(\.password) == ["one", "two"])
    }

    @Test func passwordPrecedence() throws {
        let path = try passFile("*:*:*:*:from-file")
        defer { remove(path) }
        let fromFile = try parse("postgres://crm@db.example/crm", pgpass: path)
        #expect(fromFile.password?.value == "from-file")
        let fromEnvironment = try parse("postgres://crm@db.example/crm", ["PGPASSWORD": "from-env"], pgpass: path)
        #expect(fromEnvironment.password?.value == "from-env")
        #expect(fromEnvironment.passwordSource == .environment)
        let fromURL = try parse("postgres://crm:from-url@db.example/crm", ["PGPASSWORD": "from-env"], pgpass: path)
        #expect(fromURL.password?.value == "from-url")
        #expect(fromURL.passwordSource == .url)
        // An empty password counts as none.
        #expect(try parse("postgres://crm:@db.example/crm", pgpass: path).password?.value == "from-file")
    }

    @Test func passwordFileMustBePrivate() throws {
        let open = try passFile("*:*:*:*:from-file", mode: 0o644)
        defer { remove(open) }
        let location = try parse("postgres://crm@db.example/crm", pgpass: open)
        #expect(!location.hasPassword)
        #expect(location.warnings.count == 1)
        #expect(location.warnings.first?.contains(open) == true)
        #expect(location.warnings.first?.contains("0600") == true)
        #expect(location.warnings.first?.contains("from-file") == false)

        for mode in [0o600, 0o400] {
            let closed = try passFile("*:*:*:*:from-file", mode: mode)
            defer { remove(closed) }
            #expect(try parse("postgres://crm@db.example/crm", pgpass: closed).password?.value == "from-file")
        }
        let missing = try parse("postgres://crm@db.example/crm", pgpass: "/nonexistent/gm-pgpass")
        #expect(missing.warnings.isEmpty)
        #expect(!missing.hasPassword)
    }

    @Test func passwordFileFromPGPASSFILEAndHome() throws {
        let path = try passFile("*:*:*:*:via-env")
        defer { remove(path) }
        #expect(try parse("postgres://crm@db.example/crm", ["PGPASSFILE": path]).password?.value == "via-env")

        let home = try passFile("*:*:*:*:via-home", name: ".pgpass")
        defer { remove(home) }
        let folder = (home as NSString).deletingLastPathComponent
        #expect(try parse("postgres://crm@db.example/crm", ["HOME": folder]).password?.value == "via-home")
    }
}

// MARK: - Canonical text (pure)

@Suite("PostgreSQL canonical text")
struct PostgresTextTests {
    @Test func timestamps() {
        #expect(PostgresText.canonical("2024-03-01 09:30:00+00", kind: .timestamptz) == "2024-03-01T09:30:00Z")
        #expect(PostgresText.canonical("2024-03-01 09:30:00.5+00", kind: .timestamptz) == "2024-03-01T09:30:00.5Z")
        #expect(PostgresText.canonical("0044-03-15 00:00:00+00 BC", kind: .timestamptz) == "0044-03-15T00:00:00Z BC")
        #expect(PostgresText.canonical("2024-03-01 09:30:00+05:30", kind: .timestamptz) == "2024-03-01T09:30:00+05:30")
        #expect(PostgresText.canonical("infinity", kind: .timestamptz) == "infinity")
        #expect(PostgresText.canonical("-infinity", kind: .timestamp) == "-infinity")
        #expect(PostgresText.canonical("2024-03-01 09:30:00.25", kind: .timestamp) == "2024-03-01T09:30:00.25")
        #expect(PostgresText.canonical("", kind: .timestamptz) == "")
        #expect(PostgresText.canonical("2024-03-01 x", kind: .text) == "2024-03-01 x")
    }

    @Test func kindsFromTypeOIDs() {
        #expect(PostgresTextKind(typeOID: 17) == .skipped)
        #expect(PostgresTextKind(typeOID: 1042) == .outputFunction)
        #expect(PostgresTextKind(typeOID: 869) == .outputFunction)
        #expect(PostgresTextKind(typeOID: 790) == .money)
        #expect(PostgresTextKind(typeOID: 1114) == .timestamp)
        #expect(PostgresTextKind(typeOID: 1184) == .timestamptz)
        #expect(PostgresTextKind(typeOID: 23) == .text)
        #expect(PostgresTextKind(typeOID: 16) == .text)
        #expect(PostgresTextKind.text.selectExpression("gm_c1") == "gm_c1::text")
        #expect(PostgresTextKind.outputFunction.selectExpression("gm_c2") == "pg_catalog.concat(gm_c2)")
        #expect(PostgresTextKind.skipped.selectExpression("gm_c3") == "NULL::text")
    }

    @Test func identifiersAreAlwaysQuoted() {
        #expect(PostgresText.quoteIdentifier("User") == "\"User\"")
        #expect(PostgresText.quoteIdentifier("order") == "\"order\"")
        #expect(PostgresText.quoteIdentifier("we\"ird name") == "\"we\"\"ird name\"")
        #expect(PostgresText.qualifiedName(schema: "sales", name: "Open Deals") == "\"sales\".\"Open Deals\"")
        #expect(PostgresTableInfo(schema: "public", name: "deal").displayName == "deal")
        #expect(PostgresTableInfo(schema: "sales", name: "deal").displayName == "sales.deal")
        #expect(PostgresTableInfo(schema: "public", name: "User").sqlName == "\"public\".\"User\"")
    }

    @Test func statements() {
        #expect(PostgresText.trimmedQuery("  SELECT 1 ;; \n") == "SELECT 1")
        #expect(PostgresText.trimmedQuery("SELECT 1 -- one\n;") == "SELECT 1 -- one")
        #expect(PostgresText.trimmedQuery("SELECT 1; -- newest first") == "SELECT 1", "a comment after the end")
        #expect(PostgresText.trimmedQuery("SELECT 1; -- a;b\n-- c\n") == "SELECT 1", "a semicolon inside a trailing comment")
        #expect(PostgresText.trimmedQuery("SELECT ';' AS x -- semicolon") == "SELECT ';' AS x -- semicolon", "a semicolon in a string is kept")
        let declare = PostgresText.declareSQL("SELECT * FROM t -- note", kinds: [.text, .outputFunction])
        #expect(declare.hasPrefix("DECLARE gm_cursor NO SCROLL CURSOR FOR SELECT gm_c1::text, pg_catalog.concat(gm_c2) FROM (\n"))
        #expect(declare.hasSuffix("-- note\n) AS gm_q(gm_c1, gm_c2)"))
        #expect(PostgresText.declareSQL("SELECT", kinds: []).hasSuffix(") AS gm_q"))
        #expect(PostgresText.settingsSQL.contains("pg_catalog.set_config('TimeZone', 'UTC', true)"))
        #expect(PostgresText.fetchSQL == "FETCH FORWARD 5000 FROM gm_cursor")
        #expect(PostgresText.typeNamesSQL([23, 16, 23]).hasSuffix("WHERE oid IN (16, 23)"))
    }

    @Test func cursorBoundsAreDollarQuoted() {
        #expect(PostgresText.dollarQuoted("2024-03-01 09:30:00+00") == "$gm$2024-03-01 09:30:00+00$gm$")
        #expect(PostgresText.dollarQuoted("it's \\ $x$") == "$gm$it's \\ $x$$gm$")
        #expect(PostgresText.dollarQuoted("a$gm$b") == "$gm1$a$gm$b$gm1$")
        #expect(PostgresText.dollarQuoted("ends in $gm") == "$gm1$ends in $gm$gm1$", "`$gm` then `$gm$` would close early")
        #expect(TableLocation.shownValue("$gm1$a$gm$b$gm1$") == "a$gm$b")
        #expect(TableLocation.shownValue("'it''s'") == "it's")
        #expect(TableLocation.shownValue("42") == "42")
    }

    @Test func duplicateColumnNames() {
        #expect(PostgresText.uniqueNames(["id", "id", "name", "id"]) == ["id", "id (2)", "name", "id (3)"])
        #expect(PostgresText.uniqueNames(["a", "a (2)", "a"]) == ["a", "a (2)", "a (3)"])
    }
}

// MARK: - Against a real server

/// A throwaway PostgreSQL server run by scripts/pg-test-server.sh (initdb, pg_ctl; as the `postgres`
/// user when the tests run as root). CI installs the server with `apt-get install -y postgresql`.
final class PGTestServer: Sendable {
    @TaskLocal static var current: PGTestServer?

    static let password = "Pa55:w/rd@x"
    static var encodedPassword: String { "Pa55%3Aw%2Frd%40x" }

    let directory: String
    let port: Int

    private init(directory: String, port: Int) {
        self.directory = directory
        self.port = port
    }

    static var script: String {
        if let path = ProcessInfo.processInfo.environment["GONGMAP_PG_TEST_SERVER"] { return path }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return root.appendingPathComponent("scripts/pg-test-server.sh").path
    }

    /// PostgreSQL's server binaries where the script looks for them.
    static var isInstalled: Bool {
        let files = FileManager.default
        guard files.fileExists(atPath: script) else { return false }
        if let folder = ProcessInfo.processInfo.environment["PG_BINDIR"] { return files.isExecutableFile(atPath: folder + "/initdb") }
        if let versions = try? files.contentsOfDirectory(atPath: "/usr/lib/postgresql"),
           versions.contains(where: { files.isExecutableFile(atPath: "/usr/lib/postgresql/\($0)/bin/initdb") }) {
            return true
        }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        return path.split(separator: ":").contains { files.isExecutableFile(atPath: "\($0)/initdb") }
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Runs the script; its output (stdout and stderr together), or an error with it.
    @discardableResult
    static func run(_ arguments: [String]) throws -> String {
        // posix_spawn and waitpid, not Process: Process.waitUntilExit, called from the suite's
        // trait (a task of the cooperative pool), never returned on Linux.
        let log = NSTemporaryDirectory() + "pg-test-server-\(UUID().uuidString).log"
        defer { try? FileManager.default.removeItem(atPath: log) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, log, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let argv = (["/bin/sh", script] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        guard posix_spawn(&pid, "/bin/sh", &actions, nil, argv, environ) == 0 else { throw Failure(description: "cannot run \(script)") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
        let code = (status >> 8) & 0xFF
        guard code == 0 else {
            throw Failure(description: "pg-test-server.sh \(arguments.joined(separator: " ")) failed (\(code)):\n\(text)")
        }
        return text
    }

    static func start() throws -> PGTestServer {
        // Short: the socket path (directory + /.s.PGSQL.port) must fit in 107 bytes.
        let directory = "/tmp/gm-pg-" + UUID().uuidString.prefix(8).lowercased()
        let output: String
        do {
            output = try run(["start", directory])
        } catch {
            _ = try? run(["stop", directory])
            throw error
        }
        guard let line = output.split(separator: "\n").last(where: { $0.hasPrefix("port=") }), let port = Int(line.dropFirst(5)) else {
            _ = try? run(["stop", directory])
            throw Failure(description: "pg-test-server.sh start printed no port:\n\(output)")
        }
        return PGTestServer(directory: directory, port: port)
    }

    func stop() {
        _ = try? Self.run(["stop", directory])
    }

    var hasTLS: Bool { FileManager.default.fileExists(atPath: directory + "/tls") }

    /// Runs SQL as the superuser; the output unaligned, without headers.
    @discardableResult
    func psql(_ sql: String, database: String = "postgres") throws -> String {
        let file = directory + "-" + UUID().uuidString + ".sql"
        FileManager.default.createFile(atPath: file, contents: Data(sql.utf8))
        defer { try? FileManager.default.removeItem(atPath: file) }
        return try Self.run(["psql", directory, "-d", database, "-At", "-f", file])
    }

    func seed() throws {
        try psql("""
            CREATE ROLE crm LOGIN PASSWORD '\(Self.password)' IN ROLE password_users;
            CREATE DATABASE crm OWNER crm;
            \\connect crm
            CREATE TABLE secret (x integer);
            INSERT INTO secret VALUES (1);
            REVOKE ALL ON secret FROM PUBLIC;
            SET ROLE crm;
            CREATE SCHEMA sales;
            CREATE TYPE deal_stage AS ENUM ('open', 'won', 'lost');
            CREATE DOMAIN amount AS numeric(30, 9);
            CREATE TABLE "User" (
                id integer PRIMARY KEY, "Full Name" text, active boolean, created timestamptz, born date,
                wakes time, code char(5), balance numeric(40, 9), score float8, ratio float4, profile jsonb,
                tags text[], photo bytea, "order" integer, ip inet, fee money, seen timestamp,
                stage deal_stage, total amount);
            INSERT INTO "User" VALUES
                (1, 'Zoë', true, '2024-03-01 10:30:00+01', '2024-03-01', '09:30:00', 'ab',
                 12345678901234567890.123456789, 0.1, 0.1, '{"a": [1, "x"]}', '{a,"b c"}', '\\x0102', 7,
                 '10.0.0.1', 12.5, '2024-03-01 09:30:00.25', 'won', 42.5),
                (2, '東京', false, '2024-03-01 09:30:00.5+00', NULL, NULL, NULL, NULL, NULL, NULL, NULL,
                 NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
            CREATE TABLE sales.deal (id bigint, "order" text, "User" integer);
            INSERT INTO sales.deal VALUES (10, 'first', 1), (11, 'second', 2);
            CREATE VIEW sales."Open Deals" AS
                SELECT d.id, d."order", u."Full Name" AS owner FROM sales.deal AS d JOIN "User" AS u ON u.id = d."User";
            CREATE TABLE big (n integer, label text);
            INSERT INTO big SELECT n, 'label ' || n FROM generate_series(1, 25000) AS n;
            CREATE TABLE "Société" (nom text);
            INSERT INTO "Société" VALUES ('Zoë & Co');
            CREATE TABLE empty_one (a integer);
            RESET ROLE;
            ANALYZE;
            """)
    }

    /// `postgres://crm:…@127.0.0.1:port/database` plus parameters.
    func url(password: String? = PGTestServer.encodedPassword, database: String = "crm", _ parameters: String = "") -> String {
        let user = password.map { "crm:\($0)" } ?? "crm"
        return "postgres://\(user)@127.0.0.1:\(port)/\(database)" + (parameters.isEmpty ? "" : "?" + parameters)
    }

    func location(password: String? = PGTestServer.encodedPassword, database: String = "crm", _ parameters: String = "",
                  environment: [String: String] = [:], pgpass: String? = nil) throws -> PostgresLocation {
        try PostgresLocation.parse(url(password: password, database: database, parameters), environment: environment, pgpassPath: pgpass)
    }

    /// Server sessions with this application_name (pg_stat_activity).
    func sessions(named applicationName: String) throws -> Int {
        Int(try psql("SELECT count(*) FROM pg_stat_activity WHERE application_name = '\(applicationName)'")
            .trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
    }
}

/// Starts one server for the whole suite, seeds it, and stops it afterwards.
struct PostgresServerTrait: SuiteTrait, TestScoping {
    func provideScope(for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void) async throws {
        let server = try PGTestServer.start()
        defer { server.stop() }
        try server.seed()
        try await PGTestServer.$current.withValue(server) {
            try await function()
        }
    }
}

extension Trait where Self == PostgresServerTrait {
    static var postgresServer: Self { Self() }
}

/// Every row of a source, then closes it.
private func readAll(_ source: any TableRowSource) throws -> (rows: [[String]], numbers: [Int]) {
    defer { source.close() }
    var rows: [[String]] = []
    var numbers: [Int] = []
    var cells: [String] = []
    while let number = try source.next(into: &cells) {
        #expect(cells.count == source.header.count)
        rows.append(cells)
        numbers.append(number)
    }
    return (rows, numbers)
}

/// Waits up to five seconds for `condition`.
private func eventually(_ condition: () throws -> Bool) rethrows -> Bool {
    for _ in 0..<50 {
        if try condition() { return true }
        Thread.sleep(forTimeInterval: 0.1)
    }
    return try condition()
}

@Suite("PostgreSQL sources against a real server", .serialized,
       .enabled(if: PGTestServer.isInstalled || ProcessInfo.processInfo.environment["GONGMAP_REQUIRE_POSTGRES"] == "1",
                "PostgreSQL is not installed (apt-get install -y postgresql); .ci/run installs it and requires these tests"),
       .postgresServer)
struct PostgresServerTests {
    /// The suite's server (started by the `.postgresServer` trait).
    func running() throws -> PGTestServer {
        try #require(PGTestServer.current)
    }

    @Test func listsTablesAndViews() throws {
        let server = try running()
        let tables = try PostgresSource.tables(at: try server.location())
        let names = tables.map(\.displayName)
        #expect(Set(names) == ["Société", "User", "big", "empty_one", "sales.Open Deals", "sales.deal"])
        #expect(names.prefix(4).allSatisfy { !$0.hasPrefix("sales.") })   // public first
        #expect(!names.contains("secret"))   // no privilege on it: not listed

        let user = try #require(tables.first { $0.name == "User" })
        #expect(user.schema == "public")
        #expect(!user.isView)
        #expect(user.columns.count == 19)
        #expect(user.columns.first?.name == "id")
        #expect(user.columns.first?.type == "integer")
        let types = Dictionary(user.columns.map { ($0.name, $0.type) }, uniquingKeysWith: { first, _ in first })
        #expect(types["Full Name"] == "text")
        #expect(types["code"] == "character(5)")
        #expect(types["balance"] == "numeric(40,9)")
        #expect(types["created"] == "timestamp with time zone")
        #expect(types["stage"] == "deal_stage")
        #expect(types["total"] == "amount")

        let view = try #require(tables.first { $0.displayName == "sales.Open Deals" })
        #expect(view.isView)
        #expect(view.estimatedRows == nil)
        #expect(view.columns.map { $0.name } == ["id", "order", "owner"])
        #expect(tables.first { $0.name == "big" }?.estimatedRows == 25_000)
    }

    @Test func readsAQuotedReservedTableAsCanonicalText() throws {
        let server = try running()
        let user = try #require(try PostgresSource.tables(at: try server.location()).first { $0.name == "User" })
        let source = try PostgresSource.open(table: user, at: try server.location())
        #expect(source.header == ["id", "Full Name", "active", "created", "born", "wakes", "code", "balance", "score", "ratio",
                                  "profile", "tags", "photo", "order", "ip", "fee", "seen", "stage", "total"])
        let postgres = try #require(source as? PostgresRowSource)
        #expect(postgres.columnTypes[3] == "timestamp with time zone")
        #expect(postgres.columnTypes[18] == "amount")
        #expect(postgres.notes.count == 1)
        #expect(postgres.notes.first?.contains("photo") == true)

        let (rows, numbers) = try readAll(source)
        #expect(numbers == [1, 2])
        #expect(rows.count == 2)
        #expect(rows.first == [
            "1", "Zoë", "true", "2024-03-01T09:30:00Z", "2024-03-01", "09:30:00", "ab   ",
            "12345678901234567890.123456789", "0.1", "0.1", "{\"a\": [1, \"x\"]}", "{a,\"b c\"}", "", "7",
            "10.0.0.1", "12.50", "2024-03-01T09:30:00.25", "won", "42.500000000",
        ])
        #expect(rows.last == ["2", "東京", "false", "2024-03-01T09:30:00.5Z"] + Array(repeating: "", count: 15))
    }

    @Test func schemaQualifiedTablesViewsAndNonASCIINames() throws {
        let server = try running()
        let location = try server.location()
        let tables = try PostgresSource.tables(at: location)

        let deal = try #require(tables.first { $0.displayName == "sales.deal" })
        let dealSource = try PostgresSource.open(table: deal, at: location)
        #expect(dealSource.header == ["id", "order", "User"])
        #expect(try readAll(dealSource).rows == [["10", "first", "1"], ["11", "second", "2"]])

        let view = try #require(tables.first { $0.displayName == "sales.Open Deals" })
        let viewRows = try readAll(try PostgresSource.open(table: view, at: location)).rows
        #expect(Set(viewRows) == [["10", "first", "Zoë"], ["11", "second", "東京"]])

        let societe = try #require(tables.first { $0.name == "Société" })
        #expect(try readAll(try PostgresSource.open(table: societe, at: location)).rows == [["Zoë & Co"]])

        let empty = try #require(tables.first { $0.name == "empty_one" })
        let emptySource = try PostgresSource.open(table: empty, at: location)
        #expect(emptySource.header == ["a"])
        #expect(try readAll(emptySource).rows.isEmpty)
    }

    @Test func querySources() throws {
        let server = try running()
        let location = try server.location()
        let query = try PostgresSource.open(query: """
            SELECT id, "Full Name" AS name, created FROM "User" ORDER BY id -- oldest first
            ;
            """, at: location)
        #expect(query.header == ["id", "name", "created"])
        #expect(try readAll(query).rows == [["1", "Zoë", "2024-03-01T09:30:00Z"], ["2", "東京", "2024-03-01T09:30:00.5Z"]])

        let duplicates = try PostgresSource.open(query: "SELECT 1 AS a, 2 AS a, 'x' AS b", at: location)
        #expect(duplicates.header == ["a", "a (2)", "b"])
        #expect(try readAll(duplicates).rows == [["1", "2", "x"]])

        let values = try PostgresSource.open(query: "VALUES (1, 'one'), (2, 'two')", at: location)
        #expect(try readAll(values).rows == [["1", "one"], ["2", "two"]])

        let broken = try #require(throws: PostgresSourceError.self) {
            try PostgresSource.open(query: "SELECT nosuchcolumn FROM \"User\"", at: location)
        }
        #expect(broken.kind == .queryFailed)
        #expect(broken.message.contains("nosuchcolumn"))
        #expect(broken.sqlState == "42703")

        let empty = try #require(throws: PostgresSourceError.self) { try PostgresSource.open(query: " ; ", at: location) }
        #expect(empty.kind == .queryFailed)
    }

    @Test func readsOnlyRowsFromACursorValue() throws {
        let server = try running()
        let location = try server.location()
        let user = TableLocation.postgresTable(location, schema: "public", table: "User")
        let highest = try #require(try user.highestValue(of: "created"))
        #expect(highest == "$gm$2024-03-01 09:30:00.5+00$gm$", "max(created) in UTC, dollar-quoted")
        #expect(try readAll(try user.rows(of: "created", from: highest, through: highest).open()).rows.map { $0[1] } == ["東京"])
        #expect(try readAll(try user.rows(of: "created", from: nil, through: "$gm$2024-03-01 10:30:00+01$gm$").open()).rows.map { $0[1] } == ["Zoë"],
                "a bound with another offset compares as the same instant")

        let deal = TableLocation.postgresTable(location, schema: "sales", table: "deal")
        #expect(try deal.highestValue(of: "order") == "$gm$second$gm$", "a reserved word as the cursor column")
        #expect(try readAll(try deal.rows(of: "order", from: "$gm$s$gm$", through: nil).open()).rows == [["11", "second", "2"]])

        let query = TableLocation.postgresQuery(location, sql: "SELECT 'ends in $gm' AS v UNION ALL SELECT 'a' -- a comment\n;")
        let text = try #require(try query.highestValue(of: "v"))
        #expect(TableLocation.shownValue(text) == "ends in $gm")
        #expect(try readAll(try query.rows(of: "v", from: text, through: text).open()).rows == [["ends in $gm"]])
        #expect(try TableLocation.postgresQuery(location, sql: "SELECT NULL::int AS v").highestValue(of: "v") == nil)
    }

    @Test func streams25000RowsInBatches() throws {
        let server = try running()
        let location = try server.location("application_name=gm-stream")
        let big = PostgresTableInfo(schema: "public", name: "big")
        let source = try PostgresSource.open(table: big, at: location)
        let postgres = try #require(source as? PostgresRowSource)
        var cells: [String] = []
        var count = 0
        var last: [String] = []
        while let number = try source.next(into: &cells) {
            count += 1
            #expect(number == count)
            last = cells
        }
        #expect(count == 25_000)
        #expect(last == ["25000", "label 25000"])
        #expect(postgres.batchesFetched == 6)   // five full batches of 5000, then an empty one
        #expect(try source.next(into: &cells) == nil)
        source.close()
        source.close()
        #expect(try eventually { try server.sessions(named: "gm-stream") == 0 })
    }

    @Test func closingEarlyReleasesTheConnection() throws {
        let server = try running()
        let source = try PostgresSource.open(table: PostgresTableInfo(schema: "public", name: "big"),
                                             at: try server.location("application_name=gm-early"))
        var cells: [String] = []
        for expected in 1...10 { #expect(try source.next(into: &cells) == expected) }
        #expect(try server.sessions(named: "gm-early") == 1)
        source.close()
        #expect(try eventually { try server.sessions(named: "gm-early") == 0 })
        #expect(try source.next(into: &cells) == nil)
    }

    @Test func wrongPasswordIsClearAndSecret() throws {
        let server = try running()
        let error = try #require(throws: PostgresSourceError.self) {
            try PostgresSource.tables(at: try server.location(password: "Wr0ng-Guess-42"))
        }
        #expect(error.kind == .authenticationFailed)
        #expect(error.sqlState == "28P01")
        #expect(error.message.contains("user 'crm'"))
        #expect(error.message.contains("database 'crm'"))
        #expect(error.message.contains("127.0.0.1:\(server.port)"))
        #expect(error.hint?.contains("URL") == true)
        for text in [error.description, String(reflecting: error), error.localizedDescription] {
            #expect(!text.contains("Wr0ng-Guess-42"))
        }
    }

    @Test func missingPasswordSaysWhereToPutIt() throws {
        let server = try running()
        let error = try #require(throws: PostgresSourceError.self) {
            try PostgresSource.tables(at: try server.location(password: nil))
        }
        #expect(error.kind == .authenticationFailed)
        #expect(error.description.contains(".pgpass"))
    }

    @Test func passwordFromAPasswordFile() throws {
        let server = try running()
        let folder = NSTemporaryDirectory() + "gm-pgpass-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/pgpass"
        // The password has a ':' (escaped) and a '@'.
        FileManager.default.createFile(atPath: path, contents: Data("127.0.0.1:\(server.port):crm:crm:Pa55\\:w/rd@x\n".utf8))

        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        let location = try server.location(password: nil, pgpass: path)
        #expect(location.passwordSource == .passwordFile(path))
        #expect(try PostgresSource.tables(at: location).contains { $0.name == "big" })

        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path)
        let unsafe = try server.location(password: nil, pgpass: path)
        #expect(!unsafe.hasPassword)
        let error = try #require(throws: PostgresSourceError.self) { try PostgresSource.tables(at: unsafe) }
        #expect(error.kind == .authenticationFailed)
        #expect(error.description.contains("0600"))
    }

    @Test func missingDatabase() throws {
        let server = try running()
        let error = try #require(throws: PostgresSourceError.self) {
            try PostgresSource.tables(at: try server.location(database: "nope"))
        }
        #expect(error.kind == .databaseMissing)
        #expect(error.message.contains("'nope'"))
        #expect(!error.description.contains(PGTestServer.password))
    }

    @Test func permissionDeniedOnATable() throws {
        let server = try running()
        let location = try server.location()
        let table = try #require(throws: PostgresSourceError.self) {
            try PostgresSource.open(table: PostgresTableInfo(schema: "public", name: "secret"), at: location)
        }
        #expect(table.kind == .permissionDenied)
        #expect(table.message.contains("table secret"))
        #expect(table.message.contains("user 'crm'"))
        #expect(table.hint?.contains("GRANT SELECT ON \"public\".\"secret\" TO \"crm\"") == true)

        let query = try #require(throws: PostgresSourceError.self) {
            try PostgresSource.open(query: "SELECT * FROM secret", at: location)
        }
        #expect(query.kind == .permissionDenied)
    }

    @Test func unreachableServer() throws {
        let location = try PostgresLocation.parse("postgres://crm:pw@127.0.0.1:1/crm?sslmode=disable", environment: [:])
        let error = try #require(throws: PostgresSourceError.self) { try PostgresSource.tables(at: location) }
        #expect(error.kind == .unreachable)
        #expect(error.message.contains("127.0.0.1:1"))
        #expect(error.message.contains("refused"))
    }

    @Test func unixSocket() throws {
        let server = try running()
        // Local connections are trusted by the test server: no password needed.
        let location = try PostgresLocation.parse("postgres://crm@/crm?host=\(server.directory)&port=\(server.port)", environment: [:])
        #expect(location.isUnixSocket)
        let source = try PostgresSource.open(query: "SELECT current_user, inet_client_addr() IS NULL", at: location)
        #expect(try readAll(source).rows == [["crm", "true"]])
    }

    @Test func tlsModes() throws {
        let server = try running()
        guard server.hasTLS else { return }   // openssl was missing when the server started
        func ssl(_ location: PostgresLocation) throws -> [[String]] {
            try readAll(try PostgresSource.open(query: "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()", at: location)).rows
        }
        #expect(try ssl(try server.location("sslmode=require")) == [["true"]])
        #expect(try ssl(try server.location("sslmode=prefer")) == [["true"]])
        #expect(try ssl(try server.location("sslmode=disable")) == [["false"]])

        let certificate = server.directory + "/data/server.crt"
        let verified = try PostgresLocation.parse(
            "postgres://crm:\(PGTestServer.encodedPassword)@localhost:\(server.port)/crm?sslmode=verify-full&sslrootcert=\(certificate)",
            environment: [:])
        #expect(try ssl(verified) == [["true"]])

        let untrusted = try #require(throws: PostgresSourceError.self) {
            try PostgresSource.tables(at: try server.location("sslmode=verify-full&sslrootcert=system"))
        }
        #expect(untrusted.kind == .tls)
    }
}
