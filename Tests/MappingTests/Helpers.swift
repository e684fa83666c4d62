import CRMExport
import Foundation
import GongCRM
import Mapping

/// Applies one field expression to one row, as the pipeline does.
func apply(_ expression: String, to target: String = "name", of entity: EntityType = .account, header: [String], row: [String],
           options: MappingOptions = MappingOptions(), valueMaps: [String: ValueMap] = [:], customFields: [CustomField] = [],
           lookups: (any LookupResolver)? = nil) throws -> (value: FieldValue?, problems: [FieldProblem]) {
    var mapping = Mapping()
    mapping.options = options
    mapping.valueMaps = valueMaps
    if !customFields.isEmpty { mapping.customFields[entity] = customFields }
    let source = SourceMapping(entity: entity, input: .file("f.csv"), fields: [FieldMapping(target: target, expression: try ExpressionSyntax.parse(expression))])
    let context = ApplyContext(options: options, runTimestamp: GongTimestamp(secondsSinceEpoch: 1_700_000_000))
    let compiled = try CompiledSource(source, in: mapping, context: context, header: header, columnIndex: { header.firstIndex(of: $0) }, mappingFile: "m.yaml")
    var problems: [FieldProblem] = []
    let record = compiled.record(from: SourceRow(cells: row, line: 2, number: 1), lookups: lookups, problems: &problems)
    return (record[target], problems)
}

final class TemporaryFolder {
    let path: String
    init() {
        path = NSTemporaryDirectory() + "gongmap-mapping-" + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(atPath: path) }

    func write(_ name: String, _ text: String) {
        let full = path + "/" + name
        try! FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: full, contents: Data(text.utf8))
    }
}

/// The repository's bundled sample export.
let sampleExport: String = {
    var url = URL(fileURLWithPath: #filePath)
    while url.path != "/" && !FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { url.deleteLastPathComponent() }
    return url.appendingPathComponent("Samples/salesforce-small").path
}()
