import GongCRM
import TerminalUI

/// The `:` command line (a bar at the bottom): jumps anywhere and changes settings, with Tab completion.
public struct CommandBar: Hashable, Sendable {
    public enum Command: Hashable, Sendable {
        case open(Route)
        /// The Fields step at an entity (`:contacts`).
        case fields(EntityType)
        case theme(String)
        case ascii(Bool)
        case mouse(Bool)
        case help
        case quit
        /// `:w` saves the mapping where Save (7) would; `:wq` and `:x` save, then quit when that worked.
        case save(thenQuit: Bool)
        case undo
        case redo
        /// The notices of this session, newest last.
        case messages
    }

    public enum Outcome: Hashable, Sendable {
        case run(Command)
        case cancelled
        /// Enter on text that is no command: the line stays open with the problem.
        case unknown(String)
    }

    public private(set) var field = TextField()
    public var themeNames: [String]

    public init(themeNames: [String]) { self.themeNames = themeNames }

    /// Every word the line knows, in the order they are offered.
    public var vocabulary: [String] {
        ["start", "settings", "help", "quit", "w", "wq", "undo", "redo", "messages"] + Step.allCases.flatMap(\.commandWords) + themeNames.map { "theme \($0)" }
            + ["ascii on", "ascii off", "mouse on", "mouse off"]
    }

    /// Words that start with what is typed.
    public var completions: [String] {
        let typed = field.value.lowercased()
        return vocabulary.filter { $0.hasPrefix(typed) && $0 != typed }
    }

    public mutating func handle(_ key: Key) -> Outcome? {
        switch key {
        case .escape: return .cancelled
        case .backspace where field.value.isEmpty: return .cancelled
        case .tab:
            let options = completions
            if let common = Self.commonPrefix(options), common.count > field.value.count { field.set(common) }
        case .enter:
            guard let command = Self.parse(field.value, themes: themeNames) else { return .unknown(field.value) }
            return .run(command)
        default: _ = field.handle(key)
        }
        return nil
    }

    public static func parse(_ text: String, themes: [String]) -> Command? {
        let words = text.lowercased().split(separator: " ").map(String.init)
        guard let first = words.first else { return nil }
        switch first {
        case "q", "quit", "q!": return .quit
        case "w", "write": return .save(thenQuit: false)
        case "wq", "x": return .save(thenQuit: true)
        case "help", "h", "keys": return .help
        case "undo", "u": return .undo
        case "messages", "mes", "log": return .messages
        case "redo", "red": return .redo
        case "start", "home": return .open(.start)
        case "settings", "set": return .open(.settings)
        case "theme", "colorscheme":
            guard words.count == 2 else { return nil }
            return .theme(words[1])
        case "ascii", "mouse":
            guard words.count == 2, ["on", "off"].contains(words[1]) else { return nil }
            return first == "ascii" ? .ascii(words[1] == "on") : .mouse(words[1] == "on")
        default:
            if let number = Int(first), let step = Step(rawValue: number - 1) { return .open(.step(step)) }
            if let entity = entityWords[first] { return .fields(entity) }
            guard let step = Step.allCases.first(where: { $0.commandWords.contains(first) || $0.commandWords.contains { $0.hasPrefix(first) && first.count >= 3 } }) else { return nil }
            return .open(.step(step))
        }
    }

    static let entityWords: [String: EntityType] = ["accounts": .account, "contacts": .contact, "deals": .deal, "leads": .lead,
                                                     "users": .businessUser, "stages": .stage]

    static func commonPrefix(_ words: [String]) -> String? {
        guard var prefix = words.first else { return nil }
        for word in words.dropFirst() {
            while !word.hasPrefix(prefix) { prefix.removeLast() }
        }
        return prefix
    }

    /// `:text` with the cursor, and the completions after it, in `rect`'s first row.
    public func render(in rect: Rect, into buffer: inout ScreenBuffer, context: RenderContext) {
        buffer.writeLine("", in: rect, style: context[.input])
        buffer.write(":", x: rect.x, y: rect.y, style: context[.accent].patched(with: context[.input]))
        let width = max(10, min(rect.width / 2, DisplayWidth.of(field.value) + 2))
        field.render(in: Rect(x: rect.x + 1, y: rect.y, width: width, height: 1), into: &buffer, focused: true, context: context)
        let hint = completions.prefix(8).joined(separator: "  ")
        if !hint.isEmpty {
            buffer.write(hint, x: rect.x + 2 + width, y: rect.y, style: context[.muted].patched(with: context[.input]), maxX: rect.maxX)
        }
    }
}
