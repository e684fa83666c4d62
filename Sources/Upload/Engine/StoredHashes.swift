import CRMExport
import Foundation
import GongCRM

/// The content hashes of the records Gong accepted, by a 64-bit hash of the objectId: 16 bytes a
/// record in one flat table instead of a dictionary of Strings (about 150 MB and most of a quiet
/// sync cycle's time for 1.6 M records). Two objectIds with the same hash (about one chance in
/// 10⁷ for 1.6 M records) can only make a record count as changed, never as unchanged: its line's
/// content hash would have to match the other record's too.
public struct StoredHashes: Sendable {
    /// Key and content hash side by side (slot i at 2i and 2i+1): a lookup misses the cache once, not twice.
    private var slots: [UInt64]
    private var mask: Int
    public private(set) var count = 0

    public init(capacity: Int = 0) {
        var size = 16
        while size * 3 < capacity * 4 { size *= 2 }
        slots = [UInt64](repeating: 0, count: 2 * size)
        mask = size - 1
    }

    public var isEmpty: Bool { count == 0 }

    /// The key of an objectId; never 0, which marks an empty slot.
    @inline(__always)
    public static func key(_ objectId: UnsafeBufferPointer<UInt8>) -> UInt64 {
        let hash = StableHash.hash(objectId)
        return hash == 0 ? 1 : hash
    }

    public static func key(_ objectId: String) -> UInt64 {
        var text = objectId
        return text.withUTF8 { key($0) }
    }

    public mutating func set(_ contentHash: Int64, forKey key: UInt64) {
        if (count + 1) * 4 > (mask + 1) * 3 { grow() }
        var slot = Int(truncatingIfNeeded: key) & mask
        while slots[2 * slot] != 0 && slots[2 * slot] != key { slot = (slot + 1) & mask }
        if slots[2 * slot] == 0 { count += 1 }
        slots[2 * slot] = key
        slots[2 * slot + 1] = UInt64(bitPattern: contentHash)
    }

    @inline(__always)
    public func contentHash(forKey key: UInt64) -> Int64? {
        slots.withUnsafeBufferPointer { slots in
            var slot = Int(truncatingIfNeeded: key) & mask
            while true {
                let found = slots[2 * slot]
                if found == key { return Int64(bitPattern: slots[2 * slot + 1]) }
                if found == 0 { return nil }
                slot = (slot + 1) & mask
            }
        }
    }

    public func contentHash(of objectId: UnsafeBufferPointer<UInt8>) -> Int64? { contentHash(forKey: Self.key(objectId)) }

    /// Forgets a key (a record Gong deleted). The entries after it in its run move back, so
    /// every lookup still stops at the first empty slot.
    public mutating func remove(forKey key: UInt64) {
        var hole = Int(truncatingIfNeeded: key) & mask
        while slots[2 * hole] != key {
            if slots[2 * hole] == 0 { return }
            hole = (hole + 1) & mask
        }
        var next = hole
        while true {
            next = (next + 1) & mask
            let moving = slots[2 * next]
            if moving == 0 { break }
            let home = Int(truncatingIfNeeded: moving) & mask
            // The entry may fill the hole only if its home is not cyclically within (hole, next].
            let staysPut = hole <= next ? (hole < home && home <= next) : (hole < home || home <= next)
            if staysPut { continue }
            slots[2 * hole] = moving
            slots[2 * hole + 1] = slots[2 * next + 1]
            hole = next
        }
        slots[2 * hole] = 0
        slots[2 * hole + 1] = 0
        count -= 1
    }

    /// Every key with its content hash, in the order of the table's slots (inserted in this order
    /// into a table of the same size, they land close to where they lay).
    func forEach(_ body: (UInt64, Int64) throws -> Void) rethrows {
        for slot in stride(from: 0, to: slots.count, by: 2) where slots[slot] != 0 { try body(slots[slot], Int64(bitPattern: slots[slot + 1])) }
    }

    private mutating func grow() {
        let old = slots
        slots = [UInt64](repeating: 0, count: 2 * old.count)
        mask = old.count - 1
        count = 0
        for slot in stride(from: 0, to: old.count, by: 2) where old[slot] != 0 { set(Int64(bitPattern: old[slot + 1]), forKey: old[slot]) }
    }
}

/// The stored hashes of every entity, read from the journal on a background thread while the
/// pass over the export starts (reading 1.6 M of them takes about a second); a type's table is
/// waited for when its first record arrives.
final class StoredHashesLoader: @unchecked Sendable {
    private let condition = NSCondition()
    private var tables: [StoredHashes?]
    private var failure: (any Error)?
    /// The background read has ended, snapshots written.
    private var finished = true

    /// How the hashes were made, and how lines are hashed to compare with them.
    let algorithm: ContentHash.Algorithm

    /// Tables given ready (none: every type empty).
    init(ready: [EntityType: StoredHashes] = [:], algorithm: ContentHash.Algorithm = .words) {
        tables = EntityType.uploadOrder.map { ready[$0] ?? StoredHashes() }
        self.algorithm = algorithm
    }

    /// Starts reading the tables of `integrationId` from `journal`, in upload order.
    init(journal: Journal, integrationId: Int64) throws {
        algorithm = try journal.contentHashAlgorithm()
        tables = EntityType.uploadOrder.map { _ in nil }
        finished = false
        let thread = Thread { [self] in
            defer {
                condition.lock()
                finished = true
                condition.broadcast()
                condition.unlock()
            }
            var reads: [Journal.StoredHashesRead] = []
            for type in EntityType.uploadOrder {
                let result = Result { try journal.readStoredHashes(integrationId: integrationId, objectType: type.rawValue) }
                condition.lock()
                switch result {
                case .success(let read):
                    tables[type.orderIndex] = read.table
                    reads.append(read)
                case .failure(let error): failure = error
                }
                condition.broadcast()
                condition.unlock()
                if failure != nil { return }
            }
            // Once every table is handed over: the pass never waits for a snapshot being written.
            for read in reads { journal.snapshotIfUseful(read) }
        }
        thread.name = "gm-hashes"
        thread.start()
    }

    /// Waits for the background read to end, so a snapshot it writes is there for the next run.
    func waitUntilFinished() {
        condition.lock()
        defer { condition.unlock() }
        while !finished { condition.wait() }
    }

    func table(_ type: EntityType) throws -> StoredHashes {
        condition.lock()
        defer { condition.unlock() }
        while tables[type.orderIndex] == nil && failure == nil { condition.wait() }
        if let table = tables[type.orderIndex] { return table }
        throw failure!
    }
}
