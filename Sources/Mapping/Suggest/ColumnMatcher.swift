import CRMExport
import GongCRM

/// Scores how well each column of a file fits each standard field of an entity, from the
/// header (exact names from Salesforce, HubSpot, Dynamics 365, Pipedrive and Zoho, then fuzzy)
/// and from the values (emails, URLs, ids, dates, numbers).
struct ColumnMatcher {
    struct Match {
        var field: String
        var column: String
        var confidence: Double
        var reason: String
        /// The score before it is capped into a confidence; decides between two near-certain columns.
        var rank: Double = 0
    }

    let entity: EntityType
    let profile: FileProfile
    let isHistory: Bool

    /// One column per field and one field per column, best first.
    func matches() -> [Match] {
        var candidates: [Match] = []
        // In a history file the creation time of a row is the version's time, not the record's creation.
        for field in EntityCatalog.fields(of: entity) where !(isHistory && field.name == "createdDate") {
            let names = isHistory && field.name == "objectId" ? Synonyms.ownIdNames(entity).map { Synonyms.Name(normalized: Synonyms.normalize($0), crm: "any", weight: 1) }
                : isHistory && field.name == "modifiedDate" ? [Synonyms.Name(normalized: "createddate", crm: "Salesforce", weight: 1)] + Synonyms.fieldNames("createdDate", of: entity)
                : Synonyms.fieldNames(field.name, of: entity)
            for column in profile.columns {
                guard let (score, reason) = headerScore(column.name, names: names, field: field) else { continue }
                // An empty column is taken only by its exact name: IsDeleted is empty until a record is deleted.
                guard column.nonEmpty > 0 || profile.rows == 0 || score >= 0.9 else { continue }
                let (adjusted, evidence) = valueEvidence(column, field: field, score: score)
                guard adjusted >= 0.5 else { continue }
                candidates.append(Match(field: field.name, column: column.name, confidence: min(adjusted, 0.99), reason: reason + (evidence.map { "; \($0)" } ?? ""), rank: adjusted))
            }
        }
        var used: Set<String> = []
        var done: Set<String> = []
        var result: [Match] = []
        for candidate in candidates.sorted(by: { $0.rank != $1.rank ? $0.rank > $1.rank : $0.column < $1.column }) {
            guard !used.contains(candidate.column), !done.contains(candidate.field) else { continue }
            used.insert(candidate.column)
            done.insert(candidate.field)
            result.append(candidate)
        }
        return result
    }

    private func headerScore(_ header: String, names: [Synonyms.Name], field: StandardField) -> (Double, String)? {
        let normalized = Synonyms.key(header)
        guard !normalized.isEmpty else { return nil }
        if normalized == Synonyms.normalize(field.name) {
            return (0.97, "header matches the field name")
        }
        if let name = names.first(where: { $0.normalized == normalized }) {
            let source = name.crm == "any" ? "a common name" : "\(name.crm)'s name"
            return (0.95 * name.weight, "synonym: '\(header)' is \(source) for \(field.name)")
        }
        var best: (Double, String)?
        for name in names where name.normalized.count >= 4 {
            let similarity = Self.similarity(normalized, name.normalized)
            if similarity >= 0.8 {
                let score = (0.55 + (similarity - 0.8) * 1.5) * name.weight
                if best == nil || score > best!.0 { best = (score, "header resembles '\(name.normalized)' (\(Int(similarity * 100))% alike)") }
            }
        }
        return best
    }

    private func valueEvidence(_ column: ColumnProfile, field: StandardField, score: Double) -> (Double, String?) {
        guard column.nonEmpty > 0 else { return (score, nil) }
        let kind = column.kind
        switch field.kind {
        case .email:
            if kind == .email { return (score + 0.03, "values are emails") }
            return (column.share(.email) > 0.5 ? score : score * 0.6, nil)
        case .url:
            if kind == .url { return (score + 0.02, "values are URLs") }
            return (score * 0.6, nil)
        case .stringArray:
            if kind == .url || column.share(.domain) > 0.5 { return (score + 0.02, "values are web addresses") }
            return (score * 0.7, nil)
        case .datetime, .date:
            if kind == .datetime || kind == .date { return (score + 0.02, "values are \(kind == .date ? "dates" : "timestamps")") }
            return (score * 0.4, nil)
        case .number:
            if kind == .decimal || kind == .integer { return (score + 0.02, "values are amounts") }
            return (score * 0.6, nil)
        case .boolean:
            return kind == .boolean ? (score + 0.02, "values are yes/no") : (score * 0.5, nil)
        case .reference(let target):
            if column.share(.salesforceId) > 0.9 { return (score + 0.02, "values are Salesforce ids") }
            if target == .businessUser && kind == .email { return (score, "values are owner emails") }
            return (score, nil)
        case .string where field.name == "objectId":
            if column.distinctEstimate >= column.nonEmpty * 95 / 100 {
                return (score + 0.02, column.share(.salesforceId) > 0.9 ? "unique Salesforce ids" : "unique values")
            }
            return (isHistory ? score : score * 0.7, nil)
        default:
            return (score, nil)
        }
    }

    /// 1 − edit distance / longer length; two swapped letters (`Nmae`) count as one edit.
    static func similarity(_ a: String, _ b: String) -> Double {
        let a = Array(a), b = Array(b)
        guard !a.isEmpty, !b.isEmpty else { return 0 }
        var beforePrevious = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { current[j] = min(current[j], beforePrevious[j - 2] + 1) }
            }
            (beforePrevious, previous, current) = (previous, current, beforePrevious)
        }
        return 1 - Double(previous[b.count]) / Double(max(a.count, b.count))
    }
}
