import CRMExport

/// Builds value maps from a column's frequency table, so a stage or owner column is mapped value
/// by value with the count of records each value stands for, and unmapped values are counted.
public enum ValueMapBuilder {
    public struct Row: Sendable, Equatable {
        public var value: String
        public var count: Int
        /// Where the map sends the value; nil when unmapped.
        public var target: String?
    }

    public struct Coverage: Sendable, Equatable {
        public var mappedValues = 0
        public var unmappedValues = 0
        public var mappedRecords = 0
        public var unmappedRecords = 0

        public init(mappedValues: Int = 0, unmappedValues: Int = 0, mappedRecords: Int = 0, unmappedRecords: Int = 0) {
            self.mappedValues = mappedValues
            self.unmappedValues = unmappedValues
            self.mappedRecords = mappedRecords
            self.unmappedRecords = unmappedRecords
        }
    }

    /// Every distinct value of the column, most frequent first, with its current target.
    public static func rows(for column: ColumnProfile, map: ValueMap?) -> [Row] {
        column.frequencyTable.map { Row(value: $0.value, count: $0.count, target: map?.lookup($0.value)) }
    }

    public static func coverage(_ rows: [Row]) -> Coverage {
        var coverage = Coverage()
        for row in rows {
            if row.target == nil {
                coverage.unmappedValues += 1
                coverage.unmappedRecords += row.count
            } else {
                coverage.mappedValues += 1
                coverage.mappedRecords += row.count
            }
        }
        return coverage
    }

    /// A map with an entry for every value: the target whose name matches the value when there
    /// is one (case and punctuation aside), else nothing for the user to fill in.
    public static func draft(_ rows: [Row], targets: [(id: String, name: String)], keeping existing: ValueMap? = nil) -> ValueMap {
        func key(_ text: String) -> String { Synonyms.normalize(text) }
        var entries = existing?.entries ?? []
        for row in rows where !entries.contains(where: { $0.from == row.value }) {
            if let target = targets.first(where: { key($0.name) == key(row.value) || key($0.id) == key(row.value) }) {
                entries.append((row.value, target.id))
            }
        }
        return ValueMap(entries)
    }
}
