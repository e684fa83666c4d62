import CRMExport
import GongCRM
import Mapping

/// A row turned into a record and checked on its own: the part of the work that needs no other
/// record, so it can run on several cores.
struct PreparedRow {
    /// The record; nil when it went straight to its LDJSON line (see `RowPreparer.direct`).
    var record: GongRecord?
    var summary: RecordSummary
    var findings: [Finding]
    var file: String
    var row: Int
    var line: Int
    /// The record's LDJSON line, when the sink takes encoded records.
    var encoded: [UInt8]?
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

    init(compiled: CompiledSource, checker: RecordChecker, lookups: LookupIndex, encode: Bool, direct: Bool, picking: [String]) {
        self.compiled = compiled
        self.checker = checker
        self.lookups = lookups
        self.encode = encode
        self.direct = direct
        self.picking = picking
        pickPlan = compiled.pickPlan(picking)
    }

    func prepare(_ row: SourceRow, file: String, dataRow: Int, line: Int) -> PreparedRow {
        var problems: [FieldProblem] = []
        if direct {
            var bytes: [UInt8] = []
            if encode { bytes.reserveCapacity(512) }
            if let summary = compiled.encode(row, lookups: lookups, picking: pickPlan, problems: &problems, into: &bytes, writing: encode) {
                var findings = problems.map { RecordPipeline.finding(for: $0, entity: summary.type) }
                checker.check(summary, into: &findings)
                RecordPipeline.dropEchoes(&findings, problems: problems)
                return PreparedRow(record: nil, summary: summary, findings: findings, file: file, row: dataRow, line: line, encoded: encode ? bytes : nil)
            }
        }
        let record = compiled.record(from: row, lookups: lookups, problems: &problems)
        var findings = problems.map { RecordPipeline.finding(for: $0, entity: record.type) }
        checker.check(record, into: &findings)
        RecordPipeline.dropEchoes(&findings, problems: problems)
        var encoded: [UInt8]?
        if encode {
            var bytes: [UInt8] = []
            bytes.reserveCapacity(512)
            LDJSONEncoder.append(record, to: &bytes)
            encoded = bytes
        }
        return PreparedRow(record: record, summary: RecordSummary(record, picking: picking), findings: findings, file: file, row: dataRow, line: line, encoded: encoded)
    }
}
