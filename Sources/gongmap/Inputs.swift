import CRMExport
import Foundation
import GongClient
import Mapping
import Validation

/// Resolves the export and mapping a command works on.
enum Inputs {
    static func openExport(_ paths: [String]) throws -> Export {
        do { return try Export.open(paths) } catch { throw UsageFailure(error.description) }
    }

    static func readMapping(_ path: String) throws -> Mapping {
        do { return try Mapping.read(path: path) } catch { throw UsageFailure(error.description) }
    }

    /// The export named on the command line, or the one the mapping names (relative to the mapping file).
    static func exportPaths(_ given: [String], mapping: Mapping, mappingPath: String) throws -> [String] {
        if !given.isEmpty { return given }
        guard let export = mapping.export else {
            throw UsageFailure("no export given; pass the export folder or files, or set 'export:' in \(mappingPath)")
        }
        return [ExportPath.resolve(export, mappingFile: mappingPath)]
    }

    /// Gong's base URL (`--base-url` or `GONG_BASE_URL`), checked, and the credentials.
    static func gong(baseURL given: String?) throws -> (baseURL: String, credentials: Credentials) {
        guard let baseURL = given ?? ProcessInfo.processInfo.environment["GONG_BASE_URL"], !baseURL.isEmpty else {
            throw UsageFailure("no Gong base URL: pass --base-url (see Gong's API settings page) or set GONG_BASE_URL; for a rehearsal use the URL gongmap emulator prints")
        }
        if let problem = GongClient.problem(withBaseURL: baseURL) { throw UsageFailure(problem) }
        do { return (baseURL, try Credentials.load()) } catch { throw UsageFailure(error.description) }
    }

    static var stdoutIsTerminal: Bool { isatty(STDOUT_FILENO) == 1 }
    static var stderrIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }
}

/// A one-line progress report on stderr, redrawn in place, only when stderr is a terminal.
final class ProgressLine: @unchecked Sendable {
    private let enabled = Inputs.stderrIsTerminal
    private var shown = false

    func update(_ progress: PipelineProgress) {
        guard enabled else { return }
        Console.err("\r\u{1B}[K  \(progress.entity.rawValue): \(progress.rows.formatted()) rows of \(progress.file)…")
        shown = true
    }

    func clear() {
        guard enabled, shown else { return }
        Console.err("\r\u{1B}[K")
        shown = false
    }
}
