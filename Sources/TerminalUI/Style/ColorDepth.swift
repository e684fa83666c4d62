/// How many colours the terminal shows, detected from the environment, overridable by flags.
public enum ColorDepth: Int, Comparable, Sendable, CaseIterable {
    case none, ansi8, ansi16, indexed256, trueColor

    public static func < (lhs: ColorDepth, rhs: ColorDepth) -> Bool { lhs.rawValue < rhs.rawValue }

    /// The depth for `environment` (NO_COLOR, COLORTERM, TERM) when terminfo reports `terminfoColors`.
    /// `NO_COLOR` set and non-empty means none (no-color.org); `COLORTERM=truecolor|24bit` means
    /// true colour; otherwise terminfo's count decides, and a TERM without colours gets none.
    public static func detect(environment: [String: String], terminfoColors: Int) -> ColorDepth {
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return .none }
        let term = environment["TERM"] ?? ""
        if term == "dumb" { return .none }
        let colorTerm = (environment["COLORTERM"] ?? "").lowercased()
        if terminfoColors >= 8, colorTerm == "truecolor" || colorTerm == "24bit" { return .trueColor }
        switch terminfoColors {
        case 1 << 24 ... Int.max: return .trueColor
        case 256...: return .indexed256
        case 16...: return .ansi16
        case 8...: return .ansi8
        default: return .none
        }
    }

    /// `--color` values: none, 8, 16, 256, truecolor.
    public init?(flag: String) {
        switch flag.lowercased() {
        case "none", "no", "off", "0", "mono": self = .none
        case "8": self = .ansi8
        case "16": self = .ansi16
        case "256": self = .indexed256
        case "truecolor", "24bit", "true": self = .trueColor
        default: return nil
        }
    }
}
