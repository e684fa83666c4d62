import Crypto
import Foundation
import Testing
@testable import Upload

/// Files written past the page cache must hold exactly the bytes given, whatever their length
/// and wherever the file system refuses direct writes.
@Suite("Disk writer")
struct DiskWriterTests {
    /// Sizes around the chunk and block boundaries, in a folder on disk and, where there is one, in tmpfs.
    @Test(arguments: [0, 1, 4095, 4096, 4097, DiskWriter.chunkSize - 1, DiskWriter.chunkSize, 3 * DiskWriter.chunkSize + 123])
    func writesExactlyTheBytesAndTheirHash(size: Int) throws {
        let folders = [FileManager.default.currentDirectoryPath + "/.build", "/dev/shm"].filter { FileManager.default.isWritableFile(atPath: $0) }
        #expect(!folders.isEmpty)
        for folder in folders {
            let path = folder + "/disk-writer-\(UUID().uuidString)"
            defer { try? FileManager.default.removeItem(atPath: path) }
            let bytes = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 9) }
            let writer = try DiskWriter(path: path, hashing: true)
            // Lines of uneven length, as records come.
            var offset = 0, length = 1
            while offset < bytes.count {
                let end = min(bytes.count, offset + length)
                try bytes[offset..<end].withUnsafeBufferPointer { try writer.append($0) }
                offset = end
                length = length % 997 + 13
            }
            let digest = try writer.finish()
            let written = try Data(contentsOf: URL(fileURLWithPath: path))
            #expect(written == Data(bytes), "\(folder), \(size) bytes")
            #expect(digest == SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined())
            #expect(writer.bytes == size)
        }
    }
}
