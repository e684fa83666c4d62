import GongCRM

/// The documented rules of `POST /v2/crm/entity-schema` (gong-crm-api.md §2.5): every field sent
/// before must be sent again; `isDeleted` removes a field; a new type replaces the field.
enum SchemaRules {
    struct Problem: Error { var message: String }

    static let types: Set<String> = ["BOOLEAN", "DATE", "DATETIME", "PICKLIST", "NUMBER", "PERCENT", "CURRENCY", "PHONENUMBER",
                                     "EMAILADDRESS", "REFERENCE", "ID", "STRING", "URL", "STRINGARRAY"]

    static func apply(_ fields: [GongAPI.SchemaField], to current: [GongAPI.SchemaField]) -> Result<[GongAPI.SchemaField], Problem> {
        var names: Set<String> = []
        for field in fields {
            guard !field.uniqueName.isEmpty, !field.label.isEmpty else { return .failure(Problem(message: "Every field needs uniqueName, label and type")) }
            guard names.insert(field.uniqueName).inserted else { return .failure(Problem(message: "Field \(field.uniqueName) appears twice in the request")) }
            guard types.contains(field.type) else { return .failure(Problem(message: "Field \(field.uniqueName) has an unknown type \(field.type)")) }
            if field.type == "REFERENCE" && !["ACCOUNT", "CONTACT", "DEAL", "LEAD", "USER"].contains(field.referenceTo ?? "") {
                return .failure(Problem(message: "REFERENCE field \(field.uniqueName) needs referenceTo ACCOUNT, CONTACT, DEAL, LEAD or USER"))
            }
            if field.type == "PICKLIST" && field.isDeleted != true && (field.orderedValueList ?? []).isEmpty {
                return .failure(Problem(message: "PICKLIST field \(field.uniqueName) needs orderedValueList"))
            }
        }
        let missing = current.map(\.uniqueName).filter { !names.contains($0) }
        if !missing.isEmpty {
            return .failure(Problem(message: "All previously defined fields must be included in the request; missing: \(missing.joined(separator: ", "))"))
        }
        return .success(fields.filter { $0.isDeleted != true })
    }
}
