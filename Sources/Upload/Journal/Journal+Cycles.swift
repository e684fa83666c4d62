import Foundation
import GRDB

/// The cycles of `gongmap sync`: when each started and ended, what it did, and when the next is
/// due. A cycle that found nothing changed has no run; one that sent something names its run.
extension Journal {
    static func createCycleTable(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE cycle (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                mapping TEXT NOT NULL,
                startedAt REAL NOT NULL,
                finishedAt REAL,
                outcome TEXT NOT NULL,
                runId INTEGER,
                sent INTEGER NOT NULL DEFAULT 0,
                leftOut INTEGER NOT NULL DEFAULT 0,
                calls INTEGER NOT NULL DEFAULT 0,
                message TEXT NOT NULL DEFAULT '',
                everySeconds REAL,
                nextAt REAL,
                callBudget INTEGER NOT NULL DEFAULT 0,
                processId INTEGER NOT NULL
            );
            CREATE INDEX cycle_mapping ON cycle(mapping, id);
            """)
    }

    public enum CycleOutcome: String, Sendable, Codable {
        case running
        /// Nothing new, changed or deleted: no call was made.
        case unchanged
        case done, rejected, incomplete
        /// An error stopped it (Gong unreachable, refused credentials, a refusal): the next cycles back off.
        case failed
        /// Stopped by a signal; the run resumes with the next cycle.
        case interrupted
        /// Another gongmap was uploading through the journal: nothing was done.
        case busy

        /// Outcomes that make the next cycles wait longer: Gong or the set-up is failing.
        public var isFailure: Bool { self == .failed }
    }

    public struct Cycle: Sendable, Equatable, Codable {
        public var id: Int64
        public var mapping: String
        public var startedAt: TimeInterval
        public var finishedAt: TimeInterval?
        public var outcome: CycleOutcome
        public var runId: Int64?
        /// Records sent (accepted, rejected or unconfirmed) by the cycle's run.
        public var sent: Int
        public var leftOut: Int
        /// Calls to Gong the cycle made.
        public var calls: Int
        public var message: String
        /// The schedule it ran on (nil for a single `--once` without `--every`), and when the next cycle is due.
        public var everySeconds: TimeInterval?
        public var nextAt: TimeInterval?
        public var callBudget: Int
        public var processId: Int32
    }

    /// Cycles are kept by the mapping's file name: the journal is beside the mapping, so the
    /// same file reached by another path (relative, absolute, through a link) is the same mapping.
    static func mappingKey(_ path: String) -> String { (path as NSString).lastPathComponent }

    public func startCycle(mapping: String, everySeconds: TimeInterval?, callBudget: Int, at time: TimeInterval = Date().timeIntervalSince1970) throws -> Int64 {
        try pool.write { db in
            try db.execute(sql: "INSERT INTO cycle (mapping, startedAt, outcome, everySeconds, callBudget, processId) VALUES (?, ?, 'running', ?, ?, ?)",
                           arguments: [Self.mappingKey(mapping), time, everySeconds, callBudget, ProcessInfo.processInfo.processIdentifier])
            return db.lastInsertedRowID
        }
    }

    /// Ends a cycle; its calls are those the journal recorded since it started.
    public func finishCycle(_ id: Int64, outcome: CycleOutcome, run: Int64?, sent: Int, leftOut: Int, message: String, nextAt: TimeInterval?,
                            at time: TimeInterval = Date().timeIntervalSince1970) throws {
        try pool.write { db in
            let started = try Double.fetchOne(db, sql: "SELECT startedAt FROM cycle WHERE id = ?", arguments: [id]) ?? time
            let calls = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM call WHERE at >= ? AND at <= ?", arguments: [started, time + 1]) ?? 0
            try db.execute(sql: """
                UPDATE cycle SET finishedAt = ?, outcome = ?, runId = ?, sent = ?, leftOut = ?, calls = ?, message = ?, nextAt = ? WHERE id = ?
                """, arguments: [time, outcome.rawValue, run, sent, leftOut, calls, message, nextAt, id])
        }
    }

    /// The newest cycles of a mapping, newest first.
    public func cycles(mapping: String, limit: Int = 20) throws -> [Cycle] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM cycle WHERE mapping = ? ORDER BY id DESC LIMIT ?", arguments: [Self.mappingKey(mapping), limit]).map(Self.cycle)
        }
    }

    /// Failed cycles since the last one that was not: how long the next waits.
    public func consecutiveFailures(mapping: String) throws -> Int {
        try pool.read { db in
            let outcomes = try String.fetchCursor(db, sql: "SELECT outcome FROM cycle WHERE mapping = ? AND outcome NOT IN ('running', 'busy', 'interrupted') ORDER BY id DESC",
                                                  arguments: [Self.mappingKey(mapping)])
            var failures = 0
            while let outcome = try outcomes.next(), CycleOutcome(rawValue: outcome)?.isFailure == true { failures += 1 }
            return failures
        }
    }

    /// Cycles left `running` by a process that is gone are marked interrupted.
    public func closeAbandonedCycles(mapping: String, at time: TimeInterval = Date().timeIntervalSince1970) throws {
        try pool.write { db in
            try db.execute(sql: "UPDATE cycle SET outcome = 'interrupted', finishedAt = ?, message = 'the process ended during the cycle' WHERE mapping = ? AND outcome = 'running'",
                           arguments: [time, Self.mappingKey(mapping)])
        }
    }

    private static func cycle(_ row: Row) -> Cycle {
        Cycle(id: row["id"], mapping: row["mapping"], startedAt: row["startedAt"], finishedAt: row["finishedAt"],
              outcome: CycleOutcome(rawValue: row["outcome"]) ?? .failed, runId: row["runId"], sent: row["sent"], leftOut: row["leftOut"],
              calls: row["calls"], message: row["message"], everySeconds: row["everySeconds"], nextAt: row["nextAt"],
              callBudget: row["callBudget"], processId: row["processId"])
    }

    /// The integration Gong had for `baseURL` when a run through this journal last ended, if any.
    public func knownIntegration(baseURL: String) throws -> Int64? {
        try pool.read { db in
            try Int64.fetchOne(db, sql: """
                SELECT integrationId FROM run WHERE baseURL = ? AND integrationId IS NOT NULL AND state IN ('done', 'rejected', 'incomplete')
                ORDER BY id DESC LIMIT 1
                """, arguments: [baseURL])
        }
    }
}
