import GongCRM
import Mapping

/// The record-level rules of gong-crm-api.md §5 (rules 11–17, 19, 23–24, 26, 28, 30):
/// presence, formats and identity of one record, without looking at other records.
struct RecordChecker {
    let mapping: Mapping
    /// Per entity (by upload order): standard field name → position in the catalog.
    private let standardIndex: [[String: Int]]
    /// Per entity: custom field name → its value kind.
    private let customKinds: [[String: FieldKind]]

    init(mapping: Mapping) {
        self.mapping = mapping
        standardIndex = EntityType.uploadOrder.map { entity in
            Dictionary(uniqueKeysWithValues: EntityCatalog.fields(of: entity).enumerated().map { ($1.name, $0) })
        }
        customKinds = EntityType.uploadOrder.map { entity in
            Dictionary((mapping.customFields[entity] ?? []).map { ($0.uniqueName, $0.kind) }, uniquingKeysWith: { first, _ in first })
        }
    }

    /// Appends the record's problems to `found`, as (severity, rule, field, value, message).
    func check(_ record: GongRecord, into found: inout [Finding]) {
        let entity = record.type
        let catalog = EntityCatalog.fields(of: entity)
        let indexes = standardIndex[entity.orderIndex]
        let custom = customKinds[entity.orderIndex]
        var present: UInt64 = 0
        var sortOrder: String?
        for field in record.fields {
            if let index = indexes[field.name] {
                present |= 1 << UInt64(index)
                checkFormat(field.value, kind: catalog[index].kind, field: field.name, entity: entity, into: &found)
                if entity == .stage && field.name == "sortOrder", case .number(let order) = field.value { sortOrder = order }
            } else if let kind = custom[field.name], field.value != .null {
                checkFormat(field.value, kind: kind, field: field.name, entity: entity, into: &found)
            }
        }
        let deletion = record.isDeletion
        for (index, standard) in catalog.enumerated() where present & (1 << UInt64(index)) == 0 {
            switch standard.requirement {
            case .mandatory:
                found.append(Finding(.error, .missingRequired, standard.name, nil, "\(entity.rawValue) needs \(standard.name) (\(standard.summary)); map a column to it or give a default"))
            case .mandatoryUnlessDeleted where !deletion:
                found.append(Finding(.error, .missingRequired, standard.name, nil, "\(entity.rawValue) needs \(standard.name) unless the record is deleted (\(standard.summary))"))
            case .recommended(let consequence) where !deletion:
                found.append(Finding(.warning, .missingRecommended, standard.name, nil, "\(standard.name) is empty: \(consequence)"))
            default: break
            }
        }
        if let id = record.objectId, let problem = ObjectIdRule.problem(with: id) {
            if problem == .punctuation {
                let severity: Severity = mapping.options.objectIdPunctuation == .error ? .error : .warning
                found.append(Finding(severity, .objectIdPunctuation, "objectId", id, problem.message + "; set options.objectIdPunctuation to decide, or map the id through slug"))
            } else {
                found.append(Finding(.error, .objectIdFormat, "objectId", id, problem.message))
            }
        }
        if let sortOrder, (Int(sortOrder) ?? 0) < 1 {
            found.append(Finding(.error, .invalidValue, "sortOrder", sortOrder, "sortOrder starts at 1; \(sortOrder) is not allowed"))
        }
    }

    private func checkFormat(_ value: FieldValue, kind: FieldKind, field: String, entity: EntityType, into found: inout [Finding]) {
        guard case .string(let text) = value else { return }
        switch kind {
        case .email where !GongFormat.isEmail(text):
            // Gong matches users by email: a bad one makes the user useless. Elsewhere it only fails to match.
            let severity: Severity = entity == .businessUser ? .error : .warning
            found.append(Finding(severity, .invalidEmail, field, text, "'\(text)' is not a valid email address" + (severity == .error ? "; Gong matches business users by email" : "; Gong will not match activity to it")))
        case .url where !GongFormat.isURL(text):
            found.append(Finding(.error, .invalidURL, field, text, "'\(text)' is not an absolute http(s) URL; build it with a template such as https://crm.example.com/r/{Id}"))
        case .datetime where !GongFormat.isDatetime(text):
            found.append(Finding(.error, .invalidDate, field, text, "'\(text)' is not an ISO-8601 datetime with seconds and a zone (2024-03-01T09:00:00Z)"))
        case .date where !GongFormat.isDate(text):
            found.append(Finding(.error, .invalidDate, field, text, "'\(text)' is not a date in the form YYYY-MM-DD"))
        default: break
        }
    }
}

/// A rule broken by a record, before it gets its place (file, row, column).
struct Finding {
    var severity: Severity
    var rule: Rule
    var field: String?
    var value: String?
    var message: String

    init(_ severity: Severity, _ rule: Rule, _ field: String?, _ value: String?, _ message: String) {
        self.severity = severity
        self.rule = rule
        self.field = field
        self.value = value
        self.message = message
    }
}
