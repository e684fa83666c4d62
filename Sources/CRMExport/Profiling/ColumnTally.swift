/// The running counts of one column. Tallies of the same column built on several threads merge
/// into the tally one thread would have built, up to the counts of values that arrived after a
/// thread's table was full.
struct ColumnTally {
    var rows = 0
    var nonEmpty = 0
    var maxLength = 0
    var distinct = HyperLogLog()
    var values = ValueTable(limit: ColumnProfiler.frequencyLimit)
    /// Shapes of the values the full table left out, with their counts (a few kinds per column).
    var overflowShapes: [(shapes: UInt16, count: Int)] = []
    var uncounted = 0
    var complete = true

    /// Counts one trimmed, non-empty value.
    @inline(__always)
    mutating func add(_ value: UnsafeBufferPointer<UInt8>, row: Int) {
        nonEmpty += 1
        if value.count > maxLength { maxLength = value.count }
        let hash = IdHash.hash(value)
        distinct.insert(hash)
        if let entry = values.find(value, hash: hash) {
            values.count(entry)
            return
        }
        let shapes = ValueClassifier.shapes(of: value).rawValue
        if !values.insert(value, hash: hash, shapes: shapes, row: row) { leaveOut(shapes, count: 1) }
    }

    private mutating func leaveOut(_ shapes: UInt16, count: Int) {
        complete = false
        uncounted += count
        addOverflow(shapes, count: count)
    }

    private mutating func addOverflow(_ shapes: UInt16, count: Int) {
        if let index = overflowShapes.firstIndex(where: { $0.shapes == shapes }) {
            overflowShapes[index].count += count
        } else {
            overflowShapes.append((shapes, count))
        }
    }

    /// Adds the counts of the same column from another part of the file. The values that first
    /// appeared earliest are kept, as one thread reading in order would have kept them.
    mutating func merge(_ other: ColumnTally) {
        rows += other.rows
        nonEmpty += other.nonEmpty
        maxLength = max(maxLength, other.maxLength)
        distinct.merge(other.distinct)
        complete = complete && other.complete
        uncounted += other.uncounted
        for (shapes, count) in other.overflowShapes { addOverflow(shapes, count: count) }
        var merged = ValueTable(limit: values.limit)
        let all = (values.entries.map { ($0, true) } + other.values.entries.map { ($0, false) }).sorted { $0.0.firstRow < $1.0.firstRow }
        for (entry, mine) in all {
            let table = mine ? values : other.values
            table.withBytes(of: entry) { bytes in
                if let known = merged.find(bytes, hash: entry.hash) {
                    merged.count(known, by: entry.count)
                } else if !merged.insert(bytes, hash: entry.hash, shapes: entry.shapes, row: entry.firstRow, count: entry.count) {
                    leaveOut(entry.shapes, count: entry.count)
                }
            }
        }
        values = merged
    }

    func profile(name: String, index: Int) -> ColumnProfile {
        var profile = ColumnProfile(name: name, index: index)
        profile.rows = rows
        profile.nonEmpty = nonEmpty
        profile.maxLength = maxLength
        profile.distinct = distinct
        profile.frequenciesComplete = complete
        profile.uncountedValues = uncounted
        var stats: [String: (count: Int, shapes: UInt16)] = [:]
        var shapeCounts: [UInt16: Int] = [:]
        for entry in values.entries {
            let text = values.text(of: entry)
            stats[text] = (entry.count, entry.shapes)
            shapeCounts[entry.shapes, default: 0] += entry.count
            if profile.samples.count < ColumnProfiler.sampleLimit { profile.samples.append(text) }
        }
        for (shapes, count) in overflowShapes { shapeCounts[shapes, default: 0] += count }
        profile.stats = stats
        profile.shapeCounts = shapeCounts
        return profile
    }
}
