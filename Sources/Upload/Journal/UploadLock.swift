import Foundation

/// Held by the process that uploads through a journal, so that a second `gongmap upload`, the
/// wizard or a scheduled run on the same journal refuses instead of interleaving. It is an
/// `flock` on `.gongmap/upload.lock`: the kernel releases it when the process ends however it
/// ends, so a reused process id cannot keep it.
public final class UploadLock: @unchecked Sendable {
    private let descriptor: Int32

    public struct Busy: Error, CustomStringConvertible {
        public var holder: String
        public var description: String {
            "another gongmap is uploading through this journal (\(holder)); follow it with gongmap status --watch, or wait for it to end"
        }
    }

    /// Takes the lock in `folder`, or throws `Busy` naming the process that holds it.
    public init(folder: String) throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let path = folder + "/upload.lock"
        descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path]) }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            var buffer = [UInt8](repeating: 0, count: 64)
            let count = pread(descriptor, &buffer, buffer.count, 0)
            close(descriptor)
            let pid = String(decoding: buffer.prefix(max(0, count)), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            throw Busy(holder: pid.isEmpty ? "process unknown" : "process \(pid)")
        }
        let pid = Array("\(ProcessInfo.processInfo.processIdentifier)\n".utf8)
        _ = ftruncate(descriptor, 0)
        _ = pwrite(descriptor, pid, pid.count, 0)
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
