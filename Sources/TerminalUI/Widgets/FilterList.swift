/// A list of items that `/` filters as you type (case-insensitive, matches highlighted); Enter
/// keeps the filter, Esc clears it; n/N step through the matches like ↓/↑.
public struct FilterList: Hashable, Sendable {
    public var items: [String]
    public private(set) var selection = Selection()
    public private(set) var filter = TextField(placeholder: "filter")
    public private(set) var isFiltering = false
    /// Indices into `items` of what the filter lets through, in order.
    public private(set) var matches: [Int]

    public init(_ items: [String]) {
        self.items = items
        matches = Array(items.indices)
    }

    /// The index into `items` of the selected entry, if any is shown.
    public var selectedItem: Int? { matches.isEmpty ? nil : matches[min(selection.selected, matches.count - 1)] }

    public mutating func select(item: Int, visible: Int) {
        if let index = matches.firstIndex(of: item) { selection.select(index, count: matches.count, visible: visible) }
    }

    /// A wheel turn: three rows, the selection dragged along.
    public mutating func handle(_ mouse: Mouse, visible: Int) -> Bool {
        selection.handle(mouse, count: matches.count, visible: visible)
    }

    public enum Action: Hashable, Sendable { case filter, clear, nextMatch, previousMatch }

    /// The filter keys of every list (while typing a filter, Enter keeps it and Esc clears it).
    public static let keyMap = KeyMap<Action>("Filtering lists", [
        KeyBinding([.char("/")], .filter, hint: "filter", help: "Filter the list as you type; Enter keeps the filter"),
        KeyBinding([.escape], .clear, help: "Clear the filter"),
        KeyBinding([.char("n")], .nextMatch, help: "Next match"),
        KeyBinding([.char("N")], .previousMatch, help: "Previous match"),
    ])

    public mutating func handle(_ key: Key, visible: Int) -> Bool {
        if isFiltering {
            switch key {
            case .enter: isFiltering = false
            case .escape:
                isFiltering = false
                filter.set("")
                refilter()
            case .up, .down, .pageUp, .pageDown: return selection.handle(key, count: matches.count, visible: visible)
            default:
                guard filter.handle(key) else { return false }
                refilter()
            }
            return true
        }
        switch Self.keyMap.action(for: key) {
        case .filter: isFiltering = true
        case .clear:
            guard !filter.value.isEmpty else { return false }
            filter.set("")
            refilter()
        case .nextMatch: selection.move(by: 1, count: matches.count, visible: visible)
        case .previousMatch: selection.move(by: -1, count: matches.count, visible: visible)
        case nil: return selection.handle(key, count: matches.count, visible: visible)
        }
        return true
    }

    /// The list's keys on a screen with keys of its own: those in `screenKeys` stay the screen's,
    /// except while a filter is being typed.
    public mutating func handle<Action>(_ key: Key, visible: Int, after screenKeys: KeyMap<Action>) -> Bool {
        if !isFiltering, screenKeys.action(for: key) != nil { return false }
        return handle(key, visible: visible)
    }

    /// Applies the filter, keeping the selected item selected while it still matches.
    private mutating func refilter() {
        let kept = selectedItem
        let needle = filter.value.lowercased()
        matches = needle.isEmpty ? Array(items.indices) : items.indices.filter { items[$0].lowercased().contains(needle) }
        selection.selected = kept.flatMap { matches.firstIndex(of: $0) } ?? 0
        selection.keepVisible(count: matches.count, visible: 1)
    }

    /// Items in `rect`; with a filter, its line at the bottom (`/text` while typing).
    public mutating func render(in rect: Rect, into buffer: inout ScreenBuffer, focused: Bool, context: RenderContext,
                                decorate: (Int) -> [Span] = { _ in [] }) {
        guard rect.width > 0, rect.height > 0 else { return }
        let showFilter = isFiltering || !filter.value.isEmpty
        let (listArea, filterArea) = rect.splitBottom(showFilter ? 1 : 0)
        let visible = listArea.height
        selection.keepVisible(count: matches.count, visible: visible)
        let needle = filter.value.lowercased()
        for line in 0..<visible {
            let index = selection.offset + line
            let row = Rect(x: listArea.x, y: listArea.y + line, width: listArea.width, height: 1)
            guard index < matches.count else {
                buffer.writeLine("", in: row, style: context[.text])
                continue
            }
            let item = matches[index]
            let selected = index == selection.selected
            let base = selected ? context[focused ? .selection : .selectionInactive] : context[.text]
            let marker = selected && focused ? context.symbols.pointer + " " : "  "
            var spans = [Span(marker, style: base)] + Self.highlighted(items[item], needle: needle, base: base, highlight: context[.highlight])
            spans += decorate(item).map { Span($0.text, style: selected ? base : base.patched(with: $0.style)) }
            buffer.writeLine(spans, in: row, fill: base)
        }
        if matches.isEmpty, visible > 0 {
            buffer.writeLine("  no match for \"\(filter.value)\" (Esc clears)", in: Rect(x: listArea.x, y: listArea.y, width: listArea.width, height: 1), style: context[.muted])
        }
        if showFilter {
            let label = isFiltering ? "/" : "filter: "
            buffer.write(label, x: filterArea.x, y: filterArea.y, style: context[.accent])
            let field = Rect(x: filterArea.x + DisplayWidth.of(label), y: filterArea.y, width: filterArea.width - DisplayWidth.of(label), height: 1)
            filter.render(in: field, into: &buffer, focused: isFiltering, context: context)
        }
    }

    static func highlighted(_ text: String, needle: String, base: Style, highlight: Style) -> [Span] {
        guard !needle.isEmpty, let range = text.lowercased().range(of: needle),
              text.count == text.lowercased().count else { return [Span(text, style: base)] }
        let lower = text.lowercased()
        let start = lower.distance(from: lower.startIndex, to: range.lowerBound), length = lower.distance(from: range.lowerBound, to: range.upperBound)
        let characters = Array(text)
        return [Span(String(characters[..<start]), style: base), Span(String(characters[start..<start + length]), style: highlight),
                Span(String(characters[(start + length)...]), style: base)]
    }
}
