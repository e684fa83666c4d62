/// The wizard's steps, in order; every one can be revisited.
public enum Step: Int, CaseIterable, Sendable {
    case source, entities, fields, customFields, validate, relationships, save, upload, uploads

    public var title: String {
        switch self {
        case .source: "Source"
        case .entities: "Entities"
        case .fields: "Fields"
        case .customFields: "Custom fields"
        case .validate: "Validate"
        case .relationships: "Relationships"
        case .save: "Save"
        case .upload: "Upload"
        case .uploads: "Uploads"
        }
    }

    /// The word `:` jumps with (`:fields`), plus other words that lead to it.
    public var commandWords: [String] {
        switch self {
        case .source: ["source", "files"]
        case .entities: ["entities"]
        case .fields: ["fields", "accounts", "contacts", "deals", "leads", "users", "stages"]
        case .customFields: ["custom", "schema"]
        case .validate: ["validate", "errors"]
        case .relationships: ["relationships", "orphans"]
        case .save: ["save"]
        case .upload: ["upload"]
        case .uploads: ["runs", "uploads"]
        }
    }
}
