import Foundation
import TerminalUI

/// Mapping files the user worked on, newest first, kept in `$XDG_STATE_HOME/gongmap/recent.json`
/// (written atomically) for the start screen. Paths only; never credentials.
public struct RecentMappings: Sendable {
    public let path: String
    public private(set) var paths: [String]

    public static let limit = 20

    public init(path: String = RecentMappings.defaultPath()) {
        self.path = path
        let data = FileManager.default.contents(atPath: path) ?? Data()
        paths = ((try? JSONDecoder().decode([String].self, from: data)) ?? []).filter { FileManager.default.fileExists(atPath: $0) }
    }

    public static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        let state = environment["XDG_STATE_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? (HomeFolder.path(environment: environment) + "/.local/state")
        return state + "/gongmap/recent.json"
    }

    /// Puts `mapping` first and saves the list.
    public mutating func remember(_ mapping: String) throws {
        let absolute = URL(fileURLWithPath: mapping).standardizedFileURL.path
        paths.removeAll { $0 == absolute }
        paths.insert(absolute, at: 0)
        paths = Array(paths.prefix(Self.limit))
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try JSONEncoder().encode(paths).write(to: URL(fileURLWithPath: path), options: .atomic)
    }
}
