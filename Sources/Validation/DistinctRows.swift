import CRMExport
import Mapping

/// The rows of a `distinct:` input: one per distinct combination of the listed columns' values
/// across the listed files, in order of first appearance, remembering where each first appeared.
struct DistinctRows {
    struct Origin { var file: String; var row: Int; var line: Int }

    let header: [String]
    private(set) var rows: [SourceRow] = []
    private(set) var origins: [Origin] = []
    private(set) var issues: [ReadIssue] = []
    private(set) var rowsRead: [String: Int] = [:]

    init(_ parts: [DistinctColumns], export: Export) throws(PipelineError) {
        header = parts[0].columns
        var seen: [[String]: Int] = [:]
        for part in parts {
            guard let file = export.file(named: part.file) else { throw PipelineError("\(part.file) is not in the export; the distinct: source of the mapping reads it") }
            guard part.columns.count == header.count else {
                throw PipelineError("every distinct: part must list \(header.count) column(s) like the first; \(part.file) lists \(part.columns.count)")
            }
            let reader: RowReader
            do { reader = try RowReader(file: file) } catch { throw PipelineError("\(part.file): \(error)") }
            var indexes: [Int] = []
            for column in part.columns {
                guard let index = reader.registerColumn(named: column) else {
                    throw PipelineError("column '\(column)' is not in \(part.file); its columns are: \(reader.header.prefix(40).joined(separator: ", "))")
                }
                indexes.append(index)
            }
            var row = SourceRow()
            var count = 0
            do {
                while try reader.next(into: &row) {
                    count += 1
                    let values = indexes.map { row.string($0).trimmed }
                    guard values.contains(where: { !$0.isEmpty }), seen[values] == nil else { continue }
                    seen[values] = rows.count
                    rows.append(SourceRow(cells: values, line: row.line, number: rows.count + 1))
                    origins.append(Origin(file: part.file, row: row.number, line: row.line))
                }
            } catch {
                throw PipelineError("\(part.file): \(error)")
            }
            rowsRead[part.file, default: 0] += count
            issues += reader.takeIssues()
        }
    }
}

