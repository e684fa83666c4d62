import Foundation
/// Builds the profiles of all columns of a file from its rows.
public struct ColumnProfiler: Sendable {
    public static let frequencyLimit = 1_000
    public static let sampleLimit = 5
    public private(set) var columns: [ColumnProfile]
    public private(set) var rows = 0

    public init(header: [String]) {
        columns = header.enumerated().map { ColumnProfile(name: $1, index: $0) }
    }

    public mutating func add(_ row: SourceRow) {
        rows += 1
        while columns.count < row.count { columns.append(ColumnProfile(name: "column \(columns.count + 1)", index: columns.count)) }
        for index in columns.indices {
            columns[index].rows += 1
            guard !row.isEmpty(index) else { continue }
            let hash = row.withCellBytes(index) { StableHash.hash($0) }
            columns[index].distinct.insert(hash)
            let text = row.string(index).trimmed
            guard !text.isEmpty else { continue }
            columns[index].nonEmpty += 1
            columns[index].maxLength = max(columns[index].maxLength, text.utf8.count)
            if let known = columns[index].stats[text] {
                columns[index].stats[text]!.count += 1
                columns[index].shapeCounts[known.shapes, default: 0] += 1
                continue
            }
            let shapes = ValueClassifier.shapes(of: text)
            columns[index].shapeCounts[shapes.rawValue, default: 0] += 1
            if columns[index].stats.count < Self.frequencyLimit {
                columns[index].stats[text] = (1, shapes.rawValue)
            } else {
                columns[index].frequenciesComplete = false
                columns[index].uncountedValues += 1
            }
            if columns[index].samples.count < Self.sampleLimit { columns[index].samples.append(text) }
        }
    }

    /// Names columns after a header that grew while reading (JSON keys met late).
    public mutating func adopt(header: [String]) {
        for (index, name) in header.enumerated() {
            if index < columns.count { columns[index].name = name } else { columns.append(ColumnProfile(name: name, index: index)) }
        }
    }
}

/// The profile of one export file.
public struct FileProfile: Sendable {
    public let file: ExportFile
    public let header: [String]
    public let columns: [ColumnProfile]
    public let rows: Int
    /// True when every row was read; false for a preview of the first rows.
    public let complete: Bool
    public let issues: [ReadIssue]

    /// Profiles several files at once, one per core; the result is in the order of `files`.
    public static func profile(_ files: [ExportFile], rowLimit: Int? = nil) -> [Result<FileProfile, Error>] {
        let results = ProfileResults(count: files.count)
        DispatchQueue.concurrentPerform(iterations: files.count) { index in
            results.set(index, Result { try profile(files[index], rowLimit: rowLimit) })
        }
        return results.values
    }

    /// Reads up to `rowLimit` rows (all when nil) and profiles every column.
    public static func profile(_ file: ExportFile, rowLimit: Int? = nil) throws -> FileProfile {
        let reader = try RowReader(file: file)
        var profiler = ColumnProfiler(header: reader.header)
        var row = SourceRow()
        var complete = true
        while try reader.next(into: &row) {
            profiler.add(row)
            if let rowLimit, profiler.rows >= rowLimit { complete = false; break }
        }
        profiler.adopt(header: reader.header)
        return FileProfile(file: file, header: reader.header, columns: profiler.columns, rows: profiler.rows, complete: complete, issues: reader.takeIssues())
    }

    public func column(named name: String) -> ColumnProfile? { columns.first { $0.name == name } }
}


/// Collects results written by concurrent profiling, each slot by one thread.
private final class ProfileResults: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [Result<FileProfile, Error>?]

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ result: Result<FileProfile, Error>) {
        lock.lock()
        slots[index] = result
        lock.unlock()
    }

    var values: [Result<FileProfile, Error>] { slots.map { $0! } }
}
