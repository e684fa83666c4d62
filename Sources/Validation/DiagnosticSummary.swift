import GongCRM

/// Diagnostics grouped by rule, entity and field, each group with its count and first samples.
/// Holds a bounded amount whatever the number of diagnostics.
public struct DiagnosticSummary: Sendable {
    public struct Group: Sendable, Identifiable {
        public var rule: Rule
        public var severity: Severity
        public var entity: EntityType?
        public var field: String?
        public var count: Int
        public var samples: [Diagnostic]
        public var id: String { Self.key(rule, severity, entity, field) }

        static func key(_ rule: Rule, _ severity: Severity, _ entity: EntityType?, _ field: String?) -> String {
            "\(rule.rawValue)|\(severity.rawValue)|\(entity?.rawValue ?? "")|\(field ?? "")"
        }
    }

    public static let samplesPerGroup = 5
    private var groups: [String: Group] = [:]
    private var order: [String] = []
    public private(set) var errors = 0
    public private(set) var warnings = 0

    public init() {}

    public mutating func add(_ diagnostic: Diagnostic) {
        if diagnostic.severity == .error { errors += 1 } else { warnings += 1 }
        let key = diagnostic.groupKey
        if groups[key] == nil {
            groups[key] = Group(rule: diagnostic.rule, severity: diagnostic.severity, entity: diagnostic.entity, field: diagnostic.field, count: 0, samples: [])
            order.append(key)
        }
        groups[key]!.count += 1
        if groups[key]!.samples.count < Self.samplesPerGroup { groups[key]!.samples.append(diagnostic) }
    }

    /// Errors first, then by entity order, then by count.
    public var sortedGroups: [Group] {
        order.map { groups[$0]! }.sorted {
            if $0.severity != $1.severity { return $0.severity < $1.severity }
            if $0.entity != $1.entity { return ($0.entity?.orderIndex ?? -1) < ($1.entity?.orderIndex ?? -1) }
            if $0.count != $1.count { return $0.count > $1.count }
            return $0.id < $1.id
        }
    }

    public func count(of rule: Rule) -> Int { groups.values.filter { $0.rule == rule }.reduce(0) { $0 + $1.count } }
}
