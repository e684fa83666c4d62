import Foundation
import CRMExport
import GongCRM

/// A mapping from a CRM export to Gong's entities: which file feeds which entity, how each Gong
/// field is computed from source columns, the custom schema fields, value maps and options.
///
/// Mapping owns the mapping file (YAML, versioned, human-editable), transforms, applying a
/// mapping to rows, and suggesting a mapping from an export. It must not import terminal or
/// network code.
public struct Mapping: Sendable, Equatable {
    public static let currentVersion = 1

    public var version = Mapping.currentVersion
    /// The export this mapping was made for, relative to the mapping file; used when no export is given.
    public var export: String?
    public var options = MappingOptions()
    public var sources: [SourceMapping] = []
    public var customFields: [EntityType: [CustomField]] = [:]
    public var valueMaps: [String: ValueMap] = [:]
    /// Files of the export deliberately fed to no entity (campaigns, cases, tasks, custom objects).
    public var unassigned: [String] = []

    public init() {}

    public func customField(_ name: String, of entity: EntityType) -> CustomField? {
        customFields[entity]?.first { $0.uniqueName == name }
    }

    /// Every file the mapping reads, in source order, each once.
    public var referencedFiles: [String] {
        var seen: [String] = []
        for source in sources {
            for file in source.input.files where !seen.contains(file) { seen.append(file) }
        }
        return seen
    }
}

public struct MappingOptions: Sendable, Equatable {
    /// IANA time zone of timestamps written without an offset (`2024-03-01 09:00`).
    public var timeZone = "UTC"
    /// Order of numeric dates such as `01/02/2024`; `auto` reports values that read both ways.
    public var dateOrder: DateOrder = .auto
    public var decimalMark: NumberParser.DecimalMark = .auto
    /// Whether records missing from the export are sent as deletions on upload.
    public var deletions: DeletionMode = .none
    /// How objectIds with `_` or `.` are treated (outside Gong's documented rule, common in CRMs).
    public var objectIdPunctuation: Strictness = .error

    public init() {}

    public enum DeletionMode: String, Sendable, Equatable, CaseIterable { case none, missing }
    public enum Strictness: String, Sendable, Equatable, CaseIterable { case error, warning }
}

/// One entity fed by one input: a file, the distinct values of columns, or a history file.
public struct SourceMapping: Sendable, Equatable {
    public var entity: EntityType
    public var input: SourceInput
    /// The rows are past versions of records of `entity` (e.g. Salesforce OpportunityHistory).
    public var isHistory = false
    /// Uploads read only the rows whose cursor column changed since the last upload (a database table or query).
    public var incremental: IncrementalRead?
    public var fields: [FieldMapping] = []
    /// Why this assignment was suggested; written as a comment.
    public var note: String?
    /// Where the mapping file names its input (not part of equality).
    public var place: MappingPlace?

    public init(entity: EntityType, input: SourceInput, isHistory: Bool = false, fields: [FieldMapping] = [], note: String? = nil) {
        self.entity = entity
        self.input = input
        self.isHistory = isHistory
        self.fields = fields
        self.note = note
    }

    public func field(_ target: String) -> FieldMapping? { fields.first { $0.target == target } }

    /// A readable name of the input: `Account.csv`, `distinct StageName of Opportunity.csv`.
    public var inputLabel: String {
        switch input {
        case .file(let name): name
        case .distinct(let parts): "distinct " + parts.map { "\($0.columns.joined(separator: "+")) of \($0.file)" }.joined(separator: ", ")
        }
    }
}

/// `incremental: {cursor: COLUMN, fullEvery: N}`: an upload reads the rows whose `column` (a
/// modification time, or any value that only grows) is at least the highest value the last
/// upload read; every `fullEvery`th upload reads the whole table, to find deleted rows and rows
/// changed without moving the cursor.
public struct IncrementalRead: Sendable, Equatable {
    public static let defaultFullEvery = 12

    public var column: String
    public var fullEvery: Int

    public init(column: String, fullEvery: Int = IncrementalRead.defaultFullEvery) {
        self.column = column
        self.fullEvery = fullEvery
    }
}

public enum SourceInput: Sendable, Equatable {
    case file(String)
    /// One row per distinct combination of the columns' values, across the listed files; the rows'
    /// columns are named after the first part's columns.
    case distinct([DistinctColumns])

    public var files: [String] {
        switch self {
        case .file(let name): [name]
        case .distinct(let parts): parts.map(\.file)
        }
    }
}

public struct DistinctColumns: Sendable, Equatable {
    public var file: String
    public var columns: [String]

    public init(file: String, columns: [String]) {
        self.file = file
        self.columns = columns
    }
}

/// A Gong field (standard or custom) and how to compute it.
public struct FieldMapping: Sendable, Equatable {
    public var target: String
    public var expression: Expression
    /// Confidence and reason of a suggestion; written as a comment.
    public var note: String?
    /// Where the mapping file has it (not part of equality: the same field, wherever written).
    public var place: MappingPlace?

    public init(target: String, expression: Expression, note: String? = nil, place: MappingPlace? = nil) {
        self.target = target
        self.expression = expression
        self.note = note
        self.place = place
    }

    public static func == (a: FieldMapping, b: FieldMapping) -> Bool {
        a.target == b.target && a.expression == b.expression && a.note == b.note
    }
}

/// Source values to Gong values, e.g. CRM stage names to STAGE objectIds.
public struct ValueMap: Sendable, Equatable {
    public var entries: [(from: String, to: String)]

    public init(_ entries: [(from: String, to: String)] = []) { self.entries = entries }

    public static func == (lhs: ValueMap, rhs: ValueMap) -> Bool {
        lhs.entries.elementsEqual(rhs.entries) { $0.from == $1.from && $0.to == $1.to }
    }

    public func lookup(_ value: String) -> String? {
        if let exact = entries.first(where: { $0.from == value }) { return exact.to }
        let folded = value.lowercased()
        return entries.first { $0.from.lowercased() == folded }?.to
    }
}

extension SourceMapping {
    public static func == (a: SourceMapping, b: SourceMapping) -> Bool {
        a.entity == b.entity && a.input == b.input && a.isHistory == b.isHistory && a.fields == b.fields && a.note == b.note
    }
}
