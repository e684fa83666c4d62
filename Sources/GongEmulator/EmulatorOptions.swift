import Foundation
import GongCRM

/// How the emulator behaves: credentials, Gong's limits, processing pace, and injected faults.
public struct EmulatorOptions: Sendable {
    public var accessKey = "demo-access-key"
    public var accessKeySecret = "demo-secret"
    /// Gong's documented limits (gong-crm-api.md §1.4); `rateLimited = false` lifts them.
    public var rateLimited = true
    public var callsPerSecond = 3
    public var callsPerDay = 10_000
    /// Time an upload waits as PENDING, then spends IN_PROGRESS.
    public var pendingSeconds: TimeInterval = 0.2
    public var processingSeconds: TimeInterval = 0.3
    /// objectIds with `_` or `.` are rejected, as the documented rule says (§6 #1).
    public var strictObjectIds = true
    /// Largest request body (§2.7).
    public var maxUploadBytes = 200 * 1024 * 1024
    /// Share (0...1) of uploaded files that end FAILED with a general error.
    public var failedFileShare = 0.0
    /// Share (0...1) of calls answered 500 or 503.
    public var serverErrorShare = 0.0
    /// Share (0...1) of connections closed without an answer, before or after the call is handled.
    public var droppedConnectionShare = 0.0

    /// A status Gong does not document, answered for requests not yet processed (a future Gong may add some).
    public var unprocessedStatus: String?
    /// Scopes the credentials lack: calls that need one are answered 401 as Gong does (§6b #20).
    public var withoutScopes: Set<String> = []
    /// The schema a new integration starts with (Gong may list its own or other tools' fields, §6b #8).
    public var initialSchema: [EntityType: [GongAPI.SchemaField]] = [:]

    public init() {}
}
