import GongCRM

/// The documented rules of `POST /v2/crm/entity-schema` (gong-crm-api.md §2.5): every live field
/// sent before must be sent again; `isDeleted` removes a field (it stays listed as deleted); a new
/// type replaces the field; `STRINGARRAY` is Gong's own type, not one for new custom fields.
enum SchemaRules {
    struct Problem: Error { var message: String }

    static let types: Set<String> = ["BOOLEAN", "DATE", "DATETIME", "PICKLIST", "NUMBER", "PERCENT", "CURRENCY", "PHONENUMBER",
                                     "EMAILADDRESS", "REFERENCE", "ID", "STRING", "URL", "STRINGARRAY"]

    /// The schema after the request: its fields, the deleted ones marked `isDeleted`, and fields
    /// deleted earlier still listed as deleted.
    static func apply(_ fields: [GongAPI.SchemaField], to current: [GongAPI.SchemaField]) -> Result<[GongAPI.SchemaField], Problem> {
        let live = current.filter { $0.isDeleted != true }
        var names: Set<String> = []
        for field in fields {
            guard !field.uniqueName.isEmpty, !field.label.isEmpty else { return .failure(Problem(message: "Every field needs uniqueName, label and type")) }
            guard names.insert(field.uniqueName).inserted else { return .failure(Problem(message: "Field \(field.uniqueName) appears twice in the request")) }
            guard types.contains(field.type) else { return .failure(Problem(message: "Field \(field.uniqueName) has an unknown type \(field.type)")) }
            if field.type == "STRINGARRAY" && !live.contains(where: { $0.uniqueName == field.uniqueName && $0.type == "STRINGARRAY" }) {
                return .failure(Problem(message: "Field \(field.uniqueName): STRINGARRAY is not a type for custom fields"))
            }
            if let modified = field.lastModified, !GongFormat.isDatetime(modified) {
                return .failure(Problem(message: "Field \(field.uniqueName): lastModified must be an ISO-8601 date-time with seconds, without milliseconds"))
            }
            if field.type == "REFERENCE" && !["ACCOUNT", "CONTACT", "DEAL", "LEAD", "USER"].contains(field.referenceTo ?? "") {
                return .failure(Problem(message: "REFERENCE field \(field.uniqueName) needs referenceTo ACCOUNT, CONTACT, DEAL, LEAD or USER"))
            }
            if field.type == "PICKLIST" && field.isDeleted != true && (field.orderedValueList ?? []).isEmpty {
                return .failure(Problem(message: "PICKLIST field \(field.uniqueName) needs orderedValueList"))
            }
        }
        let missing = live.map(\.uniqueName).filter { !names.contains($0) }
        if !missing.isEmpty {
            return .failure(Problem(message: "All previously defined fields must be included in the request; missing: \(missing.joined(separator: ", "))"))
        }
        let deletedBefore = current.filter { $0.isDeleted == true && !names.contains($0.uniqueName) }
        return .success(fields.map { field in
            var stored = field
            stored.isDeleted = field.isDeleted == true ? true : false
            return stored
        } + deletedBefore)
    }
}
