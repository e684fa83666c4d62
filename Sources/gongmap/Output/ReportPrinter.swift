import GongCRM
import Validation

/// The readable summary of a validation report for a terminal.
enum ReportPrinter {
    static func render(_ report: ValidationReport, export: String, mapping: String, diagnosticsFile: String?) -> String {
        var out: [String] = ["Validated \(export) with \(mapping)", ""]
        var records = TextTable(["entity", "read", "valid", "left out", "with warnings", "history"], rightAligned: [1, 2, 3, 4, 5])
        for entity in EntityType.uploadOrder {
            guard let tally = report.entities[entity] else { continue }
            records.add([entity.rawValue, tally.read.formatted(), tally.valid.formatted(), tally.invalid.formatted(), tally.withWarnings.formatted(),
                         tally.historyVersions == 0 ? "" : "\(tally.historyVersions.formatted()) in \(tally.historyLayers) files"])
        }
        out += ["Records", records.render(), ""]
        if !report.relationships.isEmpty {
            var relations = TextTable(["reference", "target", "linked", "missing", "empty"], rightAligned: [2, 3, 4])
            for relation in report.relationships {
                relations.add(["\(relation.entity.rawValue).\(relation.field)", relation.target.rawValue, relation.linked.formatted(), relation.missing.formatted(), relation.empty.formatted()])
            }
            out += ["Relationships", relations.render(), ""]
        }
        for severity in [Severity.error, .warning] {
            let groups = report.summary.sortedGroups.filter { $0.severity == severity }
            guard !groups.isEmpty else { continue }
            let total = groups.reduce(0) { $0 + $1.count }
            out.append(severity == .error ? "Errors: \(total.formatted()) (these records are left out)" : "Warnings: \(total.formatted()) (these records are sent)")
            for group in groups {
                let target = group.entity.map { $0.rawValue + (group.field.map { ".\($0)" } ?? "") } ?? "file"
                out.append("  \(group.rule.rawValue)  \(target)  ×\(group.count.formatted())")
                for sample in group.samples.prefix(3) {
                    var place = sample.file
                    if sample.line > 0 { place += ":\(sample.line)" }
                    if sample.row > 0 { place += " row \(sample.row)" }
                    if let column = sample.column { place += " [\(column)]" }
                    out.append("    \(place): \(sample.message.clipped(150))")
                }
                if group.count > 3 { out.append("    … and \((group.count - 3).formatted()) more") }
            }
            out.append("")
        }
        var files = TextTable(["file", "used as", "rows"], rightAligned: [2])
        for file in report.files { files.add([file.name, file.role, file.rows == 0 ? "" : file.rows.formatted()]) }
        out += ["Files", files.render(), ""]
        let verdict = report.errors == 0 ? "OK: every record can be sent" : "\(report.errors.formatted()) errors: those records would be left out"
        out.append("\(verdict); \(report.warnings.formatted()) warnings." + (diagnosticsFile.map { " All diagnostics in \($0)." } ?? " Every diagnostic: --diagnostics-out FILE.csv"))
        return out.joined(separator: "\n")
    }
}
