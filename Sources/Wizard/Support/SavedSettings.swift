import Foundation
import Mapping
import TerminalUI
import Upload

/// What the wizard remembers between sessions: the look (theme, ASCII, mouse) in
/// `$XDG_CONFIG_HOME/gongmap/settings.json`, and per mapping where it uploads (base URL, owner
/// email) in the mapping's `.gongmap/wizard.json`. Both are written atomically; neither holds a
/// secret.
public enum SavedSettings {
    public struct Look: Codable, Equatable, Sendable {
        public var theme: String?
        public var ascii: Bool?
        public var mouse: Bool?

        public init(theme: String? = nil, ascii: Bool? = nil, mouse: Bool? = nil) {
            self.theme = theme
            self.ascii = ascii
            self.mouse = mouse
        }
    }

    public struct UploadTarget: Codable, Equatable, Sendable {
        public var baseURL: String?
        public var ownerEmail: String?
    }

    public static func lookFile(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        (ThemeCatalog.userFolder(environment: environment) as NSString).deletingLastPathComponent + "/settings.json"
    }

    public static func readLook(from path: String = lookFile()) -> Look {
        read(Look.self, from: path) ?? Look()
    }

    public static func saveLook(_ look: Look, to path: String = lookFile()) {
        write(look, to: path)
    }

    static func uploadTargetFile(mappingPath: String) -> String {
        UploadEngine.Options(mappingPath: mappingPath).stateFolder + "/wizard.json"
    }

    public static func readUploadTarget(mappingPath: String) -> UploadTarget? {
        read(UploadTarget.self, from: uploadTargetFile(mappingPath: mappingPath))
    }

    public static func saveUploadTarget(_ target: UploadTarget, mappingPath: String) {
        write(target, to: uploadTargetFile(mappingPath: mappingPath))
    }

    private static func read<T: Decodable>(_ type: T.Type, from path: String) -> T? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return try? JSONDecoder().decode(type, from: data)
    }

    private static func write<T: Encodable>(_ value: T, to path: String) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        guard let data = try? encoder.encode(value) else { return }
        try? FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try? AtomicFile.write(data, to: path, overwrite: true)
    }
}
