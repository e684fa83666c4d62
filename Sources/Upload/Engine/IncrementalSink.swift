import CRMExport
import GongCRM
import Validation

/// Passes on only records that are new or changed since Gong last accepted them: the content
/// hash of each record's LDJSON line is compared with the journal's.
final class IncrementalSink: RecordSink {
    private let writer: PlanWriter
    private let loader: StoredHashesLoader
    /// Per entity (`orderIndex`), once its first record asked for it.
    private var stored: [StoredHashes?] = EntityType.uploadOrder.map { _ in nil }
    private let full: Bool
    /// Per entity (`orderIndex`): how its lines are compared.
    private let hashes: [ContentHash]
    private(set) var counts: [EntityType: (new: Int, changed: Int, unchanged: Int)] = [:]

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
        let table = try stored(type)
        let previous = objectId.flatMap { table.contentHash(of: $0) }
        var count = counts[type] ?? (0, 0, 0)
        defer { counts[type] = count }
        if previous == nil {
            count.new += 1
        } else if previous == hashes[type.orderIndex].hash(line) && !full {
            count.unchanged += 1
            return
        } else {
            count.changed += 1
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
