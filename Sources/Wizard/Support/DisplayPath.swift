import CRMExport
import Foundation
import TerminalUI

/// Paths as screens show them: relative to the current folder when inside it, else with `~`;
/// a database URL without its password.
public enum DisplayPath {
    public static func short(_ path: String) -> String {
        if PostgresLocation.isPostgresURL(path) { return PostgresLocation.redacted(path) }
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        let current = FileManager.default.currentDirectoryPath
        if absolute == current { return "." }
        if absolute.hasPrefix(current + "/") { return String(absolute.dropFirst(current.count + 1)) }
        let home = HomeFolder.path()
        return absolute.hasPrefix(home + "/") ? "~" + absolute.dropFirst(home.count) : absolute
    }
}
