import ArgumentParser
import CRMExport
import Foundation
import Mapping
import Validation

/// The export and mapping of `validate` and `plan`.
struct MappingRunOptions: ParsableArguments {
    @Argument(help: "The export: a folder, or CSV/TSV/JSON files (default: the export the mapping names).")
    var export: [String] = []

    @Option(name: [.short, .long], help: "The mapping file (YAML).")
    var mapping: String

    @Flag(help: "Print one JSON document instead of the readable summary.")
    var json = false

    @Option(name: .customLong("diagnostics-out"), help: "Write every diagnostic to this .csv or .ndjson file.")
    var diagnosticsOut: String?

    /// Opens everything and runs the pipeline, streaming diagnostics to the optional file.
    func run(sink: (any RecordSink)?) throws -> (report: ValidationReport, export: Export, mapping: Mapping, paths: [String]) {
        let mapping = try Inputs.readMapping(self.mapping)
        let paths = try Inputs.exportPaths(export, mapping: mapping, mappingPath: self.mapping)
        let export = try Inputs.openExport(paths)
        let writer: DiagnosticWriter?
        do { writer = try diagnosticsOut.map { try DiagnosticWriter(path: $0) } } catch { throw UsageFailure(error.localizedDescription) }
        defer { writer?.close() }
        let pipeline = RecordPipeline(export: export, mapping: mapping, mappingFile: self.mapping, context: .now(options: mapping.options))
        let progress = ProgressLine()
        pipeline.progress = { progress.update($0) }
        defer { progress.clear() }
        do {
            let report = try pipeline.run(sink: sink) { writer?.write($0) }
            return (report, export, mapping, paths)
        } catch {
            throw UsageFailure(error.description)
        }
    }
}
