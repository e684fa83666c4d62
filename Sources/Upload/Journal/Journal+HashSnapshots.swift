import Foundation
import GRDB

/// Snapshots of the stored hashes beside the journal, so a sync cycle reads one file instead of
/// 1.6 M rows of SQLite (about half a second of a 4-second cycle).
///
/// A snapshot is a file `hashes/<integrationId>-<TYPE>-<token>.bin` registered in the
/// `hashSnapshot` table. While a type has one, every change to its stored hashes is also logged in
/// `recordChange` (by triggers, in the changing transaction), and a read is the snapshot plus the log. A snapshot is
/// registered only if no stored hash changed since the rows it holds were read (`recordVersion`
/// moves with every change), and registering clears the log; a missing or unreadable file, an
/// unknown token or a count that disagrees with the journal means a read of the rows instead.
extension Journal {
    /// Types with fewer records are read from the rows every time: their snapshots would save little.
    static let snapshotMinimumRecords = 10_000

    static func createHashSnapshotTables(_ db: Database) throws {
        // The log is kept by triggers, so every writer of `record` keeps it: this code, a gongmap
        // of an earlier version still running a sync, or SQL typed by hand.
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
            CREATE TRIGGER record_inserted AFTER INSERT ON record BEGIN
                UPDATE setting SET value = CAST(value AS INTEGER) + 1 WHERE key = 'recordVersion';
                INSERT INTO recordChange (integrationId, objectType, idHash, contentHash)
                    SELECT NEW.integrationId, NEW.objectType, NEW.idHash, NEW.contentHash
                    WHERE EXISTS (SELECT 1 FROM hashSnapshot WHERE integrationId = NEW.integrationId AND objectType = NEW.objectType);
            END;
            CREATE TRIGGER record_updated AFTER UPDATE ON record BEGIN
                UPDATE setting SET value = CAST(value AS INTEGER) + 1 WHERE key = 'recordVersion';
                INSERT INTO recordChange (integrationId, objectType, idHash, contentHash)
                    SELECT OLD.integrationId, OLD.objectType, OLD.idHash, NULL
                    WHERE (OLD.idHash <> NEW.idHash OR OLD.integrationId <> NEW.integrationId OR OLD.objectType <> NEW.objectType)
                      AND EXISTS (SELECT 1 FROM hashSnapshot WHERE integrationId = OLD.integrationId AND objectType = OLD.objectType);
                INSERT INTO recordChange (integrationId, objectType, idHash, contentHash)
                    SELECT NEW.integrationId, NEW.objectType, NEW.idHash, NEW.contentHash
                    WHERE EXISTS (SELECT 1 FROM hashSnapshot WHERE integrationId = NEW.integrationId AND objectType = NEW.objectType);
            END;
            CREATE TRIGGER record_deleted AFTER DELETE ON record BEGIN
                UPDATE setting SET value = CAST(value AS INTEGER) + 1 WHERE key = 'recordVersion';
                INSERT INTO recordChange (integrationId, objectType, idHash, contentHash)
                    SELECT OLD.integrationId, OLD.objectType, OLD.idHash, NULL
                    WHERE EXISTS (SELECT 1 FROM hashSnapshot WHERE integrationId = OLD.integrationId AND objectType = OLD.objectType);
            END;
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
        /// The type has a snapshot registered, used or not.
        let registered: Bool
        let integrationId: Int64
        let objectType: String
        /// `recordVersion` when the table was read.
        let version: String
    }

    /// The stored hashes of a type: a snapshot and the changes since, or else every row.
    public func readStoredHashes(integrationId: Int64, objectType: String) throws -> StoredHashesRead {
        try pool.read { db in
            let version = try String.fetchOne(db, sql: "SELECT value FROM setting WHERE key = 'recordVersion'") ?? ""
            let count = try Int.fetchOne(db, sql: "SELECT count(*) FROM record WHERE integrationId = ? AND objectType = ?", arguments: [integrationId, objectType]) ?? 0
            let token = try Int64.fetchOne(db, sql: "SELECT token FROM hashSnapshot WHERE integrationId = ? AND objectType = ?", arguments: [integrationId, objectType])
            if let token, let fromSnapshot = try snapshotWithChanges(db, token: token, integrationId: integrationId, objectType: objectType), fromSnapshot.table.count == count {
                return StoredHashesRead(table: fromSnapshot.table, origin: .snapshot(changes: fromSnapshot.changes), registered: true,
                                        integrationId: integrationId, objectType: objectType, version: version)
            }
            let table = try Self.storedHashRows(db, integrationId: integrationId, objectType: objectType, count: count)
            return StoredHashesRead(table: table, origin: .rows, registered: token != nil, integrationId: integrationId, objectType: objectType, version: version)
        }
    }

    /// Writes a read's table as its type's snapshot when the type has none yet or its log has
    /// grown long. Best effort: without a snapshot the next read takes the rows.
    public func snapshotIfUseful(_ read: StoredHashesRead) {
        let logTooLong = if case .snapshot(let changes) = read.origin { changes > max(4_096, read.table.count / 16) } else { false }
        if logTooLong || (read.origin == .rows && read.table.count >= Self.snapshotMinimumRecords) {
            try? register(read.table, of: read, ifVersion: read.version)
        } else if read.origin == .rows && read.registered {
            // A snapshot that could not be used, of a type now too small for one: its log would only grow.
            try? register(nil, of: read, ifVersion: read.version)
        }
    }

    private var snapshotFolder: String { (path as NSString).deletingLastPathComponent + "/hashes" }

    private func snapshotPath(integrationId: Int64, objectType: String, token: Int64) -> String {
        "\(snapshotFolder)/\(integrationId)-\(objectType)-\(String(UInt64(bitPattern: token), radix: 16)).bin"
    }

    private func snapshotWithChanges(_ db: Database, token: Int64, integrationId: Int64, objectType: String) throws -> (table: StoredHashes, changes: Int)? {
        guard var table = HashSnapshotFile.read(snapshotPath(integrationId: integrationId, objectType: objectType, token: token), token: token) else { return nil }
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

    /// Writes `table` as the type's snapshot and registers it (nil: the type has no snapshot any
    /// more), unless a stored hash changed since it was read (`version`). Files of snapshots no
    /// longer registered are removed.
    private func register(_ table: StoredHashes?, of read: StoredHashesRead, ifVersion version: String) throws {
        let (integrationId, objectType) = (read.integrationId, read.objectType)
        let token = Int64.random(in: .min ... .max)
        let path = snapshotPath(integrationId: integrationId, objectType: objectType, token: token)
        if let table {
            try FileManager.default.createDirectory(atPath: snapshotFolder, withIntermediateDirectories: true)
            try HashSnapshotFile.write(table, token: token, to: path)
        }
        let registered = try pool.write { db in
            guard try String.fetchOne(db, sql: "SELECT value FROM setting WHERE key = 'recordVersion'") == version else { return false }
            if table == nil {
                try db.execute(sql: "DELETE FROM hashSnapshot WHERE integrationId = ? AND objectType = ?", arguments: [integrationId, objectType])
            } else {
                try db.execute(sql: "INSERT OR REPLACE INTO hashSnapshot (integrationId, objectType, token) VALUES (?, ?, ?)", arguments: [integrationId, objectType, token])
            }
            try db.execute(sql: "DELETE FROM recordChange WHERE integrationId = ? AND objectType = ?", arguments: [integrationId, objectType])
            return true
        }
        guard registered else {
            try? FileManager.default.removeItem(atPath: path)
            return
        }
        let prefix = "\(integrationId)-\(objectType)-", kept = (path as NSString).lastPathComponent
        for name in (try? FileManager.default.contentsOfDirectory(atPath: snapshotFolder)) ?? [] where name.hasPrefix(prefix) && name != kept {
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
        // Not atomic: the file is registered only once written and on disk; a partial one is removed with the next.
        guard FileManager.default.createFile(atPath: path, contents: nil), let file = FileHandle(forWritingAtPath: path) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
        }
        defer { try? file.close() }
        try words.withUnsafeBytes { try file.write(contentsOf: $0) }
        try file.synchronize()
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
