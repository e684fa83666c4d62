import CRMExport
import Foundation
import GongCRM
import GRDB

/// The upload journal: runs, the files each run sends with their clientRequestIds and Gong's
/// answers, events, and a content hash per uploaded record. SQLite in WAL mode, so another
/// process (the TUI, `gongmap status --watch`) reads it while an upload writes it.
///
/// Everything is written before and after each network step; a killed run resumes from here.
public final class Journal: Sendable {
    public let path: String
    let pool: DatabasePool

    public init(path: String) throws {
        self.path = path
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        pool = try DatabasePool(path: path, configuration: configuration)
        try Self.migrator.migrate(pool)
        if try pool.read(Self.migrator.hasBeenSuperseded) {
            throw JournalError(description: "\(path): this journal was written by a newer gongmap; use that one (gongmap --version tells which you run)")
        }
    }

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE run (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    startedAt TEXT NOT NULL,
                    finishedAt TEXT,
                    state TEXT NOT NULL,
                    mapping TEXT NOT NULL,
                    export TEXT NOT NULL,
                    baseURL TEXT NOT NULL,
                    integrationId INTEGER,
                    processId INTEGER NOT NULL,
                    summary TEXT
                );
                CREATE TABLE file (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    runId INTEGER NOT NULL REFERENCES run(id),
                    sequence INTEGER NOT NULL,
                    path TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    objectType TEXT NOT NULL,
                    layer INTEGER,
                    records INTEGER NOT NULL,
                    bytes INTEGER NOT NULL,
                    sha256 TEXT NOT NULL,
                    clientRequestId TEXT NOT NULL UNIQUE,
                    state TEXT NOT NULL,
                    successes INTEGER,
                    failures INTEGER,
                    errors TEXT,
                    sentAt TEXT,
                    finishedAt TEXT
                );
                CREATE INDEX file_run ON file(runId, sequence);
                CREATE TABLE event (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    runId INTEGER NOT NULL REFERENCES run(id),
                    at TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    message TEXT NOT NULL
                );
                CREATE TABLE record (
                    integrationId INTEGER NOT NULL,
                    objectType TEXT NOT NULL,
                    objectId TEXT NOT NULL,
                    contentHash INTEGER NOT NULL,
                    runId INTEGER NOT NULL,
                    PRIMARY KEY (integrationId, objectType, objectId)
                ) WITHOUT ROWID;
                """)
        }
        migrator.registerMigration("v2") { db in
            try db.execute(sql: """
                ALTER TABLE run ADD COLUMN nonce TEXT;
                ALTER TABLE run ADD COLUMN plannedAt TEXT;
                ALTER TABLE run ADD COLUMN leftOut INTEGER NOT NULL DEFAULT 0;
                UPDATE run SET plannedAt = startedAt WHERE EXISTS (SELECT 1 FROM file WHERE file.runId = run.id);
                CREATE TABLE call (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    at REAL NOT NULL,
                    endpoint TEXT NOT NULL,
                    status INTEGER
                );
                CREATE INDEX call_at ON call(at);
                CREATE TABLE schemaField (
                    integrationId INTEGER NOT NULL,
                    objectType TEXT NOT NULL,
                    uniqueName TEXT NOT NULL,
                    type TEXT NOT NULL,
                    registeredAt TEXT NOT NULL,
                    PRIMARY KEY (integrationId, objectType, uniqueName)
                ) WITHOUT ROWID;
                """)
        }
        migrator.registerMigration("v3") { db in
            try db.execute(sql: """
                ALTER TABLE run ADD COLUMN runTimestamp TEXT;
                ALTER TABLE run ADD COLUMN stampedTypes TEXT;
                """)
        }
        migrator.registerMigration("v4", migrate: createCycleTable)
        migrator.registerMigration("v5", migrate: addIdHashes)
        migrator.registerMigration("v6", migrate: createReadCursorTables)
        migrator.registerMigration("v7") { db in
            // A journal with runs keeps the hash its records were made with (an earlier gongmap may
            // be in the middle of its first upload, with no record stored yet).
            try db.execute(sql: """
                CREATE TABLE setting (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL) WITHOUT ROWID;
                INSERT INTO setting (key, value) VALUES ('contentHash', CASE WHEN EXISTS (SELECT 1 FROM run) THEN 'fnv1a' ELSE 'words' END);
                """)
        }
        migrator.registerMigration("v8") { db in
            // Runs of earlier versions kept an export given as postgres://user:password@… whole.
            let redact = DatabaseFunction("gongmap_redact", argumentCount: 1, pure: true) { values in
                String.fromDatabaseValue(values[0]).map { PostgresLocation.redactingURLs(in: $0) }
            }
            db.add(function: redact)
            try db.execute(sql: "UPDATE run SET export = gongmap_redact(export) WHERE export LIKE '%postgres%://%'")
            db.remove(function: redact)
        }
        migrator.registerMigration("v9", migrate: createHashSnapshotTables)
        return migrator
    }

    /// How this journal's content hashes are made.
    func contentHashAlgorithm() throws -> ContentHash.Algorithm {
        let name = try pool.read { db in try String.fetchOne(db, sql: "SELECT value FROM setting WHERE key = 'contentHash'") }
        guard let name, let algorithm = ContentHash.Algorithm(rawValue: name) else {
            throw JournalError(description: "\(path): the journal's content hash '\(name ?? "(none)")' is unknown to this gongmap; use the gongmap that wrote it")
        }
        return algorithm
    }

    public struct JournalError: Error, CustomStringConvertible {
        public var description: String
    }

    // MARK: Runs

    /// `rejected`: Gong rejected records; `incomplete`: it rejected none, but records were left out by
    /// validation or not confirmed by Gong.
    public enum RunState: String, Sendable, Codable { case running, done, rejected, incomplete, failed, interrupted }

    public struct Run: Sendable, Equatable, Codable {
        public var id: Int64
        public var startedAt: String
        public var finishedAt: String?
        public var state: RunState
        public var mapping: String
        public var export: String
        public var baseURL: String
        public var integrationId: Int64?
        public var processId: Int32
        public var summary: String?
        /// The random part of the run's clientRequestIds, minted when the run starts.
        public var nonce: String?
        /// Set when the run's files are all in the journal; a run without it is planned again.
        public var plannedAt: String?
        /// Records of the export that validation left out of the plan.
        public var leftOut: Int
        /// The run's time as `@now` wrote it, and the entities whose modifiedDate it is.
        public var runTimestamp: String?
        public var stampedTypes: [String]
    }

    /// `export` is kept without database passwords.
    public func startRun(mapping: String, export: String, baseURL: String, at time: String) throws -> Int64 {
        try pool.write { db in
            try db.execute(sql: "INSERT INTO run (startedAt, state, mapping, export, baseURL, processId, nonce) VALUES (?, 'running', ?, ?, ?, ?, ?)",
                           arguments: [time, mapping, PostgresLocation.redactingURLs(in: export), baseURL, ProcessInfo.processInfo.processIdentifier, Self.mintNonce()])
            return db.lastInsertedRowID
        }
    }

    /// Twelve random letters and digits (62 bits): no other journal, folder or machine makes the
    /// same clientRequestIds, which Gong keeps for the life of the integration (gong-crm-api.md §6b).
    static func mintNonce() -> String {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789".utf8)
        return String(decoding: (0..<12).map { _ in alphabet[Int(generator.next(upperBound: UInt64(alphabet.count)))] }, as: UTF8.self)
    }

    /// Marks a resumed run as running in this process again.
    public func resumeRun(_ run: Int64) throws {
        try pool.write { db in
            try db.execute(sql: "UPDATE run SET state = 'running', processId = ? WHERE id = ?", arguments: [ProcessInfo.processInfo.processIdentifier, run])
        }
    }

    public func setIntegration(_ integrationId: Int64, run: Int64) throws {
        try pool.write { db in try db.execute(sql: "UPDATE run SET integrationId = ? WHERE id = ?", arguments: [integrationId, run]) }
    }

    public func finishRun(_ run: Int64, state: RunState, summary: String?, at time: String) throws {
        try pool.write { db in
            try db.execute(sql: "UPDATE run SET state = ?, summary = ?, finishedAt = ? WHERE id = ?", arguments: [state.rawValue, summary, time, run])
        }
    }

    /// When each finished run before `run` finished.
    func finishedRuns(before run: Int64) throws -> [Int64: String] {
        try pool.read { db in
            var times: [Int64: String] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT id, finishedAt FROM run WHERE id < ? AND finishedAt IS NOT NULL AND state NOT IN ('running', 'interrupted')",
                                        arguments: [run]) {
                times[row["id"]] = row["finishedAt"]
            }
            return times
        }
    }

    public func runs(limit: Int = 50) throws -> [Run] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM run ORDER BY id DESC LIMIT ?", arguments: [limit]).map(Self.run)
        }
    }

    public func run(_ id: Int64) throws -> Run? {
        try pool.read { db in try Row.fetchOne(db, sql: "SELECT * FROM run WHERE id = ?", arguments: [id]).map(Self.run) }
    }

    /// Runs left `running` by a process that is gone: they were interrupted (and can be resumed).
    public func unfinishedRuns() throws -> [Run] {
        try pool.read { db in try Row.fetchAll(db, sql: "SELECT * FROM run WHERE state IN ('running', 'interrupted') ORDER BY id").map(Self.run) }
    }

    private static func run(_ row: Row) -> Run {
        Run(id: row["id"], startedAt: row["startedAt"], finishedAt: row["finishedAt"], state: RunState(rawValue: row["state"]) ?? .failed,
            mapping: row["mapping"], export: row["export"], baseURL: row["baseURL"], integrationId: row["integrationId"], processId: row["processId"],
            summary: row["summary"], nonce: row["nonce"], plannedAt: row["plannedAt"], leftOut: row["leftOut"], runTimestamp: row["runTimestamp"],
            stampedTypes: (row["stampedTypes"] as String?).map { $0.split(separator: ",").map(String.init) } ?? [])
    }

    // MARK: Files

    public enum FileState: String, Sendable, Codable {
        /// Written in the plan, not sent yet.
        case planned
        /// About to be sent (or sent without an answer): resend with the same clientRequestId.
        case sending
        /// Gong has it (201 or 409); waiting for its status.
        case sent
        case done
        case failed
    }

    public struct File: Sendable, Equatable, Codable {
        public var id: Int64
        public var runId: Int64
        public var sequence: Int
        public var path: String
        public var kind: String
        public var objectType: String
        public var layer: Int?
        public var records: Int
        public var bytes: Int
        public var sha256: String
        public var clientRequestId: String
        public var state: FileState
        public var successes: Int?
        public var failures: Int?
        /// Gong's line errors as JSON.
        public var errors: String?
        public var sentAt: String?
        public var finishedAt: String?

        public var isFinished: Bool { state == .done || state == .failed }
        /// Records of a finished file that Gong neither confirmed nor rejected line by line.
        public var unconfirmed: Int { isFinished ? max(0, records - (successes ?? 0) - (failures ?? 0)) : 0 }
        /// Gong rejected the file with a general error (line 0), saying nothing of its records one by one.
        public var failedWhole: Bool {
            guard let errors, let listed = try? JSONDecoder().decode([GongAPI.LineError].self, from: Data(errors.utf8)) else { return false }
            return listed.contains { $0.line == 0 }
        }
    }

    public func addFile(run: Int64, sequence: Int, path: String, kind: String, objectType: String, layer: Int?, records: Int, bytes: Int,
                        sha256: String, clientRequestId: String) throws -> Int64 {
        try pool.write { db in
            try db.execute(sql: """
                INSERT INTO file (runId, sequence, path, kind, objectType, layer, records, bytes, sha256, clientRequestId, state)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'planned')
                """, arguments: [run, sequence, path, kind, objectType, layer, records, bytes, sha256, clientRequestId])
            return db.lastInsertedRowID
        }
    }

    /// A file of a plan, as `recordPlan` stores it.
    public struct PlannedFile: Sendable {
        public var path: String
        public var kind: String
        public var objectType: String
        public var layer: Int?
        public var records: Int
        public var bytes: Int
        public var sha256: String
        public var clientRequestId: String

        public init(path: String, kind: String, objectType: String, layer: Int?, records: Int, bytes: Int, sha256: String, clientRequestId: String) {
            (self.path, self.kind, self.objectType, self.layer, self.records, self.bytes, self.sha256, self.clientRequestId) =
                (path, kind, objectType, layer, records, bytes, sha256, clientRequestId)
        }
    }

    /// Stores a run's whole plan in one transaction: its files (replacing any of an earlier,
    /// unfinished attempt to plan it), the records validation left out, and the time it was planned.
    public func recordPlan(run: Int64, files: [PlannedFile], leftOut: Int, runTimestamp: String, stampedTypes: [String], at time: String) throws {
        try pool.write { db in
            try db.execute(sql: "DELETE FROM file WHERE runId = ?", arguments: [run])
            let insert = try db.makeStatement(sql: """
                INSERT INTO file (runId, sequence, path, kind, objectType, layer, records, bytes, sha256, clientRequestId, state)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'planned')
                """)
            for (index, file) in files.enumerated() {
                try insert.execute(arguments: [run, index + 1, file.path, file.kind, file.objectType, file.layer, file.records, file.bytes, file.sha256, file.clientRequestId])
            }
            try db.execute(sql: "UPDATE run SET plannedAt = ?, leftOut = ?, runTimestamp = ?, stampedTypes = ? WHERE id = ?",
                           arguments: [time, leftOut, runTimestamp, stampedTypes.joined(separator: ","), run])
        }
    }

    /// Gives a file that was never sent a new clientRequestId.
    public func renewClientRequestId(file: Int64, to id: String) throws {
        try pool.write { db in
            try db.execute(sql: "UPDATE file SET clientRequestId = ?, state = 'planned' WHERE id = ?", arguments: [id, file])
        }
    }

    public func setFileState(_ file: Int64, _ state: FileState, at time: String, successes: Int? = nil, failures: Int? = nil, errors: String? = nil) throws {
        try pool.write { db in
            switch state {
            case .sending, .planned:
                try db.execute(sql: "UPDATE file SET state = ? WHERE id = ?", arguments: [state.rawValue, file])
            case .sent:
                try db.execute(sql: "UPDATE file SET state = ?, sentAt = ? WHERE id = ?", arguments: [state.rawValue, time, file])
            case .done, .failed:
                try db.execute(sql: "UPDATE file SET state = ?, finishedAt = ?, successes = ?, failures = ?, errors = ? WHERE id = ?",
                               arguments: [state.rawValue, time, successes, failures, errors, file])
            }
        }
    }

    public func files(run: Int64) throws -> [File] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM file WHERE runId = ? ORDER BY sequence", arguments: [run]).map { row in
                File(id: row["id"], runId: row["runId"], sequence: row["sequence"], path: row["path"], kind: row["kind"], objectType: row["objectType"],
                     layer: row["layer"], records: row["records"], bytes: row["bytes"], sha256: row["sha256"], clientRequestId: row["clientRequestId"],
                     state: FileState(rawValue: row["state"]) ?? .planned, successes: row["successes"], failures: row["failures"], errors: row["errors"],
                     sentAt: row["sentAt"], finishedAt: row["finishedAt"])
            }
        }
    }

    /// True when any run ever used this clientRequestId (they must never repeat for new content).
    public func clientRequestIdIsUsed(_ id: String) throws -> Bool {
        try pool.read { db in try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM file WHERE clientRequestId = ?)", arguments: [id]) ?? false }
    }

    // MARK: Events

    public func addEvent(run: Int64, kind: String, message: String, at time: String) throws {
        try pool.write { db in
            try db.execute(sql: "INSERT INTO event (runId, at, kind, message) VALUES (?, ?, ?, ?)", arguments: [run, time, kind, message])
        }
    }

    public func events(run: Int64) throws -> [(at: String, kind: String, message: String)] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT at, kind, message FROM event WHERE runId = ? ORDER BY id", arguments: [run]).map { ($0["at"], $0["kind"], $0["message"]) }
        }
    }

    // MARK: Record state

    /// Content hashes of the records Gong accepted, for incremental uploads.
    public func contentHashes(integrationId: Int64, objectType: String) throws -> [String: Int64] {
        try pool.read { db in
            var hashes: [String: Int64] = [:]
            let cursor = try Row.fetchCursor(db, sql: "SELECT objectId, contentHash FROM record WHERE integrationId = ? AND objectType = ?",
                                             arguments: [integrationId, objectType])
            while let row = try cursor.next() { hashes[row["objectId"]] = row["contentHash"] }
            return hashes
        }
    }

    /// The records whose current content Gong accepted in `run`.
    public func objectIds(integrationId: Int64, objectType: String, acceptedIn run: Int64) throws -> Set<String> {
        try pool.read { db in
            Set(try String.fetchAll(db, sql: "SELECT objectId FROM record WHERE integrationId = ? AND objectType = ? AND runId = ?",
                                    arguments: [integrationId, objectType, run]))
        }
    }

    /// Records Gong accepted; a hash of 0 with `deleted` removes the record's state.
    public func saveContentHashes(_ entries: [(objectId: String, hash: Int64, deleted: Bool)], integrationId: Int64, objectType: String, run: Int64) throws {
        try pool.write { db in
            let upsert = try db.makeStatement(sql: """
                INSERT INTO record (integrationId, objectType, objectId, contentHash, runId, idHash) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (integrationId, objectType, objectId) DO UPDATE SET contentHash = excluded.contentHash, runId = excluded.runId
                """)
            let delete = try db.makeStatement(sql: "DELETE FROM record WHERE integrationId = ? AND objectType = ? AND objectId = ?")
            for entry in entries {
                if entry.deleted {
                    try delete.execute(arguments: [integrationId, objectType, entry.objectId])
                } else {
                    try upsert.execute(arguments: [integrationId, objectType, entry.objectId, entry.hash, run, Int64(bitPattern: StoredHashes.key(entry.objectId))])
                }
            }
        }
    }
}
