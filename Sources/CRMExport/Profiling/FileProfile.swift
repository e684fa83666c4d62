import Foundation

/// The profile of one export file.
public struct FileProfile: Sendable {
    public let file: ExportFile
    public let header: [String]
    public let columns: [ColumnProfile]
    public let rows: Int
    /// True when every row was read; false for a preview of the first rows or a cancelled profile.
    public let complete: Bool
    public let issues: [ReadIssue]
    /// How far into the file (its UTF-8 text) the rows read reach; 0 for JSON.
    public let bytesRead: Int

    public init(file: ExportFile, header: [String], columns: [ColumnProfile], rows: Int, complete: Bool, issues: [ReadIssue], bytesRead: Int = 0) {
        self.file = file
        self.header = header
        self.columns = columns
        self.rows = rows
        self.complete = complete
        self.issues = issues
        self.bytesRead = bytesRead
    }

    /// The file's rows: counted when the profile is complete, else estimated from the bytes the
    /// rows read so far took (nil when that is unknown).
    public var estimatedRows: Int? {
        if complete { return rows }
        guard bytesRead > 0, rows > 0 else { return nil }
        return max(rows, Int((Double(rows) * Double(file.size - file.bomLength) / Double(bytesRead)).rounded()))
    }

    /// Files at least this big are profiled on every core.
    static let parallelThreshold = 4 * 1024 * 1024

    /// Profiles several files at once; the result is in the order of `files`.
    public static func profile(_ files: [ExportFile], rowLimit: Int? = nil, progress: ProfileProgress? = nil) -> [Result<FileProfile, Error>] {
        let results = ProfileResults<FileProfile>(count: files.count)
        DispatchQueue.concurrentPerform(iterations: files.count) { index in
            results.set(index, Result { try profile(files[index], rowLimit: rowLimit, progress: progress) })
        }
        return results.values
    }

    /// Reads up to `rowLimit` rows (all when nil) and profiles every column. A big file is read
    /// by `threads` threads taking turns; each profiles the rows it read, and the profiles merge.
    public static func profile(_ file: ExportFile, rowLimit: Int? = nil, progress: ProfileProgress? = nil,
                               threads: Int? = nil, batchSize: Int = 512) throws -> FileProfile {
        let reader = try RowReader(file: file)
        let threads = threads ?? (rowLimit == nil && file.size >= parallelThreshold ? ProcessInfo.processInfo.activeProcessorCount : 1)
        let shared = SharedReader(reader: reader, rowLimit: rowLimit, progress: progress, batchSize: batchSize)
        var profiler: ColumnProfiler
        if threads <= 1 {
            profiler = try shared.profileBatches()
        } else {
            let partials = ProfileResults<ColumnProfiler>(count: threads)
            DispatchQueue.concurrentPerform(iterations: threads) { index in
                partials.set(index, Result { try shared.profileBatches() })
            }
            let parts = try partials.values.map { try $0.get() }
            profiler = parts[0]
            for part in parts.dropFirst() { profiler.merge(part) }
        }
        profiler.adopt(header: reader.header)
        progress?.report(file: file.name, bytesRead: file.size, rows: profiler.rows, done: true)
        return FileProfile(file: file, header: reader.header, columns: profiler.columns, rows: profiler.rows,
                           complete: !shared.stoppedEarly, issues: reader.takeIssues(), bytesRead: reader.bytesRead)
    }

    public func column(named name: String) -> ColumnProfile? { columns.first { $0.name == name } }
}

/// Where profiling is, per file, and a way to stop it: a cancelled profile keeps the rows read so
/// far and says it is not complete.
public final class ProfileProgress: @unchecked Sendable {
    private let lock = NSLock()
    private var cancelled = false
    private let onReport: @Sendable (_ file: String, _ bytesRead: Int, _ rows: Int, _ done: Bool) -> Void

    public init(onReport: @escaping @Sendable (_ file: String, _ bytesRead: Int, _ rows: Int, _ done: Bool) -> Void = { _, _, _, _ in }) {
        self.onReport = onReport
    }

    public func cancel() {
        lock.lock()
        cancelled = true
        lock.unlock()
    }

    public var isCancelled: Bool {
        lock.lock()
        defer { lock.unlock() }
        return cancelled
    }

    func report(file: String, bytesRead: Int, rows: Int, done: Bool = false) { onReport(file, bytesRead, rows, done) }
}

/// One reader shared by the profiling threads: each takes the next batch of rows in turn.
private final class SharedReader: @unchecked Sendable {
    private let reader: RowReader
    private let lock = NSLock()
    private let rowLimit: Int?
    private let progress: ProfileProgress?
    private let batchSize: Int
    private var rowsRead = 0
    private var finished = false
    private var lastReport = 0
    private(set) var stoppedEarly = false

    init(reader: RowReader, rowLimit: Int?, progress: ProfileProgress?, batchSize: Int) {
        self.reader = reader
        self.rowLimit = rowLimit
        self.progress = progress
        self.batchSize = batchSize
    }

    /// Profiles batches until the file (or the row limit) ends.
    func profileBatches() throws -> ColumnProfiler {
        var profiler = ColumnProfiler(header: reader.header)
        var rows = [SourceRow](repeating: SourceRow(), count: batchSize)
        while true {
            let count = try read(into: &rows)
            if count == 0 { return profiler }
            for index in 0..<count { profiler.add(rows[index]) }
        }
    }

    private func read(into rows: inout [SourceRow]) throws -> Int {
        lock.lock()
        defer { lock.unlock() }
        guard !finished else { return 0 }
        if progress?.isCancelled == true {
            finished = true
            stoppedEarly = true
            return 0
        }
        let wanted = rowLimit.map { min(rows.count, $0 - rowsRead) } ?? rows.count
        var count = 0
        do {
            while count < wanted, try reader.next(into: &rows[count]) { count += 1 }
        } catch {
            finished = true
            throw error
        }
        rowsRead += count
        if count < rows.count {
            finished = true
            if let rowLimit, rowsRead >= rowLimit, count == wanted { stoppedEarly = try moreRows() }
        }
        if let progress, reader.bytesRead - lastReport >= 1 << 20 || finished {
            lastReport = reader.bytesRead
            progress.report(file: reader.file.name, bytesRead: reader.bytesRead, rows: rowsRead)
        }
        return count
    }

    /// Whether rows remain after the limit (a preview of a file with exactly that many rows is whole).
    private func moreRows() throws -> Bool {
        var row = SourceRow()
        return try reader.next(into: &row)
    }
}

/// Collects results written by concurrent work, each slot by one thread.
private final class ProfileResults<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [Result<Value, Error>?]

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ result: Result<Value, Error>) {
        lock.lock()
        slots[index] = result
        lock.unlock()
    }

    var values: [Result<Value, Error>] { slots.map { $0! } }
}
