/// Text over the screen in a box: a cell shown whole, a record's details, the messages of the
/// session. Lines wrap to the box; ↑/↓, PgUp/PgDn scroll; any other key closes it.
public struct TextOverlay: Sendable {
    public struct Line: Sendable {
        public var text: String
        public var role: ThemeRole

        public init(_ text: String, role: ThemeRole = .text) {
            self.text = text
            self.role = role
        }
    }

    public var title: String
    public var lines: [Line]
    public private(set) var offset = 0
    /// Rows after wrapping at the last render, for scrolling.
    private var wrappedCount = 0
    private var visible = 1

    public init(title: String, lines: [Line]) {
        self.title = title
        self.lines = lines
    }

    /// False when the key closes the overlay.
    public mutating func handle(_ key: Key) -> Bool {
        let last = max(0, wrappedCount - visible)
        switch key {
        case .down, .char("j"): offset = min(last, offset + 1)
        case .up, .char("k"): offset = max(0, offset - 1)
        case .pageDown: offset = min(last, offset + visible)
        case .pageUp: offset = max(0, offset - visible)
        case .home, .char("g"): offset = 0
        case .end, .char("G"): offset = last
        default: return false
        }
        return true
    }

    public mutating func render(in screen: Rect, into buffer: inout ScreenBuffer, context: RenderContext) {
        let width = min(screen.width - 4, 100)
        var rows: [(String, ThemeRole)] = []
        for line in lines {
            let wrapped = TextWrap.lines(line.text, width: max(10, width - 4))
            rows += (wrapped.isEmpty ? [""] : wrapped).map { ($0, line.role) }
        }
        wrappedCount = rows.count
        let box = screen.centered(width: width, height: min(screen.height - 2, rows.count + 3))
        let inside = Panel.render(in: box, into: &buffer, title: title, focused: true, context: context)
        visible = max(1, inside.height - 1)
        offset = min(offset, max(0, rows.count - visible))
        for (index, row) in rows.dropFirst(offset).prefix(visible).enumerated() {
            buffer.writeLine(" " + row.0, in: Rect(x: inside.x, y: inside.y + index, width: inside.width, height: 1), style: context[row.1])
        }
        let footer = rows.count > visible
            ? "↑/↓ scroll  \(offset + 1)–\(min(rows.count, offset + visible)) of \(rows.count) · any other key closes"
            : "any key closes"
        buffer.writeLine(" " + footer, in: Rect(x: inside.x, y: inside.maxY - 1, width: inside.width, height: 1), style: context[.muted])
    }
}
