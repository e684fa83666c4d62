import Foundation

/// An `flock` on a file in the journal's folder, held by the process that does one kind of work
/// through that journal: `upload.lock` while an upload sends (a second `gongmap upload`, the
/// wizard or a sync cycle refuses or waits instead of interleaving), `sync.lock` while a
/// `gongmap sync` runs (a second one refuses). The kernel releases it when the process ends
/// however it ends, so a reused process id cannot keep it.
public final class UploadLock: @unchecked Sendable {
    private let descriptor: Int32

    public enum Kind: String, Sendable {
        case upload, sync

        var fileName: String { rawValue + ".lock" }
    }

    public struct Busy: Error, CustomStringConvertible {
        public var kind: Kind
        public var holder: String
        public var description: String {
            switch kind {
            case .upload:
                "another gongmap is uploading through this journal (\(holder)); follow it with gongmap status --watch, or wait for it to end"
            case .sync:
                "a gongmap sync already runs for this journal (\(holder)); gongmap status shows its cycles. Stop it first to start another"
            }
        }
    }

    /// Takes the lock in `folder`, or throws `Busy` naming the process that holds it.
    public init(folder: String, kind: Kind = .upload) throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let path = folder + "/" + kind.fileName
        descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path]) }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let holder = Self.holder(descriptor)
            close(descriptor)
            throw Busy(kind: kind, holder: holder)
        }
        let pid = Array("\(ProcessInfo.processInfo.processIdentifier)\n".utf8)
        _ = ftruncate(descriptor, 0)
        _ = pwrite(descriptor, pid, pid.count, 0)
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }

    /// "process 1234" of the process holding the lock in `folder`, or nil when none holds it.
    public static func holder(in folder: String, kind: Kind) -> String? {
        let descriptor = open(folder + "/" + kind.fileName, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        if flock(descriptor, LOCK_SH | LOCK_NB) == 0 {
            flock(descriptor, LOCK_UN)
            return nil
        }
        return holder(descriptor)
    }

    private static func holder(_ descriptor: Int32) -> String {
        var buffer = [UInt8](repeating: 0, count: 64)
        let count = pread(descriptor, &buffer, buffer.count, 0)
        let pid = String(decoding: buffer.prefix(max(0, count)), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return pid.isEmpty ? "process unknown" : "process \(pid)"
    }
}
