import CRMExport
import GongCRM
import Mapping

/// A row turned into a record and checked on its own: the part of the work that needs no other
/// record, so it can run on several cores. Plain data, so that rows move without reference
/// counting; its texts, line, record and reference outcomes are in its `PreparedBatch`.
struct PreparedRow {
    /// Where its objectId and picked values are in the batch's texts.
    var firstSlot: Int
    var row: Int
    var line: Int
    /// Where the record's LDJSON line is in the batch's `lines` (empty when not encoded).
    var encoded: Range<Int>
    /// `IdHash` of the objectId, hashed here rather than on the one thread that takes rows in order.
    var objectIdHash: UInt64 = 0
    /// Where its findings are in the batch's, when it has any (few rows do).
    var findings: Int = PreparedRow.noFindings

    static let noFindings = -1
}

/// Rows prepared together, with their LDJSON lines, texts, findings and the outcomes of their
/// references in shared buffers.
final class PreparedBatch: @unchecked Sendable {
    /// Filled by one thread, then read by another: no run-time exclusivity checks.
    @exclusivity(unchecked) var rows: [PreparedRow] = []
    /// The file the rows come from.
    @exclusivity(unchecked) var file = ""
    /// The records of the rows, by row index; none for rows that went straight to their lines.
    @exclusivity(unchecked) var records: [GongRecord?] = []
    /// Findings of the rows that have some, indexed by `PreparedRow.findings`.
    @exclusivity(unchecked) var findings: [[Finding]] = []
    /// What became of each reference (`referencesPerRow` per row, in the order of the picked fields).
    @exclusivity(unchecked) var outcomes: [ReferenceOutcome] = []
    @exclusivity(unchecked) var referencesPerRow = 0
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
    func record(at index: Int) -> GongRecord? { index < records.count ? records[index] : nil }
    func outcome(row index: Int, _ position: Int) -> ReferenceOutcome { outcomes[index * referencesPerRow + position] }

    /// Keeps a new row's findings; returns where they are (for `PreparedRow.findings`).
    func keep(_ found: [Finding]) -> Int {
        guard !found.isEmpty else { return PreparedRow.noFindings }
        findings.append(found)
        return findings.count - 1
    }

    /// Adds `finding` to the row's findings.
    func add(_ finding: Finding, to index: Int) {
        if rows[index].findings == PreparedRow.noFindings {
            rows[index].findings = keep([finding])
        } else {
            findings[rows[index].findings].append(finding)
        }
    }

    /// The findings of the row at `index`, as they are now (`add` may have added to them since a
    /// copy of the row was taken).
    func findings(ofRow index: Int) -> [Finding] {
        let slot = rows[index].findings
        return slot == PreparedRow.noFindings ? [] : findings[slot]
    }

    func removeAll() {
        rows.removeAll(keepingCapacity: true)
        records.removeAll(keepingCapacity: true)
        findings.removeAll(keepingCapacity: true)
        outcomes.removeAll(keepingCapacity: true)
        lines.removeAll()
        texts.removeAll()
    }
}

/// What became of a reference.
enum ReferenceOutcome: UInt8 {
    case empty
    /// Names a record in the upload.
    case linked
    /// Names no record in the upload (absent, or left out for its errors).
    case missing
    /// Names an entity not read yet (the same one, or a later one): decided at the end.
    case deferred
}

/// Prepares rows of one source. One per thread: the compiled source caches time-zone offsets;
/// the lookup index is only read while rows are prepared, so threads may share it.
struct RowPreparer: @unchecked Sendable {
    let compiled: CompiledSource
    let checker: RecordChecker
    /// The lookup index, boxed once: boxing it on every row would count references to it from
    /// every thread at once.
    let lookups: (any LookupResolver)?
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
    func prepare(_ row: inout SourceRow, dataRow: Int? = nil, line: Int? = nil, into batch: PreparedBatch) {
        var prepared = convert(row, dataRow: dataRow ?? row.number, line: line ?? row.line, into: batch)
        if let id = batch.texts.bytes(prepared.firstSlot) { prepared.objectIdHash = IdHash.hash(id) }
        batch.rows.append(prepared)
    }

    /// Looks up the references of the batch's rows in the objectIds of their targets. The target
    /// tables are bigger than the caches, so the slots of the whole batch are loaded first and
    /// their misses overlap, instead of coming one after another.
    func resolveReferences(in batch: PreparedBatch) {
        let count = picking.count
        batch.referencesPerRow = count
        guard count > 0 else { return }
        let texts = batch.texts
        var hashes = [UInt64](repeating: 0, count: batch.rows.count * count)
        for index in batch.rows.indices {
            let firstSlot = batch.rows[index].firstSlot
            for position in 0..<count {
                if let value = texts.bytes(firstSlot + 1 + position) { hashes[index * count + position] = IdHash.hash(value) }
            }
        }
        var touched: UInt64 = 0
        for (index, hash) in hashes.enumerated() where hash != 0 {
            if let target = targets[index % count] { touched ^= target.touch(hash) }
        }
        batch.warmth = touched
        batch.outcomes = [ReferenceOutcome](repeating: .empty, count: hashes.count)
        for index in batch.rows.indices {
            let firstSlot = batch.rows[index].firstSlot
            for position in 0..<count where texts.has(firstSlot + 1 + position) {
                if let target = targets[position] {
                    batch.outcomes[index * count + position] = target.isInUpload(hashes[index * count + position]) ? .linked : .missing
                } else {
                    batch.outcomes[index * count + position] = .deferred
                }
            }
        }
    }

    private func convert(_ row: SourceRow, dataRow: Int, line: Int, into batch: PreparedBatch) -> PreparedRow {
        var problems: [FieldProblem] = []
        let lines = batch.lines, texts = batch.texts
        let start = lines.count
        let findings: [Finding], firstSlot: Int
        if direct, let summary = compiled.encode(row, lookups: lookups, picking: pickPlan, problems: &problems, into: lines, writing: encode, texts: texts) {
            var found = problems.map { RecordPipeline.finding(for: $0, entity: compiled.entity) }
            checker.check(compiled.entity, present: summary.standardFieldMask, isDeletion: summary.isDeletion, objectId: texts.bytes(summary.firstSlot), into: &found)
            RecordPipeline.dropEchoes(&found, problems: problems)
            (findings, firstSlot) = (found, summary.firstSlot)
        } else {
            let record = compiled.record(from: row, lookups: lookups, problems: &problems)
            var found = problems.map { RecordPipeline.finding(for: $0, entity: record.type) }
            checker.check(record, into: &found)
            RecordPipeline.dropEchoes(&found, problems: problems)
            if encode { LDJSONEncoder.append(record, to: lines) }
            let summary = RecordSummary(record, picking: picking)
            firstSlot = texts.startRecord(slots: picking.count + 1)
            if let id = summary.objectId { texts.set(firstSlot, id) }
            for (position, value) in summary.picked.enumerated() { if let value { texts.set(firstSlot + 1 + position, value) } }
            // A row read as Windows-1252 among direct ones: its record must still be the row's.
            while batch.records.count < batch.rows.count { batch.records.append(nil) }
            batch.records.append(record)
            findings = found
        }
        return PreparedRow(firstSlot: firstSlot, row: dataRow, line: line, encoded: start..<lines.count, findings: batch.keep(findings))
    }
}
