import Foundation

/// The user's home folder as the shell sees it: `$HOME`, else the account's (an empty HOME counts as unset).
/// Every path the UI shows or uses starts from this one, so no screen says `/root` under another HOME.
public enum HomeFolder {
    public static func path(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
    }
}
