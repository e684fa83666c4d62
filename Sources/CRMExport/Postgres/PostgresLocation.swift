import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

// Where a PostgreSQL export lives: `postgres://user@host:port/db?param=value`, completed the way
// libpq completes it (PG* environment variables, then ~/.pgpass for the password).
//
// Pure apart from reading the password file: no networking, no PostgresNIO, so it is unit-testable
// on its own. The password is kept in a `Secret` that prints as "<hidden>"; `displayURL`,
// `description`, `debugDescription` and the mirror (`dump`) never contain it.

/// A PostgreSQL export location with every part resolved.
public struct PostgresLocation: Sendable, Hashable {
    /// libpq's `sslmode` values.
    public enum SSLMode: String, Sendable, Hashable, CaseIterable {
        case disable, allow, prefer, require
        case verifyCA = "verify-ca"
        case verifyFull = "verify-full"
    }

    /// Where the password came from, so an authentication error can say what to fix.
    public enum PasswordSource: Sendable, Hashable {
        case none
        /// The URL's `user:password@` part or its `password=` parameter.
        case url
        /// `PGPASSWORD`.
        case environment
        /// A line of this password file (`~/.pgpass` or `PGPASSFILE`).
        case passwordFile(String)
    }

    public static let defaultPort = 5432
    /// Where a server on this machine puts its socket when no host is given (Debian first, then upstream's default).
    public static let defaultSocketDirectories = ["/var/run/postgresql", "/tmp"]

    /// Host name or IP address; a folder (starting with `/`) for a Unix socket; "" for the default socket folder.
    public internal(set) var host: String
    public internal(set) var port: Int
    public internal(set) var user: String
    public internal(set) var database: String
    public internal(set) var sslMode: SSLMode
    /// `sslrootcert`/`PGSSLROOTCERT`: a PEM file of trusted roots, or `system` for the system's trust store.
    public internal(set) var sslRootCert: String?
    public internal(set) var applicationName: String?
    /// `options`/`PGOPTIONS`, sent to the server at startup (`-c search_path=crm`).
    public internal(set) var options: String?
    /// `connect_timeout`/`PGCONNECT_TIMEOUT` in seconds; 0 waits (almost) indefinitely.
    public internal(set) var connectTimeout: Int?
    public internal(set) var passwordSource: PasswordSource
    /// Things the user should know that did not stop parsing: an unsafe password file, ignored parameters.
    public internal(set) var warnings: [String]
    /// `~/.postgresql/root.crt`: used like libpq when it exists and `sslrootcert` is not given.
    var defaultRootCert: String?
    var password: Secret?

    public var hasPassword: Bool { password != nil }

    /// True when the connection goes through a Unix-domain socket.
    public var isUnixSocket: Bool { host.isEmpty || host.hasPrefix("/") }

    /// The socket files to try, in order (empty for TCP).
    public var socketPaths: [String] {
        guard isUnixSocket else { return [] }
        let folders = host.isEmpty ? Self.defaultSocketDirectories : [host]
        return folders.map { ($0 == "/" ? "" : $0) + "/.s.PGSQL.\(port)" }
    }

    /// `db.example:5432`, `[::1]:5432`, or `socket /var/run/postgresql/.s.PGSQL.5432`, for messages.
    public var endpointDescription: String {
        if isUnixSocket {
            return host.isEmpty ? "the local server (socket in \(Self.defaultSocketDirectories.joined(separator: " or ")), port \(port))"
                : "socket \(socketPaths[0])"
        }
        return (host.contains(":") ? "[\(host)]" : host) + ":\(port)"
    }

    /// The location as a URL without the password (and without TLS or other parameters), e.g.
    /// `postgres://crm@db.example:5432/crm` or `postgres://crm@/crm?host=/var/run/postgresql`.
    /// Parsing it again gives the same host, port, user and database.
    public var displayURL: String {
        var text = "postgres://" + Self.encodeForDisplay(user) + "@"
        var parameters: [String] = []
        if isUnixSocket {
            if !host.isEmpty { parameters.append("host=" + Self.encodeForDisplay(host, keepSlashes: true)) }
            if port != Self.defaultPort { parameters.append("port=\(port)") }
        } else {
            text += (host.contains(":") ? "[\(host)]" : Self.encodeForDisplay(host)) + ":\(port)"
        }
        text += "/" + Self.encodeForDisplay(database)
        if !parameters.isEmpty { text += "?" + parameters.joined(separator: "&") }
        return text
    }

    /// Whether `text` names a PostgreSQL database rather than a file or folder.
    public static func isPostgresURL(_ text: String) -> Bool {
        stripScheme(text.trimmingCharacters(in: .whitespacesAndNewlines)) != nil
    }

    // MARK: - Parsing

    /// Parses `postgres://[user[:password]@][host][:port][/database][?name=value&...]` (or `postgresql://`)
    /// and fills what it leaves out from `environment` (PGHOST, PGPORT, PGUSER, PGPASSWORD, PGDATABASE,
    /// PGSSLMODE, PGSSLROOTCERT, PGAPPNAME, PGOPTIONS, PGCONNECT_TIMEOUT, PGPASSFILE; USER/LOGNAME
    /// for the user, HOME for ~/.pgpass) and, for the password, from the password file.
    ///
    /// - Parameter pgpassPath: the password file to read; nil means libpq's choice: `PGPASSFILE`,
    ///   else `$HOME/.pgpass` (none when neither is set). The file is used only when it is a plain file
    ///   without group or world permissions (0600 or stricter), like libpq; otherwise `warnings` says why.
    /// - Throws: `PostgresSourceError` of kind `.invalidLocation`; its message never contains the password.
    public static func parse(_ text: String, environment: [String: String], pgpassPath: String? = nil) throws -> PostgresLocation {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let rest = stripScheme(trimmed) else {
            throw invalid("a PostgreSQL location starts with postgres:// or postgresql://")
        }
        var warnings: [String] = []

        // postgres://authority/path?query
        let main: Substring
        let query: Substring?
        if let mark = rest.firstIndex(of: "?") {
            main = rest[..<mark]
            query = rest[rest.index(after: mark)...]
        } else {
            main = rest
            query = nil
        }
        let slash = main.firstIndex(of: "/")
        let authority = slash.map { main[..<$0] } ?? main
        let path = slash.map { main[main.index(after: $0)...] }

        // user:password@ — the last "@" ends it, so an unescaped "@" in a password still works.
        var urlUser: String?
        var urlPassword: String?
        let hostPort: Substring
        if let at = authority.lastIndex(of: "@") {
            let userInfo = authority[..<at]
            hostPort = authority[authority.index(after: at)...]
            if let colon = userInfo.firstIndex(of: ":") {
                urlUser = try percentDecode(userInfo[..<colon], "user name")
                urlPassword = try percentDecode(userInfo[userInfo.index(after: colon)...], "password")
            } else {
                urlUser = try percentDecode(userInfo, "user name")
            }
        } else {
            hostPort = authority
            // postgres://user:pa/ss@host/db or user:pa?ss@host: a '/' or '?' of the password ended the
            // authority early, leaving "user:pa" (a port that is not a number) and an '@' further on.
            if let colon = authority.lastIndex(of: ":"), !authority[authority.index(after: colon)...].allSatisfy(\.isNumber),
               rest[authority.endIndex...].contains("@") {
                throw invalid("the URL looks like it has an unescaped '/' or '?' in its password; write them as %2F and %3F",
                              hint: "Percent-encode special characters of the password, or leave the password out of the URL and put it in ~/.pgpass or PGPASSWORD.")
            }
        }

        // host[:port] or [ipv6][:port]
        var urlHost: String?
        var urlPort: Substring?
        if hostPort.hasPrefix("[") {
            guard let close = hostPort.firstIndex(of: "]") else { throw invalid("the URL's IPv6 address lacks its closing ']'") }
            urlHost = String(hostPort[hostPort.index(after: hostPort.startIndex)..<close])
            let after = hostPort[hostPort.index(after: close)...]
            if after.hasPrefix(":") {
                urlPort = after.dropFirst()
            } else if !after.isEmpty {
                throw invalid("unexpected text after the URL's IPv6 address; write [address]:port")
            }
        } else if let colon = hostPort.lastIndex(of: ":") {
            urlHost = try percentDecode(hostPort[..<colon], "host")
            urlPort = hostPort[hostPort.index(after: colon)...]
        } else {
            urlHost = try percentDecode(hostPort, "host")
        }
        if urlHost?.isEmpty == true { urlHost = nil }
        if urlPort?.isEmpty == true { urlPort = nil }
        var urlDatabase = try path.map { try percentDecode($0, "database name") }
        if urlDatabase?.isEmpty == true { urlDatabase = nil }

        // ?name=value&... (query parameters win over the parts before them, as in libpq)
        var parameters: [String: String] = [:]
        for pair in (query ?? "").split(separator: "&", omittingEmptySubsequences: true) {
            guard let equals = pair.firstIndex(of: "=") else {
                // Not echoed: with an unescaped '?' in the password, this "parameter" is the password's end.
                throw invalid("a URL parameter has no value; write name=value",
                              hint: "If the password contains '?', write it as %3F.")
            }
            let name = try percentDecode(pair[..<equals], "URL parameter name")
            let value = try percentDecode(pair[pair.index(after: equals)...], "value of URL parameter '\(name)'")
            switch name {
            case "host", "hostaddr", "port", "dbname", "user", "password", "sslmode", "sslrootcert",
                 "application_name", "fallback_application_name", "options", "connect_timeout":
                parameters[name] = value
            case "client_encoding":
                if !["utf8", "utf-8", "unicode", "auto"].contains(value.lowercased()) {
                    warnings.append("client_encoding=\(value) was ignored: text is always read as UTF-8")
                }
            default:
                warnings.append("the URL parameter '\(name)' is not supported and was ignored")
            }
        }

        func given(_ value: String?) -> String? {
            guard let value, !value.isEmpty else { return nil }
            return value
        }
        func env(_ name: String) -> String? { given(environment[name]) }

        // Host.
        var host = given(parameters["host"]) ?? given(parameters["hostaddr"]) ?? urlHost ?? env("PGHOST") ?? env("PGHOSTADDR") ?? ""
        if host.contains(",") {
            throw invalid("several hosts separated by commas are not supported; give one host")
        }
        while host.count > 1 && host.hasSuffix("/") { host.removeLast() }

        // Port: a parameter, then the URL, then PGPORT.
        let port: Int
        if let text = given(parameters["port"]) ?? (urlPort == nil ? env("PGPORT") : nil) {
            // Safe to echo: it came from a parameter or the environment, not from the URL's authority.
            guard let number = Int(text), (1...65535).contains(number) else {
                throw invalid("the port '\(text)' is not a number from 1 to 65535")
            }
            port = number
        } else if let text = urlPort {
            guard let number = Int(text), (1...65535).contains(number) else {
                // Not echoed: a password with an unescaped '/' can end up here.
                throw invalid("the port in the URL is not a number from 1 to 65535",
                              hint: "If the password contains '/', '?' or '@', percent-encode them (%2F, %3F, %40).")
            }
            port = number
        } else {
            port = defaultPort
        }

        // User and database.
        guard let user = given(parameters["user"]) ?? given(urlUser) ?? env("PGUSER") ?? env("USER") ?? env("LOGNAME") else {
            throw invalid("no user name: write postgres://user@host/database or set PGUSER")
        }
        let database = given(parameters["dbname"]) ?? urlDatabase ?? env("PGDATABASE") ?? user

        // TLS.
        let modeText = given(parameters["sslmode"]) ?? env("PGSSLMODE") ?? SSLMode.prefer.rawValue
        guard let sslMode = SSLMode(rawValue: modeText.lowercased()) else {
            throw invalid("sslmode '\(modeText)' is not one of \(SSLMode.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let sslRootCert = given(parameters["sslrootcert"]) ?? env("PGSSLROOTCERT")
        let defaultRootCert = env("HOME").map { $0 + "/.postgresql/root.crt" }

        // The rest.
        let applicationName = given(parameters["application_name"]) ?? env("PGAPPNAME") ?? given(parameters["fallback_application_name"])
        let options = given(parameters["options"]) ?? env("PGOPTIONS")
        var connectTimeout: Int?
        if let text = given(parameters["connect_timeout"]) ?? env("PGCONNECT_TIMEOUT") {
            guard let seconds = Int(text), seconds >= 0 else {
                throw invalid("connect_timeout '\(text)' is not a number of seconds")
            }
            connectTimeout = seconds
        }

        var location = PostgresLocation(
            host: host, port: port, user: user, database: database, sslMode: sslMode, sslRootCert: sslRootCert,
            applicationName: applicationName, options: options, connectTimeout: connectTimeout,
            passwordSource: .none, warnings: warnings, defaultRootCert: defaultRootCert, password: nil)

        // Password: URL, then PGPASSWORD, then the password file (an empty password counts as none, like libpq).
        if let password = given(parameters["password"]) ?? given(urlPassword) {
            location.password = Secret(password)
            location.passwordSource = .url
        } else if let password = env("PGPASSWORD") {
            location.password = Secret(password)
            location.passwordSource = .environment
        } else if let file = pgpassPath ?? env("PGPASSFILE") ?? env("HOME").map({ $0 + "/.pgpass" }) {
            switch PostgresPassFile.load(path: file) {
            case .missing:
                break
            case .ignored(let warning):
                location.warnings.append(warning)
            case .entries(let entries):
                if let password = PostgresPassFile.password(in: entries, host: location.passFileHost, port: port, database: database, user: user) {
                    location.password = Secret(password)
                    location.passwordSource = .passwordFile(file)
                }
            }
        }
        return location
    }

    /// The host a password-file line must name: libpq matches `localhost` for the default socket folder.
    var passFileHost: String {
        if host.isEmpty || Self.defaultSocketDirectories.contains(host) || host == "/run/postgresql" { return "localhost" }
        return host
    }

    static func stripScheme(_ text: String) -> Substring? {
        for scheme in ["postgresql://", "postgres://"] {
            if text.count >= scheme.count, text.prefix(scheme.count).lowercased() == scheme {
                return text.dropFirst(scheme.count)
            }
        }
        return nil
    }

    static func invalid(_ message: String, hint: String? = nil) -> PostgresSourceError {
        PostgresSourceError(.invalidLocation, message, hint: hint)
    }

    /// Decodes `%XX` escapes (no `+` for space, as in libpq). Names `what` in the error, never the text
    /// itself, because it may be a password.
    static func percentDecode<S: StringProtocol>(_ text: S, _ what: String) throws -> String {
        guard text.contains("%") else { return String(text) }
        func hexValue(_ byte: UInt8) -> UInt8? {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
            default: return nil
            }
        }
        let utf8 = Array(text.utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count)
        var index = 0
        while index < utf8.count {
            if utf8[index] == UInt8(ascii: "%") {
                guard index + 2 < utf8.count, let high = hexValue(utf8[index + 1]), let low = hexValue(utf8[index + 2]) else {
                    throw invalid("the \(what) in the URL has a malformed %-escape (write % itself as %25)")
                }
                bytes.append(high << 4 | low)
                index += 3
            } else {
                bytes.append(utf8[index])
                index += 1
            }
        }
        guard let decoded = String(bytes: bytes, encoding: .utf8) else {
            throw invalid("the \(what) in the URL decodes to bytes that are not UTF-8")
        }
        return decoded
    }

    /// Percent-encodes what would change the meaning of a URL part; leaves other characters (non-ASCII
    /// included) readable.
    static func encodeForDisplay(_ text: String, keepSlashes: Bool = false) -> String {
        let hexDigits = Array("0123456789ABCDEF")
        var result = ""
        for scalar in text.unicodeScalars {
            let value = scalar.value
            let special = value < 0x21 || value == 0x7F || "\"#%&+:=?@[]\\^`{|}<>".unicodeScalars.contains(scalar)
                || (scalar == "/" && !keepSlashes)
            if special {
                for byte in String(scalar).utf8 {
                    result += "%" + String(hexDigits[Int(byte >> 4)]) + String(hexDigits[Int(byte & 0x0F)])
                }
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}

extension PostgresLocation: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public var description: String { displayURL }

    public var debugDescription: String {
        let source: String
        switch passwordSource {
        case .none: source = "none"
        case .url: source = "from the URL"
        case .environment: source = "from PGPASSWORD"
        case .passwordFile(let path): source = "from \(path)"
        }
        return "PostgresLocation(\(displayURL), sslmode=\(sslMode.rawValue), password: \(source))"
    }

    /// `dump(location)` and test-failure printing show this, never the stored password.
    public var customMirror: Mirror {
        Mirror(self, children: [
            "displayURL": displayURL, "sslMode": sslMode.rawValue, "passwordSource": passwordSource,
            "warnings": warnings,
        ], displayStyle: .struct)
    }
}

/// A password that prints as "<hidden>" however it is printed.
struct Secret: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    let value: String
    init(_ value: String) { self.value = value }
    var description: String { "<hidden>" }
    var debugDescription: String { "<hidden>" }
    var customMirror: Mirror { Mirror(self, children: [:]) }
}

// MARK: - Password file

/// libpq's password file: lines `hostname:port:database:username:password`, `*` matching anything in
/// the first four fields, `\:` and `\\` escaping, `#` starting a comment line; the first matching line wins.
enum PostgresPassFile {
    struct Field: Equatable, Sendable {
        var text: String
        /// A bare `*` (an escaped `\*` matches a literal star).
        var isWildcard: Bool
        func matches(_ value: String) -> Bool { isWildcard || text == value }
    }

    struct Entry: Equatable, Sendable {
        var host: Field
        var port: Field
        var database: Field
        var user: Field
        var password: String
    }

    enum LoadResult: Equatable, Sendable {
        case missing
        case ignored(warning: String)
        case entries([Entry])
    }

    /// Reads the file if it is safe to: a plain file with no group or world permission bits, like libpq.
    static func load(path: String) -> LoadResult {
        var info = stat()
        guard stat(path, &info) == 0 else { return .missing }
        let mode = UInt32(info.st_mode)
        guard mode & 0o170000 == 0o100000 else {
            return .ignored(warning: "password file \(path) is not a plain file; it was not used")
        }
        guard mode & 0o077 == 0 else {
            let permissions = String(mode & 0o777, radix: 8)
            return .ignored(warning: "password file \(path) has group or world access (mode \(permissions)); permissions should be u=rw (0600) or less, so it was not used. Fix it with: chmod 0600 \(path)")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            return .ignored(warning: "password file \(path) could not be read; it was not used")
        }
        return .entries(entries(in: String(decoding: data, as: UTF8.self)))
    }

    static func entries(in contents: String) -> [Entry] {
        var result: [Entry] = []
        for line in contents.split(omittingEmptySubsequences: true, whereSeparator: \.isNewline) {
            if line.hasPrefix("#") { continue }
            if let entry = entry(line) { result.append(entry) }
        }
        return result
    }

    /// One line; nil when it has fewer than five fields. The password ends at the line's end or at an
    /// unescaped ':' (as libpq reads it).
    static func entry(_ line: Substring) -> Entry? {
        var fields: [Field] = []
        var current = ""
        var escaped = false
        var characters = line.makeIterator()
        while let character = characters.next() {
            if character == "\\" {
                if let next = characters.next() {
                    current.append(next)
                    escaped = true
                } else {
                    current.append(character)
                }
            } else if character == ":" {
                if fields.count == 4 { break }
                fields.append(Field(text: current, isWildcard: current == "*" && !escaped))
                current = ""
                escaped = false
            } else {
                current.append(character)
            }
        }
        guard fields.count == 4 else { return nil }
        return Entry(host: fields[0], port: fields[1], database: fields[2], user: fields[3], password: current)
    }

    static func password(in entries: [Entry], host: String, port: Int, database: String, user: String) -> String? {
        let portText = String(port)
        for entry in entries where entry.host.matches(host) && entry.port.matches(portText)
            && entry.database.matches(database) && entry.user.matches(user) {
            return entry.password
        }
        return nil
    }
}

// MARK: - Errors

/// A PostgreSQL source failed: what happened and what to do, never with the password in it.
public struct PostgresSourceError: Error, Sendable, Hashable, CustomStringConvertible, LocalizedError {
    public enum Kind: String, Sendable, Hashable {
        case invalidLocation
        case unreachable
        case authenticationFailed
        case databaseMissing
        case permissionDenied
        case tls
        case queryFailed
        case connectionLost
    }

    public var kind: Kind
    /// One sentence naming the server, user and database or table concerned.
    public var message: String
    /// What to do about it.
    public var hint: String?
    /// PostgreSQL's SQLSTATE when the server reported the error.
    public var sqlState: String?

    public init(_ kind: Kind, _ message: String, hint: String? = nil, sqlState: String? = nil) {
        self.kind = kind
        self.message = message
        self.hint = hint
        self.sqlState = sqlState
    }

    public var description: String {
        guard let hint, !hint.isEmpty else { return message }
        return message + "\n" + hint
    }

    public var errorDescription: String? { description }
}
