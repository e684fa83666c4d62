import CRMExport
import Foundation
import GongCRM

/// Prepares the rows of a file on several threads and hands them back in file order.
///
/// The threads take turns reading the next batch of rows (reading is sequential, and it is the
/// smaller part of the work), then each prepares the batch it read: the rows are parsed on the
/// core that converts them, so they never cross to another core's cache. Memory stays bounded:
/// at most a few batches are in flight.
final class ParallelRows: @unchecked Sendable {
    struct Batch {
        var prepared: PreparedBatch
        var issues: [ReadIssue]
        var lastRowNumber: Int
        /// How far into the file the batch reaches (0 when unknown).
        var endOffset: Int
    }

    private let reader: RowReader
    private let preparers: [RowPreparer]
    private let batchSize: Int
    private let monitor = Monitor(conditions: 2)
    /// Conditions of `monitor`: room to read another batch, the next batch prepared.
    private let room = 0, ready = 1
    /// Held while a thread reads its batch: one reader at a time, in file order.
    private let reading = NSLock()
    private var finished: [Int: Batch] = [:]
    private var readCount = 0
    private var readingDone = false
    private var readError: Error?
    private var nextToHand = 0
    private var cancelled = false
    private let maxInFlight: Int

    init(reader: RowReader, preparers: [RowPreparer], batchSize: Int = 1024) {
        self.reader = reader
        self.preparers = preparers
        self.batchSize = batchSize
        maxInFlight = preparers.count * 2
        for preparer in preparers { Thread.detachNewThread { [self] in work(preparer) } }
    }

    /// Stops the threads early (after an error in the consumer).
    func cancel() {
        monitor.lock()
        cancelled = true
        monitor.broadcastAll()
        monitor.unlock()
    }

    private func work(_ preparer: RowPreparer) {
        let file = reader.file.name
        // This thread's rows, reused batch after batch: their buffers stay in its cache.
        var rows = [SourceRow](repeating: SourceRow(), count: batchSize)
        while true {
            reading.lock()
            monitor.lock()
            while !cancelled && !readingDone && readCount - nextToHand >= maxInFlight { monitor.wait(room) }
            if cancelled || readingDone {
                monitor.unlock()
                reading.unlock()
                return
            }
            let index = readCount
            monitor.unlock()
            var count = 0
            var failure: Error?
            do {
                while count < batchSize, try reader.next(into: &rows[count]) { count += 1 }
            } catch {
                failure = error
            }
            let issues = reader.takeIssues(), endOffset = reader.bytesRead
            monitor.lock()
            if let failure { readError = failure }
            let last = failure != nil || count < batchSize
            if last { readingDone = true }
            let empty = count == 0 && issues.isEmpty
            if !empty { readCount = index + 1 }
            // The consumer may be waiting for a batch that will now never come.
            if last { monitor.broadcast(ready) }
            monitor.unlock()
            reading.unlock()
            if failure != nil || empty { return }

            let prepared = PreparedBatch(lineCapacity: preparer.encode ? count * 512 : 16)
            prepared.file = file
            prepared.rows.reserveCapacity(count)
            // Rows are passed in place: a copy would retain their buffers.
            for row in 0..<count {
                preparer.prepare(&rows[row], into: prepared)
            }
            preparer.resolveReferences(in: prepared)
            monitor.lock()
            finished[index] = Batch(prepared: prepared, issues: issues, lastRowNumber: count > 0 ? rows[count - 1].number : 0, endOffset: endOffset)
            // Only the batch the consumer waits for lets it go on.
            if index == nextToHand { monitor.signal(ready) }
            monitor.unlock()
            if last { return }
        }
    }

    /// The next batch in file order; nil at the end.
    func next() throws -> Batch? {
        monitor.lock()
        defer { monitor.unlock() }
        while finished[nextToHand] == nil {
            if let readError { throw readError }
            if readingDone && nextToHand >= readCount { return nil }
            monitor.wait(ready)
        }
        let batch = finished.removeValue(forKey: nextToHand)!
        nextToHand += 1
        monitor.broadcast(room)
        return batch
    }
}
