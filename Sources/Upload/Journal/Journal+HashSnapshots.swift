import Foundation
import GRDB

/// Snapshots of the stored hashes beside the journal, so a sync cycle reads one file instead of
/// 1.6 M rows of SQLite (about half a second of a 4-second cycle).
///
/// A snapshot is a file `hashes/<integrationId>-<TYPE>-<token>.bin` registered in the
/// `hashSnapshot` table. While a type has one, every change to its stored hashes is also logged in
/// `recordChange`, in the same transaction, and a read is the snapshot plus the log. A snapshot is
/// registered only if no stored hash changed since the rows it holds were read (`recordVersion`
/// moves with every change), and registering clears the log; a missing or unreadable file, an
/// unknown token or a count that disagrees with the journal means a read of the rows instead.
extension Journal {
    /// Types with fewer records are read from the rows every time: their snapshots would save little.
    static let snapshotMinimumRecords = 10_000

    static func createHashSnapshotTables(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE hashSnapshot (
                integrationId INTEGER NOT NULL,
                objectType TEXT NOT NULL,
                token INTEGER NOT NULL,
                PRIMARY KEY (integrationId, objectType)
            ) WITHOUT ROWID;
            CREATE TABLE recordChange (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                integrationId INTEGER NOT NULL,
                objectType TEXT NOT NULL,
                idHash INTEGER NOT NULL,
                contentHash INTEGER
            );
            CREATE INDEX recordChange_type ON recordChange(integrationId, objectType, id);
            INSERT INTO setting (key, value) VALUES ('recordVersion', '0');
            """)
    }

    /// A type's stored hashes and where they came from.
    public struct StoredHashesRead: Sendable {
        public enum Origin: Equatable, Sendable {
            /// Every row of the journal.
            case rows
            /// A snapshot file and this many changes logged since.
            case snapshot(changes: Int)
        }

        public let table: StoredHashes
        public let origin: Origin
        let integrationId: Int64
        let objectType: String
        /// `recordVersion` when the table was read.
        let version: String
    }

    /// Marks a change of stored hashes; logs it for the type's snapshot if it has one. Called in
    /// the transaction that changes them.
    static func changeLog(_ db: Database, integrationId: Int64, objectType: String) throws -> Statement? {
        try db.execute(sql: "UPDATE setting SET value = CAST(value AS INTEGER) + 1 WHERE key = 'recordVersion'")
        let hasSnapshot = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM hashSnapshot WHERE integrationId = ? AND objectType = ?)",
                                            arguments: [integrationId, objectType]) ?? false
        guard hasSnapshot else { return nil }
        return try db.makeStatement(sql: "INSERT INTO recordChange (integrationId, objectType, idHash, contentHash) VALUES (?, ?, ?, ?)")
    }

    /// The stored hashes of a type: a snapshot and the changes since, or else every row.
    public func readStoredHashes(integrationId: Int64, objectType: String) throws -> StoredHashesRead {
        try pool.read { db in
            let version = try String.fetchOne(db, sql: "SELECT value FROM setting WHERE key = 'recordVersion'") ?? ""
            let count = try Int.fetchOne(db, sql: "SELECT count(*) FROM record WHERE integrationId = ? AND objectType = ?", arguments: [integrationId, objectType]) ?? 0
            if let fromSnapshot = try snapshotWithChanges(db, integrationId: integrationId, objectType: objectType), fromSnapshot.table.count == count {
                return StoredHashesRead(table: fromSnapshot.table, origin: .snapshot(changes: fromSnapshot.changes), integrationId: integrationId, objectType: objectType, version: version)
            }
            let table = try Self.storedHashRows(db, integrationId: integrationId, objectType: objectType, count: count)
            return StoredHashesRead(table: table, origin: .rows, integrationId: integrationId, objectType: objectType, version: version)
        }
    }

    /// Writes a read's table as its type's snapshot when the type has none yet or its log has
    /// grown long. Best effort: without a snapshot the next read takes the rows.
    public func snapshotIfUseful(_ read: StoredHashesRead) {
        let useful = switch read.origin {
        case .rows: read.table.count >= Self.snapshotMinimumRecords
        case .snapshot(let changes): changes > max(4_096, read.table.count / 16)
        }
        if useful { try? writeSnapshot(read.table, integrationId: read.integrationId, objectType: read.objectType, ifVersion: read.version) }
    }

    private var snapshotFolder: String { (path as NSString).deletingLastPathComponent + "/hashes" }

    private func snapshotPath(integrationId: Int64, objectType: String, token: Int64) -> String {
        "\(snapshotFolder)/\(integrationId)-\(objectType)-\(String(UInt64(bitPattern: token), radix: 16)).bin"
    }

    private func snapshotWithChanges(_ db: Database, integrationId: Int64, objectType: String) throws -> (table: StoredHashes, changes: Int)? {
        guard let token = try Int64.fetchOne(db, sql: "SELECT token FROM hashSnapshot WHERE integrationId = ? AND objectType = ?", arguments: [integrationId, objectType]),
              var table = HashSnapshotFile.read(snapshotPath(integrationId: integrationId, objectType: objectType, token: token), token: token)
        else { return nil }
        var changes = 0
        let rows = try Row.fetchCursor(db, sql: "SELECT idHash, contentHash FROM recordChange WHERE integrationId = ? AND objectType = ? ORDER BY id",
                                       arguments: [integrationId, objectType])
        while let row = try rows.next() {
            let key = UInt64(bitPattern: row[0] as Int64)
            if let hash = row[1] as Int64? { table.set(hash, forKey: key) } else { table.remove(forKey: key) }
            changes += 1
        }
        return (table, changes)
    }

    /// Writes `table` as the type's snapshot and registers it, unless a stored hash changed since
    /// it was read (`version`); the files of earlier snapshots are removed.
    private func writeSnapshot(_ table: StoredHashes, integrationId: Int64, objectType: String, ifVersion version: String) throws {
        let token = Int64.random(in: .min ... .max)
        let path = snapshotPath(integrationId: integrationId, objectType: objectType, token: token)
        try FileManager.default.createDirectory(atPath: snapshotFolder, withIntermediateDirectories: true)
        try HashSnapshotFile.write(table, token: token, to: path)
        let registered = try pool.write { db in
            guard try String.fetchOne(db, sql: "SELECT value FROM setting WHERE key = 'recordVersion'") == version else { return false }
            try db.execute(sql: "INSERT OR REPLACE INTO hashSnapshot (integrationId, objectType, token) VALUES (?, ?, ?)", arguments: [integrationId, objectType, token])
            try db.execute(sql: "DELETE FROM recordChange WHERE integrationId = ? AND objectType = ?", arguments: [integrationId, objectType])
            return true
        }
        let prefix = "\(integrationId)-\(objectType)-"
        let keep = registered ? (path as NSString).lastPathComponent : nil
        for name in (try? FileManager.default.contentsOfDirectory(atPath: snapshotFolder)) ?? [] where name.hasPrefix(prefix) && name != keep {
            try? FileManager.default.removeItem(atPath: snapshotFolder + "/" + name)
        }
    }
}

/// A snapshot file: a 32-byte header (magic, token, count, reserved) and then `count` pairs of
/// key and content hash, all 64-bit little-endian.
enum HashSnapshotFile {
    private static let magic: UInt64 = 0x3130_4853_4148_4D47  // "GMHASH01"
    private static let headerWords = 4

    static func write(_ table: StoredHashes, token: Int64, to path: String) throws {
        var words = [UInt64](repeating: 0, count: headerWords)
        words.reserveCapacity(headerWords + 2 * table.count)
        words[0] = magic.littleEndian
        words[1] = UInt64(bitPattern: token).littleEndian
        words[2] = UInt64(table.count).littleEndian
        table.forEach { key, hash in
            words.append(key.littleEndian)
            words.append(UInt64(bitPattern: hash).littleEndian)
        }
        let data = words.withUnsafeBytes { Data($0) }
        // Not atomic: the file is registered only once written, and a partial one is removed with the next.
        try data.write(to: URL(fileURLWithPath: path))
    }

    /// The table in `path`, or nil when the file is missing, short, or of another snapshot.
    static func read(_ path: String, token: Int64) -> StoredHashes? {
        guard let data = FileManager.default.contents(atPath: path), data.count >= headerWords * 8, data.count % 16 == 0 else { return nil }
        return data.withUnsafeBytes { bytes -> StoredHashes? in
            let word = { (index: Int) in UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: index * 8, as: UInt64.self)) }
            let count = Int(truncatingIfNeeded: word(2))
            guard word(0) == magic, word(1) == UInt64(bitPattern: token), count >= 0, data.count == (headerWords + 2 * count) * 8 else { return nil }
            var table = StoredHashes(capacity: count)
            for pair in 0..<count {
                let key = word(headerWords + 2 * pair)
                guard key != 0 else { return nil }
                table.set(Int64(bitPattern: word(headerWords + 2 * pair + 1)), forKey: key)
            }
            return table.count == count ? table : nil
        }
    }
}
