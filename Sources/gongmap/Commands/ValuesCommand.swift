import ArgumentParser
import CRMExport
import Foundation
import Mapping

struct ValuesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "values",
        abstract: "Show the distinct values of a column with their counts, and how a value map maps them.",
        discussion: "Use it to build a value map (stages, owners, statuses) value by value: unmapped values and the records they stand for are counted."
    )

    @Argument(help: "The export: a folder, or CSV/TSV/JSON files.")
    var export: [String]

    @Option(help: "The file of the export.")
    var file: String

    @Option(help: "The column.")
    var column: String

    @Option(help: "A mapping file holding the value map.")
    var mapping: String?

    @Option(help: "The name of the value map under valueMaps.")
    var map: String?

    func run() throws {
        let export = try failingAsUsage { try Inputs.openExport(self.export) }
        guard let exportFile = export.file(named: file) else {
            throw usageError("\(file) is not in the export; its files are \(export.files.map(\.name).joined(separator: ", "))")
        }
        let profile = try failingAsUsage { try FileProfile.profile(exportFile) }
        guard let profiled = profile.column(named: column) else {
            throw usageError("column '\(column)' is not in \(file); its columns are \(profile.header.joined(separator: ", "))")
        }
        var valueMap: ValueMap?
        if let mapping, let map {
            let loaded = try failingAsUsage { try Inputs.readMapping(mapping) }
            guard let found = loaded.valueMaps[map] else { throw usageError("\(mapping) has no value map '\(map)'") }
            valueMap = found
        }
        let rows = ValueMapBuilder.rows(for: profiled, map: valueMap)
        var table = TextTable(["value", "records", valueMap == nil ? "" : "maps to"], rightAligned: [1])
        for row in rows { table.add([row.value.replacingOccurrences(of: "\n", with: "⏎").clipped(50), row.count.formatted(), valueMap == nil ? "" : row.target ?? "(unmapped)"]) }
        // Empty cells are values too: the field stays empty for them, whatever the map says.
        let empty = profile.rows - profiled.nonEmpty
        if empty > 0 && profiled.frequenciesComplete { table.add(["(empty)", empty.formatted(), valueMap == nil ? "" : "(nothing: the field stays empty)"]) }
        print(table.render())
        if !profiled.frequenciesComplete {
            print("\nOnly the first \(ColumnProfiler.frequencyLimit.formatted()) distinct values are listed (about \(profiled.distinctEstimate.formatted()) in all): this column is not a good value-map source.")
        }
        if valueMap != nil {
            let coverage = ValueMapBuilder.coverage(rows)
            print("\n\(coverage.mappedValues) values mapped (\(coverage.mappedRecords.formatted()) records); \(coverage.unmappedValues) unmapped (\(coverage.unmappedRecords.formatted()) records).")
        }
    }

}
