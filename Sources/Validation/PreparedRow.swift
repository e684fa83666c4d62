import CRMExport
import GongCRM
import Mapping

/// A row turned into a record and checked on its own: the part of the work that needs no other
/// record, so it can run on several cores. Its texts and line are in its `PreparedBatch`.
struct PreparedRow {
    /// The record; nil when it went straight to its LDJSON line (see `RowPreparer.direct`).
    var record: GongRecord?
    /// Where its objectId and picked values are in the batch's texts.
    var firstSlot: Int
    var findings: [Finding]
    var file: String
    var row: Int
    var line: Int
    /// Where the record's LDJSON line is in the batch's `lines`, when the sink takes encoded records.
    var encoded: Range<Int>?
    /// `StableHash` of the objectId, hashed here rather than on the one thread that takes rows in order.
    var objectIdHash: UInt64 = 0
    /// What became of each reference (the picked values), looked up here too.
    var references = ReferenceOutcomes()
}

/// Rows prepared together, with their LDJSON lines and texts in shared buffers.
final class PreparedBatch: @unchecked Sendable {
    /// Filled by one thread, then read by another: no run-time exclusivity checks.
    @exclusivity(unchecked) var rows: [PreparedRow] = []
    let lines: ByteBuffer
    let texts = RecordTexts()
    /// Kept only so that loads made to warm the caches are not optimised away.
    var warmth: UInt64 = 0

    init(lineCapacity: Int) {
        lines = ByteBuffer(capacity: lineCapacity)
    }

    func objectId(of row: PreparedRow) -> String? { texts.string(row.firstSlot) }
    func hasObjectId(_ row: PreparedRow) -> Bool { texts.has(row.firstSlot) }
    /// The value of the picked field at `position`.
    func picked(_ row: PreparedRow, _ position: Int) -> String? { texts.string(row.firstSlot + 1 + position) }

    func removeAll() {
        rows.removeAll(keepingCapacity: true)
        lines.removeAll()
        texts.removeAll()
    }
}

/// The outcome of each of a record's references, two bits each, so a row carries them without an array.
struct ReferenceOutcomes {
    enum Outcome: UInt64 {
        case empty = 0
        /// Names a record in the upload.
        case linked = 1
        /// Names no record in the upload (absent, or left out for its errors).
        case missing = 2
        /// Names an entity not read yet (the same one, or a later one): decided at the end.
        case deferred = 3
    }

    private var bits: UInt64 = 0
    /// Outcomes from the 33rd reference on: empty (no allocation) for nearly every record.
    private var more: [Outcome] = []

    subscript(position: Int) -> Outcome {
        get {
            if position < 32 { return Outcome(rawValue: bits >> UInt64(2 * position) & 3)! }
            return position - 32 < more.count ? more[position - 32] : .empty
        }
        set {
            if position < 32 {
                bits = bits & ~(3 << UInt64(2 * position)) | newValue.rawValue << UInt64(2 * position)
            } else {
                while more.count <= position - 32 { more.append(.empty) }
                more[position - 32] = newValue
            }
        }
    }
}

/// Prepares rows of one source. One per thread: the compiled source caches time-zone offsets;
/// the lookup index is only read while rows are prepared, so threads may share it.
struct RowPreparer: @unchecked Sendable {
    let compiled: CompiledSource
    let checker: RecordChecker
    let lookups: LookupIndex
    /// Produce LDJSON lines for the sink.
    let encode: Bool
    /// Write lines straight from the rows' bytes instead of building records: when nothing
    /// downstream needs the records themselves.
    let direct: Bool
    /// Fields whose values the later checks need (the entity's references).
    let picking: [String]
    let pickPlan: CompiledSource.PickPlan
    /// The objectIds of each picked reference's target, when that entity is complete (read before
    /// this one); nil where the reference must wait for the end.
    let targets: [IdRegistry?]

    init(compiled: CompiledSource, checker: RecordChecker, lookups: LookupIndex, encode: Bool, direct: Bool, picking: [String], targets: [IdRegistry?]) {
        self.compiled = compiled
        self.checker = checker
        self.lookups = lookups
        self.encode = encode
        self.direct = direct
        self.picking = picking
        self.targets = targets
        pickPlan = compiled.pickPlan(picking)
    }

    /// Prepares `row` into `batch`: its line, its texts and its checks; its references are looked
    /// up by `resolveReferences` once the batch is full. `row` is `inout` only so that it is not copied.
    func prepare(_ row: inout SourceRow, file: String, dataRow: Int? = nil, line: Int? = nil, into batch: PreparedBatch) {
        var prepared = convert(row, file: file, dataRow: dataRow ?? row.number, line: line ?? row.line, into: batch)
        if let id = batch.texts.bytes(prepared.firstSlot) { prepared.objectIdHash = StableHash.hash(id) }
        batch.rows.append(prepared)
    }

    /// Looks up the references of the batch's rows in the objectIds of their targets. The target
    /// tables are bigger than the caches, so the slots of the whole batch are loaded first and
    /// their misses overlap, instead of coming one after another.
    func resolveReferences(in batch: PreparedBatch) {
        guard !picking.isEmpty else { return }
        let texts = batch.texts
        var hashes = [UInt64](repeating: 0, count: batch.rows.count * picking.count)
        for (index, row) in batch.rows.enumerated() {
            for position in picking.indices {
                if let value = texts.bytes(row.firstSlot + 1 + position) { hashes[index * picking.count + position] = StableHash.hash(value) }
            }
        }
        var touched: UInt64 = 0
        for (index, hash) in hashes.enumerated() where hash != 0 {
            if let target = targets[index % picking.count] { touched ^= target.touch(hash) }
        }
        batch.warmth = touched
        for index in batch.rows.indices {
            for position in picking.indices where texts.has(batch.rows[index].firstSlot + 1 + position) {
                let outcome: ReferenceOutcomes.Outcome
                if let target = targets[position] {
                    outcome = target.isInUpload(hashes[index * picking.count + position]) ? .linked : .missing
                } else {
                    outcome = .deferred
                }
                batch.rows[index].references[position] = outcome
            }
        }
    }

    private func convert(_ row: SourceRow, file: String, dataRow: Int, line: Int, into batch: PreparedBatch) -> PreparedRow {
        var problems: [FieldProblem] = []
        let lines = batch.lines, texts = batch.texts
        let start = lines.count
        if direct, let summary = compiled.encode(row, lookups: lookups, picking: pickPlan, problems: &problems, into: lines, writing: encode, texts: texts) {
            var findings = problems.map { RecordPipeline.finding(for: $0, entity: compiled.entity) }
            checker.check(compiled.entity, present: summary.standardFieldMask, isDeletion: summary.isDeletion, objectId: texts.bytes(summary.firstSlot), into: &findings)
            RecordPipeline.dropEchoes(&findings, problems: problems)
            return PreparedRow(record: nil, firstSlot: summary.firstSlot, findings: findings, file: file, row: dataRow, line: line, encoded: encode ? start..<lines.count : nil)
        }
        let record = compiled.record(from: row, lookups: lookups, problems: &problems)
        var findings = problems.map { RecordPipeline.finding(for: $0, entity: record.type) }
        checker.check(record, into: &findings)
        RecordPipeline.dropEchoes(&findings, problems: problems)
        if encode { LDJSONEncoder.append(record, to: lines) }
        let summary = RecordSummary(record, picking: picking)
        let firstSlot = texts.startRecord(slots: picking.count + 1)
        if let id = summary.objectId { texts.set(firstSlot, id) }
        for (position, value) in summary.picked.enumerated() { if let value { texts.set(firstSlot + 1 + position, value) } }
        return PreparedRow(record: record, firstSlot: firstSlot, findings: findings, file: file, row: dataRow, line: line, encoded: encode ? start..<lines.count : nil)
    }
}
