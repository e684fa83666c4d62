import Foundation
import GRDB

/// Where each incrementally read file of a mapping was read up to. A run's cursors are pending
/// until it ends; the value moves only when Gong answered every record of the run one by one, so
/// a record read but never confirmed is read again. The count of reads since the whole read moves
/// either way, so records that fail on every run cannot put the whole read off for ever.
extension Journal {
    static func createReadCursorTables(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE readCursor (
                mapping TEXT NOT NULL,
                file TEXT NOT NULL,
                fingerprint TEXT NOT NULL,
                value TEXT,
                partialReads INTEGER NOT NULL,
                leftOut INTEGER NOT NULL,
                readAt TEXT NOT NULL,
                PRIMARY KEY (mapping, file)
            ) WITHOUT ROWID;
            CREATE TABLE runReadCursor (
                runId INTEGER NOT NULL REFERENCES run(id),
                mapping TEXT NOT NULL,
                file TEXT NOT NULL,
                fingerprint TEXT NOT NULL,
                value TEXT,
                previousValue TEXT,
                partialReads INTEGER NOT NULL,
                leftOut INTEGER NOT NULL,
                PRIMARY KEY (runId, file)
            ) WITHOUT ROWID;
            """)
    }

    public struct ReadCursor: Sendable, Equatable {
        public var file: String
        /// What the reads depend on (the mapping, the export, the Gong and its integration): when it changes, the next read is whole.
        public var fingerprint: String
        /// The highest cursor value read, as an SQL literal of the database; nil when none was read.
        public var value: String?
        /// Where the read before this one stopped: kept when Gong did not answer every record.
        public var previousValue: String?
        /// Reads of changed rows only since the last whole read.
        public var partialReads: Int
        /// Records of the entities the file feeds that the last whole read left out for their
        /// errors: a read of changed rows does not see them, and they are still not in Gong.
        public var leftOut: Int
        public var readAt: String

        public init(file: String, fingerprint: String, value: String?, previousValue: String? = nil, partialReads: Int, leftOut: Int = 0, readAt: String) {
            self.file = file
            self.fingerprint = fingerprint
            self.value = value
            self.previousValue = previousValue
            self.partialReads = partialReads
            self.leftOut = leftOut
            self.readAt = readAt
        }
    }

    /// The mapping's cursors by file.
    public func readCursors(mapping: String) throws -> [String: ReadCursor] {
        try pool.read { db in
            var cursors: [String: ReadCursor] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT * FROM readCursor WHERE mapping = ?", arguments: [Self.mappingKey(mapping)]) {
                let cursor = ReadCursor(file: row["file"], fingerprint: row["fingerprint"], value: row["value"], partialReads: row["partialReads"],
                                        leftOut: row["leftOut"], readAt: row["readAt"])
                cursors[cursor.file] = cursor
            }
            return cursors
        }
    }

    /// The cursors a run's plan read up to; they become the mapping's when `commitReadCursors` is called.
    func recordPendingReadCursors(_ cursors: [ReadCursor], run: Int64, mapping: String) throws {
        try pool.write { db in
            try db.execute(sql: "DELETE FROM runReadCursor WHERE runId = ?", arguments: [run])
            for cursor in cursors {
                try db.execute(sql: """
                    INSERT INTO runReadCursor (runId, mapping, file, fingerprint, value, previousValue, partialReads, leftOut) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [run, Self.mappingKey(mapping), cursor.file, cursor.fingerprint, cursor.value, cursor.previousValue, cursor.partialReads, cursor.leftOut])
            }
        }
    }

    /// Moves the mapping's cursors as the run ended: to where it read when Gong answered every
    /// record one by one (`answered`), else only the count of reads.
    func commitReadCursors(run: Int64, answered: Bool, at time: String) throws {
        try pool.write { db in
            try db.execute(sql: """
                INSERT OR REPLACE INTO readCursor (mapping, file, fingerprint, value, partialReads, leftOut, readAt)
                SELECT mapping, file, fingerprint, CASE WHEN ? THEN value ELSE previousValue END, partialReads, leftOut, ? FROM runReadCursor WHERE runId = ?
                """, arguments: [answered, time, run])
            try db.execute(sql: "DELETE FROM runReadCursor WHERE runId = ?", arguments: [run])
        }
    }

    /// Moves the mapping's cursors at once (a cycle that found nothing to send).
    func saveReadCursors(_ cursors: [ReadCursor], mapping: String) throws {
        try pool.write { db in
            for cursor in cursors {
                try db.execute(sql: "INSERT OR REPLACE INTO readCursor (mapping, file, fingerprint, value, partialReads, leftOut, readAt) VALUES (?, ?, ?, ?, ?, ?, ?)",
                               arguments: [Self.mappingKey(mapping), cursor.file, cursor.fingerprint, cursor.value, cursor.partialReads, cursor.leftOut, cursor.readAt])
            }
        }
    }
}
