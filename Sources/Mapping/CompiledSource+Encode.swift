import CRMExport
import GongCRM

extension CompiledSource {
    /// Writes the LDJSON line of `row` (ending in LF) into `line` and returns what the checks need
    /// of the record, without building the record: values are written straight from the row's
    /// bytes where a `DirectField` can take them, through the general conversion otherwise, so
    /// the line and the problems are exactly those of `record(from:)` + `LDJSONEncoder`.
    /// Returns nil, writing nothing, for a row read as Windows-1252 (use `record(from:)`).
    /// Without `writing`, only the checks and the summary are made (validation without output).
    public func encode(_ row: SourceRow, lookups: (any LookupResolver)?, picking: PickPlan, problems: inout [FieldProblem],
                       into line: ByteBuffer, writing: Bool = true, texts: RecordTexts) -> EncodedSummary? {
        guard !row.readAsWindows1252 else { return nil }
        if writing { line.append(UInt8(ascii: "{")) }
        var first = true
        var summary = EncodedSummary(standardFieldMask: 0, isDeletion: false, firstSlot: texts.startRecord(slots: picking.count + 1))
        for fieldIndex in steps.indices {
            let step = steps[fieldIndex]
            // Slot of the field's text: 0 for objectId, 1 + its place among the picked fields.
            let slot = picking.positions[fieldIndex].map { summary.firstSlot + 1 + $0 }
            let mark = line.count
            if writing {
                if !first { line.append(UInt8(ascii: ",")) }
                line.append(step.key)
            }
            var written = false
            if let direct = step.direct, !row.isEmpty(direct.column) {
                written = row.withCellBytes(direct.column) { bytes in
                    guard direct.write(bytes, zone: zone, into: line, writing: writing) else { return false }
                    if let slot, let text = direct.pickedText(bytes) { texts.set(slot, text) }
                    return true
                }
            }
            if !written {
                if let direct = step.direct, row.isEmpty(direct.column) {
                    // An empty cell: absent, or null for a custom field, as the general conversion does.
                } else if let value = memoizedConvert(fieldIndex, fields[fieldIndex], row, lookups: lookups, problems: &problems) {
                    if writing { LDJSONEncoder.appendValue(value, to: line) }
                    written = true
                    if let slot, case .string(let string) = value { texts.set(slot, string) }
                    if step.isDeletedFlag && value == .boolean(true) { summary.isDeletion = true }
                }
                if !written && step.isCustom {
                    if writing { line.append("null") }
                    written = true
                }
            }
            guard written else {
                if writing { line.truncate(to: mark) }
                continue
            }
            first = false
            summary.standardFieldMask |= step.catalogBit
        }
        if writing {
            line.append(UInt8(ascii: "}"))
            line.append(UInt8(ascii: "\n"))
        }
        return summary
    }

    /// What the checks after conversion need of a record written straight to LDJSON; its texts
    /// (objectId, then the picked fields) are in the `RecordTexts` from `firstSlot` on.
    public struct EncodedSummary {
        public var standardFieldMask: UInt64
        public var isDeletion: Bool
        public var firstSlot: Int
    }

    private func memoizedConvert(_ index: Int, _ field: CompiledField, _ row: SourceRow, lookups: (any LookupResolver)?, problems: inout [FieldProblem]) -> FieldValue? {
        let outcome = memo.outcome(field: index, source: field.source, row: row) {
            var found: [FieldProblem] = []
            let value = convert(field, row, lookups: lookups, problems: &found)
            return ConversionMemo.Outcome(value: value, problems: found)
        }
        problems += outcome.problems
        return outcome.value
    }

    /// Which fields' values `encode` returns, besides objectId: computed once per source.
    public struct PickPlan: Sendable {
        public let fields: [String]
        /// Per compiled field: -1 for objectId, the position in `fields`, or nil.
        let positions: [Int?]
        var count: Int { fields.count }
    }

    public func pickPlan(_ fields: [String]) -> PickPlan {
        PickPlan(fields: fields, positions: self.fields.map { field in field.target == "objectId" ? -1 : fields.firstIndex(of: field.target) })
    }

    /// What `encode` needs of a field on every row, as plain data: walking classes or enums with
    /// references would count references for each field of each row.
    struct EncodeStep {
        let direct: DirectField?
        /// `"target":`, owned by the field.
        let key: UnsafeBufferPointer<UInt8>
        /// The field's bit among the entity's standard fields; 0 for a custom field.
        let catalogBit: UInt64
        let isCustom: Bool
        let isDeletedFlag: Bool
    }
}
