import Foundation

/// The rows of one worksheet, pulled one at a time while a thread of their own inflates and
/// parses the sheet ahead of the reader.
///
/// ZIPFoundation pushes a part's bytes to a closure until the part ends; the reader pulls. The
/// producer thread runs that push and hands rows over through a `RowChannel` of
/// `bufferedRows` rows, so a sheet of any length takes the same memory. `close` (or dropping the
/// reader) makes the producer throw out of ZIPFoundation's extraction at its next chunk and
/// waits until it has let go of the file.
public final class XLSXSheetReader: TableRowSource {
    /// `Book.xlsx#Sheet1`, as messages name the sheet.
    public let name: String
    public let header: [String]
    /// Problems met so far, each naming the sheet and, where it applies, the row.
    public private(set) var issues: [String]

    /// Rows read ahead of the reader, at most.
    static let bufferedRows = 512

    private let channel: RowChannel
    private var batch = RowBatch()
    /// The row of `batch` read last; -1 before its first.
    private var position = -1
    private var finished = false
    private var failure: (any Error)?

    /// Starts the producer and waits for the header (the first row with a value): an error met
    /// before it is thrown here.
    init(job: SheetJob) throws {
        name = job.sheetName
        let channel = RowChannel(capacity: Self.bufferedRows)
        self.channel = channel
        let thread = Thread { SheetProducer.run(job, into: channel) }
        thread.name = "xlsx-sheet" // Linux keeps 15 bytes of a thread name
        thread.start()
        do {
            let received = try channel.receiveHeader()
            header = received.names
            issues = received.issues
        } catch {
            channel.close()
            throw error
        }
    }

    deinit { channel.close() }

    public func next(into cells: inout [String]) throws -> Int? {
        guard let line = try advance() else { return nil }
        cells.removeAll(keepingCapacity: true)
        forEachCell { cells.append(String(decoding: $0, as: UTF8.self)) }
        return line
    }

    public func nextRow(into row: inout SourceRow) throws -> Int? {
        guard let line = try advance() else { return nil }
        row.reset()
        forEachCell { cell in
            if let base = cell.baseAddress { row.append(base, count: cell.count) }
            row.finishCell()
        }
        return line
    }

    /// Moves to the next row, waiting for the producer's next batch when this one is read; its line.
    private func advance() throws -> Int? {
        while position + 1 >= batch.lines.count {
            if finished {
                if let failure { throw failure }
                return nil
            }
            do {
                guard let received = try channel.receive() else {
                    finished = true
                    return nil
                }
                issues += received.issues
                batch = received
                position = -1
            } catch {
                finished = true
                failure = error
                throw error
            }
        }
        position += 1
        return batch.lines[position]
    }

    /// The cells of the row `advance` moved to.
    private func forEachCell(_ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        let width = header.count
        let first = position * width
        batch.bytes.withUnsafeBufferPointer { bytes in
            for span in batch.spans[first..<(first + width)] { body(UnsafeBufferPointer(rebasing: bytes[span])) }
        }
    }

    public func close() {
        channel.close()
        finished = true
        batch = RowBatch()
        position = -1
    }

    // For tests: how far the producer got ahead, and whether it has stopped.
    var peakQueuedRows: Int { channel.peakQueuedRows }
    var isProducerRunning: Bool { channel.isProducerRunning }
}

/// What the producer thread needs to read one sheet: plain values that can cross to that thread.
struct SheetJob: Sendable {
    var workbookPath: String
    /// `Book.xlsx#Sheet1`.
    var sheetName: String
    var partPath: String
    var sharedStrings: SharedStrings
    var styles: XLSXStyles
    var dateSystem: ExcelDateSystem
}

/// The producer thread's work: stream the sheet's part out of the zip through the tokenizer into
/// a `WorksheetParser`, which hands rows to the channel; then report how it ended.
enum SheetProducer {
    static func run(_ job: SheetJob, into channel: RowChannel) {
        var failure: (any Error)?
        do {
            try produce(job, into: channel)
        } catch is RowChannel.Closed {
            // The reader stopped early: nobody waits for the rest.
        } catch {
            failure = error
        }
        // `produce` has returned, so its `Archive` (and the file) is released.
        channel.producerFinished(failure: failure)
    }

    private static func produce(_ job: SheetJob, into channel: RowChannel) throws {
        let archive = try XLSXArchive(path: job.workbookPath, name: job.sheetName)
        let output = WorksheetParser.Output(
            header: { names, issues in try channel.sendHeader(names, issues: issues) },
            batch: { batch in try channel.send(batch) },
            mergedRanges: { try mergedRanges(of: job, checking: channel) })
        var parser = WorksheetParser(sheet: job.sheetName, sharedStrings: job.sharedStrings, styles: job.styles,
                                     dateSystem: job.dateSystem, output: output)
        let tokenizer = XMLTokenizer()
        do {
            let found = try archive.read(part: job.partPath) { chunk in
                try channel.checkOpen()
                try tokenizer.feed(chunk, into: &parser)
            }
            guard found else {
                throw XLSXError(file: job.sheetName, message: "the workbook lists the sheet at \(job.partPath) but holds no such part; the file is damaged")
            }
            try tokenizer.finish(into: &parser)
            try parser.finish()
        } catch let closed as RowChannel.Closed {
            throw closed
        } catch {
            let (row, inRow) = (parser.rowNumber, parser.inRow)
            try parser.deliverCompletedRows()
            throw XLSXError.reading(job.partPath, of: job.sheetName, failedWith: error, row: row, inRow: inRow)
        }
    }

    /// The pre-pass for a header that needs the merged cells: a second, independent extraction of
    /// the same part (its own `Archive`, so its own file position), made from inside the first.
    private static func mergedRanges(of job: SheetJob, checking channel: RowChannel) throws -> [CellRange] {
        let archive = try XLSXArchive(path: job.workbookPath, name: job.sheetName)
        var scanner = MergeCellScanner()
        try archive.read(part: job.partPath, verifyingChecksum: false) { chunk in
            try channel.checkOpen()
            scanner.scan(chunk)
        }
        return scanner.ranges
    }
}

extension XLSXSheetReader {
    public func takeWarnings() -> [(line: Int, message: String)] {
        defer { issues.removeAll() }
        return issues.map { (0, $0) }
    }
}
