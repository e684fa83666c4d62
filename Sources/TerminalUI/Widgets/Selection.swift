/// The selected row of a scrolling view and the first row shown, kept so that the selection is
/// always visible. Lists, tables and trees share it and its keys.
public struct Selection: Hashable, Sendable {
    /// The selected row, an index of all rows, filtered or not.
    public var selected = 0
    /// The first row shown: among the matches while a filter is on.
    public var offset = 0
    /// Text rows must contain to be shown (`/`); empty shows every row.
    public var filter = "" {
        didSet { if filter != oldValue { matches = nil } }
    }
    /// The rows the filter lets through, found by the table that draws them, of how many rows.
    public var matches: [Int]?
    public var matchedCount = 0

    public init(selected: Int = 0, offset: Int = 0) {
        self.selected = selected
        self.offset = offset
    }

    /// Moves by `delta` rows within `count`, scrolling so that it stays within `visible` rows.
    public mutating func move(by delta: Int, count: Int, visible: Int) {
        select(selected + delta, count: count, visible: visible)
    }

    public mutating func select(_ row: Int, count: Int, visible: Int) {
        selected = count == 0 ? 0 : min(max(0, row), count - 1)
        keepVisible(count: count, visible: visible)
    }

    public mutating func keepVisible(count: Int, visible: Int) {
        let visible = max(1, visible)
        if count == 0 { (selected, offset) = (0, 0); return }
        selected = min(selected, count - 1)
        if selected < offset { offset = selected }
        if selected >= offset + visible { offset = selected - visible + 1 }
        offset = max(0, min(offset, count - visible))
    }

    public enum Action: Hashable, Sendable { case down, up, pageDown, pageUp, halfDown, halfUp, first, last }

    /// The movement keys of every list, table and tree: arrows, PgUp/PgDn, Home/End, and vim's
    /// j/k, Ctrl-d/Ctrl-u, g/G.
    public static let keyMap = KeyMap<Action>("Lists and tables", [
        KeyBinding([.down, .char("j")], .down, help: "Next row"),
        KeyBinding([.up, .char("k")], .up, help: "Previous row"),
        KeyBinding([.pageDown], .pageDown, help: "Next page"),
        KeyBinding([.pageUp], .pageUp, help: "Previous page"),
        KeyBinding([.ctrl("d")], .halfDown, help: "Half a page down"),
        KeyBinding([.ctrl("u")], .halfUp, help: "Half a page up"),
        KeyBinding([.home, .char("g")], .first, help: "First row"),
        KeyBinding([.end, .char("G")], .last, help: "Last row"),
    ])

    /// Moves for a key of `keyMap`; false for other keys.
    public mutating func handle(_ key: Key, count: Int, visible: Int) -> Bool {
        guard let action = Self.keyMap.action(for: key) else { return false }
        if let matches, !filter.isEmpty {
            moveAmong(matches, action, visible: visible)
            return true
        }
        switch action {
        case .down: move(by: 1, count: count, visible: visible)
        case .up: move(by: -1, count: count, visible: visible)
        case .pageDown: move(by: max(1, visible - 1), count: count, visible: visible)
        case .pageUp: move(by: -max(1, visible - 1), count: count, visible: visible)
        case .halfDown: move(by: max(1, visible / 2), count: count, visible: visible)
        case .halfUp: move(by: -max(1, visible / 2), count: count, visible: visible)
        case .first: select(0, count: count, visible: visible)
        case .last: select(count - 1, count: count, visible: visible)
        }
        return true
    }

    /// Moves within the rows a filter shows; `offset` counts those rows.
    private mutating func moveAmong(_ matches: [Int], _ action: Action, visible: Int) {
        guard !matches.isEmpty else { return }
        let position = matches.firstIndex(of: selected) ?? 0
        let page = max(1, visible - 1), half = max(1, visible / 2)
        let target = switch action {
        case .down: position + 1
        case .up: position - 1
        case .pageDown: position + page
        case .pageUp: position - page
        case .halfDown: position + half
        case .halfUp: position - half
        case .first: 0
        case .last: matches.count - 1
        }
        let clamped = min(max(0, target), matches.count - 1)
        selected = matches[clamped]
        var inMatches = Selection(selected: clamped, offset: offset)
        inMatches.keepVisible(count: matches.count, visible: visible)
        offset = inMatches.offset
    }

    /// A wheel turn scrolls three rows and drags the selection along.
    public mutating func handle(_ mouse: Mouse, count: Int, visible: Int) -> Bool {
        switch mouse.kind {
        case .wheelDown: move(by: 3, count: count, visible: visible)
        case .wheelUp: move(by: -3, count: count, visible: visible)
        default: return false
        }
        return true
    }
}
