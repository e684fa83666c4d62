import Foundation
import Validation

/// Writes diagnostics to a CSV file beside the mapping (for a new mapping, beside the export's
/// folder, never inside it where it would read as data) under a name no file has yet, and says
/// where in a notice.
enum DiagnosticExport {
    static func write(_ diagnostics: [Diagnostic], named name: String, what: String, _ app: inout AppContext) {
        let folder = app.session?.mappingPath.map { ($0 as NSString).deletingLastPathComponent }
            ?? app.session.map { ($0.export.root as NSString).deletingLastPathComponent }
            ?? FileManager.default.currentDirectoryPath
        let path = freePath(in: folder.isEmpty ? "." : folder, name: name)
        do {
            let writer = try DiagnosticWriter(path: path)
            for diagnostic in diagnostics { writer.write(diagnostic) }
            writer.close()
            app.notify("Wrote \(counted(diagnostics.count, what)) to \(DisplayPath.short(path))", level: .ok)
        } catch {
            app.notify("Cannot write \(path): \(error.localizedDescription)", level: .error)
        }
    }

    /// `orphans.csv`, or `orphans-2.csv` … when that is taken: an earlier list is never replaced.
    static func freePath(in folder: String, name: String) -> String {
        let base = (name as NSString).deletingPathExtension, ext = (name as NSString).pathExtension
        var path = folder + "/" + name
        var number = 2
        while FileManager.default.fileExists(atPath: path) {
            path = folder + "/\(base)-\(number).\(ext)"
            number += 1
        }
        return path
    }
}
