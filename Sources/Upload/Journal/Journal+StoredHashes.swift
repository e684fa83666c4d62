import Foundation
import GRDB
#if canImport(GRDBSQLite)
import GRDBSQLite
#else
import SQLite3
#endif

/// The content hashes of accepted records, read as a `StoredHashes` table by the key of each
/// objectId (kept in the `idHash` column, so reading 1.6 M of them makes no String).
extension Journal {
    static func addIdHashes(_ db: Database) throws {
        try db.execute(sql: "ALTER TABLE record ADD COLUMN idHash INTEGER NOT NULL DEFAULT 0")
        let idHash = DatabaseFunction("gongmap_id_hash", argumentCount: 1, pure: true) { values in
            String.fromDatabaseValue(values[0]).map { Int64(bitPattern: StoredHashes.key($0)) }
        }
        db.add(function: idHash)
        try db.execute(sql: "UPDATE record SET idHash = gongmap_id_hash(objectId)")
        db.remove(function: idHash)
    }

    public func storedHashes(integrationId: Int64, objectType: String) throws -> StoredHashes {
        let read = try readStoredHashes(integrationId: integrationId, objectType: objectType)
        snapshotIfUseful(read)
        return read.table
    }

    /// Every stored hash of a type, read from the rows (`count` of them: sized first, since
    /// growing by doubling would insert every hash about twice).
    static func storedHashRows(_ db: Database, integrationId: Int64, objectType: String, count: Int) throws -> StoredHashes {
        var table = StoredHashes(capacity: count)
        // Straight through SQLite: 1.6 M rows through GRDB's Row took a second.
        let statement = try db.makeStatement(sql: "SELECT idHash, contentHash FROM record WHERE integrationId = ? AND objectType = ?")
        try statement.setArguments([integrationId, objectType])
        let handle = statement.sqliteStatement
        defer { sqlite3_reset(handle) }
        while true {
            let code = sqlite3_step(handle)
            guard code == SQLITE_ROW else {
                if code == SQLITE_DONE { break }
                throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
            }
            table.set(sqlite3_column_int64(handle, 1), forKey: UInt64(bitPattern: sqlite3_column_int64(handle, 0)))
        }
        return table
    }

    /// Every objectId Gong accepted of a type (to find the ones gone from the export).
    public func objectIds(integrationId: Int64, objectType: String) throws -> [String] {
        try pool.read { db in
            try String.fetchAll(db, sql: "SELECT objectId FROM record WHERE integrationId = ? AND objectType = ?", arguments: [integrationId, objectType])
        }
    }
}
