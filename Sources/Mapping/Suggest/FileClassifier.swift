import CRMExport
import Foundation
import GongCRM

/// Decides which Gong entity a file holds, from its name and its header.
struct FileClassifier {
    struct Verdict {
        var entity: EntityType?
        var isHistory = false
        var confidence: Double
        var reason: String
    }

    static func classify(_ profile: FileProfile) -> Verdict {
        let base = profile.file.stem
        let words = Self.words(of: base)
        let joined = Synonyms.normalize(base)
        let headers = Set(profile.header.map { Synonyms.key($0) })

        if headers.isSuperset(of: ["field", "oldvalue", "newvalue"]) {
            return Verdict(entity: nil, confidence: 0.9, reason: "a field change log (Field, OldValue, NewValue), not record versions; Gong takes history as whole versions")
        }
        let isHistory = words.contains("history") || words.contains("histories") || joined.hasSuffix("history")
        let nameWords = words.filter { $0 != "history" && $0 != "histories" && $0 != "export" && !$0.allSatisfy(\.isNumber) }
        let stem = isHistory ? joined.replacingOccurrences(of: "history", with: "") : joined

        var best: Verdict?
        // The entity whose columns say the most, when they say it strongly: a deals file named
        // "pipeline" holds deals, whatever its name suggests.
        var byColumns: (verdict: Verdict, headerScore: Double)?
        var bestHeaderScore = 0.0
        for entity in EntityType.uploadOrder {
            let names = Synonyms.entityFileNames[entity] ?? []
            var nameScore = 0.0
            var nameReason = ""
            if names.contains(stem) || names.contains(joined) {
                nameScore = 0.9
                nameReason = "file name '\(base)'"
            } else if let word = nameWords.first(where: { names.contains($0) }) {
                nameScore = 0.75
                nameReason = "'\(word)' in the file name"
            }
            let hints = Synonyms.entityHeaderHints[entity] ?? []
            let found = hints.filter(headers.contains)
            let headerScore = min(0.85, Double(found.count) * 0.22)
            var score = max(nameScore, headerScore)
            if nameScore > 0 && headerScore > 0 { score = min(0.99, score + 0.08) }
            guard score > 0 else { continue }
            var reasons: [String] = []
            if !nameReason.isEmpty { reasons.append(nameReason) }
            if !found.isEmpty {
                let shown = profile.header.filter { found.contains(Synonyms.key($0)) }.prefix(3)
                reasons.append("columns " + shown.joined(separator: ", "))
            }
            let verdict = Verdict(entity: entity, isHistory: isHistory && entity.acceptsHistory, confidence: score, reason: reasons.joined(separator: " and "))
            if best == nil || score > best!.confidence {
                best = verdict
                bestHeaderScore = headerScore
            }
            if headerScore >= Self.strongColumns && headerScore > (byColumns?.headerScore ?? 0) { byColumns = (verdict, headerScore) }
        }
        if let byColumns, bestHeaderScore < Self.strongColumns, let named = best?.entity, named != byColumns.verdict.entity {
            var verdict = byColumns.verdict
            verdict.reason += " (its name suggested \(named.rawValue))"
            return verdict
        }
        if let unassigned = nameWords.lazy.compactMap({ Synonyms.unassignedFileNames[$0] }).first ?? Synonyms.unassignedFileNames[joined],
           (best?.confidence ?? 0) < 0.9, bestHeaderScore < Self.strongColumns {
            return Verdict(entity: nil, confidence: 0.9, reason: "Gong has no entity for \(unassigned)")
        }
        guard let verdict = best, verdict.confidence >= 0.5 else {
            return Verdict(entity: nil, confidence: 0.5, reason: "neither its name nor its columns match a Gong entity; assign it by hand if it holds one")
        }
        return verdict
    }

    /// Three typical columns of an entity: enough to outweigh a file name.
    static let strongColumns = 0.66

    /// `OpportunityHistory` → [opportunity, history]; `deal_stages-2024` → [deal, stages, 2024].
    static func words(of name: String) -> [String] {
        var words: [String] = []
        var current = ""
        var previous: Character?
        for character in name {
            if !character.isLetter && !character.isNumber {
                if !current.isEmpty { words.append(current) }
                current = ""
            } else {
                if character.isUppercase, let previous, previous.isLowercase, !current.isEmpty {
                    words.append(current)
                    current = ""
                }
                current.append(character)
            }
            previous = character
        }
        if !current.isEmpty { words.append(current) }
        return words.map { $0.lowercased() }
    }
}
