import ArgumentParser
import Foundation

/// The `gongmap` command: a headless CLI over the same pipeline the TUI drives.
struct Gongmap: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gongmap",
        abstract: "Map a CRM export to Gong's CRM API, validate it, and prepare the upload files.",
        discussion: """
        Without a command gongmap opens the mapping wizard, full screen. Headless use:
          gongmap suggest EXPORT -o mapping.yaml     (review and edit the mapping)
          gongmap validate EXPORT --mapping mapping.yaml
          gongmap plan EXPORT --mapping mapping.yaml --out plan/

        Exit codes: 0 success, 1 data errors (records left out), 2 usage or configuration problems.
        """,
        version: BuildInfo.versionLine,
        subcommands: [TUICommand.self, DemoCommand.self, EditCommand.self, UploadsCommand.self, SuggestCommand.self, ValidateCommand.self, PlanCommand.self, ProfileCommand.self, ValuesCommand.self, FieldsCommand.self, RulesCommand.self, EmulatorCommand.self, UploadCommand.self, SyncCommand.self, StatusCommand.self, VerifyCommand.self, ScreenshotCommand.self, KeysCommand.self],
        defaultSubcommand: TUICommand.self
    )
}

/// A command whose work is asynchronous (servers, network). `main.swift` runs it with `await`;
/// this avoids ArgumentParser's `run()`/`run() async` overloads, which resolve to the synchronous
/// default (that prints help) when called through an existential.
protocol AsyncRunnableCommand: ParsableCommand {
    mutating func runAsync() async throws
}

enum ExitStatus {
    static let success: Int32 = 0
    static let dataErrors: Int32 = 1
    static let usage: Int32 = 2
    /// Stopped before the end; the next run resumes.
    static let stopped: Int32 = 3
}

/// A configuration or usage problem: printed as `gongmap: …` and exit code 2.
struct UsageFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

extension ParsableCommand {
    /// Prints `gongmap: message` on stderr and returns the error that exits with code 2.
    func usageError(_ message: String) -> Error {
        Console.err("gongmap: \(message)\n")
        return ExitCode(ExitStatus.usage)
    }

    /// Runs `body`, turning configuration problems into a message on stderr and exit code 2.
    func failingAsUsage<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as ExitCode {
            throw error
        } catch {
            throw usageError("\(error)")
        }
    }
}
