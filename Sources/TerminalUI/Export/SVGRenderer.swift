/// A screen as an SVG picture: one text element per cell on a fixed grid (9 x 18 px), a rect per
/// background, wide cells stretched over two columns, emoji in an emoji font. Used for
/// `gongmap screenshot` and README's pictures; what it draws is exactly the buffer.
public enum SVGRenderer {
    public static let cellWidth = 9, cellHeight = 18

    /// `background` and `foreground` are the terminal's default colours.
    public static func render(_ buffer: ScreenBuffer, background: (UInt8, UInt8, UInt8) = (24, 24, 27),
                              foreground: (UInt8, UInt8, UInt8) = (220, 220, 220)) -> String {
        let width = buffer.size.width * cellWidth, height = buffer.size.height * cellHeight
        var svg = """
            <svg xmlns="http://www.w3.org/2000/svg" width="\(width)" height="\(height)" viewBox="0 0 \(width) \(height)">
            <rect width="100%" height="100%" fill="\(hex(background))"/>
            <g font-family="DejaVu Sans Mono, Noto Sans Mono CJK SC, monospace" font-size="15" xml:space="preserve">

            """
        for y in 0..<buffer.size.height {
            // Backgrounds first, one rect per run of cells with the same colour.
            var runStart = 0, runColor: (UInt8, UInt8, UInt8)? = nil
            func closeRun(at end: Int) {
                if let color = runColor, end > runStart {
                    svg += "<rect x=\"\(runStart * cellWidth)\" y=\"\(y * cellHeight)\" width=\"\((end - runStart) * cellWidth)\" height=\"\(cellHeight)\" fill=\"\(hex(color))\"/>\n"
                }
            }
            for x in 0..<buffer.size.width {
                let color = colors(of: buffer[x: x, y: y].isContinuation && x > 0 ? buffer[x: x - 1, y: y] : buffer[x: x, y: y], background).background
                if color.map(hex) != runColor.map(hex) {
                    closeRun(at: x)
                    (runStart, runColor) = (x, color)
                }
            }
            closeRun(at: buffer.size.width)
            for x in 0..<buffer.size.width {
                let cell = buffer[x: x, y: y]
                guard !cell.isContinuation, cell.text != " ", !cell.text.isEmpty else { continue }
                let fg = colors(of: cell, background).foreground ?? foreground
                var attributes = "x=\"\(x * cellWidth)\" y=\"\(y * cellHeight + 14)\" fill=\"\(hex(fg))\""
                if cell.style.attributes.contains(.bold) { attributes += " font-weight=\"bold\"" }
                if cell.style.attributes.contains(.italic) { attributes += " font-style=\"italic\"" }
                if cell.style.attributes.contains(.underline) { attributes += " text-decoration=\"underline\"" }
                if cell.style.attributes.contains(.dim) { attributes += " fill-opacity=\"0.6\"" }
                if cell.width == 2 { attributes += " textLength=\"\(2 * cellWidth)\" lengthAdjust=\"spacingAndGlyphs\"" }
                if isEmoji(cell.text) { attributes += " font-family=\"Noto Color Emoji\"" }
                svg += "<text \(attributes)>\(escaped(cell.text))</text>\n"
            }
        }
        return svg + "</g>\n</svg>\n"
    }

    /// A cell's colours with reverse applied; nil means the terminal's default.
    static func colors(of cell: Cell, _ background: (UInt8, UInt8, UInt8)) -> (foreground: (UInt8, UInt8, UInt8)?, background: (UInt8, UInt8, UInt8)?) {
        let fg = cell.style.foreground.rgbValue, bg = cell.style.background.rgbValue
        guard cell.style.attributes.contains(.reverse) else { return (fg, bg) }
        return (bg ?? background, fg ?? (220, 220, 220))
    }

    static func hex(_ color: (UInt8, UInt8, UInt8)) -> String {
        let digits = Array("0123456789abcdef")
        return "#" + [color.0, color.1, color.2].map { String([digits[Int($0 >> 4)], digits[Int($0 & 15)]]) }.joined()
    }

    static func isEmoji(_ text: String) -> Bool {
        text.unicodeScalars.contains { $0.value == 0xFE0F } || (text.unicodeScalars.first?.properties.isEmojiPresentation ?? false)
    }

    static func escaped(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            default: result.append(character)
            }
        }
        return result
    }
}
