import CRMExport
import GongCRM
import Mapping

/// One source row through the mapping, as the Fields step shows it: each field's source text,
/// the converted value or the problem, and the LDJSON line Gong would get.
public struct RecordPreview: Sendable {
    public var row: Int
    public var line: String
    public var values: [String: String]
    public var problems: [String: String]
    /// The source text of each mapped field (its columns' cells), before the transforms.
    public var sources: [String: String]

    /// The first `limit` rows of `file`, read once per file by the caller.
    public static func rows(of file: ExportFile, limit: Int = 200) -> (header: [String], rows: [SourceRow]) {
        guard let reader = try? RowReader(file: file) else { return ([], []) }
        var rows: [SourceRow] = []
        var row = SourceRow()
        while rows.count < limit, (try? reader.next(into: &row)) == true { rows.append(row) }
        return (reader.header, rows)
    }

    /// `lookups` are those of the last validation; without one, a looked-up field says it waits for one
    /// rather than showing the name it would look up as if it were the id.
    public static func make(source: SourceMapping, mapping: Mapping, header: [String], row: SourceRow, index: Int,
                            lookups: (any LookupResolver)?) -> Result<RecordPreview, MappingError> {
        let columns = Dictionary(header.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        let compiled: CompiledSource
        do {
            compiled = try CompiledSource(source, in: mapping, context: ApplyContext.now(options: mapping.options), header: header,
                                          columnIndex: { columns[$0] }, mappingFile: "(preview)")
        } catch {
            return .failure(error)
        }
        var problems: [FieldProblem] = []
        let record = compiled.record(from: row, lookups: lookups ?? PendingLookups(), problems: &problems)
        var values: [String: String] = [:]
        for field in record.fields { values[field.name] = field.value.displayText }
        var described: [String: String] = [:]
        for problem in problems { described[problem.field, default: ""] += problem.message }
        var sourceTexts: [String: String] = [:]
        for field in source.fields {
            sourceTexts[field.target] = field.expression.columns.compactMap { columns[$0].map { row.count > $0 ? row.string($0) : "" } }.joined(separator: " · ")
        }
        return .success(RecordPreview(row: index + 1, line: LDJSONEncoder.line(record), values: values, problems: described, sources: sourceTexts))
    }
}

/// Stands in for lookups until a validation has resolved them.
struct PendingLookups: LookupResolver {
    static let placeholder = "‹looked up when validated (v)›"
    func resolve(entity: EntityType, field: String, value: String) -> LookupOutcome { .found(Self.placeholder) }
}
