import Foundation
import Validation

/// Writes diagnostics to a CSV file beside the mapping (or in the current folder for a new
/// one) and says where in a notice.
enum DiagnosticExport {
    static func write(_ diagnostics: [Diagnostic], named name: String, what: String, _ app: inout AppContext) {
        let folder = app.session?.mappingPath.map { ($0 as NSString).deletingLastPathComponent } ?? FileManager.default.currentDirectoryPath
        let path = (folder.isEmpty ? "." : folder) + "/" + name
        do {
            let writer = try DiagnosticWriter(path: path)
            for diagnostic in diagnostics { writer.write(diagnostic) }
            writer.close()
            app.notify("Wrote \(diagnostics.count) \(what) to \(DisplayPath.short(path))", level: .ok)
        } catch {
            app.notify("Cannot write \(path): \(error.localizedDescription)", level: .error)
        }
    }
}
