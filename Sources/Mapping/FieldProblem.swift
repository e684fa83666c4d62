import GongCRM

/// A value that could not be turned into what Gong expects.
public struct FieldProblem: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        case invalidDate = "invalid-date"
        case ambiguousDate = "ambiguous-date"
        case invalidType = "invalid-type"
        case invalidValue = "invalid-value"
        case invalidEmail = "invalid-email"
        case invalidURL = "invalid-url"
        case unmappedValue = "unmapped-value"
        case lookupNotFound = "lookup-not-found"
        case lookupAmbiguous = "lookup-ambiguous"
        case mojibake = "mojibake"
        case invisibleCharacters = "invisible-characters"
    }

    public var kind: Kind
    /// The Gong field.
    public var field: String
    /// The source column(s) the value came from.
    public var column: String
    public var value: String
    public var message: String
}

/// Resolves `lookup(ENTITY.field)`: the objectId of the record whose field has a value.
public protocol LookupResolver {
    func resolve(entity: EntityType, field: String, value: String) -> LookupOutcome
}

public enum LookupOutcome: Sendable, Hashable {
    case found(String)
    case notFound
    /// Several records have that value; the number of them.
    case ambiguous(Int)
}
