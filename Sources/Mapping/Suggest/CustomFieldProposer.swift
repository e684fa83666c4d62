import CRMExport
import Foundation
import GongCRM

/// Proposes a custom schema field for a column no standard field took, typed from its values.
enum CustomFieldProposer {
    struct Proposal {
        var field: CustomField
        var expression: Expression
        var reason: String
    }

    static func propose(_ column: ColumnProfile, entity: EntityType, taken: Set<String>) -> Proposal? {
        let normalized = Synonyms.key(column.name)
        guard column.nonEmpty > 0, !Synonyms.systemColumns.contains(normalized) else { return nil }
        var name = uniqueName(for: Synonyms.unwrapped(column.name))
        guard !name.isEmpty else { return nil }
        if EntityCatalog.field(name, of: entity) != nil { name = "crm" + name.prefix(1).uppercased() + name.dropFirst() }
        var candidate = name
        var suffix = 2
        while taken.contains(candidate) { candidate = name + String(suffix); suffix += 1 }
        name = candidate
        let label = humanize(Synonyms.unwrapped(column.name))
        var kind = column.kind
        let words = label.lowercased()
        // Large unique integers are ids only when the header says so; revenue and head counts are numbers.
        if kind == .identifier && column.share(.integer) >= 0.95 && !Self.namesAnId(column.name) { kind = .integer }
        // Ids of records a header names ("Account Owner.id", "Parent Account.id") are references however often they repeat.
        if Self.namesAnId(column.name), referencedEntity(column.name) != nil, column.share(.integer) < 0.95 || kind == .identifier { kind = .identifier }
        // Postal codes and phone numbers are codes: typed as numbers they would lose leading zeros.
        if kind == .integer || kind == .decimal, ["zip", "postal", "postcode", "plz", "phone", "fax"].contains(where: words.replacingOccurrences(of: " ", with: "").contains) { kind = .text }
        var transforms: [Transform] = []
        var field = CustomField(uniqueName: name, label: label, type: .string)
        var reason: String
        switch kind {
        case .boolean:
            field.type = .boolean
            transforms = [.boolean]
            reason = "values are yes/no"
        case .integer, .decimal:
            if words.contains("probability") || words.contains("percent") || words.contains("pct") || words.hasSuffix("%") {
                // Fractions (0.4 for 40%) would read as 0.4% in a PERCENT field.
                let fractions = column.frequenciesComplete && column.frequencies.keys.allSatisfy { Double($0).map { (0...1).contains($0) } ?? false }
                field.type = fractions ? .number : .percent
                reason = fractions ? "fractions from 0 to 1 (a PERCENT field takes 40 for 40%)" : "numbers named like a percentage"
            } else if column.share(.currency) > 0.3 || ["revenue", "amount", "price", "cost", "value", "budget", "arr", "mrr"].contains(where: words.contains) {
                field.type = .currency
                reason = "amounts of money"
            } else {
                field.type = .number
                reason = "values are numbers"
            }
            transforms = [.number(.auto)]
        case .date:
            field.type = .date
            transforms = [.date(format: nil)]
            reason = "values are dates"
        case .datetime:
            field.type = .datetime
            transforms = [.datetime(format: nil)]
            reason = "values are timestamps"
        case .email:
            field.type = .emailAddress
            reason = "values are emails"
        case .url:
            // Gong's URL fields take absolute http(s) links only; bare domains stay text.
            if column.frequenciesComplete && column.frequencies.keys.allSatisfy(GongFormat.isURL) {
                field.type = .url
                reason = "values are URLs"
            } else {
                reason = "web addresses, not all absolute http(s) links"
            }
        case .phone:
            field.type = .phoneNumber
            reason = "values are phone numbers"
        case .identifier:
            if let target = referencedEntity(column.name) {
                field.type = .reference
                field.referenceTo = target
                reason = "ids of \(target.referenceName) records"
            } else if Self.namesAnId(column.name) {
                field.type = .id
                reason = "values are ids"
            } else {
                reason = "codes"
            }
        case .text:
            if column.looksLikePicklist {
                field.type = .picklist
                field.orderedValueList = column.frequencyTable.map(\.value)
                reason = "\(column.frequencies.count) distinct values repeated across \(column.nonEmpty) rows"
            } else {
                reason = "free text"
            }
        }
        return Proposal(field: field, expression: .column(column.name, transforms), reason: "custom \(field.type.rawValue): " + reason)
    }

    /// `Billing City` → `billingCity`, `AnnualRevenue` → `annualRevenue`, `hs_lead_status` → `hsLeadStatus`.
    static func uniqueName(for header: String) -> String {
        let words = FileClassifier.words(of: header).filter { !$0.isEmpty }
        guard let first = words.first else { return "" }
        let ascii = (first + words.dropFirst().map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()).filter { $0.isASCII && ($0.isLetter || $0.isNumber) }
        guard let initial = ascii.first else { return "" }
        return initial.isNumber ? "f" + ascii : ascii
    }

    /// `BillingCity` → `Billing City`; `hs_lead_status` → `Hs lead status`.
    static func humanize(_ header: String) -> String {
        if header.contains(" ") { return header }
        let words = FileClassifier.words(of: header)
        guard !words.isEmpty else { return header }
        let text = words.joined(separator: " ")
        return text.prefix(1).uppercased() + text.dropFirst()
    }

    static func namesAnId(_ header: String) -> Bool {
        let normalized = Synonyms.normalize(header)
        return normalized.hasSuffix("id") || normalized.hasSuffix("key") || normalized.hasSuffix("guid") || normalized.hasSuffix("uuid")
    }

    static func referencedEntity(_ header: String) -> EntityType? {
        let normalized = Synonyms.normalize(header)
        guard normalized.hasSuffix("id"), normalized.count > 2 else { return nil }
        let stem = String(normalized.dropLast(2))
        switch stem {
        case "owner", "user", "createdby", "modifiedby", "lastmodifiedby", "manager", "assignedto": return .businessUser
        case let stem where stem.hasSuffix("owner"): return .businessUser
        case "account", "parentaccount", "company", "parent", "organization", "org": return .account
        case "contact", "reportsto", "primarycontact": return .contact
        case "opportunity", "deal": return .deal
        case "lead": return .lead
        default: return nil
        }
    }
}
