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
        func accept(_ record: GongRecord) throws { records.append(record) }
        func acceptHistory(_ record: GongRecord, layer: Int) throws { history.append((layer, record)) }
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
