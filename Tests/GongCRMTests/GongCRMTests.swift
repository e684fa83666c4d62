import Foundation
import GongCRM
import Testing

@Suite("Gong's formats and catalog")
struct GongCRMTests {
    @Test(arguments: [
        ("2018-02-18T02:30:00-07:00", true), ("2018-02-18T08:00:00Z", true), ("2018-02-18T08:00:00.000Z", false), ("2018-02-18T08:00:00", false),
        ("2018-02-30T08:00:00Z", false), ("2018-02-18 08:00:00Z", false), ("2018-02-18T24:00:00Z", false), ("2018-02-18", false),
    ])
    func datetimeRule(text: String, valid: Bool) {
        #expect(GongFormat.isDatetime(text) == valid)
    }

    @Test func dateRule() {
        #expect(GongFormat.isDate("2020-05-31"))
        #expect(!GongFormat.isDate("2020-05-32"))
        #expect(!GongFormat.isDate("05/31/2020"))
    }

    @Test(arguments: [
        ("marta.oyelaran@bluefin.example", true), ("a+b@sub.acme.co.uk", true), ("jöhn@müller.de", true),
        ("no-email", false), ("a@@b.example", false), ("a@localhost", false), ("a b@c.example", false), ("a@b.c", false), ("@b.example", false),
    ])
    func emailRule(text: String, valid: Bool) {
        #expect(GongFormat.isEmail(text) == valid)
    }

    @Test func urlRule() {
        #expect(GongFormat.isURL("https://crm.example.com/r/1"))
        #expect(GongFormat.isURL("http://localhost:8080/x"))
        #expect(!GongFormat.isURL("www.acme.example"))
        #expect(!GongFormat.isURL("ftp://acme.example"))
        #expect(!GongFormat.isURL("https://bad host.example"))
    }

    @Test func objectIdRule() {
        #expect(ObjectIdRule.problem(with: "acc-7731") == nil)
        #expect(ObjectIdRule.problem(with: "0015e000AbCdEfGhIJ") == nil)
        #expect(ObjectIdRule.problem(with: "priya.nair@northwind-example.com") == nil)
        #expect(ObjectIdRule.problem(with: "") == .empty)
        #expect(ObjectIdRule.problem(with: String(repeating: "a", count: 65)) == .tooLong(65))
        #expect(ObjectIdRule.problem(with: "user1_Id_In_The_CRM") == .punctuation)
        #expect(ObjectIdRule.problem(with: "acc 77/31") == .invalidCharacters("a space, '/'"))
    }

    @Test func catalogFollowsTheReference() {
        #expect(EntityType.uploadOrder == [.businessUser, .stage, .account, .contact, .deal, .lead])
        #expect(EntityCatalog.field("emailAddress", of: .businessUser)?.requirement == .mandatoryUnlessDeleted)
        #expect(EntityCatalog.field("modifiedDate", of: .stage)?.requirement == .optional)
        #expect(EntityCatalog.field("name", of: .stage)?.requirement == .mandatory)
        #expect(EntityCatalog.field("status", of: .deal)?.kind == .enumeration(["WON", "LOST", "OPEN"]))
        #expect(EntityCatalog.field("convertedToContactId", of: .lead)?.kind == .reference(.contact))
        #expect(EntityCatalog.fields(of: .account).map(\.name) == ["objectId", "modifiedDate", "isDeleted", "url", "name", "domains"])
        #expect(EntityType.businessUser.referenceName == "USER")
        #expect(!EntityType.stage.acceptsCustomFields)
        #expect(EntityType(loose: "users") == .businessUser)
        #expect(EntityType(loose: "Deals") == .deal)
    }

    @Test func customFieldSchemaProblems() {
        #expect(CustomField(uniqueName: "tier", label: "Tier", type: .picklist).schemaProblems.count == 1)
        #expect(CustomField(uniqueName: "parent", label: "Parent", type: .reference).schemaProblems.count == 1)
        #expect(CustomField(uniqueName: "parent", label: "Parent", type: .reference, referenceTo: .account).schemaProblems.isEmpty)
        #expect(CustomFieldType(rawValue: "STRINGARRAY") == nil)
    }

    @Test func ldjsonLinesAreCompactEscapedAndOrdered() {
        let record = GongRecord(type: .account, fields: [
            ("objectId", .string("acc-1")), ("modifiedDate", .string("2024-03-12T12:02:41Z")), ("name", .string("Müller \"Söhne\"\n\\ GmbH\u{01}")),
            ("domains", .strings(["a.example", "b.example"])), ("revenue", .number("48250.5")), ("active", .boolean(true)), ("tier", .null),
        ])
        #expect(LDJSONEncoder.line(record) == #"{"objectId":"acc-1","modifiedDate":"2024-03-12T12:02:41Z","name":"Müller \"Söhne\"\n\\ GmbH\u0001","domains":["a.example","b.example"],"revenue":48250.5,"active":true,"tier":null}"#)
    }

    @Test func timestampsAreUTCWithoutFractions() {
        #expect(GongTimestamp(secondsSinceEpoch: 1_684_333_325).gongText == "2023-05-17T14:22:05Z")
        #expect(GongTimestamp(secondsSinceEpoch: -1).gongText == "1969-12-31T23:59:59Z")
        #expect(GongTimestamp(date: CivilDate(year: 2024, month: 3, day: 1), hour: 0, minute: 30, second: 0, offsetSeconds: 3600).gongText == "2024-02-29T23:30:00Z")
        #expect(CivilDate(daysSinceEpoch: CivilDate(year: 2000, month: 2, day: 29).daysSinceEpoch) == CivilDate(year: 2000, month: 2, day: 29))
    }
}

@Suite("LDJSON strings")
struct LDJSONStringTests {
    @Test(arguments: 0..<200)
    func anyTextRoundTripsThroughJSON(seed: Int) throws {
        var generator = SplitMix(seed: UInt64(seed))
        let alphabet: [Character] = ["a", "Z", "0", " ", "\"", "\\", "\n", "\r", "\t", "\u{01}", "\u{1F}", "é", "株", "🚚", "/", ","]
        let length = Int(generator.next() % 40)
        let text = String((0..<length).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] })
        let buffer = ByteBuffer(capacity: 16)
        LDJSONEncoder.appendString(text, to: buffer)
        let bytes = buffer.array
        let decoded = try JSONSerialization.jsonObject(with: Data(bytes), options: .fragmentsAllowed) as? String
        #expect(decoded == text)
        #expect(!bytes.contains(0x0A))
    }

    struct SplitMix {
        var state: UInt64
        init(seed: UInt64) { state = seed }
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }
}
