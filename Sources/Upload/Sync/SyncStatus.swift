import Foundation

/// The schedule of a mapping's sync as its journal tells it: the last cycle and its outcome, the
/// next, failed cycles in a row, the daily calls used, and whether a `gongmap sync` runs now.
public struct SyncStatus: Sendable, Equatable {
    public var last: Journal.Cycle
    public var failures: Int
    /// When the next cycle is due; nil when a timer or cron starts them.
    public var nextAt: TimeInterval?
    /// "process 1234" of a `gongmap sync` running now.
    public var runningIn: String?
    public var callsInLastDay: Int

    /// Nil when the mapping has never been synced.
    public static func read(_ journal: Journal, mappingPath: String) throws -> SyncStatus? {
        guard let last = try journal.cycles(mapping: mappingPath, limit: 1).first else { return nil }
        let stateFolder = UploadEngine.Options(mappingPath: mappingPath).stateFolder
        return SyncStatus(last: last, failures: try journal.consecutiveFailures(mapping: mappingPath), nextAt: last.nextAt,
                          runningIn: UploadLock.holder(in: stateFolder, kind: .sync), callsInLastDay: try journal.callsInLastDay())
    }

    /// Two lines of at most about 78 characters.
    public func lines(now: TimeInterval = Date().timeIntervalSince1970) -> [String] {
        let pace = last.everySeconds.map { "every \(SyncSchedule.label($0))" } ?? "by a timer or cron"
        let running = runningIn.map { " · running (\($0))" } ?? (last.everySeconds == nil ? "" : " · not running")
        var first = "Sync \(pace)\(running)"
        if last.outcome == .running {
            first += " · cycle \(last.id) since \(Self.time(last.startedAt, now: now))"
        } else {
            first += " · last \(Self.time(last.startedAt, now: now)) \(last.outcome.rawValue)"
        }
        let next: String
        if let nextAt {
            next = nextAt <= now ? "next cycle due now" : "next \(Self.time(nextAt, now: now))"
        } else {
            next = "next when the timer starts it"
        }
        let budget = last.callBudget > 0 ? "\(callsInLastDay.formatted()) of \(last.callBudget.formatted()) daily calls" : "\(callsInLastDay.formatted()) calls in 24 h"
        let failed = failures == 0 ? "no failures" : "\(failures) failed in a row (backing off)"
        return [first, "\(next) · \(failed) · \(budget)"]
    }

    /// `21:06:14` today, `Dec 1 21:06` on another day.
    static func time(_ seconds: TimeInterval, now: TimeInterval) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        let calendar = Calendar.current
        formatter.dateFormat = calendar.isDate(Date(timeIntervalSince1970: seconds), inSameDayAs: Date(timeIntervalSince1970: now)) ? "HH:mm:ss" : "MMM d HH:mm"
        return formatter.string(from: Date(timeIntervalSince1970: seconds))
    }
}
