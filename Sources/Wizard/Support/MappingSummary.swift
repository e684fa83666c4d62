import Foundation
import Upload

/// One line about a mapping file for the start screen: when it changed and its last upload run,
/// read from the journal beside it.
public struct MappingSummary: Hashable, Sendable {
    public var path: String
    public var modified: Date?
    public var lastRun: String?

    public init(path: String) {
        self.path = path
        modified = (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date
        let journalPath = UploadEngine.Options(mappingPath: path).stateFolder + "/journal.sqlite"
        if FileManager.default.fileExists(atPath: journalPath), let journal = try? Journal(path: journalPath), let run = try? journal.runs(limit: 1).first {
            lastRun = "run \(run.id) \(run.state.rawValue) \(run.startedAt.prefix(16).replacingOccurrences(of: "T", with: " "))"
        }
    }

    /// The file name, then its folder: relative to the current folder when inside it, else with `~`.
    public var text: String {
        "\((path as NSString).lastPathComponent)  \(DisplayPath.short((path as NSString).deletingLastPathComponent))"
    }
}
