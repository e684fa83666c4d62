/// Field types of `POST /v2/crm/entity-schema` (gong-crm-api.md §2.5).
/// `STRINGARRAY` is left out on purpose: Gong reserves it for its own fields.
public enum CustomFieldType: String, CaseIterable, Sendable, Codable, Hashable {
    case boolean = "BOOLEAN"
    case date = "DATE"
    case datetime = "DATETIME"
    case picklist = "PICKLIST"
    case number = "NUMBER"
    case percent = "PERCENT"
    case currency = "CURRENCY"
    case phoneNumber = "PHONENUMBER"
    case emailAddress = "EMAILADDRESS"
    case reference = "REFERENCE"
    case id = "ID"
    case string = "STRING"
    case url = "URL"
}

/// One custom field declared in the entity schema.
public struct CustomField: Sendable, Hashable, Codable {
    public var uniqueName: String
    public var label: String
    public var type: CustomFieldType
    /// Target of a REFERENCE field.
    public var referenceTo: EntityType?
    /// Allowed values of a PICKLIST field, in display order.
    public var orderedValueList: [String]?

    public init(uniqueName: String, label: String, type: CustomFieldType, referenceTo: EntityType? = nil, orderedValueList: [String]? = nil) {
        self.uniqueName = uniqueName
        self.label = label
        self.type = type
        self.referenceTo = referenceTo
        self.orderedValueList = orderedValueList
    }

    /// The JSON value form Gong expects for this field in a record.
    public var kind: FieldKind {
        switch type {
        case .boolean: .boolean
        case .date: .date
        case .datetime: .datetime
        case .picklist: .picklist(orderedValueList ?? [])
        case .number, .currency: .number
        case .percent: .percent
        case .phoneNumber: .phone
        case .emailAddress: .email
        case .reference: .reference(referenceTo ?? .account)
        case .id, .string: .string
        case .url: .url
        }
    }

    /// Problems Gong would reject the schema request for (gong-crm-api.md §5 rules 31–34).
    public var schemaProblems: [String] {
        var problems: [String] = []
        if uniqueName.isEmpty { problems.append("uniqueName is empty") }
        if label.isEmpty { problems.append("label of '\(uniqueName)' is empty") }
        if type == .reference && referenceTo == nil {
            problems.append("REFERENCE field '\(uniqueName)' needs referenceTo (ACCOUNT, CONTACT, DEAL, LEAD or USER)")
        }
        if type == .picklist && (orderedValueList ?? []).isEmpty {
            problems.append("PICKLIST field '\(uniqueName)' needs a non-empty list of values")
        }
        return problems
    }
}
