import Foundation
import NIOCore

/// A `multipart/form-data` body with one part, `dataFile`, read from a file in chunks, so an
/// upload of 200 MB never sits in memory.
struct MultipartFileBody: AsyncSequence, Sendable {
    typealias Element = ByteBuffer

    let path: String
    let head: [UInt8]
    let tail: [UInt8]
    let fileSize: Int

    init(path: String, filename: String, boundary: String) throws {
        self.path = path
        head = Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"dataFile\"; filename=\"\(filename)\"\r\nContent-Type: application/octet-stream\r\n\r\n".utf8)
        tail = Array("\r\n--\(boundary)--\r\n".utf8)
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        fileSize = attributes[.size] as? Int ?? 0
    }

    var length: Int { head.count + fileSize + tail.count }

    func makeAsyncIterator() -> Iterator { Iterator(body: self) }

    struct Iterator: AsyncIteratorProtocol {
        let body: MultipartFileBody
        var stage = 0
        var handle: FileHandle?

        mutating func next() async throws -> ByteBuffer? {
            switch stage {
            case 0:
                stage = 1
                handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: body.path))
                return ByteBuffer(bytes: body.head)
            case 1:
                if let chunk = try handle?.read(upToCount: 1 << 20), !chunk.isEmpty { return ByteBuffer(bytes: chunk) }
                try handle?.close()
                stage = 2
                return ByteBuffer(bytes: body.tail)
            default:
                return nil
            }
        }
    }
}
