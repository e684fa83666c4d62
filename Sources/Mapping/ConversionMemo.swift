#if canImport(Glibc)
import Glibc
#endif
import CRMExport
import GongCRM

/// Remembers the general conversion of fields whose inputs repeat: a stage name looked up, a
/// status built from two flags and mapped, a yes/no made a boolean. Conversion is a function of
/// the field's cells alone (lookups, the zone and the run's clock stay fixed during a pass), so a
/// column with a handful of distinct values is converted a handful of times instead of once per
/// row. A field that shows more than `limit` distinct inputs is no longer remembered.
///
/// One per compiled source, and so per thread.
final class ConversionMemo {
    struct Outcome {
        var value: FieldValue?
        var problems: [FieldProblem]
    }

    static let limit = 256

    /// One thread's (see the type): no run-time exclusivity checks on its arrays.
    private final class Table {
        /// Entry index + 1 per slot; 0 is empty.
        @exclusivity(unchecked) var slots = [Int32](repeating: 0, count: 1024)
        @exclusivity(unchecked) var hashes: [UInt64] = []
        @exclusivity(unchecked) var keyEnds: [Int] = []
        @exclusivity(unchecked) var keys: [UInt8] = []
        @exclusivity(unchecked) var outcomes: [Outcome] = []

        func find(_ key: UnsafeBufferPointer<UInt8>, hash: UInt64) -> (slot: Int, entry: Int?) {
            let mask = slots.count - 1
            var slot = Int(truncatingIfNeeded: hash) & mask
            while slots[slot] != 0 {
                let entry = Int(slots[slot]) - 1
                if hashes[entry] == hash && matches(key, entry) { return (slot, entry) }
                slot = (slot + 1) & mask
            }
            return (slot, nil)
        }

        private func matches(_ key: UnsafeBufferPointer<UInt8>, _ entry: Int) -> Bool {
            let start = entry == 0 ? 0 : keyEnds[entry - 1]
            guard keyEnds[entry] - start == key.count else { return false }
            return keys.withUnsafeBufferPointer { memcmp($0.baseAddress! + start, key.baseAddress!, key.count) == 0 }
        }

        func add(_ key: UnsafeBufferPointer<UInt8>, hash: UInt64, at slot: Int, _ outcome: Outcome) {
            hashes.append(hash)
            keys.append(contentsOf: key)
            keyEnds.append(keys.count)
            outcomes.append(outcome)
            slots[slot] = Int32(outcomes.count)
        }
    }

    /// Per field; nil once the field had too many distinct inputs.
    @exclusivity(unchecked) private var tables: [Table?]
    private let key = ByteBuffer(capacity: 256)

    init(fieldCount: Int) {
        tables = (0..<fieldCount).map { _ in Table() }
    }

    /// The outcome for the field's cells in `row`, converting with `convert` when they are new.
    func outcome(field index: Int, source: BoundSource, row: SourceRow, convert: () -> Outcome) -> Outcome {
        guard let table = tables[index] else { return convert() }
        key.removeAll()
        source.appendKey(row, to: key)
        return key.withUnsafeBytes { key -> Outcome in
            let hash = IdHash.hash(key)
            let (slot, entry) = table.find(key, hash: hash)
            if let entry { return table.outcomes[entry] }
            let outcome = convert()
            if table.outcomes.count >= Self.limit { tables[index] = nil } else { table.add(key, hash: hash, at: slot, outcome) }
            return outcome
        }
    }
}

extension BoundSource {
    /// The bytes the source reads from `row`, each cell with its length first, so that different
    /// inputs never make the same key.
    func appendKey(_ row: SourceRow, to key: ByteBuffer) {
        func cell(_ index: Int) {
            row.withCellBytes(index) { bytes in
                withUnsafeBytes(of: UInt32(truncatingIfNeeded: bytes.count)) { key.append($0.bindMemory(to: UInt8.self)) }
                key.append(bytes)
            }
        }
        switch self {
        case .column(let index): cell(index)
        case .constant: break
        case .template(let parts):
            for case .column(let index) in parts { cell(index) }
        case .coalesce(let indexes), .hash(let indexes):
            for index in indexes { cell(index) }
        }
    }
}
