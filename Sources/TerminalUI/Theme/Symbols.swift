/// The characters of the UI's chrome, in Unicode or, for `--ascii`, plain ASCII (serial
/// consoles, fonts without line drawing, screen readers).
public struct Symbols: Hashable, Sendable {
    public var topLeft, topRight, bottomLeft, bottomRight, horizontal, vertical: String
    public var teeLeft, teeRight: String
    public var pointer, check, cross, warning, bullet, ellipsis, dropdown: String
    public var barFull, barEmpty: String
    public var treeBranch, treeLast, treePipe, expanded, collapsed: String
    public var scrollThumb, scrollTrack: String
    public var arrowRight: String
    public var isASCII: Bool

    public static let unicode = Symbols(
        topLeft: "┌", topRight: "┐", bottomLeft: "└", bottomRight: "┘", horizontal: "─", vertical: "│",
        teeLeft: "├", teeRight: "┤",
        pointer: "▶", check: "✓", cross: "✗", warning: "!", bullet: "•", ellipsis: "…", dropdown: "▾",
        barFull: "█", barEmpty: "░",
        treeBranch: "├─", treeLast: "└─", treePipe: "│ ", expanded: "▾", collapsed: "▸",
        scrollThumb: "█", scrollTrack: "│", arrowRight: "→", isASCII: false)

    public static let ascii = Symbols(
        topLeft: "+", topRight: "+", bottomLeft: "+", bottomRight: "+", horizontal: "-", vertical: "|",
        teeLeft: "+", teeRight: "+",
        pointer: ">", check: "v", cross: "x", warning: "!", bullet: "*", ellipsis: "...", dropdown: "v",
        barFull: "#", barEmpty: "-",
        treeBranch: "|-", treeLast: "`-", treePipe: "| ", expanded: "-", collapsed: "+",
        scrollThumb: "#", scrollTrack: "|", arrowRight: "->", isASCII: true)
}
