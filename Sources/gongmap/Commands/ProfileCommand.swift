import ArgumentParser
import CRMExport
import Foundation

struct ProfileCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "profile", abstract: "Show the files of an export and what their columns hold.")

    @Argument(help: "The export: a folder, or CSV/TSV/JSON files.")
    var export: [String]

    @Option(help: "Read only the first N rows of each file.")
    var rows: Int?

    func run() throws {
        let export = try failingAsUsage { try Inputs.openExport(self.export) }
        for issue in export.issues { print(issue.description) }
        for file in export.files {
            let profile = try failingAsUsage { try FileProfile.profile(file, rowLimit: rows) }
            print("\(file.name)  \(file.layout.label), \(file.encoding.rawValue), \(profile.rows.formatted()) rows\(profile.complete ? "" : " (first rows only)")")
            var table = TextTable(["column", "kind", "filled", "distinct", "samples"], rightAligned: [2, 3])
            for column in profile.columns {
                let filled = profile.rows == 0 ? "-" : "\(column.nonEmpty * 100 / max(1, profile.rows))%"
                table.add([column.name.clipped(28), column.kind.rawValue, filled, "\(column.frequenciesComplete ? "" : "~")\(column.distinctEstimate)",
                           column.samples.prefix(3).map { $0.replacingOccurrences(of: "\n", with: "⏎").clipped(18) }.joined(separator: " | ")])
            }
            print(table.render())
            for issue in profile.issues { print("  " + issue.description) }
            print("")
        }
        if export.files.isEmpty {
            throw usageError("no file of \(Export.label(of: self.export)) can be read (see above): export CSV, TSV or JSON text")
        }
    }
}
