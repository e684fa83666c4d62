import CRMExport
import Foundation
import Testing

@Suite("Reading CSV and TSV")
struct DelimitedReadingTests {
    @Test func quotedCellsWithCommasQuotesAndLineBreaks() throws {
        let export = TemporaryExport()
        export.write("a.csv", "Id,Name,Street\n1,\"Acme, Inc.\",\"12 Main St\nSuite 4\"\n2,\"The \"\"Best\"\" Co\",\n")
        let result = try export.rows("a.csv")
        #expect(result.header == ["Id", "Name", "Street"])
        #expect(result.rows == [["1", "Acme, Inc.", "12 Main St\nSuite 4"], ["2", "The \"Best\" Co", ""]])
        #expect(result.lines == [2, 4])
        #expect(result.issues.isEmpty)
    }

    @Test func crlfAndByteOrderMark() throws {
        let export = TemporaryExport()
        export.write("a.csv", bytes: [0xEF, 0xBB, 0xBF] + Array("Id,Name\r\n1,Zoë\r\n2,\"two\r\nlines\"\r\n".utf8))
        let result = try export.rows("a.csv")
        #expect(result.header == ["Id", "Name"])
        #expect(result.rows == [["1", "Zoë"], ["2", "two\r\nlines"]])
        #expect(result.lines == [2, 3])
    }

    @Test(arguments: [(";", "a;b;c\n1;2;3\n"), ("\t", "a\tb\tc\n1\t2\t3\n"), ("|", "a|b|c\n1|2|3\n"), (",", "a,b,c\n1,2,3\n")])
    func sniffsTheDelimiter(delimiter: String, text: String) throws {
        let export = TemporaryExport()
        export.write("data.txt", text)
        #expect(try export.export().files[0].layout == .delimited(UInt8(ascii: Unicode.Scalar(delimiter)!)))
        #expect(try export.rows("data.txt").rows == [["1", "2", "3"]])
    }

    @Test func semicolonWinsOverCommasInsideValues() throws {
        let export = TemporaryExport()
        export.write("de.csv", "Name;Betrag;Ort\nMüller;1.234,50;Köln\nSchmidt;99,00;Berlin\n")
        let result = try export.rows("de.csv")
        #expect(result.rows == [["Müller", "1.234,50", "Köln"], ["Schmidt", "99,00", "Berlin"]])
    }

    @Test(arguments: [false, true])
    func utf16WithByteOrderMark(bigEndian: Bool) throws {
        let text = "Id\tName\n1\t株式会社サクラ\n2\tŁódź 🚚\n"
        var bytes: [UInt8] = bigEndian ? [0xFE, 0xFF] : [0xFF, 0xFE]
        for unit in text.utf16 { bytes += bigEndian ? [UInt8(unit >> 8), UInt8(unit & 0xFF)] : [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        let export = TemporaryExport()
        export.write("u.tsv", bytes: bytes)
        let file = try export.export().files[0]
        #expect(file.encoding == (bigEndian ? .utf16BigEndian : .utf16LittleEndian))
        #expect(try export.rows("u.tsv").rows == [["1", "株式会社サクラ"], ["2", "Łódź 🚚"]])
    }

    @Test func windows1252FileIsDecodedWithAWarningNamingTheFile() throws {
        let export = TemporaryExport()
        // "Müller – 5 €" in Windows-1252
        export.write("legacy.csv", bytes: Array("Id,Name\n1,M".utf8) + [0xFC] + Array("ller ".utf8) + [0x96] + Array(" 5 ".utf8) + [0x80] + [0x0A])
        let result = try export.rows("legacy.csv")
        #expect(result.rows == [["1", "Müller – 5 €"]])
        let warning = try #require(result.issues.first { $0.code == "encoding-fallback" })
        #expect(warning.file == "legacy.csv")
        #expect(warning.severity == .warning)
    }

    @Test func aLateInvalidUTF8RowFallsBackAloneAndIsReportedWithItsLine() throws {
        var bytes = Array("Id,Name\n".utf8)
        for index in 0..<6000 { bytes += Array("\(index),Name \(index) ü\n".utf8) }
        bytes += Array("6000,Caf".utf8) + [0xE9] + [0x0A]
        let export = TemporaryExport()
        export.write("late.csv", bytes: bytes)
        let result = try export.rows("late.csv")
        #expect(try export.export().files[0].encoding == .utf8)
        #expect(result.rows.count == 6001)
        #expect(result.rows[0] == ["0", "Name 0 ü"])
        #expect(result.rows.last == ["6000", "Café"])
        #expect(result.issues.contains { $0.code == "encoding-fallback" && $0.line == 6002 })
    }

    @Test func aQuoteClosedLaterOnIsKeptWithAWarningAboutTheTextAfterIt() throws {
        let export = TemporaryExport()
        export.write("q.csv", "Id,Name\n1,\"open\n2,x\n3,\"tail\n")
        let result = try export.rows("q.csv")
        #expect(result.rows == [["1", "open\n2,x\n3,tail"]])
        #expect(result.issues.contains { $0.code == "text-after-quote" && $0.line == 4 })
    }

    @Test func unterminatedQuoteIsReportedWhereItOpensAndTheRestOfTheFileIsKept() throws {
        let export = TemporaryExport()
        export.write("q.csv", "Id,Name\n1,ok\n2,\"broken\n3,fine\n4,also fine\n")
        let result = try export.rows("q.csv")
        let issue = try #require(result.issues.first { $0.code == "unterminated-quote" })
        #expect(issue.line == 3)
        #expect(issue.column == 3)
        #expect(issue.severity == .error)
        #expect(result.rows == [["1", "ok"], ["3", "fine"], ["4", "also fine"]])
        #expect(result.lines == [2, 4, 5])
    }

    @Test func aQuoteLeftOpenNeverHoldsMoreThanTheRowLimit() throws {
        var text = "Id,Note\n1,\"starts here\n"
        for index in 0..<2000 { text += "\(index + 2),line \(index)\n" }
        let export = TemporaryExport()
        export.write("big.csv", text)
        let result = try export.rows("big.csv", maxRowBytes: 4096)
        #expect(result.issues.contains { $0.code == "unterminated-quote" && $0.line == 2 })
        #expect(result.rows.count == 2000)
        #expect(result.rows.first == ["2", "line 0"])
    }

    /// One limit, one accurate message: a long record that ends is "too long", not an open quote,
    /// and an unquoted one is held to the limit as well.
    @Test(arguments: [
        ("1,\"" + String(repeating: "long text, \"\"quoted\"\"\nover lines ", count: 300) + "\",x\n", "lines 2–302"),
        ("1," + String(repeating: "unquoted text ", count: 400) + "\n", "line 2"),
        ("1,a,\"" + String(repeating: "z", count: 5000) + "\"\r\n", "line 2"),
    ])
    func aRecordPastTheRowLimitIsSkippedWholeAndNamed(record: String, lines: String) throws {
        let export = TemporaryExport()
        export.write("big.csv", "Id,Note,Extra\n" + record + "2,ok,\"fine\"\n3,also,fine\n")
        let result = try export.rows("big.csv", maxRowBytes: 4096)
        #expect(result.rows == [["2", "ok", "fine"], ["3", "also", "fine"]])
        #expect(result.issues.map(\.code) == ["row-too-long"], "\(result.issues)")
        #expect(result.issues.first?.line == 2)
        #expect(result.issues.first?.message.contains("longer than 4096 bytes (\(lines))") == true, "\(result.issues)")
    }

    /// Salesforce report exports end with a footer; it is one warning, not an error per line. A lone
    /// cell elsewhere is still a ragged row.
    @Test func aReportFooterIsNotData() throws {
        let export = TemporaryExport()
        export.write("report.csv", """
            "Opportunity Name","Account Name","Amount"
            "Fleet","Acme","USD 1,000.00"
            "Solo"
            "Renewal","Bolt","USD 2,000.00"
            ""
            ""
            "Opportunity Pipeline"
            "Copyright (c) 2000-2024 salesforce.com, inc. All rights reserved."
            "Confidential Information - Do Not Distribute"
            "Generated By:  Dana Whitfield  12/2/2024 9:14 AM"
            "Northwind Traders"

            """)
        let result = try export.rows("report.csv")
        #expect(result.rows == [["Fleet", "Acme", "USD 1,000.00"], ["Renewal", "Bolt", "USD 2,000.00"]])
        #expect(result.issues.map { "\($0.code)@\($0.line)" } == ["ragged-row@3", "report-footer@7"])
    }

    @Test func raggedRowsAreReportedAndSkippedAndTheRunGoesOn() throws {
        let export = TemporaryExport()
        export.write("r.csv", "Id,Name,City\n1,A,X\n2,B,Y,extra\n3,C\n4,D,Z\n5\n")
        let result = try export.rows("r.csv")
        // A row one cell short (a dropped trailing empty cell) is kept; others are skipped.
        #expect(result.rows == [["1", "A", "X"], ["3", "C", ""], ["4", "D", "Z"]])
        let ragged = result.issues.filter { $0.code == "ragged-row" }
        #expect(ragged.map(\.line) == [3, 6])
        #expect(ragged.allSatisfy { $0.message.contains("header has 3") })
    }

    @Test func rowsSpanningReadChunksStayWhole() throws {
        var text = "Id,Payload,Tail\n"
        var expected: [[String]] = []
        for index in 0..<4000 {
            let payload = String(repeating: "x", count: 100 + index % 50) + "\n\"quoted\"" + String(index)
            text += "\(index),\"\(payload.replacingOccurrences(of: "\"", with: "\"\""))\",end\n"
            expected.append([String(index), payload, "end"])
        }
        let export = TemporaryExport()
        export.write("chunks.csv", text)
        let result = try export.rows("chunks.csv")
        #expect(result.rows.count == expected.count)
        #expect(result.rows == expected)
        #expect(result.lines[1] == 4)
    }

    /// Quoted and unquoted cells of every kind, mixed at random over several read chunks: each
    /// row must come back whole, with the physical line it starts on.
    @Test(arguments: [",", "\t"])
    func randomCellsRoundTripWithTheirLines(delimiter: String) throws {
        var state: UInt64 = delimiter == "," ? 7 : 11
        func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
        let pieces = ["plain", "Chloé", "株式会社", "a\(delimiter)b", "say \"hi\"", "two\nlines", "crlf\r\nend", "", " spaced ", "x"]
        var text = "A\(delimiter)B\(delimiter)C\(delimiter)D\n"
        var expected: [[String]] = []
        var lines: [Int] = []
        var line = 2
        for _ in 0..<14000 {
            var cells: [String] = []
            var written: [String] = []
            for _ in 0..<4 {
                let cell = (0..<(1 + next(3))).map { _ in pieces[next(pieces.count)] }.joined()
                let needsQuotes = cell.contains(delimiter) || cell.contains("\"") || cell.contains("\n") || cell.contains("\r")
                cells.append(cell)
                written.append(needsQuotes || next(2) == 0 ? "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : cell)
            }
            expected.append(cells)
            lines.append(line)
            let row = written.joined(separator: delimiter) + (next(4) == 0 ? "\r\n" : "\n")
            text += row
            line += row.utf8.filter { $0 == 0x0A }.count
        }
        #expect(text.utf8.count > 3 * 256 * 1024)
        let export = TemporaryExport()
        export.write("random.csv", text)
        let result = try export.rows("random.csv")
        #expect(result.issues.isEmpty)
        #expect(result.rows == expected)
        #expect(result.lines == lines)
    }

    @Test func binaryAndEmptyFilesAreReportedNotRead() throws {
        let export = TemporaryExport()
        export.write("image.csv", bytes: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D])
        export.write("empty.csv", "")
        export.write("good.csv", "Id\n1\n")
        let opened = try export.export()
        #expect(opened.files.map(\.name) == ["good.csv"])
        #expect(opened.issues.contains { $0.code == "binary-file" && $0.file == "image.csv" && $0.severity == .error })
        #expect(opened.issues.contains { $0.code == "empty-file" && $0.file == "empty.csv" })
    }

    @Test func aHeaderThatIsDataIsReported() throws {
        let export = TemporaryExport()
        export.write("noheader.csv", "0015e000AbCdEfGhIJ,jane@acme.example,2024-03-01\n0015e000AbCdEfGhIK,joe@acme.example,2024-03-02\n")
        let result = try export.rows("noheader.csv")
        #expect(result.issues.contains { $0.code == "missing-header" && $0.line == 1 })
    }

    @Test func emptyAndDuplicateHeaderNamesAreNamedAndReported() throws {
        let export = TemporaryExport()
        export.write("h.csv", "Id,,Name,Name\n1,x,a,b\n")
        let result = try export.rows("h.csv")
        #expect(result.header == ["Id", "column 2", "Name", "Name (2)"])
        #expect(result.issues.filter { $0.code == "empty-header" || $0.code == "duplicate-header" }.count == 2)
    }

    @Test func foldersAreReadRecursivelyWithoutHiddenFiles() throws {
        let export = TemporaryExport()
        export.write("b.csv", "Id\n1\n")
        try FileManager.default.createDirectory(atPath: export.folder + "/sub", withIntermediateDirectories: true)
        export.write("sub/a.csv", "Id\n2\n")
        export.write(".hidden.csv", "Id\n3\n")
        export.write("notes.md", "# not data")
        #expect(try export.export().files.map(\.name) == ["b.csv", "sub/a.csv"])
    }
}
