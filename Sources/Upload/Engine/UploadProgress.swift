import Foundation
import GongClient

/// What an upload has done so far, per entity and in all, folded from its events. The CLI draws
/// it as progress bars; the TUI's upload screen shows it live.
public struct UploadProgress: Sendable, Equatable {
    public struct Entity: Sendable, Equatable {
        public var objectType: String
        public var files = 0
        public var filesFinished = 0
        public var records = 0
        public var bytes = 0
        /// Records and bytes in files Gong took for processing.
        public var recordsSent = 0
        public var bytesSent = 0
        /// Records Gong reported processed, accepted or rejected.
        public var recordsConfirmed = 0
        public var recordsRejected = 0

        /// Share of the records confirmed (1 when there is nothing to send).
        public var fraction: Double { records == 0 ? 1 : min(1, Double(recordsConfirmed) / Double(records)) }
    }

    public private(set) var entities: [Entity] = []
    public private(set) var requests = 0
    public private(set) var failedRequests = 0
    public private(set) var rateLimitWaits = 0
    public private(set) var secondsWaitedForRateLimit: TimeInterval = 0
    public private(set) var retries = 0
    public private(set) var gongErrors = 0
    /// The latest few of Gong's per-line errors, `file:line: message`.
    public private(set) var recentGongErrors: [String] = []
    private var files: [String: UploadEvent.QueuedFile] = [:]
    private var sentFiles: Set<String> = []
    private var startedAt: TimeInterval?
    private var bytesSentAtStart = 0

    public init() {}

    public var records: Int { entities.reduce(0) { $0 + $1.records } }
    /// The share of the queued records Gong confirmed, 0 to 1 (0 before anything is queued).
    public var fraction: Double { records == 0 ? 0 : min(1, Double(recordsConfirmed) / Double(records)) }
    public var recordsSent: Int { entities.reduce(0) { $0 + $1.recordsSent } }
    public var recordsConfirmed: Int { entities.reduce(0) { $0 + $1.recordsConfirmed } }
    public var recordsRejected: Int { entities.reduce(0) { $0 + $1.recordsRejected } }
    public var bytes: Int { entities.reduce(0) { $0 + $1.bytes } }
    public var bytesSent: Int { entities.reduce(0) { $0 + $1.bytesSent } }

    public mutating func apply(_ event: UploadEvent, at now: TimeInterval = Date().timeIntervalSince1970) {
        switch event {
        case .queued(let queued):
            entities = []
            files = [:]
            sentFiles = []
            for file in queued {
                files[file.name] = file
                if !entities.contains(where: { $0.objectType == file.objectType }) { entities.append(Entity(objectType: file.objectType)) }
                update(file.objectType) { entity in
                    entity.files += 1
                    entity.records += file.records
                    entity.bytes += file.bytes
                }
                if file.finished { finish(file.name, successes: file.successes, failures: file.failures) }
            }
            startedAt = now
            bytesSentAtStart = bytesSent
        case .received(let name, _, _):
            markSent(name)
        case .finished(let name, _, let successes, let failures):
            finish(name, successes: successes, failures: failures)
        case .gongError(let file, let line, let message):
            gongErrors += 1
            recentGongErrors = Array((recentGongErrors + ["\(file):\(line): \(message)"]).suffix(5))
        case .started, .integration, .schema, .planned, .sending, .note:
            break
        }
    }

    public mutating func apply(_ event: ClientEvent) {
        switch event {
        case .called(_, let status):
            requests += 1
            if !(200..<300).contains(status ?? 0) { failedRequests += 1 }
        case .waitedForRateLimit(let seconds):
            rateLimitWaits += 1
            secondsWaitedForRateLimit += seconds
        case .retrying:
            retries += 1
        }
    }

    /// Seconds left at the pace bytes were sent since sending started; nil until there is a pace.
    public func secondsLeft(at now: TimeInterval = Date().timeIntervalSince1970) -> TimeInterval? {
        guard let startedAt else { return nil }
        let sent = bytesSent - bytesSentAtStart, elapsed = now - startedAt
        guard sent > 0, elapsed > 0 else { return nil }
        return Double(bytes - bytesSent) / (Double(sent) / elapsed)
    }

    private mutating func markSent(_ name: String) {
        guard let file = files[name], sentFiles.insert(name).inserted else { return }
        update(file.objectType) { entity in
            entity.recordsSent += file.records
            entity.bytesSent += file.bytes
        }
    }

    private mutating func finish(_ name: String, successes: Int, failures: Int) {
        guard let file = files[name] else { return }
        markSent(name)
        update(file.objectType) { entity in
            entity.filesFinished += 1
            entity.recordsConfirmed += successes + failures
            entity.recordsRejected += failures
        }
    }

    private mutating func update(_ objectType: String, _ change: (inout Entity) -> Void) {
        guard let index = entities.firstIndex(where: { $0.objectType == objectType }) else { return }
        change(&entities[index])
    }
}
