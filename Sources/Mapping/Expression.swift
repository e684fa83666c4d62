import CRMExport
import GongCRM

/// Where a value comes from, then what is done to it: `StageName | trim | map(stages)`.
public struct Expression: Sendable, Equatable {
    public var source: ValueSource
    public var transforms: [Transform]

    public init(source: ValueSource, transforms: [Transform] = []) {
        self.source = source
        self.transforms = transforms
    }

    public static func column(_ name: String, _ transforms: [Transform] = []) -> Expression {
        Expression(source: .column(name), transforms: transforms)
    }

    /// Source columns the expression reads.
    public var columns: [String] {
        switch source {
        case .column(let name): [name]
        case .template(let parts): parts.compactMap { if case .column(let name) = $0 { name } else { nil } }
        case .coalesce(let names), .hash(let names): names
        case .constant, .now: []
        }
    }
}

public enum ValueSource: Sendable, Equatable {
    case column(String)
    /// Text with `{Column}` placeholders: `{FirstName} {LastName}`, `https://crm.example/a/{Id}`.
    case template([TemplatePart])
    /// A fixed value, written `=OPEN`.
    case constant(String)
    /// The time of the run, written `@now`; Gong asks for it as modifiedDate when the CRM has none.
    case now
    /// The first of the columns that is not empty: `coalesce(ActualCloseDate, EstimatedCloseDate)`.
    case coalesce([String])
    /// A stable id made from the columns' values, for records without one: `hash(Email, Name)`
    /// gives `h` and 16 hex digits, the same on every run (empty when every column is).
    case hash([String])
}

public enum TemplatePart: Sendable, Equatable {
    case literal(String)
    case column(String)
}

/// One step of a transform pipeline.
public enum Transform: Sendable, Equatable {
    case trim
    case upper
    case lower
    /// `Title Case`.
    case title
    /// Use this when the value is empty.
    case defaultValue(String)
    /// Split on a separator; with an index keep that part (0-based, negative from the end), else a list.
    case split(separator: String, index: Int?)
    /// Replace the value through a named value map; `otherwise` says what unmapped values become.
    case map(name: String, otherwise: Unmapped)
    /// Parse as a date-only value; nil format = detect.
    case date(format: String?)
    /// Parse as a date and time, shift naive times by the mapping's time zone; nil format = detect.
    case datetime(format: String?)
    /// Seconds (or milliseconds) since 1970 to a datetime.
    case epoch(milliseconds: Bool)
    case number(NumberParser.DecimalMark)
    case boolean
    /// The objectId of the record of `entity` whose `field` equals the value (case-insensitive).
    case lookup(entity: EntityType, field: String)
    /// The domain of a URL or email address (`https://www.acme.com/x` → `acme.com`).
    case domain
    case replace(String, with: String)
    case prefix(String)
    case suffix(String)
    /// Lower case, non-alphanumerics to `-`: `Closed Won` → `closed-won`; a valid objectId.
    case slug
    /// Repairs damaged text: UTF-8 read as Windows-1252 (`CafÃ©` → `Café`), zero-width
    /// characters, no-break spaces; then trims.
    case clean

    public enum Unmapped: Sendable, Equatable {
        /// Report the value as an error (the default).
        case error
        case keep
        case empty
        case value(String)
    }
}
