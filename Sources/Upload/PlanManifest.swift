import GongCRM

/// `manifest.json` of a plan folder: the files an upload sends, in the order it sends them.
///
/// Upload owns turning validated records into Gong's files (this planning part), and later the
/// journal and the upload engine.
public struct PlanManifest: Codable, Sendable, Equatable {
    public struct File: Codable, Sendable, Equatable {
        public enum Kind: String, Codable, Sendable { case schema, entities, history }
        /// Relative to the plan folder.
        public var path: String
        public var kind: Kind
        public var objectType: EntityType
        /// History layer (1 = oldest version of each record); nil for other files.
        public var layer: Int?
        /// Records (lines) of an entities/history file; fields of a schema file.
        public var records: Int
        public var bytes: Int
        public var sha256: String
    }

    public struct EntityCounts: Codable, Sendable, Equatable {
        public var read: Int
        public var valid: Int
        public var leftOut: Int
        public var historyVersions: Int
    }

    public var format = 1
    public var createdAt: String
    public var export: String
    public var mapping: String
    public var maxFileBytes: Int
    public var files: [File]
    public var entities: [String: EntityCounts]
    public var errors: Int
    public var warnings: Int
}
