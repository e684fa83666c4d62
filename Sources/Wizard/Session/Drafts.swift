import CRMExport
import Foundation
import Mapping

/// Unsaved edits kept on disk while the wizard runs, so that a dropped SSH connection, a closed
/// terminal or a crash loses nothing: `$XDG_STATE_HOME/gongmap/drafts/<key>.yaml`, written
/// atomically a moment after each change, removed when the mapping is saved, and offered back
/// (restored, unsaved) the next time the same mapping or export is opened.
public enum Drafts {
    public static func folder(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        (RecentMappings.defaultPath(environment: environment) as NSString).deletingLastPathComponent + "/drafts"
    }

    /// The draft of a saved mapping is keyed by its path, that of a new one by its export.
    static func path(for session: Session) -> String { path(forKey: session.mappingPath ?? session.exportPaths.map(PostgresLocation.redactingURLs).joined(separator: "\n")) }

    /// Forgets the draft of the mapping at `mappingPath` (`gongmap demo --fresh`).
    public static func remove(forMapping mappingPath: String) {
        try? FileManager.default.removeItem(atPath: path(forKey: mappingPath))
    }

    static func path(forKey key: String) -> String {
        let hash = Array(key.utf8).withUnsafeBufferPointer { StableHash.hash($0) }
        return folder() + "/" + String(hash, radix: 16) + ".yaml"
    }

    public static func write(_ session: Session) {
        let path = path(for: session)
        try? FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try? AtomicFile.write(session.mapping.yaml(), to: path, overwrite: true)
    }

    public static func remove(for session: Session) {
        try? FileManager.default.removeItem(atPath: path(for: session))
    }

    /// The draft of this mapping or export, when there is one that differs from what is saved.
    public static func read(for session: Session) -> (mapping: Mapping, saved: Date)? {
        let path = path(for: session)
        guard let text = try? String(contentsOfFile: path, encoding: .utf8),
              let draft = try? Mapping.read(yaml: text, fileName: path), draft != (session.saved ?? session.mapping) else { return nil }
        let date = (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date ?? Date()
        return (draft, date)
    }
}
