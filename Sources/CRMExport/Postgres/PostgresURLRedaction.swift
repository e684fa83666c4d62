import Foundation

extension PostgresLocation {
    /// The URL as given, without a password (in `user:password@` or `password=`): what a mapping
    /// file may keep as its `export:`. The password comes from PGPASSWORD or ~/.pgpass instead.
    public static func redacted(_ url: String) -> String {
        guard let scheme = url.range(of: "://") else { return url }
        var rest = String(url[scheme.upperBound...])
        let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" } ?? rest.endIndex
        let authority = rest[..<authorityEnd]
        if let at = authority.lastIndex(of: "@"), let colon = authority[..<at].firstIndex(of: ":") {
            rest.removeSubrange(colon..<at)
        }
        if let query = rest.firstIndex(of: "?") {
            let parameters = rest[rest.index(after: query)...].split(separator: "&").filter { !$0.lowercased().hasPrefix("password=") }
            rest = String(rest[..<query]) + (parameters.isEmpty ? "" : "?" + parameters.joined(separator: "&"))
        }
        return String(url[..<scheme.upperBound]) + rest
    }

    /// `text` with every PostgreSQL URL in it (words between spaces) without its password: for
    /// labels of exports that are kept or shown.
    public static func redactingURLs(in text: String) -> String {
        text.split(separator: " ", omittingEmptySubsequences: false)
            .map { isPostgresURL(String($0)) ? redacted(String($0)) : String($0) }.joined(separator: " ")
    }
}

extension Export {
    /// The paths an export was given as, for messages, files and the journal: a database URL
    /// without its password.
    public static func label(of paths: [String]) -> String {
        PostgresLocation.redactingURLs(in: paths.joined(separator: " "))
    }
}
