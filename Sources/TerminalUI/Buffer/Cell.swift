/// One cell of the screen. A wide grapheme is a cell of width 2 followed by a continuation cell
/// (empty text, width 0) that the terminal fills with the grapheme's right half.
public struct Cell: Hashable, Sendable {
    public var text: String
    public var style: Style
    public var width: UInt8

    public init(_ text: String = " ", style: Style = .plain, width: UInt8 = 1) {
        self.text = text
        self.style = style
        self.width = width
    }

    public static let blank = Cell()

    public var isContinuation: Bool { width == 0 }
}

/// A cell that differs between two frames: what the backend sends.
public struct CellChange: Hashable, Sendable {
    public var x: Int
    public var y: Int
    public var cell: Cell
}
