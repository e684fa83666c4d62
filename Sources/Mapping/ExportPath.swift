import CRMExport
import Foundation

/// How a mapping file names its export: relative to the mapping's folder when they share a
/// parent, so the two can move together; absolute otherwise.
public enum ExportPath {
    public static func relative(export: String, mappingFile: String) -> String {
        if PostgresLocation.isPostgresURL(export) { return PostgresLocation.redacted(export) }
        let exportURL = URL(fileURLWithPath: export).standardizedFileURL
        let base = URL(fileURLWithPath: mappingFile).standardizedFileURL.deletingLastPathComponent()
        let exportParts = exportURL.pathComponents, baseParts = base.pathComponents
        var common = 0
        while common < min(exportParts.count, baseParts.count) && exportParts[common] == baseParts[common] { common += 1 }
        guard common > 1 else { return exportURL.path }
        let ups = Array(repeating: "..", count: baseParts.count - common)
        let path = (ups + exportParts[common...]).joined(separator: "/")
        return path.isEmpty ? "." : path
    }

    /// The export paths a mapping names, resolved against the mapping file's folder.
    public static func resolve(_ export: String, mappingFile: String) -> String {
        if export.hasPrefix("/") || PostgresLocation.isPostgresURL(export) { return export }
        let folder = (mappingFile as NSString).deletingLastPathComponent
        return folder.isEmpty ? export : folder + "/" + export
    }
}
