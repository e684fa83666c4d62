import CRMExport
import Testing

@Suite("Dates, numbers and booleans")
struct ValueParsingTests {
    @Test(arguments: [
        ("2023-05-17", 2023, 5, 17, nil as Int?, nil as Int?),
        ("2023-05-17T14:22:05.000Z", 2023, 5, 17, 14, 0),
        ("2023-05-17T14:22:05+02:00", 2023, 5, 17, 14, 7200),
        ("2023-05-17 14:22:05-0500", 2023, 5, 17, 14, -18000),
        ("05/17/2023", 2023, 5, 17, nil, nil),
        ("17.05.2023 14:22", 2023, 5, 17, 14, nil),
        ("5/17/23 2:22 PM", 2023, 5, 17, 14, nil),
        ("2023/05/17", 2023, 5, 17, nil, nil),
        ("May 17, 2023", 2023, 5, 17, nil, nil),
        ("17-May-2023", 2023, 5, 17, nil, nil),
        ("17 September 2023", 2023, 9, 17, nil, nil),
    ])
    func readsTheFormsExportsUse(text: String, year: Int, month: Int, day: Int, hour: Int?, offset: Int?) throws {
        let parsed = try DateParser.parse(text).get()
        #expect(parsed.year == year && parsed.month == month && parsed.day == day)
        #expect(parsed.time?.hour == hour)
        #expect(parsed.offsetSeconds == offset)
    }

    @Test func numericDatesThatReadBothWaysAreNeverGuessed() throws {
        #expect(DateParser.parse("01/02/2024") == .failure(.ambiguous("01/02/2024")))
        #expect(try DateParser.parse("01/02/2024", order: .monthFirst).get() == ParsedDate(year: 2024, month: 1, day: 2))
        #expect(try DateParser.parse("01/02/2024", order: .dayFirst).get() == ParsedDate(year: 2024, month: 2, day: 1))
        #expect(try DateParser.parse("13/02/2024").get() == ParsedDate(year: 2024, month: 2, day: 13))
        #expect(try DateParser.parse("03/03/2024").get() == ParsedDate(year: 2024, month: 3, day: 3))
    }

    @Test func impossibleDatesAndNonDatesFail() throws {
        #expect(DateParser.parse("2024-02-30") == .failure(.invalidCalendarDate))
        #expect(DateParser.parse("2023-02-29") == .failure(.invalidCalendarDate))
        #expect(try DateParser.parse("2024-02-29").get() == ParsedDate(year: 2024, month: 2, day: 29))
        #expect(DateParser.parse("soon") == .failure(.notADate))
        #expect(DateParser.parse("2024-05-17 25:00") == .failure(.invalidCalendarDate))
    }

    @Test func epochSecondsAndMillisecondsOnlyWhenAllowed() throws {
        #expect(DateParser.parse("1684333325") == .failure(.notADate))
        let seconds = try DateParser.parse("1684333325", allowEpoch: true).get()
        #expect(seconds == ParsedDate(year: 2023, month: 5, day: 17, time: (14, 22, 5), offsetSeconds: 0))
        let milliseconds = try DateParser.parse("1684333325000", allowEpoch: true).get()
        #expect(milliseconds == seconds)
    }

    @Test(arguments: [
        ("MM/dd/yyyy", "05/17/2023", ParsedDate(year: 2023, month: 5, day: 17)),
        ("dd.MM.yyyy HH:mm", "17.05.2023 14:22", ParsedDate(year: 2023, month: 5, day: 17, time: (14, 22, 0))),
        ("yyyy-MM-dd'T'HH:mm:ssXXX", "2023-05-17T14:22:05+02:00", ParsedDate(year: 2023, month: 5, day: 17, time: (14, 22, 5), offsetSeconds: 7200)),
        ("d MMM yyyy h:mm a", "7 Mar 2024 9:05 pm", ParsedDate(year: 2024, month: 3, day: 7, time: (21, 5, 0))),
    ])
    func explicitPatterns(pattern: String, text: String, expected: ParsedDate) throws {
        let parsed = try #require(DatePattern(pattern)?.parse(text))
        #expect(parsed == expected)
    }

    @Test func explicitPatternsRejectWhatDoesNotFit() {
        #expect(DatePattern("MM/dd/yyyy")?.parse("17/05/2023") == nil)
        #expect(DatePattern("MM/dd/yyyy")?.parse("05/17/2023 10:00") == nil)
        #expect(DatePattern("no year here") == nil)
    }

    @Test(arguments: [
        ("1234", "1234"), ("1,234.50", "1234.5"), ("$1,234.50", "1234.5"), ("€ 1.234,50", "1234.5"), ("1 234", "1234"),
        ("(250.00)", "-250"), ("-3.10", "-3.1"), ("12%", "12"), ("USD 99", "99"), ("99 EUR", "99"), ("0.000", "0"),
        ("1,234", "1234"), ("1,5", "1.5"), ("£12", "12"), ("007", "7"),
        ("1'234'567", "1234567"), ("1\u{00A0}234,50", "1234.5"), ("12 345 678", "12345678"), ("1 234 €", "1234"),
    ])
    func numbers(text: String, expected: String) {
        #expect(NumberParser.parse(text) == expected)
    }

    /// A grouping separator only between groups of three: a fiscal period `2005 4` is not 20054.
    @Test(arguments: ["n/a", "12abc", "1.2.3,4", "", "--", "1,23,456.7", "2005 4", "12 34", "1234 567", "1234,567.5"])
    func notNumbers(text: String) {
        #expect(NumberParser.parse(text) == nil)
    }

    @Test func decimalCommaWhenAsked() {
        #expect(NumberParser.parse("1.234", decimalMark: .comma) == "1234")
        #expect(NumberParser.parse("1,234", decimalMark: .comma) == "1.234")
        #expect(NumberParser.parse("1,234", decimalMark: .point) == "1234")
    }

    @Test func booleanWords() {
        for word in ["true", "Yes", "Y", "1", "x", "X", "on", "checked"] { #expect(BooleanParser.parse(word) == true) }
        for word in ["false", "No", "n", "0", "off", "unchecked"] { #expect(BooleanParser.parse(word) == false) }
        #expect(BooleanParser.parse("maybe") == nil)
    }
}
