import CZlib
import Foundation
import ZIPFoundation

/// The zip file of a workbook, read through ZIPFoundation one part at a time: a part's bytes come
/// out in chunks as they are inflated, never whole.
///
/// Not `Sendable` (ZIPFoundation's `Archive` keeps a `FILE *` and a position): each thread opens its own.
struct XLSXArchive {
    /// Inflated bytes per chunk; a tag cut by a chunk's end waits in the tokenizer for the next.
    static let chunkSize = 64 * 1024

    private let archive: Archive
    /// The file as messages name it.
    private let name: String

    init(path: String, name: String) throws {
        self.name = name
        do {
            archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
        } catch Archive.ArchiveError.missingEndOfCentralDirectoryRecord {
            throw XLSXError(file: name, message: "not an .xlsx workbook (it is not a zip file); an old .xls, a password-protected workbook, a CSV renamed .xlsx or a file cut short look like this: save it from Excel as .xlsx or CSV")
        } catch {
            throw XLSXError(file: name, message: "cannot open the workbook: \(error)")
        }
    }

    /// Streams `part` to `consume`, chunk by chunk; false when the workbook has no such part.
    ///
    /// The checksum is known only at the end, after the chunks were used; a mismatch still throws,
    /// so a damaged sheet never reads as complete.
    @discardableResult
    func read(part: String, verifyingChecksum: Bool = true, _ consume: (UnsafeRawBufferPointer) throws -> Void) throws -> Bool {
        guard let entry = entry(for: part) else { return false }
        let expectedSize = entry.uncompressedSize
        var inflated: UInt64 = 0
        var checksum: UInt = 0
        // ZIPFoundation's own checksum on Linux is a byte-at-a-time table in Swift, a tenth of a
        // sheet's reading time; zlib's, on the same bytes, costs a fiftieth of that.
        _ = try archive.extract(entry, bufferSize: Self.chunkSize, skipCRC32: true) { data in
            inflated += UInt64(data.count)
            // A damaged stream can inflate past the entry into what the zip holds after it.
            guard inflated <= expectedSize else {
                throw DamagedPart(reason: "inflates to more than the \(expectedSize) bytes its zip entry declares")
            }
            try data.withUnsafeBytes { chunk in
                if verifyingChecksum, let base = chunk.baseAddress {
                    checksum = crc32(checksum, base.assumingMemoryBound(to: UInt8.self), UInt32(chunk.count))
                }
                try consume(chunk)
            }
        }
        // A checksum of 0 is what ZIPFoundation gives when it found no data descriptor to read it from.
        if verifyingChecksum && entry.checksum != 0 && UInt32(checksum) != entry.checksum {
            throw DamagedPart(reason: "does not match its checksum")
        }
        return true
    }

    /// Parses `part` as it inflates; false when the workbook has no such part.
    func parse<Handler: XMLTokenHandler>(part: String, with handler: inout Handler) throws -> Bool {
        let tokenizer = XMLTokenizer()
        do {
            guard try read(part: part, { try tokenizer.feed($0, into: &handler) }) else { return false }
            try tokenizer.finish(into: &handler)
            return true
        } catch {
            throw XLSXError.reading(part, of: name, failedWith: error)
        }
    }

    /// The bytes a part takes in the zip (compressed); nil when there is no such part.
    func storedSize(of part: String) -> Int? {
        entry(for: part).map { Int($0.compressedSize) }
    }

    /// Part names are case-insensitive in the packaging standard; zips written by hand or by small
    /// libraries do not always match the case the relationships use.
    private func entry(for part: String) -> Entry? {
        if let entry = archive[part] { return entry }
        let lowercased = part.lowercased()
        return archive.first { $0.path.lowercased() == lowercased }
    }
}
