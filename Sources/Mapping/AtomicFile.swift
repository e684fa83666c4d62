import Foundation

/// Writes files so that a reader sees the old content or the new, never a half-written file:
/// a temporary file in the same folder, flushed, then renamed over the target.
public enum AtomicFile {
    public enum Failure: Error, Sendable, CustomStringConvertible {
        case exists(String)
        case cannotWrite(String, String)

        public var description: String {
            switch self {
            case .exists(let path): "\(path) already exists; pass --force to replace it, or choose another name with -o"
            case .cannotWrite(let path, let reason): "cannot write \(path): \(reason)"
            }
        }
    }

    public static func write(_ text: String, to path: String, overwrite: Bool) throws(Failure) {
        try write(Data(text.utf8), to: path, overwrite: overwrite)
    }

    public static func write(_ data: Data, to path: String, overwrite: Bool) throws(Failure) {
        if !overwrite && FileManager.default.fileExists(atPath: path) { throw .exists(path) }
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
        do {
            try data.write(to: temporary)
            let handle = try FileHandle(forWritingTo: temporary)
            try handle.synchronize()
            try handle.close()
            if !overwrite && FileManager.default.fileExists(atPath: path) {
                try? FileManager.default.removeItem(at: temporary)
                throw Failure.exists(path)
            }
            guard rename(temporary.path, url.path) == 0 else {
                throw Failure.cannotWrite(path, String(cString: strerror(errno)))
            }
        } catch let failure as Failure {
            throw failure
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw .cannotWrite(path, error.localizedDescription)
        }
    }
}
