import GongCRM
import Mapping
import Validation

/// The links between records, gathered while validation runs: each record's name and its
/// references (account, owner, stage, converted lead targets), for the relationship tree. At
/// most `limit` records per entity are kept, so a huge export cannot fill the memory.
public final class RelationshipGraph: RecordSink, @unchecked Sendable {
    public struct Node: Sendable, Hashable {
        public var type: EntityType
        public var objectId: String
        public var name: String
        /// Reference field → objectId it points to.
        public var references: [String: String]
    }

    public let limit: Int
    /// The lookups of the pass that filled the graph: previews of rows resolve names as the upload does.
    public var lookups: (any LookupResolver & Sendable)?
    public private(set) var nodes: [EntityType: [String: Node]] = [:]
    public private(set) var truncated: Set<EntityType> = []

    public init(limit: Int = 100_000) { self.limit = limit }

    public func accept(_ record: GongRecord, origin: RecordOrigin) throws {
        guard let id = record.objectId, !record.isDeletion else { return }
        if nodes[record.type, default: [:]].count >= limit {
            truncated.insert(record.type)
            return
        }
        var references: [String: String] = [:]
        for field in EntityCatalog.fields(of: record.type) {
            guard case .reference = field.kind, let value = record[field.name]?.displayText, !value.isEmpty else { continue }
            references[field.name] = value
        }
        let person = [record["firstName"]?.displayText, record["lastName"]?.displayText].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " ")
        let name = [record["name"]?.displayText, person, record["emailAddress"]?.displayText].compactMap { $0 }.first { !$0.isEmpty } ?? id
        nodes[record.type, default: [:]][id] = Node(type: record.type, objectId: id, name: name, references: references)
    }

    public func acceptHistory(_ record: GongRecord, layer: Int, origin: RecordOrigin) throws {}

    public func node(_ type: EntityType, _ id: String) -> Node? { nodes[type]?[id] }

    /// Records of `type` whose `field` points at `id`, by name.
    public func referring(to id: String, from type: EntityType, field: String) -> [Node] {
        let index = referrers ?? makeReferrers()
        return (index[ReferenceKey(type: type, field: field, target: id)] ?? []).sorted { $0.name < $1.name }
    }

    private struct ReferenceKey: Hashable {
        var type: EntityType
        var field: String
        var target: String
    }

    /// Who points at whom, built once on the first question (after validation has finished
    /// filling the graph; the wizard asks from its UI thread only).
    private var referrers: [ReferenceKey: [Node]]?

    private func makeReferrers() -> [ReferenceKey: [Node]] {
        var index: [ReferenceKey: [Node]] = [:]
        for (type, byId) in nodes {
            for node in byId.values {
                for (field, target) in node.references { index[ReferenceKey(type: type, field: field, target: target), default: []].append(node) }
            }
        }
        referrers = index
        return index
    }
}
