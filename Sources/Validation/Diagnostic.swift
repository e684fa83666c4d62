import GongCRM

/// One finding: what rule, where (file, data row, physical line, source column), which Gong
/// field and value, and what to do.
public struct Diagnostic: Sendable, Hashable, Codable {
    public var severity: Severity
    public var rule: Rule
    public var entity: EntityType?
    /// The Gong field concerned (`accountId`, a custom field's uniqueName).
    public var field: String?
    public var file: String
    /// 1-based data row (header excluded); 0 for a problem with the whole file.
    public var row: Int
    /// 1-based physical line in the file where the row starts; 0 when not known.
    public var line: Int
    /// The source column(s) the value came from.
    public var column: String?
    public var value: String?
    public var objectId: String?
    public var message: String

    public init(_ severity: Severity, _ rule: Rule, entity: EntityType? = nil, field: String? = nil, file: String, row: Int = 0, line: Int = 0,
                column: String? = nil, value: String? = nil, objectId: String? = nil, message: String) {
        self.severity = severity
        self.rule = rule
        self.entity = entity
        self.field = field
        self.file = file
        self.row = row
        self.line = line
        self.column = column
        self.value = value
        self.objectId = objectId
        self.message = message
    }

    /// The group a summary counts it in: rule, severity, entity and field.
    public var groupKey: String { DiagnosticSummary.Group.key(rule, severity, entity, field) }

    /// `Contact.csv:14 (row 12) CONTACT.emailAddress [Email] error invalid-email: …`
    public var oneLine: String {
        var place = file
        if line > 0 { place += ":\(line)" }
        if row > 0 { place += " (row \(row))" }
        var target = ""
        if let entity { target = " " + entity.rawValue + (field.map { ".\($0)" } ?? "") }
        let source = column.map { " [\($0)]" } ?? ""
        return "\(place)\(target)\(source) \(severity.rawValue) \(rule.rawValue): \(message)"
    }
}
