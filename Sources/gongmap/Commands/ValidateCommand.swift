import ArgumentParser
import CRMExport
import Foundation
import Validation

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check an export against a mapping and Gong's rules, without sending anything.",
        discussion: "Exit code 0 when nothing would be left out, 1 when records have errors, 2 for usage or configuration problems."
    )

    @OptionGroup var options: MappingRunOptions

    func run() throws {
        let result = try failingAsUsage { try options.run(sink: nil) }
        if options.json {
            print(ValidationJSON.render(result.report, export: Export.label(of: result.paths), mapping: options.mapping))
        } else {
            print(ReportPrinter.render(result.report, export: Export.label(of: result.paths), mapping: options.mapping, diagnosticsFile: options.diagnosticsOut))
        }
        if result.report.errors > 0 { throw ExitCode(ExitStatus.dataErrors) }
    }
}
