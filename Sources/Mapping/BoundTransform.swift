import CRMExport
import Foundation
import GongCRM

/// A transform with its value map, date pattern or lookup target resolved.
enum BoundTransform {
    case simple(Transform)
    case map(ValueMap, name: String, otherwise: Transform.Unmapped)
    case date(DatePattern?)
    case datetime(DatePattern?)

    init(_ transform: Transform, mapping: Mapping, target: String, mappingFile: String) throws(MappingError) {
        func fail(_ message: String) -> MappingError { MappingError(file: mappingFile, line: 0, column: 0, message: "\(target): \(message)") }
        switch transform {
        case .map(let name, let otherwise):
            guard let map = mapping.valueMaps[name] else {
                throw fail("value map '\(name)' is not defined; add it under valueMaps\(mapping.valueMaps.isEmpty ? "" : " (defined: \(mapping.valueMaps.keys.sorted().joined(separator: ", ")))")")
            }
            self = .map(map, name: name, otherwise: otherwise)
        case .date(let format?):
            guard let pattern = DatePattern(format) else { throw fail("date format '\(format)' is not understood; write it like MM/dd/yyyy or dd.MM.yyyy") }
            self = .date(pattern)
        case .date(nil): self = .date(nil)
        case .datetime(let format?):
            guard let pattern = DatePattern(format) else { throw fail("datetime format '\(format)' is not understood; write it like MM/dd/yyyy HH:mm or dd.MM.yyyy HH:mm:ss") }
            self = .datetime(pattern)
        case .datetime(nil): self = .datetime(nil)
        default:
            self = .simple(transform)
        }
    }

    func apply(_ value: TransformValue, field: CompiledField, context: ApplyContext, lookups: (any LookupResolver)?, problems: inout [FieldProblem]) -> TransformValue {
        func problem(_ kind: FieldProblem.Kind, _ text: String, _ message: String) {
            problems.append(FieldProblem(kind: kind, field: field.target, column: field.columnLabel, value: text, message: message))
        }
        switch self {
        case .map(let map, let name, let otherwise):
            return value.mapText { text in
                if let mapped = map.lookup(text) { return mapped }
                switch otherwise {
                case .keep: return text
                case .empty: return ""
                case .value(let replacement): return replacement
                case .error:
                    problem(.unmappedValue, text, "'\(text)' has no entry in value map '\(name)'; add it under valueMaps.\(name), or write map(\(name), keep)")
                    return ""
                }
            }
        case .date(let pattern):
            return value.mapText { text in
                guard let parsed = Coercion.parseDate(text, pattern: pattern, context: context, field: field, problems: &problems) else { return "" }
                return CivilDate(year: parsed.year, month: parsed.month, day: parsed.day).gongText
            }
        case .datetime(let pattern):
            return value.mapText { text in
                guard let parsed = Coercion.parseDate(text, pattern: pattern, context: context, field: field, problems: &problems) else { return "" }
                return context.zone.timestamp(parsed).gongText
            }
        case .simple(let transform):
            return Self.apply(transform, value, field: field, lookups: lookups, problem: problem)
        }
    }

    static func apply(_ transform: Transform, _ value: TransformValue, field: CompiledField, lookups: (any LookupResolver)?,
                      problem: (FieldProblem.Kind, String, String) -> Void) -> TransformValue {
        switch transform {
        case .trim: return value.mapText { $0.trimmed }
        case .upper: return value.mapText { $0.uppercased() }
        case .lower: return value.mapText { $0.lowercased() }
        case .title: return value.mapText { $0.lowercased().capitalized }
        case .defaultValue(let fallback): return value == .missing ? TransformValue(fallback) : value
        case .prefix(let text): return value.mapText { text + $0 }
        case .suffix(let text): return value.mapText { $0 + text }
        case .replace(let from, let to): return value.mapText { $0.replacingOccurrences(of: from, with: to) }
        case .slug: return value.mapText(slug)
        case .clean: return value.mapText(DirtyText.repair)
        case .domain: return value.mapText(domain)
        case .split(let separator, let index):
            guard let text = value.text else { return .missing }
            let parts = splitList(text, separator: separator)
            guard let index else { return .list(parts) }
            let position = index < 0 ? parts.count + index : index
            return parts.indices.contains(position) ? TransformValue(parts[position]) : .missing
        case .epoch(let milliseconds):
            return value.mapText { text in
                guard let parsed = DateParser.parseEpoch(text, milliseconds: milliseconds) else {
                    problem(.invalidDate, text, "'\(text)' is not a number of \(milliseconds ? "milliseconds" : "seconds") since 1970")
                    return ""
                }
                return GongTimestamp(date: CivilDate(year: parsed.year, month: parsed.month, day: parsed.day), hour: parsed.time!.hour, minute: parsed.time!.minute, second: parsed.time!.second, offsetSeconds: 0).gongText
            }
        case .number(let mark):
            return value.mapText { text in
                guard let number = NumberParser.parse(text, decimalMark: mark) else {
                    problem(.invalidType, text, "'\(text)' is not a number; remove text other than digits, separators and a currency sign")
                    return ""
                }
                return number
            }
        case .boolean:
            return value.mapText { text in
                guard let flag = BooleanParser.parse(text) else {
                    problem(.invalidType, text, "'\(text)' is not a yes/no value (true/false, yes/no, 1/0, x)")
                    return ""
                }
                return flag ? "true" : "false"
            }
        case .lookup(let entity, let targetField):
            return value.mapText { text in
                guard let lookups else { return text }
                switch lookups.resolve(entity: entity, field: targetField, value: text) {
                case .found(let id): return id
                case .notFound:
                    problem(.lookupNotFound, text, "no \(entity.rawValue) has \(targetField) '\(text)'; check the value or the \(entity.rawValue) file")
                    return ""
                case .ambiguous(let count):
                    problem(.lookupAmbiguous, text, "\(count) \(entity.displayName) have \(targetField) '\(text)'; look up by a unique field instead")
                    return ""
                }
            }
        case .map, .date, .datetime:
            return value
        }
    }

    /// Splits on the separator, or reads a JSON array of strings (as JSON exports write lists).
    static func splitList(_ text: String, separator: String) -> [String] {
        // Bytes, not `String.contains(_:)`, which goes through Foundation on every value.
        let separatorBytes = Array(separator.utf8)
        let hasSeparator = !separatorBytes.isEmpty && text.utf8.withContiguousStorageIfAvailable { bytes in
            bytes.indices.contains { bytes[$0...].starts(with: separatorBytes) }
        } ?? text.contains(separator)
        if !text.utf8.contains(where: { $0 == UInt8(ascii: "[") || $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: ";") }) && !hasSeparator {
            let item = text.trimmed
            return item.isEmpty ? [] : [item]
        }
        if text.hasPrefix("["), let data = text.data(using: .utf8), let items = try? JSONSerialization.jsonObject(with: data) as? [Any] {
            return items.map { "\($0)".trimmed }.filter { !$0.isEmpty }
        }
        return text.components(separatedBy: separator).map(\.trimmed).filter { !$0.isEmpty }
    }

    static func slug(_ text: String) -> String {
        var result = ""
        var pendingDash = false
        for scalar in text.lowercased().unicodeScalars {
            if scalar.properties.isAlphabetic || scalar.properties.numericType == .decimal {
                if pendingDash && !result.isEmpty { result += "-" }
                pendingDash = false
                result.unicodeScalars.append(scalar)
            } else {
                pendingDash = true
            }
        }
        return String(result.prefix(64))
    }

    static func domain(_ text: String) -> String {
        var bytes = Array(text.trimmed.utf8)
        if let at = bytes.lastIndex(of: UInt8(ascii: "@")) { bytes.removeSubrange(...at) }
        if let colon = bytes.firstIndex(of: UInt8(ascii: ":")), bytes[colon...].starts(with: Array("://".utf8)) { bytes.removeSubrange(...(colon + 2)) }
        if let end = bytes.firstIndex(where: { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#") || $0 == UInt8(ascii: ":") }) {
            bytes.removeSubrange(end...)
        }
        for index in bytes.indices where bytes[index] >= 0x41 && bytes[index] <= 0x5A { bytes[index] |= 0x20 }
        if bytes.starts(with: Array("www.".utf8)) { bytes.removeFirst(4) }
        let host = String(decoding: bytes, as: UTF8.self)
        return bytes.contains(where: { $0 >= 0x80 }) ? host.lowercased() : host
    }
}
