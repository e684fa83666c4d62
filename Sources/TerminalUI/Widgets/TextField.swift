/// One line of editable text with a cursor: typing inserts, ←/→ Home/End move, Backspace/Delete
/// erase, Ctrl-a/e/k/u/w as in a shell. The view scrolls sideways to keep the cursor in sight.
public struct TextField: Hashable, Sendable {
    public private(set) var text: [Character]
    /// Position between characters, 0...text.count.
    public private(set) var cursor: Int
    public var placeholder: String
    /// Drawn as `*` per character (a secret): the text never reaches the screen.
    public var masked = false

    public init(_ text: String = "", placeholder: String = "") {
        self.text = Array(text)
        cursor = self.text.count
        self.placeholder = placeholder
    }

    public var value: String { String(text) }

    public mutating func set(_ value: String) {
        text = Array(value)
        cursor = text.count
    }

    public enum Action: Hashable, Sendable { case left, right, start, end, erase, eraseForward, eraseToEnd, eraseToStart, eraseWord }

    /// Editing keys of every text field (typing inserts).
    public static let keyMap = KeyMap<Action>("Text fields", [
        KeyBinding([.left, .ctrl("b")], .left, help: "Cursor left"),
        KeyBinding([.right, .ctrl("f")], .right, help: "Cursor right"),
        KeyBinding([.home, .ctrl("a")], .start, help: "To the start"),
        KeyBinding([.end, .ctrl("e")], .end, help: "To the end"),
        KeyBinding([.backspace, .ctrl("h")], .erase, help: "Erase before the cursor"),
        KeyBinding([.delete, .ctrl("d")], .eraseForward, help: "Erase under the cursor"),
        KeyBinding([.ctrl("k")], .eraseToEnd, help: "Erase to the end"),
        KeyBinding([.ctrl("u")], .eraseToStart, help: "Erase to the start"),
        KeyBinding([.ctrl("w")], .eraseWord, help: "Erase the word before the cursor"),
    ])

    /// Applies an editing key; false for keys it does not use (Enter, Esc, Tab, ↑/↓…).
    public mutating func handle(_ key: Key) -> Bool {
        if case .char(let character) = key {
            text.insert(character, at: cursor)
            cursor += 1
            return true
        }
        guard let action = Self.keyMap.action(for: key) else { return false }
        switch action {
        case .left: cursor = max(0, cursor - 1)
        case .right: cursor = min(text.count, cursor + 1)
        case .start: cursor = 0
        case .end: cursor = text.count
        case .erase:
            guard cursor > 0 else { return true }
            text.remove(at: cursor - 1)
            cursor -= 1
        case .eraseForward:
            if cursor < text.count { text.remove(at: cursor) }
        case .eraseToEnd: text.removeSubrange(cursor...)
        case .eraseToStart:
            text.removeSubrange(..<cursor)
            cursor = 0
        case .eraseWord:
            var start = cursor
            while start > 0, text[start - 1] == " " { start -= 1 }
            while start > 0, text[start - 1] != " " { start -= 1 }
            text.removeSubrange(start..<cursor)
            cursor = start
        }
        return true
    }

    public enum Outcome: Hashable, Sendable {
        case submitted(String)
        case cancelled
    }

    /// A field being filled in: Enter submits, Esc cancels, other keys edit; nil while it goes on.
    public mutating func edit(_ key: Key) -> Outcome? {
        switch key {
        case .enter: return .submitted(value)
        case .escape: return .cancelled
        default:
            _ = handle(key)
            return nil
        }
    }

    /// A setting shown as its value, or as this field while it is being edited.
    public static func render(_ field: TextField?, orValue value: Span, in rect: Rect, into buffer: inout ScreenBuffer, context: RenderContext) {
        if let field {
            field.render(in: rect, into: &buffer, focused: true, context: context)
        } else {
            buffer.write(value.text, x: rect.x, y: rect.y, style: value.style, maxX: rect.maxX)
        }
    }

    /// Draws the field in `rect`'s first row; the cursor cell is reversed when `focused`.
    public func render(in rect: Rect, into buffer: inout ScreenBuffer, focused: Bool, context: RenderContext) {
        guard rect.width > 0, rect.height > 0 else { return }
        let style = context[.input]
        buffer.repeated(" ", count: rect.width, x: rect.x, y: rect.y, style: style)
        if text.isEmpty, !placeholder.isEmpty, !focused {
            buffer.write(DisplayWidth.truncate(placeholder, to: rect.width, ellipsis: context.symbols.ellipsis), x: rect.x, y: rect.y, style: context[.placeholder])
            return
        }
        // The first character shown: far enough right that the cursor fits.
        var start = 0
        while start < cursor, (masked ? cursor - start : DisplayWidth.of(String(text[start..<cursor]))) + 1 > rect.width { start += 1 }
        var x = rect.x
        for index in start...text.count {
            let character: Character = index < text.count ? (masked ? "*" : text[index]) : " "
            let width = DisplayWidth.of(character)
            guard x + width <= rect.maxX else { break }
            let atCursor = focused && index == cursor
            buffer.write(String(character), x: x, y: rect.y, style: atCursor ? style.adding(.reverse) : style)
            x += width
            if index == text.count { break }
        }
    }
}
