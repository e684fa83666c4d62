/// A dropdown: closed it shows the chosen option and `▾`; Enter or Space opens a filterable list
/// below it (above when there is no room), Enter chooses, Esc closes without change.
public struct Picker: Hashable, Sendable {
    public private(set) var options: [String]
    public private(set) var chosen: Int?
    public private(set) var isOpen = false
    private var list: FilterList

    public init(_ options: [String], chosen: Int? = nil) {
        self.options = options
        self.chosen = chosen
        list = FilterList(options)
    }

    public var value: String? { chosen.map { options[$0] } }

    /// A picker already open on its list (for pickers that appear on a key press).
    public static func opened(_ options: [String], chosen: Int? = nil) -> Picker {
        var picker = Picker(options, chosen: chosen)
        picker.isOpen = true
        picker.list = FilterList(options)
        if let chosen { picker.list.select(item: chosen, visible: listHeight) }
        return picker
    }

    public static let listHeight = 8
    /// Keys the open list keeps for moving and filtering; other characters start a filter.
    static let listKeys: Set<Character> = ["j", "k", "g", "G", "n", "N", "/"]

    /// Returns true when it used the key; `changed` tells whether the choice changed.
    public mutating func handle(_ key: Key, changed: inout Bool) -> Bool {
        changed = false
        guard isOpen else {
            guard key == .enter || key == .char(" ") else { return false }
            isOpen = true
            list = FilterList(options)
            if let chosen { list.select(item: chosen, visible: Self.listHeight) }
            return true
        }
        switch key {
        case .enter:
            if let item = list.selectedItem {
                changed = item != chosen
                chosen = item
            }
            isOpen = false
        case .escape where !list.isFiltering:
            isOpen = false
        case .char(let character) where !list.isFiltering && !Self.listKeys.contains(character):
            // Typing starts filtering straight away.
            _ = list.handle(.char("/"), visible: Self.listHeight)
            _ = list.handle(key, visible: Self.listHeight)
        default:
            _ = list.handle(key, visible: Self.listHeight)
        }
        return true
    }

    /// The closed field in `rect`'s first row; when open, the list overlays the rows below it
    /// within `screen`.
    public mutating func render(in rect: Rect, into buffer: inout ScreenBuffer, focused: Bool, screen: Rect, context: RenderContext) {
        let style = focused ? context[.input].adding(.bold) : context[.input]
        let text = DisplayWidth.pad(value ?? "(none)", to: max(0, rect.width - 2), ellipsis: context.symbols.ellipsis) + " " + context.symbols.dropdown
        buffer.write(text, x: rect.x, y: rect.y, style: style, maxX: rect.maxX)
        guard isOpen else { return }
        let height = min(Self.listHeight, options.count) + 2
        let below = screen.maxY - rect.maxY
        let y = below >= height ? rect.maxY : max(screen.y, rect.y - height)
        let box = Rect(x: rect.x, y: y, width: max(rect.width, 16), height: height).clipped(to: screen)
        let inside = Panel.render(in: box, into: &buffer, title: "", focused: true, context: context)
        list.render(in: inside, into: &buffer, focused: true, context: context)
    }
}
