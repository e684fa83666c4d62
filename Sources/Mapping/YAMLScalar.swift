/// Writes a string as a YAML scalar: plain when YAML would read it back unchanged, double-quoted otherwise.
enum YAMLScalar {
    static func render(_ text: String, inFlow: Bool = false) -> String {
        needsQuotes(text, inFlow: inFlow) ? quoted(text) : text
    }

    static let reservedWords: Set<String> = ["true", "false", "yes", "no", "on", "off", "y", "n", "null", "~"]

    static func needsQuotes(_ text: String, inFlow: Bool) -> Bool {
        guard let first = text.first, let last = text.last else { return true }
        if reservedWords.contains(text.lowercased()) { return true }
        if first == " " || last == " " || last == ":" { return true }
        if "-?:,[]{}#&*!|>'\"%@`".contains(first) {
            // "- x" or "-5" would be a list item or a number; a lone leading '-' followed by a letter is fine.
            if !(first == "-" && text.count > 1 && text.dropFirst().first!.isLetter) { return true }
        }
        if text.contains(": ") || text.contains(" #") || text.contains(where: { $0.isNewline || $0 == "\t" || ($0.asciiValue ?? 0x20) < 0x20 }) { return true }
        if inFlow && text.contains(where: { ",[]{}".contains($0) }) { return true }
        if Double(text) != nil || Int(text) != nil || text.hasPrefix("0x") || text.hasPrefix("0o") { return true }
        if text.count >= 8, text.first?.isNumber == true, text.contains("-") || text.contains(":") { return true }
        return false
    }

    static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            default:
                if scalar.value < 0x20 { result += "\\x" + String(scalar.value, radix: 16).leftPadded(to: 2) } else { result.unicodeScalars.append(scalar) }
            }
        }
        return result + "\""
    }
}

extension String {
    func leftPadded(to width: Int, with pad: Character = "0") -> String {
        count >= width ? self : String(repeating: pad, count: width - count) + self
    }

    func rightPadded(to width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
