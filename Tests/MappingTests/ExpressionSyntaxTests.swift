import GongCRM
import Mapping
import Testing

@Suite("Expression syntax")
struct ExpressionSyntaxTests {
    @Test(arguments: [
        "Name", "Name | trim", "First Name | trim | title", "{FirstName} {LastName} | trim", "=OPEN", "@now", "Email | trim | lower",
        "StageName | map(stages)", "StageName | map(stages, keep)", "StageName | map(stages, =OPEN)", "Close | date(MM/dd/yyyy)",
        "Created | datetime(dd.MM.yyyy HH:mm)", "Stamp | epoch(ms)", "Amount | number(comma)", "Flag | boolean", "Company | lookup(ACCOUNT.name)",
        "Website | domain", "Tags | split(;)", "Full Name | split(\" \", -1)", "Code | replace(\"a,b\", x) | prefix(SF-) | suffix(\" (old)\")", "Stage | slug",
        "Note | default(\"n/a\")", "https://crm.example.com/r/{Id}",
    ])
    func roundTrips(text: String) throws {
        let expression = try ExpressionSyntax.parse(text)
        #expect(try ExpressionSyntax.parse(ExpressionSyntax.render(expression)) == expression)
    }

    @Test func readsSourcesAndArguments() throws {
        #expect(try ExpressionSyntax.parse("=OPEN") == Expression(source: .constant("OPEN")))
        #expect(try ExpressionSyntax.parse("Full Name | split(\" \", 0)") == .column("Full Name", [.split(separator: " ", index: 0)]))
        #expect(try ExpressionSyntax.parse("{First} {Last}").source == .template([.column("First"), .literal(" "), .column("Last")]))
        #expect(try ExpressionSyntax.parse("Owner | lookup(users.emailAddress)").transforms == [.lookup(entity: .businessUser, field: "emailAddress")])
        #expect(try ExpressionSyntax.parse("X | map(m, \"=a|b\")").transforms == [.map(name: "m", otherwise: .value("a|b"))])
    }

    @Test(arguments: [
        ("Name | shout", "unknown transform 'shout'"), ("Name | split()", "split(separator)"), ("Name | map(a, b, c)", "map(valueMapName"),
        ("Name | lookup(ACCOUNT)", "name the entity and its field"), ("Name | number(dot)", "point or comma"), ("| trim", "names no column"),
        ("{First", "without '}'"), ("Name | epoch(minutes)", "s or ms"),
    ])
    func explainsMistakes(text: String, fragment: String) {
        let failure = #expect(throws: ExpressionSyntax.Failure.self) { try ExpressionSyntax.parse(text) }
        #expect(failure?.message.contains(fragment) == true, "\(String(describing: failure))")
    }
}
