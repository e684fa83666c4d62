import Foundation
import Testing
import ZIPFoundation
@testable import CRMExport

@Suite("Reading Excel workbooks")
struct XLSXReadingTests {
    @Test func sharedInlineAndRichStrings() throws {
        let folder = WorkbookFolder()
        var book = TestWorkbook()
        book.sharedStrings = """
            <sst xmlns="\(TestWorkbook.main)" count="5" uniqueCount="5">\
            <si><t>Name</t></si>\
            <si><t>Notes</t></si>\
            <si><r><rPr><b/></rPr><t>Acme</t></r><r><t xml:space="preserve"> &amp; Sons</t></r><rPh sb="0" eb="4"><t>アクメ</t></rPh></si>\
            <si><t>line1_x000D_&#10;line2 &#x41;&lt;&gt;&quot;&apos;</t></si>\
            <si><t><![CDATA[a <b> c]]></t></si>\
            </sst>
            """
        book.addSheet("Data", rows: """
            <row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>\
            <row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2" t="inlineStr"><is><t>plain inline</t></is></c></row>\
            <row r="3"><c r="A3" t="s"><v>3</v></c><c r="B3" t="inlineStr"><is><r><t>Bold</t></r><r><rPr><i/></rPr><t xml:space="preserve"> part</t></r></is></c></row>\
            <row r="4"><c r="A4" t="s"><v>4</v></c><c r="B4" t="str"><f>A1&amp;"x"</f><v>Namex</v></c></row>\
            <row r="5"><c r="A5" t="s"><v>99</v></c><c r="B5" t="inlineStr"><is><t>after a bad index</t></is></c></row>
            """)
        let reader = try book.open("Data", in: folder)
        #expect(reader.header == ["Name", "Notes"])
        let rows = try readAll(reader)
        #expect(rows.cells == [
            ["Acme & Sons", "plain inline"],
            ["line1\r\nline2 A<>\"'", "Bold part"],
            ["a <b> c", "Namex"],
            ["", "after a bad index"],
        ])
        #expect(rows.lines == [2, 3, 4, 5])
        #expect(reader.issues.count == 1)
        #expect(reader.issues.first?.hasPrefix("Book.xlsx#Data row 5:") == true)
    }

    @Test func numbersExactlyAsStored() throws {
        let folder = WorkbookFolder()
        var book = TestWorkbook()
        book.addSheet("Data", rows: inlineRow(1, ["N"]) + """
            <row r="2"><c r="A2"><v>0.1</v></c></row>\
            <row r="3"><c r="A3"><v>12345678901234567890</v></c></row>\
            <row r="4"><c r="A4" t="n"><v>-3.5E-2</v></c></row>\
            <row r="5"><c r="A5"><v>1E-3</v></c></row>\
            <row r="6"><c r="A6"><v>1.5E+300</v></c></row>\
            <row r="7"><c r="A7"><v>0.30000000000000004</v></c></row>
            """)
        let rows = try readAll(try book.open("Data", in: folder))
        #expect(rows.cells.map(\.[0]) == ["0.1", "12345678901234567890", "-0.035", "0.001", "1.5E+300", "0.30000000000000004"])
    }

    @Test func datesOfThe1900System() throws {
        let folder = WorkbookFolder()
        var book = TestWorkbook()
        book.styles = TestWorkbook.dateStyles
        book.addSheet("Data", rows: inlineRow(1, ["When"]) + """
            <row r="2"><c r="A2" s="1"><v>45000</v></c></row>\
            <row r="3"><c r="A3" s="1"><v>59</v></c></row>\
            <row r="4"><c r="A4" s="1"><v>61</v></c></row>\
            <row r="5"><c r="A5" s="2"><v>45000.5</v></c></row>\
            <row r="6"><c r="A6" s="3"><v>0.75</v></c></row>\
            <row r="7"><c r="A7" s="4"><v>45000</v></c></row>\
            <row r="8"><c r="A8" s="1"><v>60</v></c></row>\
            <row r="9"><c r="A9"><v>45000</v></c></row>\
            <row r="10"><c r="A10" s="5"><v>1.5</v></c></row>\
            <row r="11"><c r="A11" s="1" t="s"><v>0</v></c></row>
            """)
        book.sharedStrings = "<sst xmlns=\"\(TestWorkbook.main)\"><si><t>not a date</t></si></sst>"
        let rows = try readAll(try book.open("Data", in: folder))
        #expect(rows.cells.map(\.[0]) == [
            "2023-03-15", "1900-02-28", "1900-03-01", "2023-03-15T12:00:00", "18:00:00",
            "45000", "1900-02-29", "45000", "36:00:00", "not a date",
        ])
    }

    @Test(arguments: ["1", "true"])
    func datesOfThe1904System(flag: String) throws {
        let folder = WorkbookFolder()
        var book = TestWorkbook()
        book.workbookProperties = "<workbookPr date1904=\"\(flag)\"/>"
        book.styles = TestWorkbook.dateStyles
        book.addSheet("Data", rows: inlineRow(1, ["When"]) + """
            <row r="2"><c r="A2" s="1"><v>0</v></c></row>\
            <row r="3"><c r="A3" s="1"><v>43538</v></c></row>
            """)
        let rows = try readAll(try book.open("Data", in: folder))
        #expect(rows.cells.map(\.[0]) == ["1904-01-01", "2023-03-15"])
    }

    @Test func booleansErrorsAndFormulaResults() throws {
        let folder = WorkbookFolder()
        var book = TestWorkbook()
        book.addSheet("Data", rows: inlineRow(1, ["Flag", "Result"]) + """
            <row r="2"><c r="A2" t="b"><v>1</v></c><c r="B2" t="e"><v>#N/A</v></c></row>\
            <row r="3"><c r="A3" t="b"><v>0</v></c><c r="B3" t="e"><f>1/0</f><v>#DIV/0!</v></c></row>\
            <row r="4"><c r="A4" t="b"><f>TRUE()</f><v>1</v></c><c r="B4"><f>1+1</f><v>2</v></c></row>
            """)
        let rows = try readAll(try book.open("Data", in: folder))
        #expect(rows.cells == [["true", "#N/A"], ["false", "#DIV/0!"], ["true", "2"]])
    }

    @Test func cellsPlacedByReferenceOrPosition() throws {
        let folder = WorkbookFolder()
        var book = TestWorkbook()
        book.addSheet("Data", rows: inlineRow(1, ["A", "B", "C", "D"]) + """
            <row r="2"><c r="B2"><v>2</v></c><c r="D2"><v>4</v></c></row>\
            <row><c><v>1</v></c><c><v>2</v></c><c><v>3</v></c></row>\
            <row><c r="C4"><v>x</v></c><c><v>y</v></c></row>
            """)
        let reader = try book.open("Data", in: folder)
        let rows = try readAll(reader)
        #expect(rows.cells == [["", "2", "", "4"], ["1", "2", "3", ""], ["", "", "x", "y"]])
        #expect(rows.lines == [2, 3, 4])
        #expect(reader.issues.isEmpty)
    }

    @Test func emptyRowsAreSkippedAndRowsKeepTheirNumbers() throws {
        let folder = WorkbookFolder()
        var book = TestWorkbook()
        book.addSheet("Data", rows: """
            <row r="1"/>\
            <row r="2"><c r="A2" s="0"/><c r="B2" t="inlineStr"><is><t></t></is></c></row>\
            <row r="3"><c r="A3" t="inlineStr"><is><t>Id</t></is></c><c r="B3" t="inlineStr"><is><t>Name</t></is></c></row>\
            <row r="4"><c r="A4"><v>1</v></c></row>\
            <row r="5"></row>\
            <row r="6"><c r="A6" t="inlineStr"><is><t></t></is></c><c r="B6" s="0"/></row>\
            <row r="9"><c r="B9" t="inlineStr"><is><t>Zoë</t></is></c></row>
            """)
        let reader = try book.open("Data", in: folder)
        #expect(reader.header == ["Id", "Name"])
        let rows = try readAll(reader)
        #expect(rows.cells == [["1", ""], ["", "Zoë"]])
        #expect(rows.lines == [4, 9])
    }

    @Test func cellsPastTheHeaderAreDroppedAndReported() throws {
        let folder = WorkbookFolder()
        var book = TestWorkbook()
        book.addSheet("Data", rows: inlineRow(1, ["Id", "", "Name"]) + """
            <row r="2"><c r="A2"><v>1</v></c><c r="B2"><v>b</v></c><c r="C2"><v>c</v></c><c r="D2"><v>d</v></c><c r="F2"><v>f</v></c><c r="G2" s="0"/></row>
            """, dimension: "A1:F2")
        let reader = try book.open("Data", in: folder)
        #expect(reader.header == ["Id", "column 2", "Name"])
        let rows = try readAll(reader)
        #expect(rows.cells == [["1", "b", "c"]])
        #expect(reader.issues.contains { $0.hasPrefix("Book.xlsx#Data row 1:") && $0.contains("column B") })
        #expect(reader.issues.contains { $0.hasPrefix("Book.xlsx#Data row 2: 2 cells") })
    }

    @Test(arguments: [true, false])
    func mergedHeaderCellsNameEveryColumnTheyCover(withDimension: Bool) throws {
        let folder = WorkbookFolder()
        var book = TestWorkbook()
        let merges = "<mergeCells count=\"3\"><mergeCell ref=\"B1:D1\"/><mergeCell ref=\"F1:G1\"/><mergeCell ref=\"A3:B3\"/></mergeCells>"
        book.addSheet("Data", rows: """
            <row r="1"><c r="A1" t="inlineStr"><is><t>Id</t></is></c><c r="B1" t="inlineStr"><is><t>Address</t></is></c><c r="C1" s="1"/>\
            <c r="E1" t="inlineStr"><is><t>Name</t></is></c><c r="F1" t="inlineStr"><is><t>Phone</t></is></c></row>\
            <row r="2"><c r="A2"><v>1</v></c><c r="B2"><v>2</v></c><c r="C2"><v>3</v></c><c r="D2"><v>4</v></c><c r="E2"><v>5</v></c><c r="F2"><v>6</v></c><c r="G2"><v>7</v></c></row>\
            <row r="3"><c r="A3"><v>8</v></c></row>
            """, dimension: withDimension ? "A1:G3" : nil, afterSheetData: merges)
        let reader = try book.open("Data", in: folder)
        #expect(reader.header == ["Id", "Address", "Address (2)", "Address (3)", "Name", "Phone", "Phone (2)"])
        let rows = try readAll(reader)
        #expect(rows.cells == [["1", "2", "3", "4", "5", "6", "7"], ["8", "", "", "", "", "", ""]])
        #expect(reader.issues.isEmpty)
    }

    @Test func sheetsAreNamedAndOrderedByTheWorkbook() throws {
        let folder = WorkbookFolder()
        var book = TestWorkbook()
        book.addSheet("Accounts", rows: inlineRow(1, ["Account"]) + inlineRow(2, ["Acme"]))
        book.addSheet("Contacts", rows: inlineRow(1, ["Contact"]) + inlineRow(2, ["Zoë"]))
        book.addSheet("Archive", rows: inlineRow(1, ["Old"]) + inlineRow(2, ["x"]), hidden: true)
        book.chartSheet = "Pipeline chart"
        let path = try book.write(in: folder)
        let workbook = try XLSXWorkbook(path: path)
        #expect(workbook.sheets.map(\.name) == ["Accounts", "Contacts", "Archive"])
        #expect(workbook.sheets.map(\.hidden) == [false, false, true])
        #expect(workbook.sheets.map(\.partPath) == ["xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml", "xl/worksheets/sheet3.xml"])
        let workbookBytes = try #require(try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int)
        #expect(workbook.sheets.allSatisfy { $0.storedBytes > 0 && $0.storedBytes < workbookBytes / 2 }, "a sheet's own share of the workbook: \(workbook.sheets.map(\.storedBytes)) of \(workbookBytes)")
        let files = try Export.open([path]).files
        #expect(files.map(\.storedBytes) == workbook.sheets.map { $0.storedBytes }, "the export shows each sheet's size, not the workbook's")
        #expect(try readAll(try workbook.open(sheet: "Contacts")).cells == [["Zoë"]])
        #expect(try readAll(try workbook.open(sheet: "Accounts")).cells == [["Acme"]])
        #expect(try readAll(try workbook.open(sheet: "Archive")).cells == [["x"]])
        let missing = #expect(throws: XLSXError.self) { try workbook.open(sheet: "Pipeline chart") }
        #expect(missing?.description.contains("'Accounts', 'Contacts', 'Archive'") == true)
    }

    @Test func absoluteTargetsInTheRelationships() throws {
        let folder = WorkbookFolder()
        var book = TestWorkbook()
        book.absoluteTargets = true
        book.sharedStrings = "<sst xmlns=\"\(TestWorkbook.main)\"><si><t>Id</t></si></sst>"
        book.addSheet("Data", rows: "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row><row r=\"2\"><c r=\"A2\"><v>7</v></c></row>")
        let workbook = try XLSXWorkbook(path: try book.write(in: folder))
        #expect(workbook.sheets.map(\.partPath) == ["xl/worksheets/sheet1.xml"])
        let reader = try workbook.open(sheet: "Data")
        #expect(reader.header == ["Id"])
        #expect(try readAll(reader).cells == [["7"]])
    }

    @Test func namespacePrefixesAreIgnored() throws {
        let folder = WorkbookFolder()
        var book = TestWorkbook()
        book.addSheet("Data", xml: """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <!-- written by a tool that prefixes everything -->
            <x:worksheet xmlns:x="\(TestWorkbook.main)"><x:sheetData>\
            <x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>Id</x:t></x:is></x:c></x:row>\
            <x:row r="2"><x:c r="A2"><x:v>42</x:v></x:c></x:row>\
            </x:sheetData></x:worksheet>
            """)
        let reader = try book.open("Data", in: folder)
        #expect(reader.header == ["Id"])
        #expect(try readAll(reader).cells == [["42"]])
    }

    @Test func aHundredThousandRowsStreamWithBoundedMemory() throws {
        let folder = WorkbookFolder()
        let book = TestWorkbook.large(rows: 100_000)
        let reader = try book.open("Data", in: folder)
        #expect(reader.header == ["Id", "Name", "Amount"])
        var cells: [String] = []
        var count = 0
        var last: (line: Int, cells: [String])?
        while let line = try reader.next(into: &cells) {
            count += 1
            last = (line, cells)
        }
        #expect(count == 100_000)
        #expect(last?.line == 100_001)
        #expect(last?.cells == ["100000", "name 100000", "100000.5"])
        #expect(reader.peakQueuedRows <= XLSXSheetReader.bufferedRows)
        #expect(reader.issues.isEmpty)
    }

    @Test func closingEarlyStopsTheProducer() throws {
        let folder = WorkbookFolder()
        let book = TestWorkbook.large(rows: 20_000)
        let reader = try book.open("Data", in: folder)
        var cells: [String] = []
        for _ in 0..<10 { _ = try reader.next(into: &cells) }
        #expect(cells == ["10", "name 10", "10.5"])
        reader.close()
        #expect(!reader.isProducerRunning)
        #expect(try reader.next(into: &cells) == nil)
    }

    @Test func malformedSheetXMLNamesTheSheetAndTheRow() throws {
        let folder = WorkbookFolder()
        var book = TestWorkbook()
        book.addSheet("Data", rows: inlineRow(1, ["Id"]) + """
            <row r="2"><c r="A2"><v>1</v></c></row>\
            <row r="3"><c r="A3" t=s><v>1</v></c></row>
            """)
        let reader = try book.open("Data", in: folder)
        var cells: [String] = []
        #expect(try reader.next(into: &cells) == 2)
        let error = #expect(throws: XLSXError.self) { try reader.next(into: &cells) }
        #expect(error?.file == "Book.xlsx#Data")
        #expect(error?.row == 3)
        #expect(error?.description.hasPrefix("Book.xlsx#Data row 3: xl/worksheets/sheet1.xml is not well-formed XML") == true)
    }

    @Test func aFileThatIsNotAZipIsNamed() throws {
        let folder = WorkbookFolder()
        let path = folder.path + "/Book.xlsx"
        try Data("Id,Name\n1,Acme\n".utf8).write(to: URL(fileURLWithPath: path))
        let error = #expect(throws: XLSXError.self) { try XLSXWorkbook(path: path) }
        #expect(error?.description.hasPrefix("Book.xlsx: not an .xlsx workbook") == true)
    }

    @Test func anEmptySheetHasNoHeaderAndNoRows() throws {
        let folder = WorkbookFolder()
        var book = TestWorkbook()
        book.addSheet("Empty", rows: "<row r=\"1\"><c r=\"A1\" s=\"0\"/></row>")
        let reader = try book.open("Empty", in: folder)
        #expect(reader.header.isEmpty)
        var cells: [String] = []
        #expect(try reader.next(into: &cells) == nil)
        #expect(reader.issues == ["Book.xlsx#Empty: the sheet has no row with a value"])
    }
}

@Suite("XLSX building blocks")
struct XLSXBuildingBlockTests {
    static let document = """
        <?xml version="1.0"?><!DOCTYPE x [ <!ENTITY e "f"> ]><?pi some > thing?>\
        <root xmlns="urn:a" xmlns:p="urn:p"><p:item a="1" b='two &amp; &#x41;' c="x>y"/>\
        <!-- a <comment> --><t>A &lt;b&gt; &#233;&#x1F600; &bogus; & c</t><t><![CDATA[<raw> &amp;]]></t>\
        <empty></empty></root>
        """

    static let expectedEvents = [
        "<root>", "<item a=1 b=two & A c=x>y>", "</item>", "<t>", "'A <b> é😀 &bogus; & c'", "</t>",
        "<t>", "'<raw> &amp;'", "</t>", "<empty>", "</empty>", "</root>",
    ]

    @Test func tokenizesAWholeDocument() throws {
        #expect(try events(of: Array(Self.document.utf8), chunkSizes: [Int.max]) == Self.expectedEvents)
    }

    @Test func tagsAndTextCutAcrossChunksReadTheSame() throws {
        let bytes = Array(Self.document.utf8)
        for cut in 1..<bytes.count {
            #expect(try events(of: bytes, chunkSizes: [cut, Int.max]) == Self.expectedEvents, "cut at \(cut)")
        }
        #expect(try events(of: bytes, chunkSizes: [1]) == Self.expectedEvents)
    }

    @Test(arguments: ["<a b=c/>", "<a b=\"c/>", "<a>text</a><b", "<a><!-- open"])
    func malformedDocumentsThrow(document: String) {
        #expect(throws: XMLSyntaxError.self) { try events(of: Array(document.utf8), chunkSizes: [Int.max]) }
    }

    static let serials: [(Double, NumberFormatKind, ExcelDateSystem, String)] = [
        (45000, .date, .from1900, "2023-03-15"),
        (59, .date, .from1900, "1900-02-28"),
        (60, .date, .from1900, "1900-02-29"),
        (61, .date, .from1900, "1900-03-01"),
        (1, .date, .from1900, "1900-01-01"),
        (45000.5, .dateTime, .from1900, "2023-03-15T12:00:00"),
        (45000.291666666664, .dateTime, .from1900, "2023-03-15T07:00:00"),
        (45000.99999999, .dateTime, .from1900, "2023-03-16T00:00:00"),
        (0.5, .time, .from1900, "12:00:00"),
        (0.5, .dateTime, .from1900, "12:00:00"),
        (2_958_465, .date, .from1900, "9999-12-31"),
        (0, .date, .from1904, "1904-01-01"),
        (43538, .date, .from1904, "2023-03-15"),
        (1.25, .duration, .from1900, "30:00:00"),
    ]

    @Test(arguments: XLSXBuildingBlockTests.serials)
    func excelSerialsAsText(serial: Double, kind: NumberFormatKind, system: ExcelDateSystem, expected: String) {
        #expect(ExcelDate.text(serial: serial, kind: kind, system: system) == expected)
    }

    static let serialsShownAsNumbers: [(Double, NumberFormatKind)] = [(0, .date), (-1, .date), (2_958_466, .date), (45000, .general)]

    @Test(arguments: XLSXBuildingBlockTests.serialsShownAsNumbers)
    func serialsWithoutADateStayNumbers(serial: Double, kind: NumberFormatKind) {
        #expect(ExcelDate.text(serial: serial, kind: kind, system: .from1900) == nil)
    }

    static let formatCodes: [(String, NumberFormatKind)] = [
        ("yyyy-mm-dd", .date), ("m/d/yyyy h:mm", .dateTime), ("h:mm AM/PM", .time),
        ("mm:ss", .time), ("mmm-yy", .date), ("[h]:mm:ss", .duration), ("[$-409]dddd, mmmm dd, yyyy", .date),
        ("General", .general), ("0.00E+00", .general), ("[Red]#,##0.00;[Blue]-#,##0.00", .general),
        ("#,##0 \"days\"", .general), ("0\\h", .general), ("_-* #,##0_-;-* #,##0_-", .general),
        ("@", .general), ("yyyy\\-mm\\-dd\\ hh:mm:ss", .dateTime),
    ]

    @Test(arguments: XLSXBuildingBlockTests.formatCodes)
    func numberFormatCodes(code: String, kind: NumberFormatKind) {
        #expect(NumberFormats.kind(ofFormatCode: code) == kind)
    }

    @Test func builtInFormats() {
        #expect(NumberFormats.builtInKind(14) == .date)
        #expect(NumberFormats.builtInKind(22) == .dateTime)
        #expect(NumberFormats.builtInKind(21) == .time)
        #expect(NumberFormats.builtInKind(4) == .general)
        #expect(NumberFormats.builtInKind(49) == .general)
    }

    @Test(arguments: [
        ("0.1", "0.1"), ("-3.5E-2", "-0.035"), ("1E-3", "0.001"), ("1.5E+20", "150000000000000000000"),
        ("2.5e1", "25"), ("1.5E+300", "1.5E+300"), ("-0E+0", "0"), ("12345678901234567890", "12345678901234567890"),
    ])
    func storedNumbers(stored: String, expected: String) {
        let bytes = Array(stored.utf8)
        #expect(bytes.withUnsafeBufferPointer { ExcelNumberText.text($0) } == expected)
    }

    @Test(arguments: [("A1", 0), ("Z9", 25), ("AA1", 26), ("XFD1", 16_383), ("c7", 2), ("$B$2", 1)])
    func cellReferenceColumns(reference: String, column: Int) {
        let bytes = Array(reference.utf8)
        #expect(bytes.withUnsafeBufferPointer { CellReference.column(of: $0) } == column)
        #expect(CellReference.letters(column) == reference.uppercased().filter(\.isLetter))
    }

    @Test func columnsPastXFDAreRejected() {
        #expect(Array("XFE1".utf8).withUnsafeBufferPointer { CellReference.column(of: $0) } == nil)
        #expect(Array("12".utf8).withUnsafeBufferPointer { CellReference.column(of: $0) } == nil)
    }

    @Test func mergeScannerFindsRangesCutAcrossChunks() {
        let xml = Array("<sheetData><row r=\"1\"><c r=\"A1\"><v>1</v></c><c r=\"B1\" t=\"inlineStr\"><is><t>mergeCell ref=\"Z9:Z10\"/></t></is></c></row></sheetData><x:mergeCells><x:mergeCell ref=\"B1:D1\"/><mergeCell  ref='A3:B4'/></x:mergeCells>".utf8)
        for cut in 1..<xml.count {
            var scanner = MergeCellScanner()
            xml.withUnsafeBytes { bytes in
                scanner.scan(UnsafeRawBufferPointer(rebasing: bytes[..<cut]))
                scanner.scan(UnsafeRawBufferPointer(rebasing: bytes[cut...]))
            }
            #expect(scanner.ranges == [CellRange(firstColumn: 1, firstRow: 1, lastColumn: 3, lastRow: 1),
                                       CellRange(firstColumn: 0, firstRow: 3, lastColumn: 1, lastRow: 4)], "cut at \(cut)")
        }
    }

    @Test(arguments: [
        ("worksheets/sheet1.xml", "xl/", "xl/worksheets/sheet1.xml"),
        ("/xl/worksheets/sheet1.xml", "xl/", "xl/worksheets/sheet1.xml"),
        ("../xl/./worksheets/sheet%201.xml", "xl/", "xl/worksheets/sheet 1.xml"),
        ("xl/workbook.xml", "", "xl/workbook.xml"),
    ])
    func relationshipTargets(target: String, folder: String, part: String) {
        #expect(PartPath.resolve(target, from: folder) == part)
    }

    @Test func aSheetThatDoesNotMatchItsChecksumNeverReadsAsComplete() throws {
        let folder = WorkbookFolder()
        var book = TestWorkbook()
        book.addSheet("Data", rows: inlineRow(1, ["Id"]) + inlineRow(2, ["1"]))
        let path = try book.write(in: folder)
        try flipChecksum(of: "xl/worksheets/sheet1.xml", inZipAt: path)
        let reader = try XLSXWorkbook(path: path).open(sheet: "Data")
        let error = #expect(throws: XLSXError.self) { _ = try readAll(reader) }
        #expect(error?.description.contains("checksum") == true)
    }

    @Test func escapedCharactersInCellText() {
        #expect(OOXMLEscapes.string(from: Array("a_x000D_b_x005F_x0041_ _xD83D__xDE00_ _x12_".utf8)) == "a\rb_x0041_ 😀 _x12_")
    }

    private func events(of bytes: [UInt8], chunkSizes: [Int]) throws -> [String] {
        let tokenizer = XMLTokenizer(capacity: 16)
        var recorder = EventRecorder()
        var offset = 0
        var sizes = chunkSizes[...]
        try bytes.withUnsafeBytes { all in
            while offset < all.count {
                let size = min(sizes.count > 1 ? sizes.removeFirst() : sizes.first!, all.count - offset)
                try tokenizer.feed(UnsafeRawBufferPointer(rebasing: all[offset..<(offset + size)]), into: &recorder)
                offset += size
            }
        }
        try tokenizer.finish(into: &recorder)
        return recorder.events.filter { $0 != "'\n'" }
    }
}

/// Records what the tokenizer reports, as text.
private struct EventRecorder: XMLTokenHandler {
    var events: [String] = []

    mutating func startElement(_ element: XMLStartTag) throws {
        var attributes: [String] = []
        element.forEachAttribute { name, value in attributes.append("\(name.string)=\(XMLEntities.decodedString(value))") }
        events.append("<" + ([element.name.string] + attributes).joined(separator: " ") + ">")
    }

    mutating func endElement(_ name: XMLName) throws {
        events.append("</\(name.string)>")
    }

    mutating func text(_ text: XMLText) throws {
        var bytes: [UInt8] = []
        text.appendDecoded(to: &bytes)
        events.append("'" + String(decoding: bytes, as: UTF8.self) + "'")
    }
}

// MARK: - Workbooks written for the tests

/// A folder for the test's files, removed when the value is dropped.
private final class WorkbookFolder {
    let path = NSTemporaryDirectory() + "gongmap-xlsx-" + UUID().uuidString

    init() {
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }
}

/// A workbook described by its parts' XML, written as a real zip with ZIPFoundation (deflated, as
/// Excel writes them), so no binary fixtures are needed.
private struct TestWorkbook {
    static let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let relationshipsNamespace = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    static let relationshipType = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"

    /// Styles 1: a built-in date (14), 2: a custom date-time, 3: a built-in time (21), 4: a number in
    /// red with a quoted text section, 5: elapsed hours. `cellStyleXfs` holds a date that must not count.
    static let dateStyles = """
        <styleSheet xmlns="\(main)"><numFmts count="3"><numFmt numFmtId="164" formatCode="yyyy\\-mm\\-dd\\ hh:mm:ss"/>\
        <numFmt numFmtId="165" formatCode="[Red]#,##0.00;&quot;minus&quot;\\ #,##0.00"/><numFmt numFmtId="166" formatCode="[h]:mm:ss"/></numFmts>\
        <cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs>\
        <cellXfs count="6"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/><xf numFmtId="164"/><xf numFmtId="21"/><xf numFmtId="165"/><xf numFmtId="166"/></cellXfs>\
        <dxfs count="1"><dxf><numFmt numFmtId="164" formatCode="0.00"/></dxf></dxfs></styleSheet>
        """

    struct Sheet {
        var name: String
        var xml: String
        var hidden: Bool
    }

    var sheets: [Sheet] = []
    var sharedStrings: String?
    var styles: String?
    var workbookProperties = ""
    var absoluteTargets = false
    var chartSheet: String?

    mutating func addSheet(_ name: String, rows: String, dimension: String? = nil, afterSheetData: String = "", hidden: Bool = false) {
        let dimensionElement = dimension.map { "<dimension ref=\"\($0)\"/>" } ?? ""
        addSheet(name, xml: """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <worksheet xmlns="\(Self.main)" xmlns:r="\(Self.relationshipsNamespace)">\(dimensionElement)<sheetData>\(rows)</sheetData>\(afterSheetData)</worksheet>
            """, hidden: hidden)
    }

    mutating func addSheet(_ name: String, xml: String, hidden: Bool = false) {
        sheets.append(Sheet(name: name, xml: xml, hidden: hidden))
    }

    func open(_ sheet: String, in folder: WorkbookFolder) throws -> XLSXSheetReader {
        try XLSXWorkbook(path: try write(in: folder)).open(sheet: sheet)
    }

    func write(in folder: WorkbookFolder, fileName: String = "Book.xlsx") throws -> String {
        let path = folder.path + "/" + fileName
        let archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .create)
        for (part, text) in parts() {
            let data = Data(text.utf8)
            try archive.addEntry(with: part, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<(Int(position) + size))
            }
        }
        return path
    }

    private func parts() -> [(String, String)] {
        let prefix = absoluteTargets ? "/xl/" : ""
        var sheetEntries = ""
        var relationships = ""
        var parts: [(String, String)] = []
        for (index, sheet) in sheets.enumerated() {
            let number = index + 1
            sheetEntries += "<sheet name=\"\(sheet.name)\" sheetId=\"\(number)\"\(sheet.hidden ? " state=\"hidden\"" : "") r:id=\"rId\(number)\"/>"
            relationships += "<Relationship Id=\"rId\(number)\" Type=\"\(Self.relationshipType)worksheet\" Target=\"\(prefix)worksheets/sheet\(number).xml\"/>"
            parts.append(("xl/worksheets/sheet\(number).xml", sheet.xml))
        }
        if let chartSheet {
            sheetEntries += "<sheet name=\"\(chartSheet)\" sheetId=\"99\" r:id=\"rIdChart\"/>"
            relationships += "<Relationship Id=\"rIdChart\" Type=\"\(Self.relationshipType)chartsheet\" Target=\"chartsheets/sheet1.xml\"/>"
            parts.append(("xl/chartsheets/sheet1.xml", "<chartsheet xmlns=\"\(Self.main)\"/>"))
        }
        if let styles {
            relationships += "<Relationship Id=\"rIdStyles\" Type=\"\(Self.relationshipType)styles\" Target=\"\(prefix)styles.xml\"/>"
            parts.append(("xl/styles.xml", styles))
        }
        if let sharedStrings {
            relationships += "<Relationship Id=\"rIdStrings\" Type=\"\(Self.relationshipType)sharedStrings\" Target=\"\(prefix)sharedStrings.xml\"/>"
            parts.append(("xl/sharedStrings.xml", sharedStrings))
        }
        let packageRelationships = "http://schemas.openxmlformats.org/package/2006/relationships"
        return [
            ("[Content_Types].xml", "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>"),
            ("_rels/.rels", "<Relationships xmlns=\"\(packageRelationships)\"><Relationship Id=\"rId1\" Type=\"\(Self.relationshipType)officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"),
            ("xl/workbook.xml", "<workbook xmlns=\"\(Self.main)\" xmlns:r=\"\(Self.relationshipsNamespace)\">\(workbookProperties)<sheets>\(sheetEntries)</sheets></workbook>"),
            ("xl/_rels/workbook.xml.rels", "<Relationships xmlns=\"\(packageRelationships)\">\(relationships)</Relationships>"),
        ] + parts
    }

    /// `rows` data rows under Id, Name, Amount: shared, inline and number cells.
    static func large(rows: Int) -> TestWorkbook {
        var book = TestWorkbook()
        book.sharedStrings = "<sst xmlns=\"\(main)\"><si><t>Id</t></si><si><t>Name</t></si><si><t>Amount</t></si></sst>"
        var xml = "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c><c r=\"C1\" t=\"s\"><v>2</v></c></row>"
        xml.reserveCapacity(rows * 120)
        for id in 1...rows {
            let row = id + 1
            xml += "<row r=\"\(row)\"><c r=\"A\(row)\"><v>\(id)</v></c><c r=\"B\(row)\" t=\"inlineStr\"><is><t>name \(id)</t></is></c><c r=\"C\(row)\" s=\"0\"><v>\(id).5</v></c></row>"
        }
        book.addSheet("Data", rows: xml, dimension: "A1:C\(rows + 1)")
        return book
    }
}

/// A row of inline strings, `A<row>` onwards.
private func inlineRow(_ row: Int, _ texts: [String]) -> String {
    var cells = ""
    for (index, text) in texts.enumerated() where !text.isEmpty {
        cells += "<c r=\"\(CellReference.letters(index))\(row)\" t=\"inlineStr\"><is><t>\(text)</t></is></c>"
    }
    return "<row r=\"\(row)\">\(cells)</row>"
}

/// Changes one bit of the CRC-32 that the zip's local header and central directory give for `part`.
private func flipChecksum(of part: String, inZipAt path: String) throws {
    var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
    let name = Array(part.utf8)
    var flipped = 0
    for start in 0...(bytes.count - name.count) where Array(bytes[start..<(start + name.count)]) == name {
        // A local header's name starts 30 bytes after its signature, the CRC 14 bytes after it;
        // a central directory header's name 46 bytes after, the CRC 16.
        for (nameOffset, crcOffset, signature) in [(30, 14, [0x50, 0x4B, 0x03, 0x04]), (46, 16, [0x50, 0x4B, 0x01, 0x02])] as [(Int, Int, [UInt8])] {
            let header = start - nameOffset
            guard header >= 0, Array(bytes[header..<(header + 4)]) == signature else { continue }
            bytes[header + crcOffset] ^= 0x01
            flipped += 1
        }
    }
    #expect(flipped == 2)
    try Data(bytes).write(to: URL(fileURLWithPath: path))
}

private func readAll(_ reader: XLSXSheetReader) throws -> (cells: [[String]], lines: [Int]) {
    var cells: [String] = []
    var rows: [[String]] = []
    var lines: [Int] = []
    while let line = try reader.next(into: &cells) {
        rows.append(cells)
        lines.append(line)
    }
    return (rows, lines)
}
