/// Why a workbook, or one of its sheets, could not be read: the file as users see it
/// (`Book.xlsx`, `Book.xlsx#Sheet1`), the Excel row when known, and what went wrong.
public struct XLSXError: Error, Sendable, CustomStringConvertible {
    public var file: String
    public var row: Int?
    public var message: String

    public init(file: String, row: Int? = nil, message: String) {
        self.file = file
        self.row = row
        self.message = message
    }

    public var description: String {
        if let row { return "\(file) row \(row): \(message)" }
        return "\(file): \(message)"
    }

    /// `error`, met while reading `part`, as a message. `row` is the row being read (`inRow`) or
    /// the last row read before the error.
    static func reading(_ part: String, of file: String, failedWith error: any Error, row: Int = 0, inRow: Bool = false) -> XLSXError {
        if let error = error as? XLSXError { return error }
        var message: String
        switch error {
        case let syntax as XMLSyntaxError:
            message = "\(part) is not well-formed XML: \(syntax); the file is damaged or was not written by a spreadsheet program"
        case let damaged as DamagedPart:
            message = "the workbook is damaged: \(part) \(damaged.reason); open it in Excel and save it again"
        default:
            message = "could not read \(part) (\(error)); the workbook may be damaged: open it in Excel and save it again"
        }
        if inRow && row > 0 { return XLSXError(file: file, row: row, message: message) }
        if row > 0 { message = "after row \(row): " + message }
        return XLSXError(file: file, message: message)
    }
}

/// A zip entry whose inflated bytes are not what its directory promised.
struct DamagedPart: Error, Sendable {
    var reason: String
}
