/// The `?` overlay: every key of the current screen and the global ones, from their key maps, in
/// a scrollable box. Any key closes it except the ones that scroll.
public struct HelpOverlay: Sendable {
    public struct Section: Sendable {
        public var title: String
        public var rows: [(keys: String, help: String)]

        public init<Action>(_ keyMap: KeyMap<Action>, ascii: Bool) {
            title = keyMap.title
            rows = keyMap.bindings.map { ($0.keyNames(ascii: ascii), $0.help) }
        }
    }

    public var sections: [Section]
    public var offset = 0
    /// Rows after wrapping at the last render (0 before one: the unwrapped count is used).
    private var wrappedCount = 0

    public init(sections: [Section]) { self.sections = sections }

    /// The overlay's text lines: section titles, then keys and help aligned.
    public var lines: [(keys: String, help: String, isTitle: Bool)] {
        var result: [(String, String, Bool)] = []
        for (index, section) in sections.enumerated() {
            if index > 0 { result.append(("", "", false)) }
            result.append((section.title, "", true))
            for row in section.rows { result.append((row.keys, row.help, false)) }
        }
        return result
    }

    /// False when the key should close the overlay.
    public mutating func handle(_ key: Key, visible: Int) -> Bool {
        let count = max(wrappedCount, lines.count)
        switch key {
        case .down, .char("j"): offset = min(max(0, count - visible), offset + 1)
        case .up, .char("k"): offset = max(0, offset - 1)
        case .pageDown: offset = min(max(0, count - visible), offset + visible)
        case .pageUp: offset = max(0, offset - visible)
        default: return false
        }
        return true
    }

    public static func visibleRows(in screen: Rect) -> Int { max(1, min(screen.height - 4, 40) - 2) }

    /// The lines as drawn at `width`: a help text longer than its room continues under itself.
    func wrapped(width: Int, keyWidth: Int) -> [(keys: String, help: String, isTitle: Bool)] {
        var result: [(String, String, Bool)] = []
        for line in lines {
            guard !line.isTitle, !line.help.isEmpty else {
                result.append(line)
                continue
            }
            for (index, part) in TextWrap.lines(line.help, width: max(10, width - keyWidth - 4)).enumerated() {
                result.append((index == 0 ? line.keys : "", part, false))
            }
        }
        return result
    }

    public mutating func render(in screen: Rect, into buffer: inout ScreenBuffer, context: RenderContext) {
        let keyWidth = min(18, lines.filter { !$0.isTitle }.map { DisplayWidth.of($0.keys) }.max() ?? 8)
        let width = min(screen.width - 4, 96)
        let all = wrapped(width: width - 3, keyWidth: keyWidth)
        let box = screen.centered(width: width, height: min(screen.height - 2, all.count + 4))
        let inside = Panel.render(in: box, into: &buffer, title: "Keys — any other key closes", focused: true, context: context)
        let visible = inside.height - 1
        offset = min(offset, max(0, all.count - visible))
        for (row, line) in all.dropFirst(offset).prefix(visible).enumerated() {
            let y = inside.y + row
            if line.isTitle {
                buffer.write(line.keys, x: inside.x + 1, y: y, style: context[.header], maxX: inside.maxX)
            } else {
                buffer.write(DisplayWidth.pad(line.keys, to: keyWidth), x: inside.x + 2, y: y, style: context[.accent], maxX: inside.maxX)
                buffer.write(line.help, x: inside.x + 4 + keyWidth, y: y, style: context[.text], maxX: inside.maxX)
            }
        }
        wrappedCount = all.count
        if all.count > visible {
            buffer.write("↑/↓ scroll  \(offset + 1)–\(min(all.count, offset + visible)) of \(all.count)", x: inside.x + 1, y: inside.maxY - 1, style: context[.muted], maxX: inside.maxX)
        }
    }
}
