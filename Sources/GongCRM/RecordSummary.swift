/// What the checks after conversion need of a record, without the record: its id, which
/// standard fields it has, whether it is a deletion, and the values of a few fields (references).
public struct RecordSummary: Sendable, Hashable {
    public var type: EntityType
    public var objectId: String?
    /// Bit i set when the i-th standard field of the catalog is present.
    public var standardFieldMask: UInt64
    public var isDeletion: Bool
    /// Values of the fields asked for, in the order asked; nil where absent.
    public var picked: [String?]

    public init(type: EntityType, objectId: String?, standardFieldMask: UInt64, isDeletion: Bool, picked: [String?]) {
        self.type = type
        self.objectId = objectId
        self.standardFieldMask = standardFieldMask
        self.isDeletion = isDeletion
        self.picked = picked
    }

    /// The summary of a record, picking the string values of `fields`.
    public init(_ record: GongRecord, picking fields: [String]) {
        var mask = record.standardFieldMask ?? 0
        if record.standardFieldMask == nil {
            let names = EntityCatalog.fields(of: record.type).map(\.name)
            for field in record.fields { if let index = names.firstIndex(of: field.name) { mask |= 1 << UInt64(index) } }
        }
        self.init(type: record.type, objectId: record.objectId, standardFieldMask: mask, isDeletion: record.isDeletion,
                  picked: fields.map { name in if case .string(let value)? = record[name] { value } else { nil } })
    }
}
