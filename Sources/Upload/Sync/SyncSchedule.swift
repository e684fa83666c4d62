import Foundation

/// When `gongmap sync` runs its cycles: every `every` seconds, and after failed cycles
/// (Gong unreachable, refused credentials) twice as long per failure in a row, up to
/// `maxBackoff`, so that an outage does not spend the company's daily calls.
public struct SyncSchedule: Sendable, Equatable {
    /// Seconds between cycles; nil for single cycles started by a timer or cron.
    public var every: TimeInterval?
    public var maxBackoff: TimeInterval = 3600

    /// The pace assumed for backing off when a timer starts the cycles: Gong's recommended 5 minutes.
    static let defaultEvery: TimeInterval = 300

    public init(every: TimeInterval?, maxBackoff: TimeInterval = 3600) {
        self.every = every
        self.maxBackoff = maxBackoff
    }

    /// Seconds from the start of the last cycle to the next, after `failures` failed cycles in a row.
    public func delay(afterFailures failures: Int) -> TimeInterval {
        let base = every ?? Self.defaultEvery
        guard failures > 0 else { return base }
        return min(base * pow(2, Double(min(failures, 20))), max(base, maxBackoff))
    }

    /// When the cycle after `last` is due. A timer's cycles (no `every`) are due at once unless
    /// failures make them wait.
    public func nextDue(after last: Journal.Cycle?, failures: Int) -> TimeInterval? {
        guard let last else { return nil }
        if every == nil && failures == 0 { return nil }
        let due = last.startedAt + delay(afterFailures: failures)
        return max(due, last.finishedAt ?? last.startedAt)
    }

    /// "90s", "5m", "1h", "1h30m" or a number of seconds.
    public static func parseInterval(_ text: String) -> TimeInterval? {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        if let seconds = Double(trimmed) { return seconds > 0 ? seconds : nil }
        var total: TimeInterval = 0
        var number = ""
        for character in trimmed {
            if character.isNumber || character == "." {
                number.append(character)
                continue
            }
            let unit: TimeInterval
            switch character {
            case "s": unit = 1
            case "m": unit = 60
            case "h": unit = 3600
            case "d": unit = 86400
            default: return nil
            }
            guard let value = Double(number) else { return nil }
            total += value * unit
            number = ""
        }
        guard number.isEmpty, total > 0 else { return nil }
        return total
    }

    /// "5m", "90s", "1h30m": the interval as `parseInterval` reads it.
    public static func label(_ seconds: TimeInterval) -> String {
        let whole = Int(seconds.rounded())
        let (hours, minutes, rest) = (whole / 3600, whole % 3600 / 60, whole % 60)
        var text = ""
        if hours > 0 { text += "\(hours)h" }
        if minutes > 0 { text += "\(minutes)m" }
        if rest > 0 || text.isEmpty { text += "\(rest)s" }
        return text
    }
}
