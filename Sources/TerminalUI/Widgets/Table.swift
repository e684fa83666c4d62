/// A table over any number of rows, drawn only for the rows on screen (cells come from a closure),
/// with a header row and frozen first columns that stay while the others scroll sideways.
public struct Table {
    public struct Column: Sendable {
        public enum Alignment: Sendable { case left, right }
        public var title: String
        /// The width the column asks for.
        public var width: Int
        public var alignment: Alignment
        /// How narrow the column may get when the table does not fit (its width when it may not shrink).
        public var minWidth: Int
        /// Whether the column takes the room a wide terminal leaves over.
        public var grows: Bool
        /// A cut value keeps its last part (`Salesf…#Account`): for names of sheets and files.
        public var keepsLastPart: Bool

        public init(_ title: String, width: Int, alignment: Alignment = .left, minWidth: Int? = nil, grows: Bool = false, keepsLastPart: Bool = false) {
            self.title = title
            self.width = width
            self.alignment = alignment
            self.minWidth = min(width, minWidth ?? width)
            self.grows = grows
            self.keepsLastPart = keepsLastPart
        }
    }

    /// The columns' widths in `width`: too narrow, the columns that may shrink give up room in
    /// proportion to what they can spare; too wide, the growing columns share what is left.
    public static func fit(_ columns: [Column], in width: Int) -> [Int] {
        var widths = columns.map(\.width)
        let needed = widths.reduce(0, +) + max(0, columns.count - 1)
        if needed > width {
            let slack = columns.map { $0.width - $0.minWidth }
            let totalSlack = slack.reduce(0, +)
            guard totalSlack > 0 else { return widths }
            let deficit = min(needed - width, totalSlack)
            var taken = 0
            for index in columns.indices where slack[index] > 0 {
                let share = deficit * slack[index] / totalSlack
                widths[index] -= share
                taken += share
            }
            // What rounding left, from the columns with the most to spare.
            for index in columns.indices.sorted(by: { widths[$0] - columns[$0].minWidth > widths[$1] - columns[$1].minWidth }) where taken < deficit {
                if widths[index] > columns[index].minWidth { widths[index] -= 1; taken += 1 }
            }
        } else if needed < width {
            let growing = columns.indices.filter { columns[$0].grows }
            guard !growing.isEmpty else { return widths }
            let extra = width - needed
            for (position, index) in growing.enumerated() { widths[index] += extra / growing.count + (position < extra % growing.count ? 1 : 0) }
        }
        return widths
    }

    /// Which row is selected and which columns are scrolled away.
    public struct State: Hashable, Sendable {
        public var selection = Selection()
        /// The first non-frozen column shown.
        public var firstColumn = 0

        public init() {}

        /// Row movement, plus ←/→ (h/l) to scroll the non-frozen columns.
        public mutating func handle(_ key: Key, rowCount: Int, visibleRows: Int, scrollableColumns: Int) -> Bool {
            switch key {
            case .left, .char("h"): firstColumn = max(0, firstColumn - 1)
            case .right, .char("l"): firstColumn = min(max(0, scrollableColumns - 1), firstColumn + 1)
            default: return selection.handle(key, count: rowCount, visible: visibleRows)
            }
            return true
        }
    }

    public var columns: [Column]
    public var rowCount: Int
    public var frozenColumns: Int
    public var cell: (_ row: Int, _ column: Int) -> Span
    public var focused: Bool

    public init(columns: [Column], rowCount: Int, frozenColumns: Int = 1, focused: Bool = true, cell: @escaping (_ row: Int, _ column: Int) -> Span) {
        self.columns = columns
        self.rowCount = rowCount
        self.frozenColumns = min(frozenColumns, columns.count)
        self.focused = focused
        self.cell = cell
    }

    /// Rows of data that fit in `rect` (one row is the header).
    public static func visibleRows(in rect: Rect) -> Int { max(0, rect.height - 1) }

    public func render(in rect: Rect, into buffer: inout ScreenBuffer, state: inout State, context: RenderContext) {
        guard rect.width > 2, rect.height > 0 else { return }
        let visible = Self.visibleRows(in: rect)
        // With a filter, the rows shown are the matches; `selected` stays an index of all rows.
        let shownRows: [Int]? = state.selection.filter.isEmpty ? nil : matches(state: &state.selection)
        let shownCount = shownRows?.count ?? rowCount
        if let shownRows {
            if !shownRows.isEmpty, !shownRows.contains(state.selection.selected) { state.selection.selected = shownRows[0] }
            var inMatches = Selection(selected: shownRows.firstIndex(of: state.selection.selected) ?? 0, offset: state.selection.offset)
            inMatches.keepVisible(count: shownCount, visible: visible)
            state.selection.offset = inMatches.offset
        } else {
            state.selection.keepVisible(count: rowCount, visible: visible)
        }
        let needsScrollbar = shownCount > visible
        let body = Rect(x: rect.x, y: rect.y, width: rect.width - (needsScrollbar ? 1 : 0), height: rect.height)
        var fitted = self
        for (index, width) in Self.fit(columns, in: body.width).enumerated() { fitted.columns[index].width = width }
        let shown = fitted.shownColumns(width: body.width, firstColumn: &state.firstColumn)
        var x = body.x
        for (index, column) in shown {
            let width = min(column.width, body.maxX - x)
            buffer.write(Self.aligned(column.title, width: width, column.alignment, context), x: x, y: body.y, style: context[.header], maxX: body.maxX)
            x += width
            if index < columns.count - 1, x < body.maxX { buffer.write(" ", x: x, y: body.y, style: context[.header]); x += 1 }
        }
        buffer.repeated(" ", count: body.maxX - x, x: x, y: body.y, style: context[.header])
        for line in 0..<visible {
            let position = state.selection.offset + line
            let y = body.y + 1 + line
            guard position < shownCount else { break }
            let row = shownRows?[position] ?? position
            let isSelected = row == state.selection.selected
            let rowStyle = isSelected ? context[focused ? .selection : .selectionInactive] : context[.text]
            var x = body.x
            for (index, column) in shown {
                let width = min(column.width, body.maxX - x)
                let span = cell(row, index)
                buffer.write(Self.aligned(span.text, width: width, column.alignment, context, keepingLastPart: column.keepsLastPart), x: x, y: y, style: isSelected ? rowStyle : rowStyle.patched(with: span.style), maxX: body.maxX)
                x += width
                if index < columns.count - 1, x < body.maxX { buffer.write(" ", x: x, y: y, style: rowStyle); x += 1 }
            }
            buffer.repeated(" ", count: body.maxX - x, x: x, y: y, style: rowStyle)
        }
        if needsScrollbar {
            Scrollbar.render(in: Rect(x: body.maxX, y: rect.y + 1, width: 1, height: visible), into: &buffer, count: shownCount,
                             offset: state.selection.offset, visible: visible, context: context)
        }
    }

    /// The rows with a cell containing the filter (case-insensitive), kept in the selection
    /// until the filter or the row count changes.
    private func matches(state selection: inout Selection) -> [Int] {
        if let known = selection.matches, selection.matchedCount == rowCount { return known }
        let needle = selection.filter.lowercased()
        let found = (0..<rowCount).filter { row in columns.indices.contains { cell(row, $0).text.lowercased().contains(needle) } }
        selection.matches = found
        selection.matchedCount = rowCount
        return found
    }

    static func aligned(_ text: String, width: Int, _ alignment: Column.Alignment, _ context: RenderContext, keepingLastPart: Bool = false) -> String {
        let cut = keepingLastPart ? DisplayWidth.truncateKeepingLastPart(text, to: width, ellipsis: context.symbols.ellipsis)
            : DisplayWidth.truncate(text, to: width, ellipsis: context.symbols.ellipsis)
        let pad = String(repeating: " ", count: max(0, width - DisplayWidth.of(cut)))
        return alignment == .right ? pad + cut : cut + pad
    }

    /// The frozen columns, then scrollable ones from `firstColumn` while they fit (at least one).
    private func shownColumns(width: Int, firstColumn: inout Int) -> [(Int, Column)] {
        var result = Array(columns.prefix(frozenColumns).enumerated())
        var used = result.reduce(0) { $0 + $1.1.width + 1 }
        firstColumn = min(max(0, firstColumn), max(0, columns.count - frozenColumns - 1))
        for index in (frozenColumns + firstColumn)..<max(frozenColumns + firstColumn, columns.count) {
            if used >= width && result.count > frozenColumns { break }
            result.append((index, columns[index]))
            used += columns[index].width + 1
        }
        return result
    }
}
