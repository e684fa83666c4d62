import Foundation
import GongCRM
import GRDB

/// The emulator's data in SQLite (`gongmap emulator --data DIR`), so that a restarted emulator
/// still has the integration, schemas, records and request statuses it had — as Gong would.
final class EmulatorDatabase {
    let path: String
    private let queue: DatabaseQueue

    init(directory: String) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        path = (directory as NSString).appendingPathComponent("emulator.sqlite")
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        queue = try DatabaseQueue(path: path, configuration: configuration)
        try queue.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL") }
        try Self.migrator.migrate(queue)
    }

    private static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE setting (name TEXT PRIMARY KEY, value BLOB NOT NULL);
                CREATE TABLE schema (objectType TEXT PRIMARY KEY, fields BLOB NOT NULL);
                CREATE TABLE record (
                    objectType TEXT NOT NULL,
                    objectId TEXT NOT NULL,
                    line BLOB NOT NULL,
                    modifiedDate TEXT NOT NULL,
                    PRIMARY KEY (objectType, objectId)
                ) WITHOUT ROWID;
                CREATE TABLE request (
                    clientRequestId TEXT PRIMARY KEY,
                    objectType TEXT,
                    receivedAt DOUBLE NOT NULL,
                    file BLOB,
                    state TEXT NOT NULL,
                    errors BLOB NOT NULL,
                    totalErrors INTEGER NOT NULL,
                    totalSuccesses INTEGER NOT NULL,
                    forcedFailure BOOLEAN NOT NULL
                );
                """)
        }
        migrator.registerMigration("v2") { db in
            try db.execute(sql: "ALTER TABLE request ADD COLUMN integrationId INTEGER")
        }
        return migrator
    }

    struct Snapshot {
        var integration: EmulatorStore.StoredIntegration?
        var schemas: [EntityType: [GongAPI.SchemaField]] = [:]
        var records: [EntityType: [String: EmulatorStore.StoredRecord]] = [:]
        var requests: [String: EmulatorStore.StoredRequest] = [:]
        var counters = EmulatorStore.Counters()
    }

    func load() throws -> Snapshot {
        try queue.read { db in
            var snapshot = Snapshot()
            let decoder = JSONDecoder()
            if let data = try Data.fetchOne(db, sql: "SELECT value FROM setting WHERE name = 'integration'") {
                snapshot.integration = try decoder.decode(EmulatorStore.StoredIntegration.self, from: data)
            }
            if let data = try Data.fetchOne(db, sql: "SELECT value FROM setting WHERE name = 'counters'") {
                snapshot.counters = try decoder.decode(EmulatorStore.Counters.self, from: data)
            }
            for row in try Row.fetchAll(db, sql: "SELECT objectType, fields FROM schema") {
                guard let type = EntityType(rawValue: row["objectType"]) else { continue }
                snapshot.schemas[type] = try decoder.decode([GongAPI.SchemaField].self, from: row["fields"] as Data)
            }
            let cursor = try Row.fetchCursor(db, sql: "SELECT objectType, objectId, line, modifiedDate FROM record")
            while let row = try cursor.next() {
                guard let type = EntityType(rawValue: row["objectType"]) else { continue }
                snapshot.records[type, default: [:]][row["objectId"]] = .init(line: row["line"], modifiedDate: row["modifiedDate"])
            }
            for row in try Row.fetchAll(db, sql: "SELECT * FROM request") {
                let objectType: String? = row["objectType"]
                let errors = try decoder.decode([GongAPI.LineError].self, from: row["errors"] as Data)
                let state = try decoder.decode(GongAPI.RequestState.self, from: Data("\"\(row["state"] as String)\"".utf8))
                let request = EmulatorStore.StoredRequest(
                    clientRequestId: row["clientRequestId"], objectType: objectType.flatMap(EntityType.init(rawValue:)),
                    receivedAt: row["receivedAt"], file: row["file"], state: state, errors: errors,
                    totalErrors: row["totalErrors"], totalSuccesses: row["totalSuccesses"], forcedFailure: row["forcedFailure"],
                    integrationId: row["integrationId"])
                snapshot.requests[request.clientRequestId] = request
            }
            return snapshot
        }
    }

    func saveCounters(_ counters: EmulatorStore.Counters) throws {
        try queue.write { db in try Self.setSetting("counters", try JSONEncoder().encode(counters), db) }
    }

    func saveIntegration(_ integration: EmulatorStore.StoredIntegration?) throws {
        try queue.write { db in
            if let integration {
                try Self.setSetting("integration", try JSONEncoder().encode(integration), db)
            } else {
                try db.execute(sql: "DELETE FROM setting WHERE name = 'integration'")
            }
        }
    }

    func saveSchema(_ fields: [GongAPI.SchemaField], for type: EntityType) throws {
        try queue.write { db in
            try db.execute(sql: "INSERT OR REPLACE INTO schema (objectType, fields) VALUES (?, ?)",
                           arguments: [type.rawValue, try JSONEncoder().encode(fields)])
        }
    }

    func saveRequest(_ request: EmulatorStore.StoredRequest) throws {
        try queue.write { db in try Self.save(request, db) }
    }

    /// `changed`: records stored (or, when nil, removed) by one processed file.
    func saveProcessed(_ changed: [(String, EmulatorStore.StoredRecord?)], of type: EntityType, request: EmulatorStore.StoredRequest) throws {
        try queue.write { db in
            let upsert = try db.makeStatement(sql: "INSERT OR REPLACE INTO record (objectType, objectId, line, modifiedDate) VALUES (?, ?, ?, ?)")
            let delete = try db.makeStatement(sql: "DELETE FROM record WHERE objectType = ? AND objectId = ?")
            for (id, record) in changed {
                if let record {
                    try upsert.execute(arguments: [type.rawValue, id, record.line, record.modifiedDate])
                } else {
                    try delete.execute(arguments: [type.rawValue, id])
                }
            }
            try Self.save(request, db)
        }
    }

    func clearIntegrationData(finishing request: EmulatorStore.StoredRequest) throws {
        try queue.write { db in
            try db.execute(sql: "DELETE FROM setting WHERE name = 'integration'; DELETE FROM schema; DELETE FROM record")
            try Self.save(request, db)
        }
    }

    private static func setSetting(_ name: String, _ value: Data, _ db: Database) throws {
        try db.execute(sql: "INSERT OR REPLACE INTO setting (name, value) VALUES (?, ?)", arguments: [name, value])
    }

    private static func save(_ request: EmulatorStore.StoredRequest, _ db: Database) throws {
        try db.execute(sql: """
            INSERT OR REPLACE INTO request (clientRequestId, objectType, receivedAt, file, state, errors, totalErrors, totalSuccesses, forcedFailure, integrationId)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [request.clientRequestId, request.objectType?.rawValue, request.receivedAt, request.file,
                             request.state.rawValue, try JSONEncoder().encode(request.errors),
                             request.totalErrors, request.totalSuccesses, request.forcedFailure, request.integrationId])
    }
}
