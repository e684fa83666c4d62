/// The selected row of a scrolling view and the first row shown, kept so that the selection is
/// always visible. Lists, tables and trees share it and its keys.
public struct Selection: Hashable, Sendable {
    public var selected = 0
    public var offset = 0

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

    /// The movement keys of every list: arrows, PgUp/PgDn, Home/End, and vim's j/k, g/G,
    /// Ctrl-d/Ctrl-u. Returns false for other keys.
    public mutating func handle(_ key: Key, count: Int, visible: Int) -> Bool {
        switch key {
        case .down, .char("j"): move(by: 1, count: count, visible: visible)
        case .up, .char("k"): move(by: -1, count: count, visible: visible)
        case .pageDown: move(by: max(1, visible - 1), count: count, visible: visible)
        case .pageUp: move(by: -max(1, visible - 1), count: count, visible: visible)
        case .ctrl("d"): move(by: max(1, visible / 2), count: count, visible: visible)
        case .ctrl("u"): move(by: -max(1, visible / 2), count: count, visible: visible)
        case .home, .char("g"): select(0, count: count, visible: visible)
        case .end, .char("G"): select(count - 1, count: count, visible: visible)
        default: return false
        }
        return true
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
