#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A source of bytes read in chunks; the reader never holds a whole file.
public protocol ByteStream: AnyObject {
    /// Fills `buffer` from the start and returns the count read; 0 at the end.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int
}

public struct FileError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var reason: String
    public var description: String { "\(path): \(reason)" }
}

/// Unbuffered reads through the file descriptor; the callers buffer.
public final class FileByteStream: ByteStream {
    private let descriptor: Int32
    public let path: String

    public init(path: String, offset: Int = 0) throws {
        self.path = path
        descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else {
            throw FileError(path: path, reason: String(cString: strerror(errno)) + "; check the path and that you may read it")
        }
        if offset > 0 { lseek(descriptor, off_t(offset), SEEK_SET) }
    }

    deinit { close(descriptor) }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        while true {
            let count = Glibc.read(descriptor, buffer.baseAddress, buffer.count)
            if count >= 0 { return count }
            if errno == EINTR { continue }
            throw FileError(path: path, reason: String(cString: strerror(errno)))
        }
    }

    /// The first `count` bytes of a file, for sniffing.
    public static func head(of path: String, count: Int) throws -> [UInt8] {
        let stream = try FileByteStream(path: path)
        var bytes = [UInt8](repeating: 0, count: count)
        var filled = 0
        while filled < count {
            let read = try bytes.withUnsafeMutableBytes { raw in
                try stream.read(into: UnsafeMutableRawBufferPointer(rebasing: raw[filled...]))
            }
            if read == 0 { break }
            filled += read
        }
        return Array(bytes[..<filled])
    }
}

/// Bytes held in memory; for tests and small inputs.
public final class MemoryByteStream: ByteStream {
    private let bytes: [UInt8]
    private var position = 0

    public init(_ bytes: [UInt8]) { self.bytes = bytes }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let count = min(buffer.count, bytes.count - position)
        guard count > 0 else { return 0 }
        bytes.withUnsafeBytes { source in
            buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: source[position..<(position + count)]))
        }
        position += count
        return count
    }
}
