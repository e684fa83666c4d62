import CRMExport
import Foundation
import GongCRM
import Mapping

/// Field value → objectId for the `lookup(ENTITY.field)` transforms of a mapping; `field` is a
/// field the target source maps, else a column of its file (`lookup(BUSINESS_USER.FullName)`) or
/// a template of its columns (`lookup(BUSINESS_USER.{First name} {Last name})`).
/// Values compare trimmed and case-insensitively.
public final class LookupIndex: LookupResolver, @unchecked Sendable {
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

/// Where a lookup's field takes its values in a source of the target: a field the source maps,
/// a column of its file, or columns joined by a template (`{First name} {Last name}`, for users
/// whose full name no column holds).
enum LookupKey {
    case field(String)
    case parts([Part])

    enum Part {
        case literal(String)
        case column(Int)
    }

    init?(field: String, source: SourceMapping, columnIndex: (String) -> Int?) {
        if source.field(field) != nil {
            self = .field(field)
            return
        }
        if field.contains("{"), case .template(let template)? = (try? ExpressionSyntax.parse(field))?.source {
            var parts: [Part] = []
            for part in template {
                switch part {
                case .literal(let text): parts.append(.literal(text))
                case .column(let name):
                    guard let index = columnIndex(name) else { return nil }
                    parts.append(.column(index))
                }
            }
            self = .parts(parts)
            return
        }
        guard let index = columnIndex(field) else { return nil }
        self = .parts([.column(index)])
    }

    func value(in row: SourceRow, record: GongRecord) -> String? {
        switch self {
        case .field(let name): return record[name]?.displayText
        case .parts(let parts):
            var text = ""
            for part in parts {
                switch part {
                case .literal(let literal): text += literal
                case .column(let index): if index < row.count { text += row.string(index) }
                }
            }
            return text
        }
    }
}
