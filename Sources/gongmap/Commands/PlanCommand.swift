import ArgumentParser
import CRMExport
import Foundation
import GongCRM
import Upload
import Validation

struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Write the files an upload would send (schemas and LDJSON), with a manifest, without sending them.",
        discussion: "Records with errors are left out and counted. Exit code 0 when none were left out, 1 when some were, 2 for usage problems."
    )

    @OptionGroup var options: MappingRunOptions

    @Option(help: "Folder to write the plan into (replaced whole if it holds an earlier plan).")
    var out: String

    @Option(name: .customLong("max-file-bytes"), help: "Largest upload file in bytes (default 199000000, under Gong's 200 MB).")
    var maxFileBytes: Int = PlanWriter.defaultMaxFileBytes

    func run() throws {
        guard maxFileBytes >= 1024 else { throw usageError("--max-file-bytes must be at least 1024") }
        let writer = try failingAsUsage { try PlanWriter(folder: out, maxFileBytes: maxFileBytes) }
        let manifest: PlanManifest
        let report: ValidationReport
        do {
            let mapping = try Inputs.readMapping(options.mapping)
            try writer.writeSchemas(mapping)
            let result = try failingAsUsage { try options.run(sink: writer) }
            report = result.report
            manifest = try writer.finish(report: report, export: Export.label(of: result.paths), mapping: options.mapping,
                                         createdAt: GongTimestamp(secondsSinceEpoch: Int(Date().timeIntervalSince1970)).gongText)
        } catch {
            writer.abandon()
            if error is ExitCode { throw error }
            throw usageError("\(error)")
        }
        if options.json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(manifest), as: UTF8.self))
        } else {
            var table = TextTable(["file", "type", "records", "bytes"], rightAligned: [2, 3])
            for file in manifest.files {
                let kind = file.kind == .schema ? "schema \(file.objectType.rawValue)" : file.objectType.rawValue + (file.layer.map { " history \($0)" } ?? "")
                table.add([file.path, kind, file.records.formatted(), file.bytes.formatted()])
            }
            print("Plan in \(out) (upload order):")
            print(table.render())
            let leftOut = report.entities.values.reduce(0) { $0 + $1.invalid }
            print("\n\(manifest.files.count) files; \(leftOut.formatted()) records left out for errors, \(report.warnings.formatted()) warnings. Details: gongmap validate --mapping \(options.mapping)")
        }
        if report.errors > 0 { throw ExitCode(ExitStatus.dataErrors) }
    }

}
