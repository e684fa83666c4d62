extension ScreenBuffer {
    /// A frame around `rect` with `title` in its top edge (cut to fit).
    public mutating func drawBox(_ rect: Rect, style: Style, symbols: Symbols, title: String? = nil, titleStyle: Style? = nil) {
        guard rect.width >= 2, rect.height >= 2 else { return }
        let horizontal = Character(symbols.horizontal)
        for (row, left, right) in [(rect.y, symbols.topLeft, symbols.topRight), (rect.maxY - 1, symbols.bottomLeft, symbols.bottomRight)] {
            write(left, x: rect.x, y: row, style: style)
            repeated(horizontal, count: rect.width - 2, x: rect.x + 1, y: row, style: style)
            write(right, x: rect.maxX - 1, y: row, style: style)
        }
        for row in rect.y + 1..<rect.maxY - 1 {
            write(symbols.vertical, x: rect.x, y: row, style: style)
            write(symbols.vertical, x: rect.maxX - 1, y: row, style: style)
        }
        if let title, !title.isEmpty, rect.width > 4 {
            let shown = DisplayWidth.truncate(title, to: rect.width - 4, ellipsis: symbols.ellipsis)
            write(" " + shown + " ", x: rect.x + 1, y: rect.y, style: titleStyle ?? style, maxX: rect.maxX - 1)
        }
    }

    /// Writes `text` in `rect`'s first row, padded with the style to the full width.
    public mutating func writeLine(_ text: String, in rect: Rect, style: Style, ellipsis: String = "…") {
        guard rect.height > 0 else { return }
        let end = write(DisplayWidth.of(text) <= rect.width ? text : DisplayWidth.truncate(text, to: rect.width, ellipsis: ellipsis),
                        x: rect.x, y: rect.y, style: style, maxX: rect.maxX)
        repeated(" ", count: rect.maxX - end, x: end, y: rect.y, style: style)
    }

    /// Spans in `rect`'s first row, cut at its right edge, the rest of the row in `fill`.
    public mutating func writeLine(_ spans: [Span], in rect: Rect, fill: Style = .plain) {
        guard rect.height > 0 else { return }
        let end = write(spans, x: rect.x, y: rect.y, maxX: rect.maxX)
        repeated(" ", count: rect.maxX - end, x: end, y: rect.y, style: fill)
    }
}
