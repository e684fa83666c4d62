import CRMExport
import Foundation
import GongCRM
import Mapping

/// Field value → objectId for the `lookup(ENTITY.field)` transforms of a mapping; `field` is a
/// field the target source maps, or else a column of its file (`lookup(BUSINESS_USER.FullName)`).
/// Values compare trimmed and case-insensitively.
public final class LookupIndex: LookupResolver {
    private struct Key: Hashable { var entity: EntityType; var field: String }
    private var tables: [Key: [String: String]] = [:]
    private var ambiguous: [Key: [String: Int]] = [:]

    public init() {}

    /// The (entity, field) pairs the mapping looks up.
    public static func targets(of mapping: Mapping) -> [(entity: EntityType, field: String)] {
        var found: [(EntityType, String)] = []
        for source in mapping.sources {
            for field in source.fields {
                for case .lookup(let entity, let target) in field.expression.transforms where !found.contains(where: { $0 == (entity, target) }) {
                    found.append((entity, target))
                }
            }
        }
        return found
    }

    func add(entity: EntityType, field: String, value: String, objectId: String) {
        let key = Key(entity: entity, field: field)
        let folded = Self.fold(value)
        guard !folded.isEmpty else { return }
        if let existing = tables[key]?[folded] {
            if existing != objectId { ambiguous[key, default: [:]][folded, default: 1] += 1 }
            return
        }
        tables[key, default: [:]][folded] = objectId
    }

    public func resolve(entity: EntityType, field: String, value: String) -> LookupOutcome {
        let key = Key(entity: entity, field: field)
        let folded = Self.fold(value)
        if let count = ambiguous[key]?[folded] { return .ambiguous(count) }
        if let id = tables[key]?[folded] { return .found(id) }
        return .notFound
    }

    static func fold(_ value: String) -> String { value.trimmed.lowercased() }
}
