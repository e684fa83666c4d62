/// What a column holds: counts, kind, distinct values and samples.
public struct ColumnProfile: Sendable {
    public internal(set) var name: String
    public let index: Int
    public internal(set) var rows = 0
    public internal(set) var nonEmpty = 0
    public internal(set) var maxLength = 0
    /// How many non-empty values had each shape.
    public internal(set) var shapeCounts: [UInt16: Int] = [:]
    var distinct = HyperLogLog()
    /// Distinct values with their counts and shapes, up to `ColumnProfiler.frequencyLimit` values.
    var stats: [String: (count: Int, shapes: UInt16)] = [:]
    /// Distinct values with their counts.
    public var frequencies: [String: Int] { stats.mapValues(\.count) }
    /// False once more distinct values appeared than the table keeps.
    public internal(set) var frequenciesComplete = true
    /// Values not counted because the table was full.
    public internal(set) var uncountedValues = 0
    /// First distinct values, in order of appearance.
    public internal(set) var samples: [String] = []

    init(name: String, index: Int) {
        self.name = name
        self.index = index
    }

    public var distinctEstimate: Int { frequenciesComplete ? stats.count : max(distinct.estimate, stats.count) }

    public func count(_ shape: ValueClassifier.Shapes) -> Int {
        shapeCounts.reduce(0) { $0 + (ValueClassifier.Shapes(rawValue: $1.key).isSuperset(of: shape) ? $1.value : 0) }
    }

    /// Share of non-empty values with `shape`.
    public func share(_ shape: ValueClassifier.Shapes) -> Double {
        nonEmpty == 0 ? 0 : Double(count(shape)) / Double(nonEmpty)
    }

    /// The column's kind: the most specific kind that at least 95% of non-empty values have.
    public var kind: ValueKind {
        guard nonEmpty > 0 else { return .text }
        let threshold = 0.95
        if share(.boolean) >= threshold && distinctEstimate <= 3 && share(.integer) < 1 || (share(.boolean) >= threshold && distinctEstimate <= 2) { return .boolean }
        if share(.salesforceId) >= threshold { return .identifier }
        if share(.email) >= threshold { return .email }
        if share(.url) >= threshold || share(.url) + share(.domain) >= threshold && share(.url) > 0 { return .url }
        if share(.datetime) >= threshold { return .datetime }
        if share(.date) >= threshold { return .date }
        if share(.date) + share(.datetime) >= threshold { return .datetime }
        // A value that a number would change (`03902`, `+1 555 0100`) keeps the column text.
        let changesAsNumber = count(.leadingZero) + count(.phone) > 0
        if share(.integer) >= threshold && !changesAsNumber {
            return nonEmpty > 20 && distinctEstimate * 10 >= nonEmpty * 9 && maxLength >= 5 ? .identifier : .integer
        }
        if share(.integer) + share(.decimal) >= threshold && !changesAsNumber { return .decimal }
        if share(.phone) >= threshold { return .phone }
        if share(.identifierLike) >= threshold && distinctEstimate * 10 >= nonEmpty * 9 { return .identifier }
        return .text
    }

    /// Numeric dates: how the whole column reads.
    public var dateOrderEvidence: (dayFirst: Int, monthFirst: Int, ambiguous: Int) {
        (count(.dayFirst), count(.monthFirst), count(.ambiguousOrder))
    }

    /// Few distinct values repeated across many rows: a stage, a status, a country.
    public var looksLikePicklist: Bool {
        guard frequenciesComplete, nonEmpty >= 10, (2...50).contains(stats.count), maxLength <= 40 else { return false }
        return stats.count * 10 <= nonEmpty || (stats.count <= 10 && stats.count * 4 <= nonEmpty)
    }

    /// Values by count, most frequent first, ties by value.
    public var frequencyTable: [(value: String, count: Int)] {
        stats.map { ($0.key, $0.value.count) }.sorted { $0.count != $1.count ? $0.count > $1.count : $0.value < $1.value }
    }
}
