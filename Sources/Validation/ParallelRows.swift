import CRMExport
import Foundation
import GongCRM

/// Reads a file on one thread and prepares its rows on several, handing them back in file order.
/// Memory stays bounded: at most a few batches are in flight.
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
    private let monitor = Monitor(conditions: 3)
    /// Conditions of `monitor`: a batch to prepare, room to read another, the next batch prepared.
    private let work = 0, room = 1, ready = 2
    private var pending: [(index: Int, rows: [SourceRow], count: Int, issues: [ReadIssue], endOffset: Int)] = []
    private var finished: [Int: Batch] = [:]
    private var readCount = 0
    private var readingDone = false
    private var readError: Error?
    private var nextToHand = 0
    private var cancelled = false
    private let maxInFlight: Int
    /// Row arrays given back by the workers: their rows keep their buffers, so reading allocates
    /// nothing once the pipeline is full.
    private var pool: [[SourceRow]] = []

    init(reader: RowReader, preparers: [RowPreparer], batchSize: Int = 512) {
        self.reader = reader
        self.preparers = preparers
        self.batchSize = batchSize
        maxInFlight = preparers.count * 2
        Thread.detachNewThread { [self] in read() }
        for preparer in preparers { Thread.detachNewThread { [self] in work(preparer) } }
    }

    /// Stops the threads early (after an error in the consumer).
    func cancel() {
        monitor.lock()
        cancelled = true
        monitor.broadcastAll()
        monitor.unlock()
    }

    private func read() {
        var index = 0
        while true {
            monitor.lock()
            var rows = pool.popLast() ?? [SourceRow](repeating: SourceRow(), count: batchSize)
            monitor.unlock()
            var count = 0
            do {
                while count < batchSize, try reader.next(into: &rows[count]) { count += 1 }
            } catch {
                monitor.lock()
                readError = error
                readingDone = true
                monitor.broadcastAll()
                monitor.unlock()
                return
            }
            let issues = reader.takeIssues()
            monitor.lock()
            while !cancelled && readCount - nextToHand >= maxInFlight { monitor.wait(room) }
            if cancelled { monitor.unlock(); return }
            if count > 0 || !issues.isEmpty {
                pending.append((index, rows, count, issues, reader.bytesRead))
                index += 1
                readCount = index
                monitor.signal(work)
            }
            if count < batchSize {
                readingDone = true
                monitor.broadcast(work)
                monitor.signal(ready)
            }
            monitor.unlock()
            if count < batchSize { return }
        }
    }

    private func work(_ preparer: RowPreparer) {
        let file = reader.file.name
        while true {
            monitor.lock()
            while pending.isEmpty && !readingDone && !cancelled { monitor.wait(work) }
            if cancelled || pending.isEmpty {
                monitor.unlock()
                return
            }
            var job = pending.removeFirst()
            monitor.unlock()
            let prepared = PreparedBatch(lineCapacity: preparer.encode ? job.count * 512 : 16)
            prepared.rows.reserveCapacity(job.count)
            // Rows are passed in place: copying one would retain its buffers, whose reference
            // counts sit on cache lines the reading thread just wrote.
            for index in 0..<job.count {
                preparer.prepare(&job.rows[index], file: file, into: prepared)
            }
            preparer.resolveReferences(in: prepared)
            monitor.lock()
            finished[job.index] = Batch(prepared: prepared, issues: job.issues, lastRowNumber: job.count > 0 ? job.rows[job.count - 1].number : 0,
                                     endOffset: job.endOffset)
            if job.count == batchSize { pool.append(job.rows) }
            // Only the batch the consumer waits for lets it go on.
            if job.index == nextToHand { monitor.signal(ready) }
            monitor.unlock()
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
        monitor.signal(room)
        return batch
    }
}
