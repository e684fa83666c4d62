import Foundation

/// What an upload reports as it goes; the CLI prints them, `--json` writes one per line.
public enum UploadEvent: Sendable {
    /// A file of the run as it stands when sending starts (files done before a resume included).
    public struct QueuedFile: Sendable, Equatable {
        public var name: String
        public var objectType: String
        public var records: Int
        public var bytes: Int
        public var finished: Bool
        public var successes: Int
        public var failures: Int
    }

    case started(run: Int64, resumed: Bool)
    case queued([QueuedFile])
    case integration(id: Int64, name: String, registered: Bool)
    case schema(objectType: String, uploaded: Bool, fields: Int)
    case planned(new: Int, changed: Int, unchanged: Int, deleted: Int, history: Int, files: Int, calls: Int, seconds: Double, dailyShare: Double)
    case sending(file: String, objectType: String, records: Int, bytes: Int)
    /// Gong took the file for processing (201, or 409 for an id this journal may have sent); not yet whether it took its records.
    case received(file: String, clientRequestId: String, again: Bool)
    case finished(file: String, status: String, successes: Int, failures: Int)
    case gongError(file: String, line: Int, message: String)
    case note(String)

    public var line: String {
        switch self {
        case .started(let run, let resumed): resumed ? "Resuming run \(run)" : "Run \(run)"
        case .queued(let files):
            "\(files.count) files to send" + (files.contains(where: \.finished) ? " (\(files.filter(\.finished).count) finished before)" : "")
        case .integration(let id, let name, let registered): (registered ? "Registered integration " : "Using integration ") + "\(name) (\(id))"
        case .schema(let type, let uploaded, let fields): uploaded ? "Schema of \(type): \(fields) fields sent" : "Schema of \(type): unchanged (\(fields) fields)"
        case .planned(let new, let changed, let unchanged, let deleted, let history, let files, let calls, let seconds, let share):
            String(format: "Plan: %d new, %d changed, %d deleted, %d unchanged records%@ in %d files; about %d calls, %.0f s at the rate limit, %.2f%% of the daily budget",
                   new, changed, deleted, unchanged, history > 0 ? " and \(history) history versions" : "", files, calls, seconds, share * 100)
        case .sending(let file, let type, let records, let bytes): "Sending \(file) (\(type), \(records) records, \(bytes) bytes)"
        case .received(let file, let id, let again):
            "\(file): received by Gong as \(id)" + (again ? " (an earlier attempt reached it)" : "") + ", waiting for it to be processed"
        case .finished(let file, let status, let successes, let failures): "\(file): \(status), \(successes) accepted, \(failures) rejected"
        case .gongError(let file, let line, let message): "  \(file):\(line): \(message)"
        case .note(let text): text
        }
    }
}
