import CRMExport
import Foundation
import GongCRM
import Mapping
import Validation

/// A small export and mapping on disk, run through the real pipeline.
final class Scenario {
    let folder: String
    var files: [String: String] = [:]
    var mappingYAML: String

    init(mapping: String) {
        folder = NSTemporaryDirectory() + "gongmap-validation-" + UUID().uuidString
        mappingYAML = mapping
        try! FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: folder) }

    func file(_ name: String, _ text: String) -> Scenario {
        _ = FileManager.default.createFile(atPath: folder + "/" + name, contents: Data(text.utf8))
        return self
    }

    final class Collector: RecordSink {
        var records: [GongRecord] = []
        var history: [(Int, GongRecord)] = []
        func accept(_ record: GongRecord, origin: RecordOrigin) throws { records.append(record) }
        func acceptHistory(_ record: GongRecord, layer: Int, origin: RecordOrigin) throws { history.append((layer, record)) }
    }

    struct Outcome {
        var report: ValidationReport
        var diagnostics: [Diagnostic]
        var records: [GongRecord]
        var history: [(Int, GongRecord)]

        func diagnostics(_ rule: Rule) -> [Diagnostic] { diagnostics.filter { $0.rule == rule } }
    }

    func run(parallelThreshold: Int? = nil) throws -> Outcome {
        let mapping = try Mapping.read(yaml: "gongmap: 1\n" + mappingYAML, fileName: "m.yaml")
        let export = try Export.open([folder])
        let pipeline = RecordPipeline(export: export, mapping: mapping, mappingFile: "m.yaml",
                                      context: ApplyContext(options: mapping.options, runTimestamp: GongTimestamp(secondsSinceEpoch: 1_700_000_000)))
        if let parallelThreshold { pipeline.parallelThreshold = parallelThreshold }
        var diagnostics: [Diagnostic] = []
        let sink = Collector()
        let report = try pipeline.run(sink: sink) { diagnostics.append($0) }
        return Outcome(report: report, diagnostics: diagnostics, records: sink.records, history: sink.history)
    }
}

let accountsMapping = """
entities:
  - entity: ACCOUNT
    file: accounts.csv
    fields:
      objectId: Id
      modifiedDate: Modified
      name: Name
      url: Link
"""

/// A sink that takes LDJSON lines, as the plan writer does.
final class LineCollector: RecordSink {
    var lines: [String] = []
    var takesEncodedRecords: Bool { true }
    func accept(_ record: GongRecord, origin: RecordOrigin) throws { lines.append(LDJSONEncoder.line(record) + " @\(origin.file):\(origin.row)") }
    func accept(encoded line: UnsafeBufferPointer<UInt8>, type: EntityType, objectId: UnsafeBufferPointer<UInt8>?, origin: RecordOrigin) throws {
        lines.append(String(decoding: UnsafeBufferPointer(rebasing: line.dropLast()), as: UTF8.self) + " @\(origin.file):\(origin.row)")
    }
    func acceptHistory(_ record: GongRecord, layer: Int, origin: RecordOrigin) throws { lines.append("history \(layer) " + LDJSONEncoder.line(record) + " @\(origin.file):\(origin.row)") }
}

extension Scenario {
    /// The lines a plan would write and the diagnostics, with records written straight from
    /// rows (`direct`) or built first.
    /// What `validate` reports (no sink: records are only checked).
    func validation(direct: Bool) throws -> (report: ValidationReport, diagnostics: [Diagnostic]) {
        let mapping = try Mapping.read(yaml: "gongmap: 1\n" + mappingYAML, fileName: "m.yaml")
        let pipeline = RecordPipeline(export: try Export.open([folder]), mapping: mapping, mappingFile: "m.yaml",
                                      context: ApplyContext(options: mapping.options, runTimestamp: GongTimestamp(secondsSinceEpoch: 1_700_000_000)))
        pipeline.directLines = direct
        var diagnostics: [Diagnostic] = []
        let report = try pipeline.run(sink: nil) { diagnostics.append($0) }
        return (report, diagnostics)
    }

    func lines(direct: Bool, parallelThreshold: Int = .max) throws -> (lines: [String], diagnostics: [Diagnostic]) {
        let mapping = try Mapping.read(yaml: "gongmap: 1\n" + mappingYAML, fileName: "m.yaml")
        let pipeline = RecordPipeline(export: try Export.open([folder]), mapping: mapping, mappingFile: "m.yaml",
                                      context: ApplyContext(options: mapping.options, runTimestamp: GongTimestamp(secondsSinceEpoch: 1_700_000_000)))
        pipeline.directLines = direct
        pipeline.parallelThreshold = parallelThreshold
        var diagnostics: [Diagnostic] = []
        let sink = LineCollector()
        _ = try pipeline.run(sink: sink) { diagnostics.append($0) }
        return (sink.lines, diagnostics)
    }
}
