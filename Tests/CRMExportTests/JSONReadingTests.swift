import CRMExport
import Foundation
import Testing

@Suite("Reading NDJSON and JSON")
struct JSONReadingTests {
    @Test func ndjsonRecordsAreFlattenedWithDottedKeys() throws {
        let export = TemporaryExport()
        export.write("contacts.ndjson", """
        {"id":"c1","properties":{"firstname":"Zoë","email":"z@x.example"},"tags":["a","b"],"score":4.5,"vip":true,"note":null}

        {"id":"c2","properties":{"firstname":"Al \\"Bo\\"","email":"al@x.example"},"late":"here \\u00e9 \\ud83d\\ude9a"}
        """)
        let result = try export.rows("contacts.ndjson")
        #expect(result.header == ["id", "properties.firstname", "properties.email", "tags", "score", "vip", "note", "late"])
        #expect(result.rows[0] == ["c1", "Zoë", "z@x.example", "[\"a\",\"b\"]", "4.5", "true", "", ""])
        #expect(result.rows[1] == ["c2", "Al \"Bo\"", "al@x.example", "", "", "", "", "here é 🚚"])
        #expect(result.lines == [1, 3])
    }

    @Test func aJSONArrayIsStreamedElementByElement() throws {
        let export = TemporaryExport()
        export.write("deals.json", "[\n  {\"id\": 1, \"name\": \"A\"},\n  {\"id\": 2,\n   \"name\": \"B, with ] bracket\"}\n]\n")
        let result = try export.rows("deals.json")
        #expect(try export.export().files[0].layout == .jsonArray)
        #expect(result.rows == [["1", "A"], ["2", "B, with ] bracket"]])
        #expect(result.lines == [2, 3])
    }

    @Test func aBrokenLineIsReportedWithLineAndColumnAndTheRestIsRead() throws {
        let export = TemporaryExport()
        export.write("broken.jsonl", "{\"id\":\"1\"}\n{\"id\": \"2\", oops}\n{\"id\":\"3\"}\n")
        let result = try export.rows("broken.jsonl")
        #expect(result.rows == [["1"], ["3"]])
        let issue = try #require(result.issues.first { $0.code == "malformed-json" })
        #expect(issue.line == 2)
        #expect(issue.column == 13)
    }

    @Test func aKeyThatAppearsLateCanBeAskedForUpFront() throws {
        let export = TemporaryExport()
        var text = ""
        for index in 0..<50 { text += "{\"id\":\"\(index)\"}\n" }
        text += "{\"id\":\"50\",\"rare\":\"found\"}\n"
        export.write("late.ndjson", text)
        let reader = try RowReader(file: try export.export().files[0])
        let rare = try #require(reader.registerColumn(named: "rare"))
        var row = SourceRow()
        var values: [String] = []
        while try reader.next(into: &row) { values.append(row.string(rare)) }
        #expect(values.filter { !$0.isEmpty } == ["found"])
        #expect(values.count == 51)
    }
}
