import ArgumentParser
import CRMExport
import Foundation
import Mapping
import Validation

struct SuggestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "suggest",
        abstract: "Propose a mapping for an export: files to entities, columns to fields, custom fields.",
        discussion: "Each choice carries a confidence and a reason, printed here and written as comments in the mapping file."
    )

    @Argument(help: "The export: a folder, or CSV/TSV/JSON files.")
    var export: [String]

    @Option(name: [.short, .customLong("output")], help: "Write the mapping to this file (default: print it).")
    var output: String?

    @Flag(help: "Replace the output file if it exists.")
    var force = false

    @Option(help: "Profile only the first N rows of each file (default: all rows).")
    var sample: Int?

    func run() throws {
        let export = try failingAsUsage { try Inputs.openExport(self.export) }
        if let output, !force, FileManager.default.fileExists(atPath: output) {
            throw usageError("\(output) already exists; pass --force to replace it, or choose another name with -o")
        }
        var profiles: [FileProfile] = []
        for (file, result) in zip(export.files, FileProfile.profile(export.files, rowLimit: sample)) {
            switch result {
            case .success(let profile): profiles.append(profile)
            case .failure(let error): Console.err("gongmap: \(file.name): \(error)\n")
            }
        }
        for issue in export.issues { Console.err("\(issue.description)\n") }
        let exportPath = relativeExportPath(for: output)
        let suggestion = Suggester.suggest(profiles: profiles, exportPath: exportPath, export: export)
        let yaml = suggestion.mapping.yaml()
        guard let output else {
            print(yaml, terminator: "")
            return
        }
        try failingAsUsage { try AtomicFile.write(yaml, to: output, overwrite: force) }
        printSummary(suggestion, output: output)
    }


    /// The export as the mapping file should name it: relative to the mapping file's folder.
    private func relativeExportPath(for output: String?) -> String? {
        guard export.count == 1 else { return nil }
        return ExportPath.relative(export: export[0], mappingFile: output ?? "./mapping.yaml")
    }

    private func printSummary(_ suggestion: Suggestion, output: String) {
        print("Files")
        var files = TextTable(["file", "entity", "confidence", "reason"])
        for choice in suggestion.files {
            let entity = choice.entity.map { $0.rawValue + (choice.isHistory ? " history" : "") } ?? "unassigned"
            files.add([choice.file, entity, String(format: "%.2f", choice.confidence), choice.reason.clipped(70)])
        }
        print(files.render())
        print("\nFields")
        var fields = TextTable(["entity", "field", "from", "confidence", "reason"])
        for choice in suggestion.fields where !choice.isCustom {
            fields.add([choice.entity.rawValue, choice.field, choice.expression.clipped(34), String(format: "%.2f", choice.confidence), choice.reason.clipped(60)])
        }
        print(fields.render())
        let custom = suggestion.fields.filter(\.isCustom)
        if !custom.isEmpty {
            print("\nCustom fields proposed: \(custom.count) (\(Dictionary(grouping: custom, by: \.entity).sorted { $0.key < $1.key }.map { "\($0.value.count) \($0.key.rawValue)" }.joined(separator: ", "))); review them under customFields.")
        }
        if !suggestion.notes.isEmpty {
            print("\nCheck")
            for note in suggestion.notes { print("  - \(note)") }
        }
        print("\nWrote \(output). Next: gongmap validate --mapping \(output)")
    }
}
