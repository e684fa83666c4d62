import Foundation

/// Gong's limits as the emulator applies them (gong-crm-api.md §6 #21): a token bucket of
/// `perSecond` calls refilled continuously (burst `perSecond`), and a rolling 24-hour count.
struct RateLimiter {
    let perSecond: Double
    let perDay: Int
    private var tokens: Double
    private var last: TimeInterval?
    private var day: [TimeInterval] = []

    init(perSecond: Int, perDay: Int) {
        self.perSecond = Double(perSecond)
        self.perDay = perDay
        tokens = Double(perSecond)
    }

    /// nil when the call may go ahead; else the whole seconds to wait (Retry-After, at least 1).
    mutating func admit(at now: TimeInterval) -> Int? {
        if let last { tokens = min(perSecond, tokens + (now - last) * perSecond) }
        last = now
        while let first = day.first, now - first >= 86_400 { day.removeFirst() }
        if day.count >= perDay, let first = day.first { return max(1, Int((first + 86_400 - now).rounded(.up))) }
        guard tokens >= 1 else { return max(1, Int(((1 - tokens) / perSecond).rounded(.up))) }
        tokens -= 1
        day.append(now)
        return nil
    }
}
