/// Rows of a table-like source (a workbook's sheet, a database's table or query): cells as text
/// in column order, in the same pipeline as the rows of a CSV file.
public protocol TableRowSource: AnyObject {
    /// Column names, in order (empty names become "column N").
    var header: [String] { get }
    /// Fills `cells` with the next row's cells (exactly `header.count` of them) and returns the
    /// row's 1-based line in its source (a sheet's row number), or nil at the end.
    func next(into cells: inout [String]) throws -> Int?
    /// The same, straight into a row's bytes (the row is reset first).
    func nextRow(into row: inout SourceRow) throws -> Int?
    /// Stops reading early: releases the file or connection and any thread reading ahead.
    func close()
    /// Warnings met since the last call, with the line each concerns (0 for the whole table).
    func takeWarnings() -> [(line: Int, message: String)]
}

extension TableRowSource {
    public func takeWarnings() -> [(line: Int, message: String)] { [] }

    public func nextRow(into row: inout SourceRow) throws -> Int? {
        var cells: [String] = []
        cells.reserveCapacity(header.count)
        guard let line = try next(into: &cells) else { return nil }
        row.reset()
        for cell in cells { row.appendCell(cell) }
        return line
    }
}
