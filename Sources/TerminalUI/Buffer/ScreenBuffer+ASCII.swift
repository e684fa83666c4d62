import Foundation

/// `--ascii` promises ASCII only, for serial consoles and fonts without symbols: the finished
/// frame is made so, cell by cell, keeping every cell's width (the layout stays as drawn).
extension ScreenBuffer {
    public mutating func makeASCII() {
        for y in 0..<size.height {
            for x in 0..<size.width {
                let cell = self[x: x, y: y]
                guard cell.width > 0 else {
                    // The right half of a wide character: with the left half, two `?`.
                    self[x: x, y: y] = Cell("?", style: cell.style)
                    continue
                }
                let text = cell.text
                guard !text.utf8.allSatisfy({ $0 < 0x80 }) else { continue }
                self[x: x, y: y] = Cell(Self.asciiReplacement(text, width: Int(cell.width)), style: cell.style)
            }
        }
    }

    /// One ASCII character per column: symbols by look, letters without their accents, else `?`.
    static func asciiReplacement(_ text: String, width: Int) -> String {
        if width == 1, let symbol = text.unicodeScalars.first.flatMap({ asciiSymbols[$0] }) { return String(symbol) }
        if width == 1, let base = text.decomposedStringWithCanonicalMapping.unicodeScalars.first, base.isASCII, base.value >= 0x20 {
            return String(Character(base))
        }
        return "?"
    }

    static let asciiSymbols: [Unicode.Scalar: Character] = [
        "·": ".", "•": "*", "—": "-", "–": "-", "…": ".", "←": "<", "→": ">", "↑": "^", "↓": "v", "‹": "<", "›": ">",
        "«": "<", "»": ">", "✓": "+", "✔": "+", "✗": "x", "✘": "x", "▶": ">", "▸": ">", "▾": "v", "█": "#", "░": ".", "▒": ":",
        "↵": "|", "│": "|", "─": "-", "┌": "+", "┐": "+", "└": "+", "┘": "+", "├": "+", "┤": "+", "┬": "+", "┴": "+", "┼": "+",
        "“": "\"", "”": "\"", "‘": "'", "’": "'", "×": "x", "≤": "<", "≥": ">", "\u{00A0}": " ", "€": "E", "£": "L", "©": "c", "°": "o",
    ]
}
