import CRMExport
import GongCRM

/// The last step for every field: the value in the JSON form of its Gong field kind.
enum Coercion {
    static func convert(_ value: TransformValue, to kind: FieldKind, field: CompiledField, context: ApplyContext, problems: inout [FieldProblem]) -> FieldValue? {
        func problem(_ problemKind: FieldProblem.Kind, _ text: String, _ message: String) -> FieldValue? {
            problems.append(FieldProblem(kind: problemKind, field: field.target, column: field.columnLabel, value: text, message: message))
            return nil
        }
        if case .stringArray = kind {
            switch value {
            case .missing: return nil
            case .list(let items): return items.isEmpty ? nil : .strings(items)
            case .text(let text):
                let items = BoundTransform.splitList(text, separator: ";").flatMap { item in
                    // Splitting walks Characters: only for the items that need it.
                    item.utf8.contains(UInt8(ascii: ",")) ? item.split(separator: ",").map { String($0).trimmed } : [item]
                }.filter { !$0.isEmpty }
                return items.isEmpty ? nil : .strings(items)
            }
        }
        guard var text = value.text else { return nil }
        switch kind {
        case .string, .phone, .reference:
            if let damage = DirtyText.damage(in: text) {
                let kind: FieldProblem.Kind = if case .mojibake = damage { .mojibake } else { .invisibleCharacters }
                problems.append(FieldProblem(kind: kind, field: field.target, column: field.columnLabel, value: text, message: DirtyText.describe(damage, value: text)))
            }
            return .string(text)
        case .email:
            // Kept even when malformed: whether that is fatal depends on the entity (validation decides).
            if !GongFormat.isEmail(text) {
                problems.append(FieldProblem(kind: .invalidEmail, field: field.target, column: field.columnLabel, value: text, message: "'\(text)' is not a valid email address"))
            }
            return .string(text)
        case .url:
            guard GongFormat.isURL(text) else {
                return problem(.invalidURL, text, "'\(text)' is not an absolute http(s) URL; build it with a template such as https://crm.example.com/r/{Id}")
            }
            return .string(text)
        case .datetime:
            // Already Gong's UTC form: keep it. Anything else, offsets included, is normalised to UTC.
            if text.utf8.count == 20 && text.hasSuffix("Z") && GongFormat.isDatetime(text) { return .string(text) }
            guard let parsed = parseDate(text, pattern: nil, context: context, field: field, problems: &problems) else { return nil }
            // A date without a time becomes midnight UTC of that date, so the date itself never moves.
            guard parsed.hasTime else { return .string(CivilDate(year: parsed.year, month: parsed.month, day: parsed.day).gongText + "T00:00:00Z") }
            return .string(context.zone.timestamp(parsed).gongText)
        case .date:
            if GongFormat.isDate(text) { return .string(text) }
            guard let parsed = parseDate(text, pattern: nil, context: context, field: field, problems: &problems) else { return nil }
            // A datetime given for a date keeps the date it was written with: no zone shift.
            return .string(CivilDate(year: parsed.year, month: parsed.month, day: parsed.day).gongText)
        case .boolean:
            guard let flag = BooleanParser.parse(text) else { return problem(.invalidType, text, "'\(text)' is not a yes/no value; use true/false, yes/no, 1/0 or x, or add a boolean transform") }
            return .boolean(flag)
        case .number, .percent:
            guard let number = NumberParser.parse(text, decimalMark: context.options.decimalMark) else {
                return problem(.invalidType, text, "'\(text)' is not a number; \(field.target) takes digits with an optional sign, decimal mark and currency sign")
            }
            if kind == .percent, let percent = Double(number), !(0...100).contains(percent) {
                return problem(.invalidValue, text, "'\(text)' is outside 0–100; a PERCENT field takes 67.3 for 67.3%")
            }
            return .number(number)
        case .integer:
            guard let number = NumberParser.parse(text, decimalMark: context.options.decimalMark), !number.contains(".") else {
                return problem(.invalidType, text, "'\(text)' is not a whole number")
            }
            return .number(number)
        case .enumeration(let allowed), .picklist(let allowed):
            if allowed.contains(text) { return .string(text) }
            // The schema's values are trimmed (suggest writes them so), and so is what is compared
            // with them: `'Missouri '` is Missouri.
            let folded = text.trimmed.lowercased()
            if let match = allowed.first(where: { $0.trimmed.lowercased() == folded }) { text = match; return .string(text) }
            return problem(.invalidValue, text, "'\(text)' is not one of \(allowed.prefix(12).joined(separator: ", "))\(allowed.count > 12 ? ", …" : ""); map it with a value map")
        case .stringArray:
            return nil
        }
    }

    /// Parses with an explicit pattern, or detects the form using the mapping's date order.
    static func parseDate(_ text: String, pattern: DatePattern?, context: ApplyContext, field: CompiledField, problems: inout [FieldProblem]) -> ParsedDate? {
        func problem(_ kind: FieldProblem.Kind, _ message: String) -> ParsedDate? {
            problems.append(FieldProblem(kind: kind, field: field.target, column: field.columnLabel, value: text, message: message))
            return nil
        }
        if let pattern {
            return pattern.parse(text) ?? problem(.invalidDate, "'\(text)' does not match the format \(pattern.text)")
        }
        switch DateParser.parse(text, order: context.options.dateOrder, allowEpoch: true) {
        case .success(let parsed): return parsed
        case .failure(.ambiguous):
            return problem(.ambiguousDate, "'\(text)' reads both as month/day and day/month; set options.dateOrder to MDY or DMY, or give the format, e.g. date(MM/dd/yyyy)")
        case .failure(.invalidCalendarDate):
            return problem(.invalidDate, "'\(text)' is not a real calendar date")
        case .failure(.notADate):
            let example = field.kind == .datetime ? "datetime(dd/MM/yyyy HH:mm)" : "date(dd/MM/yyyy)"
            return problem(.invalidDate, "'\(text)' is not a date Gong can take; use YYYY-MM-DD, or give the format, e.g. \(example)")
        }
    }
}
