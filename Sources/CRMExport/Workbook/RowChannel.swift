import Foundation

/// Rows of a sheet on their way from the producer thread to the reader, with the problems met
/// while reading them.
struct RowBatch: Sendable {
    /// The cells' text, valid UTF-8, one cell after the other.
    var bytes: [UInt8] = []
    /// Where each cell's text lies in `bytes`, row after row, as many per row as the header has
    /// columns; an empty cell's span is empty.
    var spans: [Range<Int>] = []
    /// Each row's Excel row number.
    var lines: [Int] = []
    var issues: [String] = []
}

/// The bounded hand-over between the thread that parses a sheet and the reader that pulls its
/// rows. The producer waits while `capacity` rows wait to be read, the reader while none do;
/// `close` makes the producer's next call throw `Closed` and waits until its thread has ended.
///
/// Two parties only, so one `NSCondition` wakes no one needlessly.
final class RowChannel: @unchecked Sendable {
    struct Closed: Error {}

    private enum Ending {
        case finished
        case failed(any Error)
    }

    let capacity: Int
    private let condition = NSCondition()
    private var header: (names: [String], issues: [String])?
    private var queue: [RowBatch] = []
    private var queuedRows = 0
    private var ending: Ending?
    private var closed = false
    private var producerRunning = true
    private var mostQueuedRows = 0

    init(capacity: Int) {
        self.capacity = capacity
    }

    // MARK: The producer's side

    func sendHeader(_ names: [String], issues: [String]) throws {
        condition.lock()
        defer { condition.unlock() }
        if closed { throw Closed() }
        header = (names, issues)
        condition.broadcast()
    }

    func send(_ batch: RowBatch) throws {
        condition.lock()
        defer { condition.unlock() }
        while !closed && !queue.isEmpty && queuedRows + batch.lines.count > capacity { condition.wait() }
        if closed { throw Closed() }
        queue.append(batch)
        queuedRows += batch.lines.count
        mostQueuedRows = max(mostQueuedRows, queuedRows)
        condition.broadcast()
    }

    /// Throws `Closed` once the reader has stopped; called for every chunk, so an early `close`
    /// stops the producer within one chunk's work.
    func checkOpen() throws {
        condition.lock()
        defer { condition.unlock() }
        if closed { throw Closed() }
    }

    /// The producer's last call, after it has let go of the zip: nil when the sheet was read to its end.
    func producerFinished(failure: (any Error)?) {
        condition.lock()
        defer { condition.unlock() }
        if let failure {
            ending = .failed(failure)
        } else {
            ending = .finished
        }
        producerRunning = false
        condition.broadcast()
    }

    // MARK: The reader's side

    /// The header's names and the problems met finding them; throws the producer's error if it
    /// failed first.
    func receiveHeader() throws -> (names: [String], issues: [String]) {
        condition.lock()
        defer { condition.unlock() }
        while header == nil && ending == nil { condition.wait() }
        if let header { return header }
        if case .failed(let error)? = ending { throw error }
        return ([], [])
    }

    /// The next batch; nil at the end of the sheet (or once closed), the producer's error after
    /// the rows read before it.
    func receive() throws -> RowBatch? {
        condition.lock()
        defer { condition.unlock() }
        while queue.isEmpty && ending == nil && !closed { condition.wait() }
        if !queue.isEmpty {
            let batch = queue.removeFirst()
            queuedRows -= batch.lines.count
            condition.broadcast()
            return batch
        }
        if case .failed(let error)? = ending, !closed { throw error }
        return nil
    }

    func close() {
        condition.lock()
        defer { condition.unlock() }
        closed = true
        queue.removeAll()
        queuedRows = 0
        condition.broadcast()
        while producerRunning { condition.wait() }
    }

    // MARK: For tests

    var peakQueuedRows: Int {
        condition.lock()
        defer { condition.unlock() }
        return mostQueuedRows
    }

    var isProducerRunning: Bool {
        condition.lock()
        defer { condition.unlock() }
        return producerRunning
    }
}
