import CRMExport
import GongCRM

extension Mapping {
    /// The mapping as a commented, stable YAML document that `Mapping.read` reads back unchanged.
    public func yaml() -> String {
        var lines: [String] = [
            "# gongmap mapping file (format \(version)); the format is described in docs/mapping-format.md.",
            "# Edit freely, then check it with: gongmap validate EXPORT --mapping FILE",
            "gongmap: \(version)",
        ]
        if let export { lines.append("export: " + YAMLScalar.render(export)) }
        lines += ["", "options:",
                  "  timeZone: " + YAMLScalar.render(options.timeZone) + "   # zone of timestamps written without an offset",
                  "  dateOrder: \(options.dateOrder.rawValue)   # auto, MDY or DMY for dates like 01/02/2024",
                  "  decimalMark: \(options.decimalMark.rawValue)",
                  "  deletions: \(options.deletions.rawValue)   # none, or missing: records gone from the export are deleted in Gong",
                  "  objectIdPunctuation: \(options.objectIdPunctuation.rawValue)   # error or warning for '_' and '.' in objectIds"]
        lines += ["", "entities:"]
        if sources.isEmpty { lines[lines.count - 1] += " []" }
        for source in sources { lines += yamlLines(source) }
        let customEntities = EntityType.uploadOrder.filter { !(customFields[$0] ?? []).isEmpty }
        if !customEntities.isEmpty {
            lines += ["", "customFields:"]
            for entity in customEntities {
                lines.append("  \(entity.rawValue):")
                for field in customFields[entity]! {
                    lines.append("    - uniqueName: " + YAMLScalar.render(field.uniqueName))
                    lines.append("      label: " + YAMLScalar.render(field.label))
                    lines.append("      type: \(field.type.rawValue)")
                    if let reference = field.referenceTo { lines.append("      referenceTo: \(reference.referenceName)") }
                    if let values = field.orderedValueList {
                        lines.append("      values: [" + values.map { YAMLScalar.render($0, inFlow: true) }.joined(separator: ", ") + "]")
                    }
                }
            }
        }
        if !valueMaps.isEmpty {
            lines += ["", "valueMaps:"]
            for name in valueMaps.keys.sorted() {
                let entries = valueMaps[name]!.entries
                lines.append("  " + YAMLScalar.render(name) + ":" + (entries.isEmpty ? " {}" : ""))
                for entry in entries { lines.append("    " + YAMLScalar.render(entry.from) + ": " + YAMLScalar.render(entry.to)) }
            }
        }
        if !unassigned.isEmpty {
            lines += ["", "# Files that feed no Gong entity.", "unassigned:"]
            lines += unassigned.map { "  - " + YAMLScalar.render($0) }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func yamlLines(_ source: SourceMapping) -> [String] {
        var lines: [String] = [""]
        if let note = source.note { lines.append("  # \(note)") }
        lines.append("  - entity: \(source.entity.rawValue)")
        switch source.input {
        case .file(let name) where name.hasPrefix(ExportFile.queryPrefix):
            lines.append("    query: " + YAMLScalar.render(String(name.dropFirst(ExportFile.queryPrefix.count))))
        case .file(let name): lines.append("    file: " + YAMLScalar.render(name))
        case .distinct(let parts):
            lines.append("    distinct:")
            for part in parts {
                lines.append("      - file: " + YAMLScalar.render(part.file))
                lines.append("        columns: [" + part.columns.map { YAMLScalar.render($0, inFlow: true) }.joined(separator: ", ") + "]")
            }
        }
        if source.isHistory { lines.append("    history: true") }
        if let incremental = source.incremental {
            lines.append("    incremental: {cursor: \(YAMLScalar.render(incremental.column, inFlow: true)), fullEvery: \(incremental.fullEvery)}   # changed rows only; one upload in \(incremental.fullEvery) reads all")
        }
        lines.append("    fields:")
        let width = (source.fields.map { $0.target.count + 2 + ExpressionSyntax.render($0.expression).count }.max() ?? 0) + 6
        for field in source.fields {
            var line = "      " + YAMLScalar.render(field.target) + ": " + renderExpression(field.expression, indent: 8)
            if let note = field.note, !line.contains("\n") { line = line.rightPadded(to: width) + "  # " + note }
            lines.append(line)
        }
        return lines
    }

    /// The one-line form when it reads back the same, else the structured form.
    private func renderExpression(_ expression: Expression, indent: Int) -> String {
        let line = ExpressionSyntax.render(expression)
        if (try? ExpressionSyntax.parse(line)) == expression { return YAMLScalar.render(line) }
        let pad = String(repeating: " ", count: indent)
        var lines: [String] = []
        switch expression.source {
        case .column(let name): lines.append(pad + "column: " + YAMLScalar.render(name))
        case .constant(let value): lines.append(pad + "constant: " + YAMLScalar.render(value))
        case .template: lines.append(pad + "template: " + YAMLScalar.render(ExpressionSyntax.renderSource(expression.source)))
        case .now, .coalesce, .hash: return YAMLScalar.render(line)
        }
        if !expression.transforms.isEmpty {
            lines.append(pad + "transforms:")
            lines += expression.transforms.map { pad + "  - " + YAMLScalar.render(ExpressionSyntax.render($0)) }
        }
        return "\n" + lines.joined(separator: "\n")
    }
}
