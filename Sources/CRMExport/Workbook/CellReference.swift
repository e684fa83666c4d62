/// Cell references as SpreadsheetML writes them (`C7`, ranges `A1:C1`). Columns are 0-based here;
/// rows keep Excel's 1-based numbers, which messages show.
enum CellReference {
    /// A to XFD.
    static let maxColumns = 16_384

    /// The column of `C7` (2), or nil when the reference has no letters or goes past XFD.
    static func column(of reference: UnsafeBufferPointer<UInt8>) -> Int? {
        position(of: reference, requiringRow: false)?.column
    }

    /// Column and row of `C7`; `$` marks are allowed. Without `requiringRow` the row is not read (0).
    static func position(of reference: UnsafeBufferPointer<UInt8>, requiringRow: Bool = true) -> (column: Int, row: Int)? {
        var index = 0
        if index < reference.count && reference[index] == UInt8(ascii: "$") { index += 1 }
        var column = 0
        let lettersStart = index
        while index < reference.count {
            let letter = reference[index] & 0xDF // upper case
            guard letter >= UInt8(ascii: "A") && letter <= UInt8(ascii: "Z") else { break }
            column = column * 26 + Int(letter - UInt8(ascii: "A") + 1)
            guard column <= maxColumns else { return nil }
            index += 1
        }
        guard index > lettersStart else { return nil }
        if index < reference.count && reference[index] == UInt8(ascii: "$") { index += 1 }
        guard requiringRow else { return (column - 1, 0) }
        guard let row = parseDecimalInteger(UnsafeBufferPointer(rebasing: reference[index...])) else { return nil }
        return (column - 1, row)
    }

    /// `A`, `Z`, `AA`, … `XFD` for a 0-based column, as messages name it.
    static func letters(_ column: Int) -> String {
        var remaining = column + 1
        var letters: [UInt8] = []
        while remaining > 0 {
            letters.append(UInt8(ascii: "A") + UInt8((remaining - 1) % 26))
            remaining = (remaining - 1) / 26
        }
        return String(decoding: letters.reversed(), as: UTF8.self)
    }
}

/// A rectangle of cells: a merged area (`A1:C1`) or a sheet's used range (`<dimension ref="A1:F200"/>`).
struct CellRange: Sendable, Hashable {
    var firstColumn: Int
    var firstRow: Int
    var lastColumn: Int
    var lastRow: Int

    init(firstColumn: Int, firstRow: Int, lastColumn: Int, lastRow: Int) {
        self.firstColumn = firstColumn
        self.firstRow = firstRow
        self.lastColumn = lastColumn
        self.lastRow = lastRow
    }

    /// `A1:C1`, or a single cell `A1`.
    init?(_ text: UnsafeBufferPointer<UInt8>) {
        guard let base = text.baseAddress else { return nil }
        let colon = findByte(UInt8(ascii: ":"), in: base, from: 0, to: text.count)
        guard let first = CellReference.position(of: UnsafeBufferPointer(start: base, count: colon ?? text.count)) else { return nil }
        var last = first
        if let colon {
            guard let second = CellReference.position(of: UnsafeBufferPointer(rebasing: text[(colon + 1)...])) else { return nil }
            last = second
        }
        self.init(firstColumn: min(first.column, last.column), firstRow: min(first.row, last.row),
                  lastColumn: max(first.column, last.column), lastRow: max(first.row, last.row))
    }

    var isSingleCell: Bool { firstColumn == lastColumn && firstRow == lastRow }
}
