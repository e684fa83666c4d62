import CRMExport
import GongCRM
import Mapping
import Testing

@Suite("Transforms and conversion to Gong's forms")
struct TransformTests {
    let header = ["A", "B", "C"]

    @Test(arguments: [
        ("A | trim", "  Acme  ", "Acme"), ("A | upper", "acme", "ACME"), ("A | lower", "ACME", "acme"), ("A | title", "ACME corp", "Acme Corp"),
        ("A | default(Unknown)", "", "Unknown"), ("A | default(Unknown)", "Known", "Known"), ("=Fixed", "ignored", "Fixed"),
        ("{A} & {B}", "Left", "Left & Right"), ("A | split(\" \", 0)", "Jane Q Public", "Jane"), ("A | split(\" \", -1)", "Jane Q Public", "Public"),
        ("A | domain", "https://www.acme.example/about?x=1", "acme.example"), ("A | domain", "jane@Sales.Acme.example", "sales.acme.example"),
        ("A | replace(Inc., Incorporated)", "Acme Inc.", "Acme Incorporated"), ("A | prefix(SF-)", "42", "SF-42"), ("A | suffix(-x)", "42", "42-x"),
        ("A | slug", "Closed Won / Lost!", "closed-won-lost"),
        ("A | clean", "CafÃ© MÃ¼ller", "Café Müller"), ("A | clean", "SociÃƒÂ©tÃƒÂ©", "Société"), ("A | clean", "\u{00A0}Acme\u{200B} Corp\u{00A0}", "Acme Corp"),
        ("A | clean", "Müller naïve", "Müller naïve"), ("A | clean", "  plain  ", "plain"),
    ])
    func textTransforms(expression: String, input: String, expected: String) throws {
        let result = try apply(expression, header: header, row: [input, "Right", ""])
        #expect(result.value == .string(expected))
        #expect(result.problems.isEmpty)
    }

    /// Damaged text is sent as it is, with a warning that names the repair.
    @Test(arguments: [("CafÃ©", "mojibake", "'Café'"), ("Acme\u{200B}", "invisible-characters", "zero-width"), ("Acme\u{00A0}", "invisible-characters", "no-break space"),
                      ("Müller", nil, ""), ("株式会社 🚚", nil, "")])
    func damagedTextIsReported(input: String, kind: String?, fragment: String) throws {
        let result = try apply("A", header: header, row: [input, "", ""])
        #expect(result.value == .string(input))
        #expect(result.problems.first?.kind.rawValue == kind)
        #expect(result.problems.allSatisfy { $0.message.contains(fragment) && $0.message.contains("| clean") })
    }

    @Test func anEmptyTemplateIsEmptyNotItsLiteralText() throws {
        #expect(try apply("{A} {B}", header: header, row: ["", "", ""]).value == nil)
    }

    @Test func splitMakesAListForDomains() throws {
        #expect(try apply("A | split(;)", to: "domains", header: header, row: ["a.example; b.example;", "", ""]).value == .strings(["a.example", "b.example"]))
        #expect(try apply("A", to: "domains", header: header, row: ["[\"x.example\",\"y.example\"]", "", ""]).value == .strings(["x.example", "y.example"]))
        #expect(try apply("A | domain", to: "domains", header: header, row: ["https://www.acme.example", "", ""]).value == .strings(["acme.example"]))
    }

    @Test func valueMapsWithEachUnmappedPolicy() throws {
        let maps = ["stages": ValueMap([("Closed Won", "closed-won"), ("Prospecting", "prospecting")])]
        #expect(try apply("A | map(stages)", to: "stage", of: .deal, header: header, row: ["closed won", "", ""], valueMaps: maps).value == .string("closed-won"))
        #expect(try apply("A | map(stages, keep)", to: "stage", of: .deal, header: header, row: ["Lost", "", ""], valueMaps: maps).value == .string("Lost"))
        #expect(try apply("A | map(stages, empty)", to: "stage", of: .deal, header: header, row: ["Lost", "", ""], valueMaps: maps).value == nil)
        #expect(try apply("A | map(stages, =other)", to: "stage", of: .deal, header: header, row: ["Lost", "", ""], valueMaps: maps).value == .string("other"))
        let failed = try apply("A | map(stages)", to: "stage", of: .deal, header: header, row: ["Lost", "", ""], valueMaps: maps)
        #expect(failed.value == nil)
        #expect(failed.problems.map(\.kind) == [.unmappedValue])
        #expect(failed.problems.first?.value == "Lost")
        #expect(failed.problems.first?.column == "A")
    }

    @Test func dealStatusFromTwoFlags() throws {
        let maps = ["dealStatus": ValueMap([("true/true", "WON"), ("true/false", "LOST"), ("false/false", "OPEN")])]
        #expect(try apply("{A}/{B} | lower | map(dealStatus)", to: "status", of: .deal, header: header, row: ["TRUE", "false", ""], valueMaps: maps).value == .string("LOST"))
    }

    @Test func theDateHintFitsTheField() throws {
        let datetime = try apply("A", to: "createdDate", of: .deal, header: header, row: ["next tuesday", "", ""])
        #expect(datetime.problems.first?.message.contains("datetime(dd/MM/yyyy HH:mm)") == true)
        let date = try apply("A", to: "closeDate", of: .deal, header: header, row: ["next tuesday", "", ""])
        #expect(date.problems.first?.message.contains("date(dd/MM/yyyy)") == true)
    }

    @Test func coalesceTakesTheFirstColumnThatIsNotEmpty() throws {
        #expect(try apply("coalesce(A, B) | date", to: "closeDate", of: .deal, header: header, row: ["", "2024-06-01", "2024-07-01"]).value == .string("2024-06-01"))
        #expect(try apply("coalesce(A, B)", header: header, row: ["Actual", "Estimated", ""]).value == .string("Actual"))
        #expect(try apply("coalesce(A, B)", header: header, row: [" ", "", ""]).value == nil)
        let expression = try ExpressionSyntax.parse("coalesce(A, \"Close Date\") | date")
        #expect(expression.source == .coalesce(["A", "Close Date"]))
        #expect(try ExpressionSyntax.parse(ExpressionSyntax.render(expression)) == expression, "written back as it reads")
    }

    /// An objectId for records without one: the same values give the same id on every run and in every version.
    @Test func hashMakesAStableObjectIdFromColumns() throws {
        let first = try apply("hash(A, B)", to: "objectId", header: header, row: ["ann@acme.example", "Ann", ""])
        #expect(first.value == .string("hf1f6405119f8bdad"), "the id written by every earlier version")
        #expect(try apply("hash(A, B)", to: "objectId", header: header, row: [" ann@acme.example", "Ann ", "x"]).value == first.value, "trimmed, other columns ignored")
        #expect(try apply("hash(A, B)", to: "objectId", header: header, row: ["ann@acme.example", "Anne", ""]).value != first.value)
        #expect(try apply("hash(A, B)", to: "objectId", header: header, row: ["", "", ""]).value == nil)
        #expect(try apply("hash(A, B)", to: "objectId", header: header, row: ["ab", "c", ""]).value != (try apply("hash(A, B)", to: "objectId", header: header, row: ["a", "bc", ""]).value))
    }

    @Test func picklistValuesAreComparedTrimmedAsTheSchemaHoldsThem() throws {
        let state = CustomField(uniqueName: "state", label: "State", type: .picklist, orderedValueList: ["Missouri", "Ohio"])
        #expect(try apply("A", to: "state", header: header, row: ["Missouri ", "", ""], customFields: [state]).value == .string("Missouri"))
        #expect(try apply("A", to: "state", header: header, row: ["\u{00A0}ohio", "", ""], customFields: [state]).value == .string("Ohio"))
        #expect(try apply("A", to: "state", header: header, row: ["Iowa", "", ""], customFields: [state]).problems.map(\.kind) == [.invalidValue])
    }

    @Test func statusValuesAreCheckedAgainstTheEnumeration() throws {
        #expect(try apply("A", to: "status", of: .deal, header: header, row: ["won", "", ""]).value == .string("WON"))
        let bad = try apply("A", to: "status", of: .deal, header: header, row: ["Stalled", "", ""])
        #expect(bad.value == nil)
        #expect(bad.problems.map(\.kind) == [.invalidValue])
    }

    @Test(arguments: [
        ("2023-05-17T14:22:05.000Z", "UTC", "2023-05-17T14:22:05Z"),
        ("2023-05-17T14:22:05+02:00", "America/New_York", "2023-05-17T12:22:05Z"),
        ("2023-05-17 14:22", "America/New_York", "2023-05-17T18:22:00Z"),
        ("2023-01-17 14:22", "America/New_York", "2023-01-17T19:22:00Z"),
        ("2024-03-10 03:30", "America/New_York", "2024-03-10T07:30:00Z"),
        ("17.05.2023 23:30", "Europe/Berlin", "2023-05-17T21:30:00Z"),
        ("1684333325", "UTC", "2023-05-17T14:22:05Z"),
        ("2023-05-17", "Asia/Tokyo", "2023-05-17T00:00:00Z"),
    ])
    func datetimesShiftOnlyNaiveTimesByTheZone(input: String, zone: String, expected: String) throws {
        var options = MappingOptions()
        options.timeZone = zone
        #expect(try apply("A", to: "modifiedDate", header: header, row: [input, "", ""], options: options).value == .string(expected))
    }

    @Test(arguments: ["2023-05-17", "2023-05-17T23:30:00-08:00", "2023-05-17T00:30:00+09:00", "05/17/2023", "May 17, 2023"])
    func datesNeverMoveByADay(input: String) throws {
        var options = MappingOptions()
        options.timeZone = "Pacific/Kiritimati"
        #expect(try apply("A", to: "closeDate", of: .deal, header: header, row: [input, "", ""], options: options).value == .string("2023-05-17"))
        #expect(try apply("A | date", to: "closeDate", of: .deal, header: header, row: [input, "", ""], options: options).value == .string("2023-05-17"))
    }

    @Test func ambiguousDatesAreFlaggedUnlessTheOrderIsSet() throws {
        let flagged = try apply("A", to: "closeDate", of: .deal, header: header, row: ["01/02/2024", "", ""])
        #expect(flagged.value == nil)
        #expect(flagged.problems.map(\.kind) == [.ambiguousDate])
        var options = MappingOptions()
        options.dateOrder = .dayFirst
        #expect(try apply("A", to: "closeDate", of: .deal, header: header, row: ["01/02/2024", "", ""], options: options).value == .string("2024-02-01"))
        #expect(try apply("A | date(MM/dd/yyyy)", to: "closeDate", of: .deal, header: header, row: ["01/02/2024", "", ""]).value == .string("2024-01-02"))
    }

    @Test func badDatesAndNumbersAreProblemsNotGuesses() throws {
        #expect(try apply("A", to: "closeDate", of: .deal, header: header, row: ["2024-02-30", "", ""]).problems.map(\.kind) == [.invalidDate])
        #expect(try apply("A | date(dd/MM/yyyy)", to: "closeDate", of: .deal, header: header, row: ["2024-05-01", "", ""]).problems.map(\.kind) == [.invalidDate])
        #expect(try apply("A", to: "amount", of: .deal, header: header, row: ["n/a", "", ""]).problems.map(\.kind) == [.invalidType])
        #expect(try apply("A", to: "amount", of: .deal, header: header, row: ["$48,250.50", "", ""]).value == .number("48250.5"))
        #expect(try apply("A | number(comma)", to: "amount", of: .deal, header: header, row: ["48.250,50 €", "", ""]).value == .number("48250.5"))
    }

    @Test func booleansAndCustomFieldTypes() throws {
        let fields = [
            CustomField(uniqueName: "vip", label: "VIP", type: .boolean), CustomField(uniqueName: "share", label: "Share", type: .percent),
            CustomField(uniqueName: "tier", label: "Tier", type: .picklist, orderedValueList: ["Gold", "Silver"]),
            CustomField(uniqueName: "renewal", label: "Renewal", type: .date),
        ]
        #expect(try apply("A", to: "vip", header: header, row: ["X", "", ""], customFields: fields).value == .boolean(true))
        #expect(try apply("A | boolean", to: "vip", header: header, row: ["no", "", ""], customFields: fields).value == .boolean(false))
        #expect(try apply("A", to: "vip", header: header, row: ["perhaps", "", ""], customFields: fields).problems.map(\.kind) == [.invalidType])
        #expect(try apply("A", to: "share", header: header, row: ["67.3%", "", ""], customFields: fields).value == .number("67.3"))
        #expect(try apply("A", to: "share", header: header, row: ["150", "", ""], customFields: fields).problems.map(\.kind) == [.invalidValue])
        #expect(try apply("A", to: "tier", header: header, row: ["gold", "", ""], customFields: fields).value == .string("Gold"))
        #expect(try apply("A", to: "tier", header: header, row: ["Bronze", "", ""], customFields: fields).problems.map(\.kind) == [.invalidValue])
        #expect(try apply("A", to: "tier", header: header, row: ["", "", ""], customFields: fields).value == .null)
    }

    @Test func runTimeForModifiedDate() throws {
        #expect(try apply("@now", to: "modifiedDate", header: header, row: ["", "", ""]).value == .string("2023-11-14T22:13:20Z"))
    }

    struct Directory: LookupResolver {
        func resolve(entity: EntityType, field: String, value: String) -> LookupOutcome {
            switch value.lowercased() {
            case "acme": .found("acc-1")
            case "twin": .ambiguous(2)
            default: .notFound
            }
        }
    }

    @Test func lookupsResolveByAnotherKey() throws {
        #expect(try apply("A | lookup(ACCOUNT.name)", to: "accountId", of: .contact, header: header, row: ["ACME", "", ""], lookups: Directory()).value == .string("acc-1"))
        #expect(try apply("A | lookup(ACCOUNT.name)", to: "accountId", of: .contact, header: header, row: ["Nobody", "", ""], lookups: Directory()).problems.map(\.kind) == [.lookupNotFound])
        #expect(try apply("A | lookup(ACCOUNT.name)", to: "accountId", of: .contact, header: header, row: ["Twin", "", ""], lookups: Directory()).problems.map(\.kind) == [.lookupAmbiguous])
    }

    @Test func unknownColumnsAndMapsAreConfigurationErrorsNamingWhatExists() {
        let unknown = #expect(throws: MappingError.self) { try apply("name", header: ["Name", "Id"], row: ["x", "1"]) }
        #expect(unknown?.message.contains("did you mean 'Name'") == true)
        #expect(unknown?.message.contains("its columns are: Name, Id") == true)
        let noMap = #expect(throws: MappingError.self) { try apply("Name | map(nothing)", header: ["Name"], row: ["x"]) }
        #expect(noMap?.message.contains("value map 'nothing' is not defined") == true)
    }
}
