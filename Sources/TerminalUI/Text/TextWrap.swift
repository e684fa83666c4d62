/// Breaks text into lines of at most `width` columns, at spaces where it can, inside words where
/// a word is longer than a line; explicit line breaks are kept.
public enum TextWrap {
    public static func lines(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var result: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = "", lineWidth = 0
            for word in paragraph.split(separator: " ", omittingEmptySubsequences: false) {
                var word = String(word)
                var wordWidth = DisplayWidth.of(word)
                if lineWidth > 0, lineWidth + 1 + wordWidth > width {
                    result.append(line)
                    (line, lineWidth) = ("", 0)
                }
                while wordWidth > width {
                    // A word longer than a line: as much as fits, then the rest.
                    var head = "", headWidth = 0
                    for character in word {
                        let columns = DisplayWidth.of(character)
                        if lineWidth + (lineWidth > 0 ? 1 : 0) + headWidth + columns > width { break }
                        head.append(character)
                        headWidth += columns
                    }
                    if head.isEmpty { result.append(line); (line, lineWidth) = ("", 0); continue }
                    result.append(lineWidth > 0 ? line + " " + head : head)
                    (line, lineWidth) = ("", 0)
                    word = String(word.dropFirst(head.count))
                    wordWidth = DisplayWidth.of(word)
                }
                if lineWidth > 0 {
                    line += " " + word
                    lineWidth += 1 + wordWidth
                } else {
                    line = word
                    lineWidth = wordWidth
                }
            }
            result.append(line)
        }
        return result
    }

    /// Cut at exactly `width` columns, wherever that falls (for JSON lines, where breaking at
    /// spaces would suggest line breaks inside values).
    public static func hard(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var lines: [String] = [], line = "", used = 0
        for character in text {
            let columns = DisplayWidth.of(character)
            if used + columns > width {
                lines.append(line)
                (line, used) = ("", 0)
            }
            line.append(character)
            used += columns
        }
        return lines + [line]
    }
}
