import Foundation

/// Keeps the client under Gong's limit (gong-crm-api.md §1.4): calls are spaced so that no more
/// than `perSecond` start in any second, and a `Retry-After` pauses every call until it passes.
public actor ClientRateLimiter {
    private let interval: TimeInterval
    private var nextSlot: TimeInterval = 0
    private var pausedUntil: TimeInterval = 0

    public init(perSecond: Double) {
        interval = perSecond > 0 ? 1 / perSecond : 0
    }

    /// Waits for the next slot; returns how long it waited.
    @discardableResult
    public func acquire() async throws -> TimeInterval {
        let now = Date().timeIntervalSince1970
        let start = max(now, nextSlot, pausedUntil)
        nextSlot = start + interval
        let wait = start - now
        if wait > 0 { try await Task.sleep(nanoseconds: UInt64(wait * 1_000_000_000)) }
        return wait
    }

    /// Gong said 429 with Retry-After: nobody calls before then.
    public func pause(seconds: TimeInterval) {
        pausedUntil = max(pausedUntil, Date().timeIntervalSince1970 + seconds)
    }
}
