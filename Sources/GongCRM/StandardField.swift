/// How strongly Gong needs a field (gong-crm-api.md §3 and §5).
public enum Requirement: Sendable, Hashable {
    /// Gong rejects the line without it.
    case mandatory
    /// Mandatory unless the record is a deletion (`isDeleted: true`).
    case mandatoryUnlessDeleted
    /// Accepted without it, but Gong shows the record poorly; the text says what is lost.
    case recommended(String)
    case optional
}

/// A standard field of an entity type as documented by Gong.
public struct StandardField: Sendable, Hashable {
    public let name: String
    public let kind: FieldKind
    public let requirement: Requirement
    public let summary: String

    public init(_ name: String, _ kind: FieldKind, _ requirement: Requirement = .optional, _ summary: String) {
        self.name = name
        self.kind = kind
        self.requirement = requirement
        self.summary = summary
    }
}
