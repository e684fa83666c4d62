/// The JSON value form of a Gong field: what a record line must carry for it.
public enum FieldKind: Sendable, Hashable {
    case string
    /// ISO-8601 datetime with seconds, no fractional part, `Z` or `±hh:mm`.
    case datetime
    /// `YYYY-MM-DD`.
    case date
    case boolean
    /// A JSON number (decimal allowed).
    case number
    /// A JSON integer.
    case integer
    case stringArray
    case email
    /// An absolute http(s) URL.
    case url
    case phone
    /// One of a fixed set of strings (e.g. deal `status`).
    case enumeration([String])
    /// The objectId of a record of another type.
    case reference(EntityType)
    /// A custom PICKLIST; its allowed values come from the schema field.
    case picklist([String])
    /// A custom PERCENT: a number within 0...100.
    case percent

    /// How a user reads the kind in a table or an error message.
    public var label: String {
        switch self {
        case .string: "text"
        case .datetime: "datetime"
        case .date: "date"
        case .boolean: "boolean"
        case .number: "number"
        case .integer: "integer"
        case .stringArray: "list of text"
        case .email: "email"
        case .url: "URL"
        case .phone: "phone"
        case .enumeration(let values): "one of " + values.joined(separator: "/")
        case .reference(let type): "\(type.rawValue) objectId"
        case .picklist: "picklist value"
        case .percent: "percent 0-100"
        }
    }
}
