/// A colour as themes name it. The backend lowers it to what the terminal can show (`ColorDepth`).
public enum TerminalColor: Hashable, Sendable {
    /// The terminal's own foreground or background.
    case `default`
    /// One of the 16 ANSI colours: 0–7 normal, 8–15 bright.
    case ansi(UInt8)
    /// One of the 256 indexed colours.
    case indexed(UInt8)
    case rgb(UInt8, UInt8, UInt8)

    public static let black = TerminalColor.ansi(0), red = TerminalColor.ansi(1), green = TerminalColor.ansi(2), yellow = TerminalColor.ansi(3)
    public static let blue = TerminalColor.ansi(4), magenta = TerminalColor.ansi(5), cyan = TerminalColor.ansi(6), white = TerminalColor.ansi(7)

    /// The colour as the terminal can show it at `depth`; `.default` when it shows none.
    public func lowered(to depth: ColorDepth) -> TerminalColor {
        switch (self, depth) {
        case (.default, _), (_, .none): return .default
        case (.ansi(let index), .ansi8): return .ansi(index % 8)
        case (.ansi, _): return self
        case (.indexed(let index), .ansi8), (.indexed(let index), .ansi16):
            return .ansi(Self.nearestANSI(Self.rgbOfIndex(index), count: depth == .ansi8 ? 8 : 16))
        case (.indexed, _): return self
        case (.rgb, .trueColor): return self
        case (.rgb(let r, let g, let b), .indexed256): return .indexed(Self.nearestIndexed(r, g, b))
        case (.rgb(let r, let g, let b), _): return .ansi(Self.nearestANSI((r, g, b), count: depth == .ansi8 ? 8 : 16))
        }
    }

    /// The colour's red, green and blue as xterm shows them (for SVG screenshots).
    public var rgbValue: (UInt8, UInt8, UInt8)? {
        switch self {
        case .default: nil
        case .ansi(let index): Self.ansiPalette[Int(index % 16)]
        case .indexed(let index): Self.rgbOfIndex(index)
        case .rgb(let r, let g, let b): (r, g, b)
        }
    }

    static let ansiPalette: [(UInt8, UInt8, UInt8)] = [
        (0, 0, 0), (205, 49, 49), (13, 188, 121), (229, 229, 16), (36, 114, 200), (188, 63, 188), (17, 168, 205), (229, 229, 229),
        (102, 102, 102), (241, 76, 76), (35, 209, 139), (245, 245, 67), (59, 142, 234), (214, 112, 214), (41, 184, 219), (255, 255, 255),
    ]

    static func rgbOfIndex(_ index: UInt8) -> (UInt8, UInt8, UInt8) {
        switch index {
        case 0..<16: return ansiPalette[Int(index)]
        case 16..<232:
            let cube = Int(index) - 16, levels: [UInt8] = [0, 95, 135, 175, 215, 255]
            return (levels[cube / 36], levels[(cube / 6) % 6], levels[cube % 6])
        default:
            let gray = UInt8(8 + (Int(index) - 232) * 10)
            return (gray, gray, gray)
        }
    }

    static func nearestIndexed(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> UInt8 {
        var best: UInt8 = 16, bestDistance = Int.max
        for index in 16...255 {
            let distance = Self.distance(rgbOfIndex(UInt8(index)), (r, g, b))
            if distance < bestDistance { (best, bestDistance) = (UInt8(index), distance) }
        }
        return best
    }

    static func nearestANSI(_ color: (UInt8, UInt8, UInt8), count: Int) -> UInt8 {
        var best: UInt8 = 0, bestDistance = Int.max
        for index in 0..<count {
            let distance = Self.distance(ansiPalette[index], color)
            if distance < bestDistance { (best, bestDistance) = (UInt8(index), distance) }
        }
        return best
    }

    private static func distance(_ a: (UInt8, UInt8, UInt8), _ b: (UInt8, UInt8, UInt8)) -> Int {
        let dr = Int(a.0) - Int(b.0), dg = Int(a.1) - Int(b.1), db = Int(a.2) - Int(b.2)
        return 2 * dr * dr + 4 * dg * dg + 3 * db * db
    }
}
