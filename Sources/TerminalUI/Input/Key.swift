/// A key press as the backend decodes it.
public enum Key: Hashable, Sendable {
    case char(Character)
    case alt(Character)
    /// Ctrl with a letter (`ctrl("c")`), lowercase.
    case ctrl(Character)
    case up, down, left, right
    case home, end, pageUp, pageDown
    case insert, delete, backspace
    case enter, tab, backTab, escape
    case function(Int)
    case unknown(Int32)

    /// The name shown in hints, help and README: `↑`, `PgDn`, `Ctrl-S`, `Alt-x`, `F5`, `S-Tab`.
    public func name(ascii: Bool = false) -> String {
        switch self {
        case .char(" "): "Space"
        case .char(let character): String(character)
        case .alt(let character): "Alt-\(character)"
        case .ctrl(let character): "Ctrl-\(character.uppercased())"
        case .up: ascii ? "Up" : "↑"
        case .down: ascii ? "Down" : "↓"
        case .left: ascii ? "Left" : "←"
        case .right: ascii ? "Right" : "→"
        case .home: "Home"
        case .end: "End"
        case .pageUp: "PgUp"
        case .pageDown: "PgDn"
        case .insert: "Ins"
        case .delete: "Del"
        case .backspace: "Bksp"
        case .enter: "Enter"
        case .tab: "Tab"
        case .backTab: "S-Tab"
        case .escape: "Esc"
        case .function(let number): "F\(number)"
        case .unknown(let code): "key \(code)"
        }
    }
}

/// A mouse report, in cells from the top-left corner.
public struct Mouse: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        case press(Int)
        case release(Int)
        case wheelUp
        case wheelDown
    }

    public var x: Int
    public var y: Int
    public var kind: Kind

    public init(x: Int, y: Int, kind: Kind) {
        self.x = x
        self.y = y
        self.kind = kind
    }
}

/// What the UI loop reacts to: input, a new terminal size, or time passing.
public enum Event: Hashable, Sendable {
    case key(Key)
    case mouse(Mouse)
    case resize(Size)
    case tick
}
