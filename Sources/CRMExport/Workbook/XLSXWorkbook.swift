import Foundation

/// An Excel workbook (`.xlsx`) whose sheets are read like CSV files, each named `Book.xlsx#Sheet1`.
///
/// Opening reads the small parts: the sheet list, the relationships, the styles and the date
/// system. The shared strings are read when a sheet is first opened (once per workbook value and
/// its copies); each sheet then streams from the zip.
public struct XLSXWorkbook: Sendable {
    public struct Sheet: Sendable, Hashable {
        public var name: String
        /// The sheet's part in the zip, `xl/worksheets/sheet1.xml`.
        public var partPath: String
        /// Hidden or "very hidden" in Excel; listed and readable all the same.
        public var hidden: Bool
        /// The bytes its part takes in the workbook (compressed).
        public var storedBytes: Int
    }

    public let path: String
    /// `Book.xlsx`: how messages name the file.
    public let fileName: String
    /// Worksheets in tab order; chart sheets hold no table and are left out.
    public let sheets: [Sheet]
    let styles: XLSXStyles
    let dateSystem: ExcelDateSystem
    private let sharedStringsPart: String
    private let sharedStrings = SharedStringsCache()

    public init(path: String) throws {
        self.path = path
        fileName = URL(fileURLWithPath: path).lastPathComponent
        let archive = try XLSXArchive(path: path, name: fileName)

        let workbookPart = try Self.workbookPart(in: archive)
        var workbook = WorkbookHandler()
        guard try archive.parse(part: workbookPart, with: &workbook) else {
            throw XLSXError(file: fileName, message: "the zip has no \(workbookPart), so it is not an Excel workbook (a Word or PowerPoint file?); export the data as .xlsx or CSV")
        }
        var relationships = RelationshipsHandler()
        _ = try archive.parse(part: PartPath.relationships(of: workbookPart), with: &relationships)
        let folder = PartPath.folder(of: workbookPart)
        func target(of kind: String) -> String? {
            relationships.relationships.first { $0.kind == kind }.map { PartPath.resolve($0.target, from: folder) }
        }

        var sheets: [Sheet] = []
        for entry in workbook.sheets {
            guard let relationship = relationships.relationships.first(where: { $0.id == entry.relationshipId }),
                  relationship.kind == "worksheet" else { continue } // chart, dialog and macro sheets
            let part = PartPath.resolve(relationship.target, from: folder)
            sheets.append(Sheet(name: entry.name, partPath: part, hidden: entry.hidden, storedBytes: archive.storedSize(of: part) ?? 0))
        }
        self.sheets = sheets
        dateSystem = workbook.uses1904DateSystem ? .from1904 : .from1900

        var stylesHandler = StylesHandler()
        styles = try archive.parse(part: target(of: "styles") ?? folder + "styles.xml", with: &stylesHandler) ? stylesHandler.styles : .plain
        sharedStringsPart = target(of: "sharedStrings") ?? folder + "sharedStrings.xml"
    }

    /// Starts reading the sheet called `name`; the header is read before this returns.
    public func open(sheet name: String) throws -> XLSXSheetReader {
        guard let sheet = sheets.first(where: { $0.name == name }) else {
            let names = sheets.map { "'\($0.name)'" }.joined(separator: ", ")
            throw XLSXError(file: fileName, message: "there is no sheet named '\(name)'; the workbook's sheets are \(names)")
        }
        let strings = try sharedStrings.table { try loadSharedStrings() }
        return try XLSXSheetReader(job: SheetJob(workbookPath: path, sheetName: "\(fileName)#\(sheet.name)", partPath: sheet.partPath,
                                                 sharedStrings: strings, styles: styles, dateSystem: dateSystem))
    }

    private func loadSharedStrings() throws -> SharedStrings {
        let archive = try XLSXArchive(path: path, name: fileName)
        var handler = SharedStringsHandler()
        guard try archive.parse(part: sharedStringsPart, with: &handler) else { return .empty }
        return handler.strings
    }

    /// The main part, named by the package's root relationships (`_rels/.rels`); nearly always
    /// `xl/workbook.xml`.
    private static func workbookPart(in archive: XLSXArchive) throws -> String {
        var root = RelationshipsHandler()
        if try archive.parse(part: "_rels/.rels", with: &root),
           let document = root.relationships.first(where: { $0.kind == "officeDocument" }) {
            return PartPath.resolve(document.target, from: "")
        }
        return "xl/workbook.xml"
    }
}
