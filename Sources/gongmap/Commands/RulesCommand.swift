import ArgumentParser
import Validation

struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "rules", abstract: "List the validation rules and what each checks.")

    func run() {
        var table = TextTable(["rule", "checks"])
        for rule in Rule.allCases { table.add([rule.rawValue, rule.summary]) }
        print(table.render(indent: ""))
    }
}
