import Foundation
import CRMExport
import GongCRM

/// The one-line form of an expression used in mapping files:
/// `Column | transform | transform(arg, "quoted arg")`, `{First} {Last} | trim`, `=OPEN`, `@now`.
public enum ExpressionSyntax {
    public struct Failure: Error, Sendable, Equatable, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    public static func parse(_ text: String) throws(Failure) -> Expression {
        let pieces = try splitPipes(text)
        guard let head = pieces.first?.trimmingCharacters(in: .whitespaces), !head.isEmpty else {
            throw Failure(message: "expression '\(text)' names no column; write a column name, {Template}, =constant or @now")
        }
        let transforms = try pieces.dropFirst().map { piece throws(Failure) in try parseTransform(piece.trimmingCharacters(in: .whitespaces)) }
        return Expression(source: try parseSource(head), transforms: transforms)
    }

    static func parseSource(_ text: String) throws(Failure) -> ValueSource {
        if text == "@now" { return .now }
        if text.hasPrefix("=") {
            let rest = String(text.dropFirst())
            if rest.hasPrefix("\"") || rest.hasPrefix("'") {
                var scanner = ArgumentScanner(rest)
                let value = try scanner.quoted()
                return .constant(value)
            }
            return .constant(rest)
        }
        for (name, make) in [("coalesce", ValueSource.coalesce), ("hash", ValueSource.hash)] where text.hasPrefix(name + "(") && text.hasSuffix(")") {
            var scanner = ArgumentScanner(String(text.dropFirst(name.count + 1).dropLast()))
            let columns = try scanner.arguments()
            guard !columns.isEmpty, columns.allSatisfy({ !$0.isEmpty }) else { throw Failure(message: "'\(text)': write it as \(name)(Column, Column, …)") }
            return make(columns)
        }
        if text.contains("{") { return .template(try parseTemplate(text)) }
        return .column(text)
    }

    static func parseTemplate(_ text: String) throws(Failure) -> [TemplatePart] {
        var parts: [TemplatePart] = []
        var literal = ""
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            if character == "{" {
                guard let close = text[index...].firstIndex(of: "}") else { throw Failure(message: "template '\(text)' has a '{' without '}'") }
                let name = String(text[text.index(after: index)..<close])
                guard !name.isEmpty else { throw Failure(message: "template '\(text)' has an empty {}") }
                if !literal.isEmpty { parts.append(.literal(literal)); literal = "" }
                parts.append(.column(name))
                index = text.index(after: close)
            } else {
                literal.append(character)
                index = text.index(after: index)
            }
        }
        if !literal.isEmpty { parts.append(.literal(literal)) }
        return parts
    }

    /// Splits at `|` outside quotes, parentheses and braces.
    static func splitPipes(_ text: String) throws(Failure) -> [String] {
        var pieces: [String] = []
        var current = ""
        var depth = 0
        var quote: Character?
        var escaped = false
        for character in text {
            if let open = quote {
                current.append(character)
                if escaped { escaped = false } else if character == "\\" { escaped = true } else if character == open { quote = nil }
                continue
            }
            switch character {
            case "\"": quote = character; current.append(character)
            case "'" where depth > 0: quote = character; current.append(character)
            case "(", "{": depth += 1; current.append(character)
            case ")", "}": depth -= 1; current.append(character)
            case "|" where depth == 0:
                pieces.append(current)
                current = ""
            default: current.append(character)
            }
        }
        if quote != nil { throw Failure(message: "expression '\(text)' has an unclosed quote") }
        pieces.append(current)
        return pieces
    }

    static func parseTransform(_ text: String) throws(Failure) -> Transform {
        let name: String
        var arguments: [String] = []
        if let open = text.firstIndex(of: "(") {
            guard text.hasSuffix(")") else { throw Failure(message: "transform '\(text)' is missing its closing ')'") }
            name = String(text[..<open]).trimmingCharacters(in: .whitespaces)
            var scanner = ArgumentScanner(String(text[text.index(after: open)..<text.index(before: text.endIndex)]))
            arguments = try scanner.arguments()
        } else {
            name = text
        }
        func argument(_ index: Int) -> String? { index < arguments.count ? arguments[index] : nil }
        func require(_ count: ClosedRange<Int>, _ usage: String) throws(Failure) {
            guard count.contains(arguments.count) else { throw Failure(message: "'\(text)': write it as \(usage)") }
        }
        switch name.lowercased() {
        case "trim": try require(0...0, "trim"); return .trim
        case "upper": try require(0...0, "upper"); return .upper
        case "lower": try require(0...0, "lower"); return .lower
        case "title": try require(0...0, "title"); return .title
        case "slug": try require(0...0, "slug"); return .slug
        case "clean": try require(0...0, "clean"); return .clean
        case "domain": try require(0...0, "domain"); return .domain
        case "boolean", "bool": try require(0...0, "boolean"); return .boolean
        case "default": try require(1...1, "default(value)"); return .defaultValue(arguments[0])
        case "split":
            try require(1...2, "split(separator) or split(separator, index)")
            var index: Int?
            if let text = argument(1) {
                guard let parsed = Int(text) else { throw Failure(message: "'\(text)' in split: the index must be a whole number such as 0 or -1") }
                index = parsed
            }
            return .split(separator: arguments[0], index: index)
        case "map":
            try require(1...2, "map(valueMapName) or map(valueMapName, keep|empty|error|=value)")
            var otherwise = Transform.Unmapped.error
            if let policy = argument(1) {
                switch policy {
                case "keep": otherwise = .keep
                case "empty": otherwise = .empty
                case "error": otherwise = .error
                default:
                    guard policy.hasPrefix("=") else { throw Failure(message: "'\(text)': unmapped values can be keep, empty, error or =value") }
                    otherwise = .value(String(policy.dropFirst()))
                }
            }
            return .map(name: arguments[0], otherwise: otherwise)
        case "date": try require(0...1, "date or date(MM/dd/yyyy)"); return .date(format: argument(0))
        case "datetime": try require(0...1, "datetime or datetime(dd.MM.yyyy HH:mm)"); return .datetime(format: argument(0))
        case "epoch":
            try require(0...1, "epoch or epoch(ms)")
            if let unit = argument(0), unit != "ms", unit != "s" { throw Failure(message: "'\(text)': the unit is s or ms") }
            return .epoch(milliseconds: argument(0) == "ms")
        case "number":
            try require(0...1, "number, number(point) or number(comma)")
            guard let mark = NumberParser.DecimalMark(rawValue: argument(0) ?? "auto") else { throw Failure(message: "'\(text)': the decimal mark is point or comma") }
            return .number(mark)
        case "lookup":
            try require(1...1, "lookup(ENTITY.field), e.g. lookup(ACCOUNT.name)")
            let parts = arguments[0].split(separator: ".", maxSplits: 1).map(String.init)
            guard parts.count == 2, let entity = EntityType(loose: parts[0]) else {
                throw Failure(message: "'\(text)': name the entity and its field, e.g. lookup(ACCOUNT.name) or lookup(BUSINESS_USER.emailAddress)")
            }
            return .lookup(entity: entity, field: parts[1])
        case "replace": try require(2...2, "replace(from, to)"); return .replace(arguments[0], with: arguments[1])
        case "prefix": try require(1...1, "prefix(text)"); return .prefix(arguments[0])
        case "suffix": try require(1...1, "suffix(text)"); return .suffix(arguments[0])
        default:
            throw Failure(message: "unknown transform '\(name)'; known: \(Self.transformNames.joined(separator: ", "))")
        }
    }

    public static let transformNames = ["trim", "upper", "lower", "title", "default", "split", "map", "date", "datetime", "epoch", "number", "boolean", "lookup", "domain", "replace", "prefix", "suffix", "slug", "clean"]

    // MARK: Rendering

    public static func render(_ expression: Expression) -> String {
        ([renderSource(expression.source)] + expression.transforms.map(render)).joined(separator: " | ")
    }

    static func renderSource(_ source: ValueSource) -> String {
        switch source {
        case .column(let name): name
        case .now: "@now"
        case .constant(let value): "=" + (needsQuoting(value) || value.hasPrefix("\"") || value.hasPrefix("'") ? quote(value) : value)
        case .template(let parts):
            parts.map { if case .column(let name) = $0 { "{\(name)}" } else if case .literal(let text) = $0 { text } else { "" } }.joined()
        case .coalesce(let names): "coalesce(" + names.map(renderArgument).joined(separator: ", ") + ")"
        case .hash(let names): "hash(" + names.map(renderArgument).joined(separator: ", ") + ")"
        }
    }

    public static func render(_ transform: Transform) -> String {
        func call(_ name: String, _ arguments: [String]) -> String { name + "(" + arguments.map(renderArgument).joined(separator: ", ") + ")" }
        switch transform {
        case .trim: return "trim"
        case .upper: return "upper"
        case .lower: return "lower"
        case .title: return "title"
        case .slug: return "slug"
        case .clean: return "clean"
        case .domain: return "domain"
        case .boolean: return "boolean"
        case .defaultValue(let value): return call("default", [value])
        case .split(let separator, let index): return call("split", [separator] + (index.map { [String($0)] } ?? []))
        case .map(let name, let otherwise):
            switch otherwise {
            case .error: return call("map", [name])
            case .keep: return call("map", [name, "keep"])
            case .empty: return call("map", [name, "empty"])
            case .value(let value): return call("map", [name, "=" + value])
            }
        case .date(let format): return format.map { call("date", [$0]) } ?? "date"
        case .datetime(let format): return format.map { call("datetime", [$0]) } ?? "datetime"
        case .epoch(let milliseconds): return milliseconds ? "epoch(ms)" : "epoch"
        case .number(let mark): return mark == .auto ? "number" : call("number", [mark.rawValue])
        case .lookup(let entity, let field): return "lookup(\(entity.rawValue).\(field))"
        case .replace(let from, let to): return call("replace", [from, to])
        case .prefix(let text): return call("prefix", [text])
        case .suffix(let text): return call("suffix", [text])
        }
    }

    static func renderArgument(_ text: String) -> String { needsQuoting(text) ? quote(text) : text }

    static func needsQuoting(_ text: String) -> Bool {
        text.isEmpty || text.first == " " || text.last == " " || text.contains(where: { ",()|\"'{}\\".contains($0) })
    }

    static func quote(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}

/// Reads comma-separated arguments; each bare (trimmed) or quoted with `"…"`/`'…'` and `\` escapes.
struct ArgumentScanner {
    private let characters: [Character]
    private var index = 0

    init(_ text: String) { characters = Array(text) }

    mutating func quoted() throws(ExpressionSyntax.Failure) -> String {
        let open = characters[index]
        index += 1
        var value = ""
        while index < characters.count {
            let character = characters[index]
            index += 1
            if character == "\\" && index < characters.count {
                value.append(characters[index])
                index += 1
            } else if character == open {
                return value
            } else {
                value.append(character)
            }
        }
        throw ExpressionSyntax.Failure(message: "argument \(open)\(value) is not closed with \(open)")
    }

    mutating func arguments() throws(ExpressionSyntax.Failure) -> [String] {
        var result: [String] = []
        if characters.allSatisfy({ $0 == " " }) { return [] }
        while true {
            while index < characters.count && characters[index] == " " { index += 1 }
            var value: String
            if index < characters.count && (characters[index] == "\"" || characters[index] == "'") {
                value = try quoted()
                while index < characters.count && characters[index] == " " { index += 1 }
            } else {
                value = ""
                while index < characters.count && characters[index] != "," { value.append(characters[index]); index += 1 }
                value = value.trimmingCharacters(in: .whitespaces)
            }
            result.append(value)
            guard index < characters.count else { return result }
            guard characters[index] == "," else { throw ExpressionSyntax.Failure(message: "expected ',' between arguments") }
            index += 1
        }
    }
}
