import CRMExport

/// The full profile of an export, read in the background after the first rows were shown:
/// how far each file is, and whether it ended or was stopped.
public struct ProfilingState: Sendable, Equatable {
    public enum Phase: Sendable, Equatable { case running, complete, stopped }

    public var phase: Phase = .running
    /// Sizes of the files being read, by name.
    public let sizes: [String: Int]
    public private(set) var bytesRead: [String: Int] = [:]
    public private(set) var rowsRead: [String: Int] = [:]
    public private(set) var done: Set<String> = []

    public init(files: [ExportFile]) {
        sizes = Dictionary(files.map { ($0.name, $0.size) }, uniquingKeysWith: { first, _ in first })
    }

    public mutating func record(file: String, bytesRead: Int, rows: Int, done finished: Bool) {
        self.bytesRead[file] = max(self.bytesRead[file] ?? 0, bytesRead)
        rowsRead[file] = max(rowsRead[file] ?? 0, rows)
        if finished { done.insert(file) }
    }

    public var isRunning: Bool { phase == .running }

    /// The share of the export's bytes read, 0 to 1.
    public var fraction: Double {
        let total = sizes.values.reduce(0, +)
        guard total > 0 else { return 1 }
        let read = sizes.reduce(0) { $0 + (done.contains($1.key) ? $1.value : min($1.value, bytesRead[$1.key] ?? 0)) }
        return Double(read) / Double(total)
    }

    /// The share of one file read (nil before its first report).
    public func fraction(of file: String) -> Double? {
        if done.contains(file) { return 1 }
        guard let read = bytesRead[file], let size = sizes[file], size > 0 else { return nil }
        return min(1, Double(read) / Double(size))
    }

    /// `profiling 43%`, for the step bar.
    public var label: String { "profiling \(Int((fraction * 100).rounded(.down)))%" }
}
