/// How many terminal columns text takes, the way glibc's `wcwidth` counts them (ncurses and tmux
/// place the cursor with it), plus two grapheme rules: an emoji with VS16 takes two columns, and
/// a zero-width joiner sequence is shown as its first scalar (terminals disagree on the rest).
public enum DisplayWidth {
    /// Columns of one scalar: 0, 1 or 2, or -1 for what the terminal cannot show (controls, unassigned).
    public static func of(_ scalar: Unicode.Scalar) -> Int {
        let value = scalar.value
        if value < 0x20 || value == 0x7F { return -1 }
        if value < 0x300 { return (0x80..<0xA0).contains(value) ? -1 : 1 }
        if contains(DisplayWidthTable.zeroWidth, value) { return 0 }
        if contains(DisplayWidthTable.doubleWidth, value) { return 2 }
        if contains(DisplayWidthTable.unprintable, value) { return -1 }
        return 1
    }

    /// Columns of a grapheme as a cell shows it (see `cellText`): 0, 1 or 2.
    public static func of(_ character: Character) -> Int {
        // Every ASCII character shows as one cell (controls as a stand-in, see `cellText`).
        if character.asciiValue != nil { return 1 }
        return cellText(character).width
    }

    /// Columns of a whole text.
    public static func of(_ text: some StringProtocol) -> Int {
        var total = 0
        for character in text { total += of(character) }
        return total
    }

    /// What one cell shows for `character`, and its width: the first scalar and the zero-width
    /// marks after it (at most 4, as ncurses keeps), cut at a zero-width joiner; a tab as a space,
    /// a line break as `↵`, anything else unprintable as `�`. Width 0 means nothing to show.
    public static func cellText(_ character: Character) -> (text: String, width: Int) {
        if let ascii = character.asciiValue {
            if ascii >= 0x20 && ascii != 0x7F { return (String(character), 1) }
            if ascii == 0x09 { return (" ", 1) }
            return character.isNewline ? ("↵", 1) : ("\u{FFFD}", 1)
        }
        if character.isNewline { return ("↵", 1) }
        let scalars = character.unicodeScalars
        guard let first = scalars.first else { return ("", 0) }
        let width = of(first)
        if width < 0 { return ("\u{FFFD}", 1) }
        if width == 0 { return ("", 0) }
        var text = String(first)
        var marks = 0, emojiPresentation = false
        for scalar in scalars.dropFirst() {
            if scalar.value == 0x200D { break }
            if scalar.value == 0xFE0F { emojiPresentation = true }
            guard of(scalar) == 0, marks < 4 else { continue }
            text.unicodeScalars.append(scalar)
            marks += 1
        }
        return (text, emojiPresentation ? 2 : width)
    }

    /// `text` cut to at most `width` columns, ending in `ellipsis` when it was cut.
    public static func truncate(_ text: String, to width: Int, ellipsis: String = "…") -> String {
        guard width > 0 else { return "" }
        if of(text) <= width { return text }
        let room = width - of(ellipsis)
        guard room >= 0 else { return String(ellipsis.prefix(width)) }
        var result = "", used = 0
        for character in text {
            let columns = of(character)
            if used + columns > room { break }
            result.append(character)
            used += columns
        }
        return result + ellipsis
    }

    /// `text` cut in the middle so that its last part, from the last `#` or `/`, stays whole
    /// (`Salesf…#Account`): what tells the sheets of one workbook or the files of one folder apart.
    public static func truncateKeepingLastPart(_ text: String, to width: Int, ellipsis: String = "…") -> String {
        guard of(text) > width, let start = text.lastIndex(where: { $0 == "#" || $0 == "/" }), start > text.startIndex else {
            return truncate(text, to: width, ellipsis: ellipsis)
        }
        let tail = String(text[start...])
        let room = width - of(tail) - of(ellipsis)
        guard room >= 1 else { return truncate(ellipsis + tail, to: width, ellipsis: ellipsis) }
        return truncate(String(text[..<start]), to: room + of(ellipsis), ellipsis: ellipsis) + tail
    }

    /// `text` padded with spaces (or cut) to exactly `width` columns.
    public static func pad(_ text: String, to width: Int, ellipsis: String = "…") -> String {
        let cut = truncate(text, to: width, ellipsis: ellipsis)
        return cut + String(repeating: " ", count: max(0, width - of(cut)))
    }

    private static func contains(_ ranges: [ClosedRange<UInt32>], _ value: UInt32) -> Bool {
        var low = 0, high = ranges.count - 1
        while low <= high {
            let middle = (low + high) / 2
            if value < ranges[middle].lowerBound {
                high = middle - 1
            } else if value > ranges[middle].upperBound {
                low = middle + 1
            } else {
                return true
            }
        }
        return false
    }
}
