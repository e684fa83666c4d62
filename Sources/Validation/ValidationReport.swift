import GongCRM

/// What a validation pass found: counts per entity, diagnostics by rule, relationships, files.
public struct ValidationReport: Sendable {
    public struct EntityTally: Sendable, Hashable {
        /// Rows read (and distinct values, for derived entities).
        public var read = 0
        /// Records that pass every error-level rule: what an upload sends.
        public var valid = 0
        /// Records left out because of errors.
        public var invalid = 0
        /// Valid records with at least one warning.
        public var withWarnings = 0
        /// Past versions sent before the current state.
        public var historyVersions = 0
        /// Files (layers) the history versions need.
        public var historyLayers = 0

        public init(read: Int = 0, valid: Int = 0, invalid: Int = 0, withWarnings: Int = 0, historyVersions: Int = 0, historyLayers: Int = 0) {
            self.read = read
            self.valid = valid
            self.invalid = invalid
            self.withWarnings = withWarnings
            self.historyVersions = historyVersions
            self.historyLayers = historyLayers
        }
    }

    /// A reference field and how its values resolve.
    public struct RelationshipTally: Sendable, Hashable, Identifiable {
        public var entity: EntityType
        public var field: String
        public var target: EntityType
        /// Values that name a record in the upload.
        public var linked = 0
        /// Values that name no record, or one left out for its errors.
        public var missing = 0
        /// Records without a value.
        public var empty = 0
        public var id: String { "\(entity.rawValue).\(field)" }
    }

    public struct FileTally: Sendable, Hashable {
        public var name: String
        /// What the mapping does with it: `ACCOUNT`, `DEAL history`, `distinct → STAGE`, `unassigned`, `not in mapping`.
        public var role: String
        public var rows = 0
    }

    public var entities: [EntityType: EntityTally] = [:]
    public var summary = DiagnosticSummary()
    public var relationships: [RelationshipTally] = []
    public var files: [FileTally] = []

    public init() {}

    public var errors: Int { summary.errors }
    public var warnings: Int { summary.warnings }

    public func tally(_ entity: EntityType) -> EntityTally { entities[entity] ?? EntityTally() }

    /// Links that name a record the upload does not have, as the relationships table counts them.
    public var orphanCount: Int { relationships.reduce(0) { $0 + $1.missing } }

    /// The diagnostic of one orphan link: a missing reference, or a lookup of a relationship
    /// field that found no record or several. One per link counted in `orphanCount`.
    public func isOrphan(_ diagnostic: Diagnostic) -> Bool {
        guard [.missingReference, .lookupNotFound, .lookupAmbiguous].contains(diagnostic.rule) else { return false }
        return relationships.contains { $0.entity == diagnostic.entity && $0.field == diagnostic.field }
    }
}

/// A mapping that cannot be applied to an export at all (exit code 2).
public struct PipelineError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// Progress of a pass, reported every few thousand rows.
public struct PipelineProgress: Sendable {
    public var entity: EntityType
    public var file: String
    public var rows: Int
    public var totalRows: Int
}

/// Where a record came from: the file and 1-based data row (for derived and deleted records, a
/// description and 0).
public struct RecordOrigin: Sendable, Hashable {
    public var file: String
    public var row: Int
    public init(file: String, row: Int) {
        self.file = file
        self.row = row
    }
}

/// Where valid records go: the plan writer, the upload engine, a preview.
public protocol RecordSink: AnyObject {
    /// A record of the current state; called in upload order (entity by entity).
    func accept(_ record: GongRecord, origin: RecordOrigin) throws
    /// True when the sink writes LDJSON: records of the current state then come as their lines,
    /// encoded on the cores that prepared them, through `accept(encoded:type:objectId:origin:)`.
    var takesEncodedRecords: Bool { get }
    /// A record of the current state as its LDJSON line (ending in LF), valid during the call.
    func accept(encoded line: UnsafeBufferPointer<UInt8>, type: EntityType, objectId: UnsafeBufferPointer<UInt8>?, origin: RecordOrigin) throws
    /// A past version; layer 1 holds the oldest version of each record. Called after the
    /// entity's current records, layer by layer.
    func acceptHistory(_ record: GongRecord, layer: Int, origin: RecordOrigin) throws
}

extension RecordSink {
    public var takesEncodedRecords: Bool { false }
    public func accept(encoded line: UnsafeBufferPointer<UInt8>, type: EntityType, objectId: UnsafeBufferPointer<UInt8>?, origin: RecordOrigin) throws {}
}
