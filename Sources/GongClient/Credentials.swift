import Foundation

/// Gong's access key and secret. Never printed: `description` shows the key's first characters only.
public struct Credentials: Sendable, CustomStringConvertible {
    public let accessKey: String
    let secret: String

    public init(accessKey: String, secret: String) {
        self.accessKey = accessKey
        self.secret = secret
    }

    /// `Basic base64(key:secret)` (gong-crm-api.md §1.2).
    var authorization: String { "Basic " + Data((accessKey + ":" + secret).utf8).base64EncodedString() }

    public var description: String { "access key \(accessKey.prefix(4))… (secret hidden)" }

    public enum LoadError: Error, CustomStringConvertible, Equatable {
        case missing(String)
        case unsafePermissions(String, String)
        case malformed(String, Int)

        public var description: String {
            switch self {
            case .missing(let file):
                "no Gong credentials: set GONG_ACCESS_KEY and GONG_ACCESS_KEY_SECRET, or write them to \(file) (lines access_key = … and access_key_secret = …, mode 0600)"
            case .unsafePermissions(let file, let mode):
                "\(file) can be read by others (mode \(mode)); it holds the Gong secret, so run: chmod 600 \(file)"
            case .malformed(let file, let line):
                "\(file):\(line): expected access_key = … or access_key_secret = …"
            }
        }
    }

    /// `~/.config/gongmap/credentials` (or under `$XDG_CONFIG_HOME`); `~` is `$HOME`, as for
    /// themes and recent mappings (the password database's home only without it).
    public static var defaultFile: String {
        let environment = ProcessInfo.processInfo.environment
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        let base = environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? (home + "/.config")
        return base + "/gongmap/credentials"
    }

    /// Writes the key and secret to `file` with mode 0600 from its creation (a temporary file
    /// renamed over it), so the secret is never readable by others, even for a moment.
    public static func save(accessKey: String, secret: String, to file: String = Credentials.defaultFile) throws {
        let folder = (file as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let temporary = folder + "/.credentials-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard descriptor >= 0 else { throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: folder]) }
        let text = "# Gong API credentials, written by gongmap\naccess_key = \(accessKey)\naccess_key_secret = \(secret)\n"
        let written = text.utf8CString.withUnsafeBufferPointer { write(descriptor, $0.baseAddress, $0.count - 1) }
        let synced = fsync(descriptor) == 0
        close(descriptor)
        guard written == text.utf8.count, synced, rename(temporary, file) == 0 else {
            unlink(temporary)
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: file])
        }
    }

    /// From `GONG_ACCESS_KEY` / `GONG_ACCESS_KEY_SECRET`, else from `file`, which must be mode 0600 (or stricter).
    public static func load(environment: [String: String] = ProcessInfo.processInfo.environment, file: String = Credentials.defaultFile) throws(LoadError) -> Credentials {
        if let key = environment["GONG_ACCESS_KEY"], let secret = environment["GONG_ACCESS_KEY_SECRET"], !key.isEmpty, !secret.isEmpty {
            return Credentials(accessKey: key, secret: secret)
        }
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: file), let data = FileManager.default.contents(atPath: file) else {
            throw .missing(file)
        }
        let mode = (attributes[.posixPermissions] as? Int ?? 0o777) & 0o777
        guard mode & 0o077 == 0 else { throw .unsafePermissions(file, String(mode, radix: 8)) }
        var key: String?, secret: String?
        for (index, raw) in String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let parts = line.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2 else { throw .malformed(file, index + 1) }
            switch parts[0] {
            case "access_key": key = parts[1]
            case "access_key_secret": secret = parts[1]
            default: throw .malformed(file, index + 1)
            }
        }
        guard let key, let secret, !key.isEmpty, !secret.isEmpty else { throw .missing(file) }
        return Credentials(accessKey: key, secret: secret)
    }
}
