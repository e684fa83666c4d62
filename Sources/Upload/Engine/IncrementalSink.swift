import CRMExport
import GongCRM
import Validation

/// Passes on only records that are new or changed since Gong last accepted them: the content
/// hash of each record's LDJSON line is compared with the journal's.
final class IncrementalSink: RecordSink {
    private let writer: PlanWriter
    private let loader: StoredHashesLoader
    // Touched only by the thread of the pass, on every record: indexed by `orderIndex` (a
    // dictionary by entity hashed twice per record), without run-time exclusivity checks.
    /// Per entity, once its first record asked for it.
    @exclusivity(unchecked) private var stored: [StoredHashes?] = EntityType.uploadOrder.map { _ in nil }
    private let full: Bool
    /// Per entity: how its lines are compared.
    private let hashes: [ContentHash]
    @exclusivity(unchecked) private var tallies = EntityType.uploadOrder.map { _ in Tally() }

    struct Tally {
        var new = 0, changed = 0, unchanged = 0
    }

    /// Records new, changed and unchanged since Gong last accepted them, of the entities that had any.
    var counts: [EntityType: Tally] {
        Dictionary(uniqueKeysWithValues: EntityType.uploadOrder.map { ($0, tallies[$0.orderIndex]) }.filter { $0.1.new + $0.1.changed + $0.1.unchanged > 0 })
    }

    /// `stamped`: the entities whose modifiedDate is the run's time, `runTimestamp`.
    init(writer: PlanWriter, stored: StoredHashesLoader, full: Bool, stamped: Set<EntityType> = [], runTimestamp: String = "") {
        self.writer = writer
        loader = stored
        self.full = full
        hashes = EntityType.uploadOrder.map { ContentHash(runTimestamp: stamped.contains($0) ? runTimestamp : nil, algorithm: stored.algorithm) }
    }

    var takesEncodedRecords: Bool { true }

    private func stored(_ type: EntityType) throws -> StoredHashes {
        if let table = stored[type.orderIndex] { return table }
        let table = try loader.table(type)
        stored[type.orderIndex] = table
        return table
    }

    func accept(encoded line: UnsafeBufferPointer<UInt8>, type: EntityType, objectId: UnsafeBufferPointer<UInt8>?, origin: RecordOrigin) throws {
        let index = type.orderIndex
        if stored[index] == nil { _ = try stored(type) }
        // Looked up in place: a copy of the table would retain and release its arrays per record.
        let previous = objectId.flatMap { stored[index]!.contentHash(of: $0) }
        if previous == nil {
            tallies[index].new += 1
        } else if previous == hashes[index].hash(line) && !full {
            tallies[index].unchanged += 1
            return
        } else {
            tallies[index].changed += 1
        }
        try writer.accept(encoded: line, type: type, objectId: objectId, origin: origin)
    }

    func accept(_ record: GongRecord, origin: RecordOrigin) throws {
        let line = ByteBuffer(capacity: 512)
        LDJSONEncoder.append(record, to: line)
        try record.withObjectIdBytes { id in
            try line.withUnsafeBytes { try accept(encoded: $0, type: record.type, objectId: id, origin: origin) }
        }
    }

    /// History goes with the first upload of a type (or `--full`); later runs send current states.
    func acceptHistory(_ record: GongRecord, layer: Int, origin: RecordOrigin) throws {
        guard try full || stored(record.type).isEmpty else { return }
        try writer.acceptHistory(record, layer: layer, origin: origin)
    }
}
