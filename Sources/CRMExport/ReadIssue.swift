/// A problem found while reading an export file: where it is and what to do about it.
public struct ReadIssue: Sendable, Hashable, Error {
    public enum Severity: String, Sendable, Hashable, Codable { case error, warning }

    public var severity: Severity
    /// Stable identifier: `unterminated-quote`, `ragged-row`, `binary-file`, …
    public var code: String
    public var file: String
    /// 1-based physical line; 0 when the problem concerns the whole file.
    public var line: Int
    /// 1-based byte column within the line, when known.
    public var column: Int?
    public var message: String

    public init(_ severity: Severity, _ code: String, file: String, line: Int, column: Int? = nil, _ message: String) {
        self.severity = severity
        self.code = code
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    /// `Account.csv:12:7: error: …` — the form editors and terminals link to.
    public var description: String {
        var place = file
        if line > 0 { place += ":\(line)" }
        if let column { place += ":\(column)" }
        return "\(place): \(severity.rawValue): \(message)"
    }
}
