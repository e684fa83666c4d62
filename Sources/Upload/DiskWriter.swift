#if canImport(Glibc)
import Glibc
#endif
import Crypto
import Foundation
import GongCRM

/// Writes one file on a thread of its own, hashing it (sha256) on the way, so the thread that
/// produces the bytes only copies them into a buffer.
///
/// Full chunks go straight to the disk (`O_DIRECT`) where the file system allows it: a plan is
/// hundreds of megabytes read once, later, and copying it through the page cache costs more CPU
/// than producing it. The tail that is not a whole number of blocks is written the usual way.
final class DiskWriter: @unchecked Sendable {
    let path: String
    /// Bytes handed to the disk thread at a time; a multiple of every block size.
    static let chunkSize = 1 << 20

    private let descriptor: Int32
    private var direct: Bool
    private let hashing: Bool
    /// Touched only by the producing thread (and by `finish` after it).
    @exclusivity(unchecked) private var current: ByteBuffer
    private let condition = NSCondition()
    private var queue: [ByteBuffer] = []
    private var spare: [ByteBuffer] = []
    private var closing = false
    private var finished = false
    private var failure: String?
    private var hasher = SHA256()
    private var closed = false

    @exclusivity(unchecked) private(set) var bytes = 0

    init(path: String, hashing: Bool) throws {
        self.path = path
        self.hashing = hashing
        var descriptor = Self.directFlag == 0 ? -1 : open(path, O_WRONLY | O_CREAT | O_TRUNC | Self.directFlag, 0o644)
        direct = descriptor >= 0
        if descriptor < 0 { descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644) }
        guard descriptor >= 0 else { throw PlanError("cannot create \(path): \(String(cString: strerror(errno)))") }
        self.descriptor = descriptor
        current = Self.buffer()
        Thread.detachNewThread { [self] in run() }
    }

    /// Linux's `O_DIRECT`, which Swift's Glibc module leaves out; 0 where it is not known.
    private static var directFlag: Int32 {
        #if os(Linux) && (arch(x86_64) || arch(i386))
        0o40000
        #elseif os(Linux) && (arch(arm64) || arch(arm))
        0o200000
        #else
        0
        #endif
    }

    /// Aligned to the page, as `O_DIRECT` requires of the memory it reads from.
    private static func buffer() -> ByteBuffer { ByteBuffer(capacity: chunkSize * 2, alignment: 4096) }

    func append(_ line: UnsafeBufferPointer<UInt8>) throws {
        current.append(line)
        bytes += line.count
        if current.count >= Self.chunkSize { try handOff() }
    }

    /// Appends what `body` writes into the buffer.
    func append(with body: (ByteBuffer) -> Void) throws {
        let before = current.count
        // `current` stays put while `body` writes: no need to count a reference on every call.
        Unmanaged.passUnretained(current)._withUnsafeGuaranteedRef(body)
        bytes += current.count - before
        if current.count >= Self.chunkSize { try handOff() }
    }

    /// Queues the full chunk and keeps the rest for the next.
    private func handOff() throws {
        condition.lock()
        defer { condition.unlock() }
        if let failure { throw PlanError(failure) }
        // At most two chunks wait, so memory stays bounded when the disk is slower.
        while queue.count >= 2 && failure == nil { condition.wait() }
        let next = spare.popLast() ?? Self.buffer()
        next.removeAll()
        next.append(current[Self.chunkSize..<current.count])
        current.truncate(to: Self.chunkSize)
        queue.append(current)
        current = next
        condition.broadcast()
    }

    /// Writes what is left, closes the file and returns its sha256 (hex, when hashing).
    func finish() throws -> String {
        condition.lock()
        queue.append(current)
        closing = true
        condition.broadcast()
        while !finished { condition.wait() }
        condition.unlock()
        closed = true
        if close(descriptor) != 0, failure == nil { failure = "cannot close \(path): \(String(cString: strerror(errno)))" }
        if let failure { throw PlanError(failure) }
        return hashing ? hasher.finalize().hexString : ""
    }

    /// Stops after a failure elsewhere; the file is left as it is. Does nothing after `finish`.
    func abandon() {
        guard !closed else { return }
        condition.lock()
        closing = true
        queue.removeAll()
        condition.broadcast()
        while !finished { condition.wait() }
        condition.unlock()
        closed = true
        close(descriptor)
    }

    private func run() {
        while true {
            condition.lock()
            while queue.isEmpty && !closing { condition.wait() }
            guard !queue.isEmpty else {
                finished = true
                condition.broadcast()
                condition.unlock()
                return
            }
            let chunk = queue.removeFirst()
            condition.broadcast()
            condition.unlock()
            let problem = chunk.withUnsafeBytes { bytes -> String? in
                if hashing { hasher.update(bufferPointer: UnsafeRawBufferPointer(bytes)) }
                return write(bytes)
            }
            condition.lock()
            if let problem, failure == nil { failure = problem }
            spare.append(chunk)
            condition.unlock()
        }
    }

    /// Writes a chunk; only the last may end in a partial block, and that goes without `O_DIRECT`.
    private func write(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        var offset = 0
        while offset < bytes.count {
            var count = bytes.count - offset
            if direct && count % 4096 != 0 {
                count -= count % 4096
                if count == 0 { stopWritingDirectly(); continue }
            }
            let (written, problem) = writeAll(bytes.baseAddress! + offset, count)
            offset += written
            if let problem {
                // A file system may refuse direct writes only when they come: go on without.
                guard direct else { return problem }
                stopWritingDirectly()
            }
        }
        return nil
    }

    private func stopWritingDirectly() {
        direct = false
        _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) & ~Self.directFlag)
    }

    private func writeAll(_ start: UnsafePointer<UInt8>, _ count: Int) -> (Int, String?) {
        var done = 0
        while done < count {
            let written = Glibc.write(descriptor, start + done, count - done)
            if written < 0 {
                if errno == EINTR { continue }
                return (done, "cannot write \(path): \(String(cString: strerror(errno)))")
            }
            done += written
        }
        return (done, nil)
    }
}
