import CRMExport
import GongCRM

/// Refinements of matched fields that real exports need: a fallback column where the main one
/// is empty, ids as their CRM writes them, names split, statuses from stage names.
extension Suggester.State {
    /// Columns a field falls back to when its main column is empty: the estimated close date of a
    /// deal not closed yet, a mobile phone where the office phone is blank. Keys are normalised headers.
    static let fallbacks: [String: (primary: [String], fallback: [String])] = [
        "closeDate": (["actualclosedate", "dealclosedon", "closedon", "closeddate"], ["estclosedate", "estimatedclosedate", "expectedclosedate", "closedate", "closingdate"]),
        "amount": (["actualrevenue", "actualvalue"], ["estrevenue", "estimatedvalue", "estimatedrevenue"]),
        "phoneNumber": (["phone", "businessphone", "phonenumber", "phonework", "telephone1", "workphone", "officephone", "directphone"],
                        ["mobilephone", "mobile", "mobilephonenumber", "phonemobile", "cell", "cellphone", "phonehome", "homephone", "phoneother"]),
        "emailAddress": (["emailwork", "email", "workemail", "businessemail", "emailaddress", "primaryemail"], ["emailother", "emailhome", "secondaryemail", "otheremail"]),
        "accountId": (["associatedcompanyidsprimary"], ["associatedcompanyids"]),
        "domains": (["companydomainname", "domain", "emaildomain"], ["websiteurl", "website", "web"]),
    ]

    mutating func refineFields(_ source: inout SourceMapping, profile: FileProfile) {
        addFallbacks(&source, profile: profile)
        splitFullName(&source, profile: profile)
        preferIdColumns(&source, profile: profile)
        for index in source.fields.indices { adaptIds(&source.fields[index], entity: source.entity, profile: profile) }
    }

    /// `coalesce(Actual Close Date, Est. Close Date)`: the field takes the first of them that has a value.
    func addFallbacks(_ source: inout SourceMapping, profile: FileProfile) {
        for (field, names) in Self.fallbacks {
            guard let index = source.fields.firstIndex(where: { $0.target == field }), case .column(let matched) = source.fields[index].expression.source else { continue }
            let key = Synonyms.key(matched)
            guard names.primary.contains(key) || names.fallback.contains(key) else { continue }
            func present(_ keys: [String]) -> [String] {
                keys.flatMap { key in profile.columns.filter { Synonyms.key($0.name) == key }.map(\.name) }
            }
            var columns = present(names.primary) + present(names.fallback)
            if !columns.contains(matched) { columns.insert(matched, at: 0) }
            guard columns.count > 1 else { continue }
            source.fields[index].expression.source = .coalesce(columns)
            source.fields[index].note = (source.fields[index].note ?? "") + "; else \(columns.filter { $0 != columns[0] }.joined(separator: ", ")) where \(columns[0]) is empty"
        }
    }

    /// People exported with only a full name (Dynamics 365's "Full Name") get first and last names from it.
    func splitFullName(_ source: inout SourceMapping, profile: FileProfile) {
        guard source.entity == .contact || source.entity == .lead, source.field("firstName") == nil, source.field("lastName") == nil,
              let full = profile.columns.first(where: { ["fullname", "name", "contactname", "personname", "leadname"].contains(Synonyms.key($0.name)) && $0.kind == .text }) else { return }
        let used = Set(source.fields.flatMap(\.expression.columns))
        guard !used.contains(full.name) || source.field("objectId")?.expression.columns == [full.name] else { return }
        source.fields.append(FieldMapping(target: "firstName", expression: .column(full.name, [.trim, .split(separator: " ", index: 0)]), note: "0.70 the first word of \(full.name)"))
        source.fields.append(FieldMapping(target: "lastName", expression: .column(full.name, [.trim, .split(separator: " ", index: -1)]), note: "0.70 the last word of \(full.name)"))
    }

    /// Zoho writes a lookup as the name ("Account Name") and, beside it, the id ("Account Name.id"): link by the id.
    func preferIdColumns(_ source: inout SourceMapping, profile: FileProfile) {
        for index in source.fields.indices {
            guard case .reference? = EntityCatalog.field(source.fields[index].target, of: source.entity)?.kind,
                  case .column(let name) = source.fields[index].expression.source,
                  let ids = profile.columns.first(where: { [".id", " id", "id"].map { name.lowercased() + $0 }.contains($0.name.lowercased()) && $0.nonEmpty > 0 })
            else { continue }
            source.fields[index].expression = .column(ids.name)
            source.fields[index].note = "0.90 \(ids.name) holds the ids of the records \(name) names"
        }
    }

    /// Ids as Gong takes them: one of several ids in a cell (HubSpot's `123;456`), and a CRM prefix
    /// with '_' (Zoho's `zcrm_487…`), which Gong's objectId rule does not allow, taken off.
    func adaptIds(_ field: inout FieldMapping, entity: EntityType, profile: FileProfile, isReference: Bool = false) {
        let columns = field.expression.columns.compactMap { profile.column(named: $0) }
        guard !columns.isEmpty, columns.allSatisfy(\.frequenciesComplete) else { return }
        let values = columns.flatMap { $0.frequencies.keys }
        if field.target == "emailAddress", values.contains(where: { $0.contains(",") }) {
            field.expression.transforms.insert(.split(separator: ",", index: 0), at: 0)
            field.note = (field.note ?? "") + "; some cells hold several emails: the first is taken"
        }
        let isId = isReference || field.target == "objectId" || { if case .reference? = EntityCatalog.field(field.target, of: entity)?.kind { true } else { false } }()
        guard isId, field.expression.transforms.allSatisfy({ if case .lookup = $0 { false } else { true } }) else { return }
        if case .hash = field.expression.source { return }
        if field.target != "objectId", values.contains(where: { $0.contains(";") }) {
            field.expression.transforms.append(.split(separator: ";", index: 0))
            field.note = (field.note ?? "") + "; some cells name several records: the first is taken"
        }
        if let prefix = Self.commonPrefix(values), prefix.hasSuffix("_") {
            field.expression.transforms.append(.replace(prefix, with: ""))
            field.note = (field.note ?? "") + "; the CRM's '\(prefix)' prefix taken off (Gong's ids hold no '_')"
        }
    }

    /// A letters-and-'_' prefix that every value starts with: `zcrm_`.
    static func commonPrefix(_ values: [String]) -> String? {
        guard let first = values.first, let underscore = first.firstIndex(of: "_") else { return nil }
        let prefix = String(first[...underscore])
        guard prefix.dropLast().allSatisfy(\.isLetter), values.allSatisfy({ $0.isEmpty || $0.hasPrefix(prefix) }) else { return nil }
        return prefix
    }

    /// Without a status column, stage names such as "Closed Won" and "Closed Lost" tell WON and LOST; every other stage is OPEN.
    mutating func addDealStatusFromStage(_ source: inout SourceMapping, profile: FileProfile) {
        guard source.field("status") == nil, let stage = source.field("stage"), case .column(let column) = stage.expression.source,
              let values = profile.column(named: column)?.frequencyTable else { return }
        var entries: [(String, String)] = []
        for (value, _) in values {
            let words = Set(FileClassifier.words(of: value.lowercased()))
            if words.contains("won") || words.contains("win") { entries.append((value.trimmed, "WON")) }
            else if words.contains("lost") || words.contains("lose") { entries.append((value.trimmed, "LOST")) }
        }
        guard entries.contains(where: { $0.1 == "WON" }) || entries.contains(where: { $0.1 == "LOST" }) else { return }
        mapping.valueMaps["dealStatus"] = ValueMap(entries)
        source.fields.append(FieldMapping(target: "status", expression: .column(column, [.trim, .map(name: "dealStatus", otherwise: .value("OPEN"))]),
                                          note: "0.80 no status column: stages named won or lost (\(entries.map(\.0).joined(separator: ", "))) close the deal; other stages are OPEN"))
    }
}
