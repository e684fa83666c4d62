/// A frame: a grid of cells that views draw into and the backend compares with the previous
/// frame to send only what changed. Writing keeps wide graphemes whole: one that does not fit is
/// not half-drawn, and overwriting half of one blanks its other half.
public struct ScreenBuffer: Hashable, Sendable {
    public private(set) var size: Size
    public private(set) var cells: [Cell]

    public init(size: Size, filling cell: Cell = .blank) {
        self.size = size
        cells = Array(repeating: cell, count: size.width * size.height)
    }

    public var area: Rect { Rect(size) }

    public subscript(x x: Int, y y: Int) -> Cell {
        get { cells[y * size.width + x] }
        set { cells[y * size.width + x] = newValue }
    }

    /// Writes `text` from column `x` of row `y`, stopping before `maxX` (default: the right
    /// edge); returns the column after the last cell written.
    @discardableResult
    public mutating func write(_ text: some StringProtocol, x: Int, y: Int, style: Style = .plain, maxX: Int? = nil) -> Int {
        guard y >= 0, y < size.height else { return x }
        let limit = min(maxX ?? size.width, size.width)
        var column = x
        for character in text {
            guard column < limit else { break }
            let (shown, width) = DisplayWidth.cellText(character)
            if width == 0 { continue }
            if column < 0 {
                column += width
                continue
            }
            if column + width > limit {
                // A wide grapheme without room for both halves: a space instead.
                put(Cell(" ", style: style), x: column, y: y)
                column += 1
                break
            }
            put(Cell(shown, style: style, width: UInt8(width)), x: column, y: y)
            if width == 2 { put(Cell("", style: style, width: 0), x: column + 1, y: y) }
            column += width
        }
        return column
    }

    /// Writes spans one after another; returns the column after the last.
    @discardableResult
    public mutating func write(_ spans: [Span], x: Int, y: Int, maxX: Int? = nil) -> Int {
        var column = x
        for span in spans { column = write(span.text, x: column, y: y, style: span.style, maxX: maxX) }
        return column
    }

    public mutating func fill(_ rect: Rect, with cell: Cell = .blank) {
        let clipped = rect.clipped(to: area)
        guard !clipped.isEmpty else { return }
        for row in clipped.y..<clipped.maxY {
            for column in clipped.x..<clipped.maxX { put(cell, x: column, y: row) }
        }
    }

    /// Lays `style` over every cell of `rect` (colours where set, attributes added).
    public mutating func apply(_ style: Style, to rect: Rect) {
        let clipped = rect.clipped(to: area)
        guard !clipped.isEmpty else { return }
        for row in clipped.y..<clipped.maxY {
            for column in clipped.x..<clipped.maxX { self[x: column, y: row].style = self[x: column, y: row].style.patched(with: style) }
        }
    }

    /// The text of each row, wide graphemes once, trailing spaces dropped: what tests compare.
    public func lines(trimmingTrailing: Bool = true) -> [String] {
        (0..<size.height).map { row in
            var line = ""
            for column in 0..<size.width { line += self[x: column, y: row].text }
            guard trimmingTrailing else { return line }
            while line.last == " " { line.removeLast() }
            return line
        }
    }

    /// The cells that differ from `old` (all of them when there is none or its size differs),
    /// without continuation cells, which their wide grapheme covers.
    public func diff(from old: ScreenBuffer?) -> [CellChange] {
        var changes: [CellChange] = []
        let compare = old?.size == size
        for index in cells.indices {
            let cell = cells[index]
            if cell.isContinuation { continue }
            if compare, old!.cells[index] == cell { continue }
            changes.append(CellChange(x: index % size.width, y: index / size.width, cell: cell))
        }
        return changes
    }

    /// Puts one cell, blanking the halves of wide graphemes it breaks.
    private mutating func put(_ cell: Cell, x: Int, y: Int) {
        guard x >= 0, x < size.width, y >= 0, y < size.height else { return }
        let index = y * size.width + x
        let old = cells[index]
        if old.isContinuation, !cell.isContinuation, x > 0, cells[index - 1].width == 2 {
            cells[index - 1] = Cell(" ", style: cells[index - 1].style)
        }
        // A wide cell that replaces a wide cell writes its own right half next.
        if old.width == 2, cell.width != 2, x + 1 < size.width, cells[index + 1].isContinuation {
            cells[index + 1] = Cell(" ", style: old.style)
        }
        cells[index] = cell
    }
}

extension Rect {
    /// The part of this area inside `other`.
    public func clipped(to other: Rect) -> Rect {
        let left = max(x, other.x), top = max(y, other.y)
        let right = min(maxX, other.maxX), bottom = min(maxY, other.maxY)
        return Rect(x: left, y: top, width: right - left, height: bottom - top)
    }
}
