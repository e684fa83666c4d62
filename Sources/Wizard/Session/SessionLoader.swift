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

    /// A new mapping for `paths`, suggested from the profiles of every file: of their first
    /// `sampleRows` rows when given (`profileFully` reads the rest), else of all rows.
    public static func newMapping(exportPaths paths: [String], sampleRows: Int? = nil, progress: (String) -> Void = { _ in },
                                  opened: (Export) -> Void = { _ in }) throws(Failure) -> Session {
        let (export, profiles, unreadable) = try open(paths, sampleRows: sampleRows, progress: progress, opened: opened)
        progress("Suggesting a mapping")
        let suggestion = suggest(profiles, paths: paths, export: export)
        var session = Session(exportPaths: paths, export: export, profiles: profiles, unreadable: unreadable, mapping: suggestion.mapping,
                              mappingPath: nil, saved: nil, suggestion: suggestion)
        session.profiling = profilingState(of: session)
        return session
    }

    /// The mapping at `path` with its export (`export:` in the file, relative to it), or `exportPaths`.
    public static func openMapping(_ path: String, exportPaths: [String] = [], sampleRows: Int? = nil, progress: (String) -> Void = { _ in },
                                   opened: (Export) -> Void = { _ in }) throws(Failure) -> Session {
        let mapping: Mapping
        do { mapping = try Mapping.read(path: path) } catch { throw .mapping(error.description) }
        var paths = exportPaths
        if paths.isEmpty {
            guard let named = mapping.export else { throw .mapping("\(path) names no export (add `export: FOLDER`), and none was given") }
            paths = [ExportPath.resolve(named, mappingFile: path)]
        }
        let (export, profiles, unreadable) = try open(paths, sampleRows: sampleRows, progress: progress, opened: opened)
        var session = Session(exportPaths: paths, export: export, profiles: profiles, unreadable: unreadable, mapping: mapping,
                              mappingPath: path, saved: mapping, suggestion: nil)
        session.profiling = profilingState(of: session)
        return session
    }

    /// What reading every row of a session opened from samples finds: the profiles of all rows
    /// (or of the rows read before `progress` was cancelled), and for a new mapping the
    /// suggestion made from them.
    public struct FullProfile: Sendable {
        /// The export profiled: a profile that ends after another export was opened is dropped.
        public var exportPaths: [String]
        public var profiles: [FileProfile]
        public var unreadable: [(file: String, problem: String)]
        public var suggestion: Suggestion?
        public var stopped: Bool
    }

    public static func profileFully(_ session: Session, progress: ProfileProgress) -> FullProfile {
        let pending = Set(session.profiles.filter { !$0.complete }.map(\.file.name))
        let files = session.export.files.filter { pending.contains($0.name) }
        var full: [String: FileProfile] = [:]
        var unreadable = session.unreadable
        for (file, result) in zip(files, FileProfile.profile(files, progress: progress)) {
            switch result {
            case .success(let profile): full[file.name] = profile
            case .failure(let error): unreadable.append((file.name, "\(error)"))
            }
        }
        // A stopped profile of a file keeps the first rows' profile when it read fewer rows.
        let profiles = session.profiles.map { first in full[first.file.name].map { $0.complete || $0.rows >= first.rows ? $0 : first } ?? first }
        let suggestion = session.suggestion == nil ? nil : suggest(profiles, paths: session.exportPaths, export: session.export)
        return FullProfile(exportPaths: session.exportPaths, profiles: profiles, unreadable: unreadable, suggestion: suggestion, stopped: progress.isCancelled)
    }

    private static func suggest(_ profiles: [FileProfile], paths: [String], export: Export) -> Suggestion {
        Suggester.suggest(profiles: profiles, exportPath: paths.count == 1 ? paths[0] : nil, export: export)
    }

    /// Running when some profile is of the first rows only.
    private static func profilingState(of session: Session) -> ProfilingState? {
        let partial = session.profiles.filter { !$0.complete }
        guard !partial.isEmpty else { return nil }
        var state = ProfilingState(files: partial.map(\.file))
        for profile in partial { state.record(file: profile.file.name, bytesRead: profile.bytesRead, rows: profile.rows, done: false) }
        return state
    }

    private static func open(_ paths: [String], sampleRows: Int?, progress: (String) -> Void,
                             opened: (Export) -> Void) throws(Failure) -> (Export, [FileProfile], [(file: String, problem: String)]) {
        progress("Reading \(paths.map(DisplayPath.short).joined(separator: ", "))")
        let export: Export
        do { export = try Export.open(paths) } catch { throw .export(error.description) }
        opened(export)
        progress("Profiling \(export.files.count) files")
        var profiles: [FileProfile] = []
        var unreadable: [(String, String)] = []
        for (file, result) in zip(export.files, FileProfile.profile(export.files, rowLimit: sampleRows)) {
            switch result {
            case .success(let profile): profiles.append(profile)
            case .failure(let error): unreadable.append((file.name, "\(error)"))
            }
        }
        unreadable += export.issues.map { ($0.file, $0.description) }
        return (export, profiles, unreadable)
    }
}
