import CRMExport
import Foundation
import GongCRM

/// A proposed mapping with the confidence and reason of each choice.
public struct Suggestion: Sendable {
    public struct FileChoice: Sendable {
        public var file: String
        public var entity: EntityType?
        public var isHistory: Bool
        public var confidence: Double
        public var reason: String
    }

    public struct FieldChoice: Sendable {
        public var entity: EntityType
        public var file: String
        public var field: String
        public var expression: String
        public var confidence: Double
        public var reason: String
        public var isCustom: Bool
    }

    public var mapping: Mapping
    public var files: [FileChoice]
    public var fields: [FieldChoice]
    /// Things the user should look at: ambiguous dates, users without emails, unmapped values.
    public var notes: [String]
}

/// `0.95 synonym: …` as written in comments and tables.
func describe(_ confidence: Double, _ reason: String) -> String {
    String(format: "%.2f %@", confidence, reason)
}
