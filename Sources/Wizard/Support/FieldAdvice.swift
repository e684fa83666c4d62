import CRMExport
import GongCRM
import Mapping

/// Why a field is mapped as it is and what could go wrong with it, for the Fields step's line
/// under the table: the suggestion's reason, then risks read from the expression and the column's
/// profile.
enum FieldAdvice {
    static func risks(target: String, expression: Expression, entity: EntityType, mapping: Mapping, profile: FileProfile?) -> [String] {
        var risks: [String] = []
        let columns = expression.columns.compactMap { profile?.column(named: $0) }
        if target == "modifiedDate", case .now = expression.source {
            risks.append("@now changes on every run: every record is sent again each time; map the CRM's modification date")
        }
        if expression.transforms.contains(where: { if case .number = $0 { true } else { false } })
            || isNumberTyped(target, entity: entity, mapping: mapping),
           let code = columns.first(where: { $0.count(.leadingZero) + $0.count(.phone) > 0 }) {
            risks.append("\(code.name) holds codes a number changes (\(code.count(.leadingZero) > 0 ? "03902 → 3902" : "+1 555 → 1555")): map it as text")
        }
        let dated = expression.transforms.contains { if case .date = $0 { true } else if case .datetime = $0 { true } else { false } }
        if dated || columns.contains(where: { $0.kind == .date || $0.kind == .datetime }),
           mapping.options.dateOrder == .auto, let column = columns.first(where: { $0.dateOrderEvidence.ambiguous > 0 && $0.dateOrderEvidence.dayFirst + $0.dateOrderEvidence.monthFirst == 0 }) {
            risks.append("\(column.name) has dates like 01/02/2024 that read both ways: set the date order in the mapping's options")
        }
        if columns.contains(where: { $0.nonEmpty < $0.rows }) && EntityCatalog.fields(of: entity).first(where: { $0.name == target })?.requirement == .mandatory {
            let column = columns.first { $0.nonEmpty < $0.rows }!
            risks.append("\(column.name) is empty in \((column.rows - column.nonEmpty).formatted()) rows: those records fail")
        }
        return risks
    }

    private static func isNumberTyped(_ target: String, entity: EntityType, mapping: Mapping) -> Bool {
        guard let field = mapping.customFields[entity]?.first(where: { $0.uniqueName == target }) else { return false }
        return [.number, .currency, .percent].contains(field.type)
    }
}
