import CRMExport
import Foundation
import Testing

/// Exports as they turn up in the wild: each of these once crashed, hung or lost data.
@Suite("Malformed exports")
struct MalformedExportTests {
    @Test(arguments: [false, true])
    func utf16WithoutAByteOrderMarkKeepsItsFirstCharacter(bigEndian: Bool) throws {
        let text = "Email\tName\na@acme.example\tŁódź\n"
        var bytes: [UInt8] = []
        for unit in text.utf16 { bytes += bigEndian ? [UInt8(unit >> 8), UInt8(unit & 0xFF)] : [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        let export = TemporaryExport()
        export.write("u.tsv", bytes: bytes)
        #expect(try export.export().files.first?.encoding == (bigEndian ? .utf16BigEndian : .utf16LittleEndian))
        let read = try export.rows("u.tsv")
        #expect(read.header == ["Email", "Name"], "two bytes of text are not a byte-order mark")
        #expect(read.rows == [["a@acme.example", "Łódź"]])
    }

    @Test func anExportFolderReachedThroughASymbolicLinkIsRead() throws {
        let export = TemporaryExport()
        try FileManager.default.createDirectory(atPath: export.folder + "/2024-11-30/sub", withIntermediateDirectories: true)
        export.write("2024-11-30/accounts.csv", "Id\n1\n")
        export.write("2024-11-30/sub/contacts.csv", "Id\n2\n")
        try FileManager.default.createSymbolicLink(atPath: export.folder + "/latest", withDestinationPath: "2024-11-30")
        // A link back up must not be followed forever.
        try FileManager.default.createSymbolicLink(atPath: export.folder + "/2024-11-30/sub/up", withDestinationPath: "..")
        let opened = try Export.open([export.folder + "/latest"])
        #expect(opened.files.map(\.name) == ["accounts.csv", "sub/contacts.csv"])
    }

    @Test func aFIFOInTheExportFolderIsLeftOutWithAWarningInsteadOfBlocking() throws {
        let export = TemporaryExport()
        export.write("accounts.csv", "Id\n1\n")
        #expect(mkfifo(export.folder + "/feed.csv", 0o600) == 0)
        let opened = try export.export()
        #expect(opened.files.map(\.name) == ["accounts.csv"])
        #expect(opened.issues.contains { $0.code == "not-a-file" && $0.file == "feed.csv" && $0.message.contains("FIFO") })
    }

    @Test func tenThousandLevelsOfNestingAreAnErrorOfTheirLine() throws {
        let export = TemporaryExport()
        let deep = String(repeating: "{\"a\":", count: 10_000) + "1" + String(repeating: "}", count: 10_000)
        export.write("deep.ndjson", "{\"id\":\"1\"}\n{\"id\":\"2\",\"x\":\(deep)}\n{\"id\":\"3\"}\n")
        let read = try export.rows("deep.ndjson")
        #expect(read.rows.map { $0.first } == ["1", "3"], "the other lines are read")
        #expect(read.issues.contains { $0.line == 2 && $0.message.contains("nested more than 64 levels") })
    }
}
