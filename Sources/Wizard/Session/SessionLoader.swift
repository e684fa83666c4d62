import CRMExport
import Foundation
import Mapping
import Validation

/// Opens what the wizard works on, off the UI thread: a new mapping from an export (profiled and
/// suggested), or a mapping file with the export it names.
public enum SessionLoader {
    public enum Failure: Error, CustomStringConvertible {
        case export(String)
        case mapping(String)

        public var description: String {
            switch self {
            case .export(let message): "cannot read the export: \(message)"
            case .mapping(let message): "cannot open the mapping: \(message)"
            }
        }
    }

    /// A new mapping for `paths`, suggested from the profiles of every file.
    public static func newMapping(exportPaths paths: [String], progress: (String) -> Void = { _ in }) throws(Failure) -> Session {
        let (export, profiles, unreadable) = try open(paths, progress: progress)
        progress("Suggesting a mapping")
        let suggestion = Suggester.suggest(profiles: profiles, exportPath: paths.count == 1 ? paths[0] : nil, export: export)
        return Session(exportPaths: paths, export: export, profiles: profiles, unreadable: unreadable, mapping: suggestion.mapping,
                       mappingPath: nil, saved: nil, suggestion: suggestion)
    }

    /// The mapping at `path` with its export (`export:` in the file, relative to it), or `exportPaths`.
    public static func openMapping(_ path: String, exportPaths: [String] = [], progress: (String) -> Void = { _ in }) throws(Failure) -> Session {
        let mapping: Mapping
        do { mapping = try Mapping.read(path: path) } catch { throw .mapping(error.description) }
        var paths = exportPaths
        if paths.isEmpty {
            guard let named = mapping.export else { throw .mapping("\(path) names no export (add `export: FOLDER`), and none was given") }
            paths = [ExportPath.resolve(named, mappingFile: path)]
        }
        let (export, profiles, unreadable) = try open(paths, progress: progress)
        return Session(exportPaths: paths, export: export, profiles: profiles, unreadable: unreadable, mapping: mapping,
                       mappingPath: path, saved: mapping, suggestion: nil)
    }

    private static func open(_ paths: [String], progress: (String) -> Void) throws(Failure) -> (Export, [FileProfile], [(file: String, problem: String)]) {
        progress("Reading \(paths.joined(separator: ", "))")
        let export: Export
        do { export = try Export.open(paths) } catch { throw .export(error.description) }
        progress("Profiling \(export.files.count) files")
        var profiles: [FileProfile] = []
        var unreadable: [(String, String)] = []
        for (file, result) in zip(export.files, FileProfile.profile(export.files)) {
            switch result {
            case .success(let profile): profiles.append(profile)
            case .failure(let error): unreadable.append((file.name, "\(error)"))
            }
        }
        unreadable += export.issues.map { ($0.file, $0.description) }
        return (export, profiles, unreadable)
    }
}
