import Foundation

/// Reads and writes theme files: a small YAML document of a name, a description and one style
/// per role, e.g.
///
///     name: default
///     description: Light text on a dark background.
///     roles:
///       title: bold bright-white
///       selection: black on cyan
///
/// A style is attribute words (bold, dim, italic, underline, reverse), then a colour, then
/// optionally `on` and a background colour. Colours: default, the eight names (black red green
/// yellow blue magenta cyan white), `bright-` and a name, `gray`, 0–255, or `#rrggbb`.
public enum ThemeFile {
    public struct Problem: Error, Equatable, CustomStringConvertible {
        public var file: String
        public var line: Int
        public var key: String
        public var message: String
        public var description: String { "\(file):\(line): \(key): \(message)" }
    }

    public static func parse(_ text: String, file: String) throws(Problem) -> Theme {
        var name: String?, description = "", styles: [ThemeRole: Style] = [:]
        var inRoles = false
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let number = index + 1
            // Comments: a line starting with `#`, or ` # ` after a value (`#` then a letter is a colour).
            var line = String(raw)
            if line.trimmingCharacters(in: .whitespaces).hasPrefix("#") { continue }
            if let comment = line.range(of: " # ") { line = String(line[..<comment.lowerBound]) }
            if line.trimmingCharacters(in: .whitespaces).isEmpty { continue }
            guard let colon = line.firstIndex(of: ":") else {
                throw Problem(file: file, line: number, key: line.trimmingCharacters(in: .whitespaces), message: "expected `key: value`")
            }
            let indented = line.first == " " || line.first == "\t"
            let key = line[..<colon].trimmingCharacters(in: .whitespaces)
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            if indented {
                guard inRoles else { throw Problem(file: file, line: number, key: key, message: "indented keys belong under `roles:`") }
                guard let role = ThemeRole(name: key) else {
                    throw Problem(file: file, line: number, key: key, message: "unknown role; roles are \(ThemeRole.allCases.map(\.name).joined(separator: ", "))")
                }
                do { styles[role] = try style(value) } catch let message {
                    throw Problem(file: file, line: number, key: key, message: message.text)
                }
                continue
            }
            inRoles = false
            switch key {
            case "name": name = unquoted(value)
            case "description": description = unquoted(value)
            case "roles":
                guard value.isEmpty else { throw Problem(file: file, line: number, key: key, message: "put each role on its own indented line") }
                inRoles = true
            default: throw Problem(file: file, line: number, key: key, message: "unknown key; a theme has name, description and roles")
            }
        }
        guard let name, !name.isEmpty else { throw Problem(file: file, line: 1, key: "name", message: "missing") }
        return Theme(name: name, description: description, styles: styles)
    }

    /// The file text of `theme`, roles in their canonical order.
    public static func text(of theme: Theme) -> String {
        var text = "name: \(theme.name)\n"
        if !theme.description.isEmpty { text += "description: \(theme.description)\n" }
        text += "roles:\n"
        for role in ThemeRole.allCases where theme.roles.contains(role) { text += "  \(role.name): \(spec(theme[role]))\n" }
        return text
    }

    struct Message: Error { var text: String }

    static let attributeWords: [(String, TextAttributes)] = [("bold", .bold), ("dim", .dim), ("italic", .italic), ("underline", .underline), ("reverse", .reverse)]
    static let colorNames = ["black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"]

    static func style(_ spec: String) throws(Message) -> Style {
        var style = Style()
        var words = spec.split(separator: " ").map { String($0).lowercased() }[...]
        while let word = words.first, let attribute = attributeWords.first(where: { $0.0 == word }) {
            style.attributes.insert(attribute.1)
            words.removeFirst()
        }
        if let word = words.first, word != "on" {
            style.foreground = try color(word)
            words.removeFirst()
        }
        if words.first == "on" {
            words.removeFirst()
            guard let word = words.first else { throw Message(text: "a colour must follow `on`") }
            style.background = try color(word)
            words.removeFirst()
        }
        if let extra = words.first { throw Message(text: "unexpected `\(extra)`; write attributes, a colour, then `on` and a colour") }
        return style
    }

    static func color(_ word: String) throws(Message) -> TerminalColor {
        if word == "default" { return .default }
        if word == "gray" || word == "grey" { return .ansi(8) }
        if let index = colorNames.firstIndex(of: word) { return .ansi(UInt8(index)) }
        if word.hasPrefix("bright-"), let index = colorNames.firstIndex(of: String(word.dropFirst(7))) { return .ansi(UInt8(index + 8)) }
        if let number = Int(word), (0...255).contains(number) { return .indexed(UInt8(number)) }
        if word.hasPrefix("#"), word.count == 7, let value = UInt32(word.dropFirst(), radix: 16) {
            return .rgb(UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF))
        }
        throw Message(text: "unknown colour `\(word)`; use a name (red, bright-blue, gray), 0–255 or #rrggbb")
    }

    static func spec(_ style: Style) -> String {
        var words = attributeWords.filter { style.attributes.contains($0.1) }.map(\.0)
        if style.foreground != .default || (words.isEmpty && style.background == .default) { words.append(name(style.foreground)) }
        if style.background != .default {
            if style.foreground == .default { words.append("default") }
            words += ["on", name(style.background)]
        }
        return words.joined(separator: " ")
    }

    static func name(_ color: TerminalColor) -> String {
        switch color {
        case .default: "default"
        case .ansi(let index) where index == 8: "gray"
        case .ansi(let index): index < 8 ? colorNames[Int(index)] : "bright-" + colorNames[Int(index - 8)]
        case .indexed(let index): String(index)
        case .rgb(let r, let g, let b): "#" + [r, g, b].map { String(format: "%02x", $0) }.joined()
        }
    }

    private static func unquoted(_ value: String) -> String {
        if value.count >= 2, let first = value.first, first == "\"" || first == "'", value.last == first { return String(value.dropFirst().dropLast()) }
        return value
    }
}
