import ArgumentParser
import Foundation

// Usage errors exit with 2 (ArgumentParser's default is 64), so scripts can tell them from data errors (1).
do {
    var command = try Gongmap.parseAsRoot()
    if var asyncCommand = command as? AsyncRunnableCommand {
        try await asyncCommand.runAsync()
    } else {
        try command.run()
    }
} catch {
    let code = Gongmap.exitCode(for: error)
    if code == .validationFailure {
        Console.err(Gongmap.fullMessage(for: error) + "\n")
        exit(ExitStatus.usage)
    }
    Gongmap.exit(withError: error)
}
