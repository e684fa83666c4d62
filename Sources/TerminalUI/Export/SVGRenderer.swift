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
            for x in 0..<buffer.size.width {
                let cell = buffer[x: x, y: y]
                if cell.isContinuation { continue }
                var fg = cell.style.foreground.rgbValue ?? foreground, bg = cell.style.background.rgbValue
                if cell.style.attributes.contains(.reverse) { (fg, bg) = (bg ?? background, fg) }
                if cell.style.attributes.contains(.dim) { fg = (fg.0 / 2 + background.0 / 2, fg.1 / 2 + background.1 / 2, fg.2 / 2 + background.2 / 2) }
                let px = x * cellWidth, py = y * cellHeight, columns = Int(cell.width)
                if let bg { svg += "<rect x=\"\(px)\" y=\"\(py)\" width=\"\(columns * cellWidth)\" height=\"\(cellHeight)\" fill=\"\(hex(bg))\"/>\n" }
                guard cell.text != " ", !cell.text.isEmpty else { continue }
                var attributes = "x=\"\(px)\" y=\"\(py + 14)\" fill=\"\(hex(fg))\""
                if cell.style.attributes.contains(.bold) { attributes += " font-weight=\"bold\"" }
                if cell.style.attributes.contains(.italic) { attributes += " font-style=\"italic\"" }
                if cell.style.attributes.contains(.underline) { attributes += " text-decoration=\"underline\"" }
                if columns == 2 { attributes += " textLength=\"\(2 * cellWidth)\" lengthAdjust=\"spacingAndGlyphs\"" }
                if isEmoji(cell.text) { attributes += " font-family=\"Noto Color Emoji\"" }
                svg += "<text \(attributes)>\(escaped(cell.text))</text>\n"
            }
        }
        return svg + "</g>\n</svg>\n"
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
