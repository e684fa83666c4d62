/// One cell of the screen. A wide grapheme is a cell of width 2 followed by a continuation cell
/// (empty text, width 0) that the terminal fills with the grapheme's right half.
///
/// The text is kept inline (up to 15 bytes of UTF-8: a character and its marks), so a cell is
/// plain data: frames of thousands of cells are built and compared without reference counting.
public struct Cell: Hashable, Sendable {
    private var low: UInt64
    /// Bytes 8–14 of the text, and its length in the top byte.
    private var high: UInt64
    public var style: Style
    public var width: UInt8

    public init(_ text: String = " ", style: Style = .plain, width: UInt8 = 1) {
        (low, high) = Self.pack(text)
        self.style = style
        self.width = width
    }

    /// A cell of one ASCII character, without building a String.
    init(ascii byte: UInt8, style: Style) {
        low = UInt64(byte)
        high = 1 << 56
        self.style = style
        width = 1
    }

    public static let blank = Cell()

    public var isContinuation: Bool { width == 0 }

    public var text: String {
        get {
            let count = Int(high >> 56)
            var bytes: [UInt8] = []
            bytes.reserveCapacity(count)
            for index in 0..<count {
                bytes.append(index < 8 ? UInt8(truncatingIfNeeded: low >> (8 * UInt64(index))) : UInt8(truncatingIfNeeded: high >> (8 * UInt64(index - 8))))
            }
            return String(decoding: bytes, as: UTF8.self)
        }
        set { (low, high) = Self.pack(newValue) }
    }

    /// The text's UTF-8 bytes; scalars that would not fit in 15 bytes are left out whole.
    private static func pack(_ text: String) -> (UInt64, UInt64) {
        var low: UInt64 = 0, high: UInt64 = 0, count = 0
        for scalar in text.unicodeScalars {
            let bytes = Array(String(scalar).utf8)
            guard count + bytes.count <= 15 else { break }
            for byte in bytes {
                if count < 8 { low |= UInt64(byte) << (8 * UInt64(count)) } else { high |= UInt64(byte) << (8 * UInt64(count - 8)) }
                count += 1
            }
        }
        return (low, high | UInt64(count) << 56)
    }
}

/// A cell that differs between two frames: what the backend sends.
public struct CellChange: Hashable, Sendable {
    public var x: Int
    public var y: Int
    public var cell: Cell
}
