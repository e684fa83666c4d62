/// A value ready to be written into a record line.
public enum FieldValue: Sendable, Hashable {
    case string(String)
    /// A number already in canonical JSON form (`48250.5`, `-3`), kept as text so no decimal is
    /// rounded through `Double`.
    case number(String)
    case boolean(Bool)
    case strings([String])
    /// Written as JSON `null`; used for custom fields only, to clear a value (gong-crm-api.md §6 #24).
    case null

    /// The value as one line of text, for previews and diagnostics.
    public var displayText: String {
        switch self {
        case .string(let text), .number(let text): text
        case .boolean(let flag): flag ? "true" : "false"
        case .strings(let items): items.joined(separator: ";")
        case .null: ""
        }
    }
}

/// One line of an upload file: the objectId first, then fields in catalog order, then custom fields.
public struct GongRecord: Sendable, Hashable {
    public var type: EntityType
    public var fields: [(name: String, value: FieldValue)] {
        didSet { standardFieldMask = nil }
    }
    /// Bit i set when the i-th standard field of the catalog is present; filled in by whoever
    /// builds the record and knows it cheaply (a compiled mapping), and cleared by any change.
    public var standardFieldMask: UInt64?

    public init(type: EntityType, fields: [(name: String, value: FieldValue)] = []) {
        self.type = type
        self.fields = fields
    }

    public subscript(name: String) -> FieldValue? {
        get { fields.first { $0.name == name }?.value }
        set {
            if let index = fields.firstIndex(where: { $0.name == name }) {
                if let newValue { fields[index].value = newValue } else { fields.remove(at: index) }
            } else if let newValue {
                fields.append((name, newValue))
            }
        }
    }

    /// The objectId; mappings put it first, so this rarely searches.
    public var objectId: String? {
        if let first = fields.first, first.name == "objectId", case .string(let id) = first.value { return id }
        if case .string(let id)? = self["objectId"] { return id }
        return nil
    }

    public var isDeletion: Bool {
        for field in fields where field.value == .boolean(true) && field.name == "isDeleted" { return true }
        return false
    }

    public static func == (lhs: GongRecord, rhs: GongRecord) -> Bool {
        lhs.type == rhs.type && lhs.fields.elementsEqual(rhs.fields) { $0.name == $1.name && $0.value == $1.value }
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(type)
        for field in fields {
            hasher.combine(field.name)
            hasher.combine(field.value)
        }
    }
}
