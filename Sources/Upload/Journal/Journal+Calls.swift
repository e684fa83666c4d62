import Foundation
import GongClient
import GRDB

/// Every call made to Gong, so that the company's rolling 24-hour budget (10,000 calls by
/// default, gong-crm-api.md §1.4) can be shown and kept.
extension Journal {
    public func recordCall(endpoint: String, status: Int?, at time: TimeInterval = Date().timeIntervalSince1970) throws {
        try pool.write { db in
            try db.execute(sql: "INSERT INTO call (at, endpoint, status) VALUES (?, ?, ?)", arguments: [time, endpoint, status])
        }
    }

    /// Records a call the client made (an attempt that got an answer or none); other events are not calls.
    public func record(_ event: ClientEvent) {
        guard case .called(let endpoint, let status) = event else { return }
        try? recordCall(endpoint: endpoint, status: status)
    }

    /// Calls made in the 24 hours before `time`.
    public func callsInLastDay(before time: TimeInterval = Date().timeIntervalSince1970) throws -> Int {
        try pool.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM call WHERE at > ? AND at <= ?", arguments: [time - 86_400, time]) ?? 0
        }
    }

    /// Calls made by the requests of one endpoint since `time` (tests and `status`).
    public func calls(endpoint: String, since time: TimeInterval) throws -> Int {
        try pool.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM call WHERE endpoint = ? AND at >= ?", arguments: [endpoint, time]) ?? 0
        }
    }

    /// Forgets calls made more than two days before `time`: the budget looks back 24 hours, and
    /// a sync every few minutes would otherwise add a row per call forever.
    public func forgetOldCalls(before time: TimeInterval = Date().timeIntervalSince1970) throws {
        try pool.write { db in try db.execute(sql: "DELETE FROM call WHERE at < ?", arguments: [time - 2 * 86_400]) }
    }
}
