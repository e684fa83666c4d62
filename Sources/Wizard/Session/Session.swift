import CRMExport
import Foundation
import GongCRM
import Mapping
import Validation

/// What the wizard works on: the export with its profiles, the mapping being edited, the mapping
/// as last saved, and the latest validation.
public struct Session: Sendable {
    public var exportPaths: [String]
    public var export: Export
    /// Profiles of the files that could be read, in the export's order.
    public var profiles: [FileProfile]
    /// Files that could not be read, with why.
    public var unreadable: [(file: String, problem: String)]
    public var mapping: Mapping
    /// Where the mapping is saved; nil until the first save of a new mapping.
    public var mappingPath: String?
    /// The mapping as it is on disk (nil for a new one): what Save compares with.
    public var saved: Mapping?
    /// Confidence and reasons of the suggestions, per file and per field.
    public var suggestion: Suggestion?
    public var validation: ValidationState = .notRun
    /// How many records' payloads the edits change against the saved mapping (computed in the
    /// background when Save is shown).
    public var payloads: PayloadComparison?
    /// Gong's custom fields, once read (Custom fields, g).
    public var remoteSchema: RemoteSchema?
    /// The full profile while it is read in the background; nil when every profile was complete
    /// from the start.
    public var profiling: ProfilingState?

    public var isDirty: Bool { saved != mapping }

    public func profile(of file: String) -> FileProfile? { profiles.first { $0.file.name == file } }

    /// The sources (file → entity) of the mapping that read `file`.
    public func sources(reading file: String) -> [Int] {
        mapping.sources.indices.filter { mapping.sources[$0].input.files.contains(file) }
    }

    public func fileChoice(_ file: String) -> Suggestion.FileChoice? { suggestion?.files.first { $0.file == file } }

    public func fieldChoice(entity: EntityType, file: String, field: String) -> Suggestion.FieldChoice? {
        suggestion?.fields.first { $0.entity == entity && $0.file == file && $0.field == field }
    }
}

/// Validation of the whole export runs in the background; the screens show where it is.
public enum ValidationState: Sendable {
    case notRun
    case running(PipelineProgress?)
    case done(ValidationReport, [Diagnostic], mapping: Mapping, graph: RelationshipGraph)
    case failed(String)

    public var report: ValidationReport? {
        if case .done(let report, _, _, _) = self { return report }
        return nil
    }

    public var isRunOrRunning: Bool {
        if case .notRun = self { return false }
        return true
    }

    public var diagnostics: [Diagnostic] {
        if case .done(_, let diagnostics, _, _) = self { return diagnostics }
        return []
    }

    public var graph: RelationshipGraph? {
        if case .done(_, _, _, let graph) = self { return graph }
        return nil
    }
}

/// Gong's custom fields per entity as it lists them, and the ones gongmap registered there (from
/// the mapping's journal): only those would be removed or retyped by an upload.
public struct RemoteSchema: Sendable, Equatable {
    public var fields: [EntityType: [GongAPI.SchemaField]]
    public var managed: [EntityType: [String: String]]

    public init(fields: [EntityType: [GongAPI.SchemaField]] = [:], managed: [EntityType: [String: String]] = [:]) {
        self.fields = fields
        self.managed = managed
    }
}
