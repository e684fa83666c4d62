import CRMExport
import Foundation
import GongCRM
import Mapping
import TerminalUI
import Validation

/// How many records' payloads an edit changes: the export run through the saved mapping and the
/// edited one, each record's LDJSON line compared by entity and objectId.
public struct PayloadComparison: Sendable {
    public var mapping: Mapping
    public var changed = 0
    public var added = 0
    public var removed = 0
    public var unchanged = 0

    /// LDJSON line hashes per entity and objectId.
    final class Hashes: RecordSink, @unchecked Sendable {
        var lines: [EntityType: [String: UInt64]] = [:]
        var takesEncodedRecords: Bool { true }
        func accept(_ record: GongRecord, origin: RecordOrigin) throws {
            guard let id = record.objectId else { return }
            let line = Array(LDJSONEncoder.line(record).utf8)
            lines[record.type, default: [:]][id] = line.withUnsafeBufferPointer { StableHash.hash($0) }
        }
        func accept(encoded line: UnsafeBufferPointer<UInt8>, type: EntityType, objectId: UnsafeBufferPointer<UInt8>?, origin: RecordOrigin) throws {
            guard let objectId else { return }
            lines[type, default: [:]][String(decoding: objectId, as: UTF8.self)] = StableHash.hash(line)
        }
        func acceptHistory(_ record: GongRecord, layer: Int, origin: RecordOrigin) throws {}
    }

    static func hashes(_ export: Export, _ mapping: Mapping) throws -> [EntityType: [String: UInt64]] {
        // A fixed clock, so `@now` fields do not count as changes.
        let context = ApplyContext(options: mapping.options, runTimestamp: GongTimestamp(secondsSinceEpoch: 1_700_000_000))
        let sink = Hashes()
        _ = try RecordPipeline(export: export, mapping: mapping, mappingFile: "(comparison)", context: context).run(sink: sink) { _ in }
        return sink.lines
    }

    public static func compare(export: Export, saved: Mapping, edited: Mapping) throws -> PayloadComparison {
        let before = try hashes(export, saved), after = try hashes(export, edited)
        var result = PayloadComparison(mapping: edited)
        for type in EntityType.uploadOrder {
            let old = before[type] ?? [:], new = after[type] ?? [:]
            for (id, hash) in new {
                if let previous = old[id] { if previous == hash { result.unchanged += 1 } else { result.changed += 1 } } else { result.added += 1 }
            }
            result.removed += old.keys.filter { new[$0] == nil }.count
        }
        return result
    }
}

extension Background {
    public static func comparePayloads(_ session: Session, inbox: Inbox<WizardMessage>) {
        guard let saved = session.saved else { return }
        let export = session.export, edited = session.mapping
        Thread.detachNewThread {
            if let comparison = try? PayloadComparison.compare(export: export, saved: saved, edited: edited) {
                inbox.post(.payloads(comparison))
            }
        }
    }
}
