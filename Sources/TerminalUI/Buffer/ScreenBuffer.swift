import Foundation

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
        if let end = writeASCII(text, x: x, y: y, style: style, limit: limit) { return end }
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

    /// The common case, text of ASCII only: one cell per byte, no grapheme breaking. nil when
    /// the text has other characters (then the general path runs).
    private mutating func writeASCII(_ text: some StringProtocol, x: Int, y: Int, style: Style, limit: Int) -> Int? {
        func write(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
            guard !bytes.contains(where: { $0 >= 0x80 }) else { return nil }
            var column = x
            let rowStart = y * size.width
            for byte in bytes {
                guard column < limit else { break }
                if column >= 0 {
                    let cell = byte >= 0x20 && byte != 0x7F ? Cell(ascii: byte, style: style) : Cell(Self.asciiText[Int(byte)], style: style)
                    if cells[rowStart + column].width == 1 { cells[rowStart + column] = cell } else { put(cell, x: column, y: y) }
                }
                column += 1
            }
            return column
        }
        if let result = text.utf8.withContiguousStorageIfAvailable(write) { return result }
        var copy = String(text)
        copy.makeContiguousUTF8()
        return copy.utf8.withContiguousStorageIfAvailable(write) ?? nil
    }

    /// What a cell shows for each ASCII byte (controls as in `DisplayWidth.cellText`).
    /// (Printable bytes take the faster `Cell(ascii:)`.)
    static let asciiText: [String] = (0..<128).map { DisplayWidth.cellText(Character(Unicode.Scalar(UInt8($0)))).text }

    /// `count` copies of one character from column `x` (rules, borders, bars, padding), the
    /// cell made once; stops before `maxX`. Returns the column after the last.
    @discardableResult
    public mutating func repeated(_ character: Character, count: Int, x: Int, y: Int, style: Style = .plain, maxX: Int? = nil) -> Int {
        guard y >= 0, y < size.height, count > 0 else { return x }
        let (text, width) = DisplayWidth.cellText(character)
        guard width > 0 else { return x }
        let limit = min(maxX ?? size.width, size.width)
        if width == 1 {
            let cell = Cell(text, style: style)
            let end = min(limit, x + count)
            if end - x > 2, x >= 0 {
                put(cell, x: x, y: y)
                put(cell, x: end - 1, y: y)
                let row = y * size.width
                for index in (row + x + 1)..<(row + end - 1) { cells[index] = cell }
                return end
            }
            var column = x
            while column < end { put(cell, x: column, y: y); column += 1 }
            return max(x, end)
        }
        return write(String(repeating: String(character), count: count), x: x, y: y, style: style, maxX: maxX)
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
            // Only the edges can break a wide grapheme; the cells between are simply replaced.
            put(cell, x: clipped.x, y: row)
            if clipped.width > 1 { put(cell, x: clipped.maxX - 1, y: row) }
            let start = row * size.width
            if clipped.width > 2 {
                for index in (start + clipped.x + 1)..<(start + clipped.maxX - 1) { cells[index] = cell }
            }
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
        // Reading is for tests and screenshots; it may be slower than drawing.
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
        guard let old, old.size == size else {
            for index in cells.indices where !cells[index].isContinuation {
                changes.append(CellChange(x: index % size.width, y: index / size.width, cell: cells[index]))
            }
            return changes
        }
        let width = size.width
        cells.withUnsafeBufferPointer { new in
            old.cells.withUnsafeBufferPointer { previous in
                for row in 0..<size.height {
                    let start = row * width
                    // Most rows did not change: one memory compare skips them.
                    if memcmp(new.baseAddress! + start, previous.baseAddress! + start, width * MemoryLayout<Cell>.stride) == 0 { continue }
                    for index in start..<start + width where !new[index].isContinuation && new[index] != previous[index] {
                        changes.append(CellChange(x: index - start, y: row, cell: new[index]))
                    }
                }
            }
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
