import Foundation
import NIOCore
import PostgresNIO

// The cursor reader: rows of a table, view or query, FETCHed in batches from a server-side cursor
// inside a read-only transaction, so memory holds at most two batches whatever the table's size.
//
//   BEGIN READ ONLY
//   SELECT set_config('TimeZone', 'UTC', true), …         -- canonical text, see PostgresText
//   SELECT gm_q.* FROM (SELECT 1) … LEFT JOIN (… LIMIT 0)   -- one all-NULL row: column names and types
//   SELECT oid, format_type(oid, NULL) FROM pg_type …       -- type names for the package to show
//   DECLARE gm_cursor NO SCROLL CURSOR FOR SELECT gm_c1::text, … FROM (<select>) AS gm_q(gm_c1, …)
//   FETCH FORWARD 5000 FROM gm_cursor                       -- repeated; the next one is sent as soon
//   …                                                      --   as a batch arrives (prefetch)
//   CLOSE gm_cursor; COMMIT                                 -- after a short batch; then disconnect
//
// Why a cursor and not postgres-nio's own streaming: PostgresRowSequence *is* backpressured
// (NIOThrowingAsyncSequenceProducer with AdaptiveRowBuffer stops reading the socket when its buffer
// is full), but it is an AsyncSequence; consuming it from this synchronous pull loop would need a
// Task per source and a semaphore, with the caller blocking a thread the Task may need. With a
// cursor each batch is a bounded, complete query result that the EventLoopFuture API can deliver
// to a blocked thread, and the server, not the client, holds the rest of the rows.

/// Rows from a PostgreSQL cursor, as canonical text.
public final class PostgresRowSource: TableRowSource {
    /// Rows per FETCH.
    public static let batchSize = PostgresText.batchSize

    public let header: [String]
    /// The database type of each column (`integer`, `text`, `timestamp with time zone`, `character(5)`…).
    public let columnTypes: [String]
    /// Things the user should know about the columns (a bytea column's cells are left empty).
    public let notes: [String]
    private var notesTaken = false
    /// FETCH statements answered so far (25,000 rows take 6: five full batches and an empty one).
    public private(set) var batchesFetched = 0
    public private(set) var rowsRead = 0

    private let session: PostgresSession
    private let subject: PostgresSubject
    private let kinds: [PostgresTextKind]
    private var batch: [PostgresRow] = []
    private var position = 0
    /// The FETCH in flight, if any.
    private var pending: EventLoopFuture<[PostgresRow]>?
    /// The COMMIT after the last batch.
    private var committed: EventLoopFuture<[PostgresRow]>?
    private var state = State.streaming

    private enum State {
        /// The cursor has more rows (or a FETCH is pending).
        case streaming
        /// The last batch arrived; CLOSE and COMMIT are sent and the connection closes after them.
        case drained
        case closed
    }

    private init(session: PostgresSession, subject: PostgresSubject, header: [String], columnTypes: [String],
                 kinds: [PostgresTextKind], notes: [String], pending: EventLoopFuture<[PostgresRow]>) {
        self.session = session
        self.subject = subject
        self.header = header
        self.columnTypes = columnTypes
        self.kinds = kinds
        self.notes = notes
        self.pending = pending
    }

    deinit {
        if state != .closed { session.closeInBackground() }
    }

    /// Connects, starts the transaction, learns the columns, declares the cursor and sends the first FETCH.
    static func open(select: String, subject: PostgresSubject, at location: PostgresLocation) throws -> PostgresRowSource {
        let session = try PostgresSession.connect(to: location)
        do {
            let stage = PostgresStage.opening(subject)
            // Pipelined: postgres-nio queues the statements and runs them in order.
            let begin = session.submit("BEGIN READ ONLY")
            let settings = session.submit(PostgresText.settingsSQL)
            let describe = session.submit(PostgresText.describeSQL(select))
            _ = try session.wait(begin, stage)
            _ = try session.wait(settings, stage)
            guard let shape = try session.wait(describe, stage).first else {
                throw PostgresSourceError(.queryFailed, "\(subject.description) did not describe its columns")
            }
            var names: [String] = []
            var oids: [UInt32] = []
            for cell in shape {
                names.append(cell.columnName)
                oids.append(cell.dataType.rawValue)
            }
            let kinds = oids.map { PostgresTextKind(typeOID: $0) }

            let typeNames: EventLoopFuture<[PostgresRow]>? = oids.isEmpty ? nil : session.submit(PostgresText.typeNamesSQL(oids))
            let declare = session.submit(PostgresText.declareSQL(select, kinds: kinds))
            let firstBatch = session.submit(PostgresText.fetchSQL)
            var namesByOID: [UInt32: String] = [:]
            if let typeNames {
                for row in try session.wait(typeNames, stage) {
                    let cells = PostgresSession.texts(row)
                    if cells.count == 2, let oid = cells[0].flatMap({ UInt32($0) }), let name = cells[1] {
                        namesByOID[oid] = name
                    }
                }
            }
            _ = try session.wait(declare, stage)

            var types = oids.map { oid in
                namesByOID[oid] ?? PostgresDataType(oid).knownSQLName?.lowercased() ?? "oid \(oid)"
            }
            // A table's declared types say more (character varying(80), a domain's name).
            if case .table(let table) = subject, table.columns.map({ $0.name }) == names {
                types = table.columns.map { $0.type }
            }
            var notes: [String] = []
            for (index, kind) in kinds.enumerated() where kind == .skipped {
                notes.append("column '\(names[index])' of \(subject.description) is \(types[index]) (binary data); its cells are left empty")
            }
            return PostgresRowSource(
                session: session, subject: subject, header: PostgresText.uniqueNames(names), columnTypes: types,
                kinds: kinds, notes: notes, pending: firstBatch)
        } catch {
            session.close()
            throw error
        }
    }

    public func next(into cells: inout [String]) throws -> Int? {
        while position == batch.count {
            guard state == .streaming, let pending else {
                batch = []
                position = 0
                return nil
            }
            self.pending = nil
            let rows: [PostgresRow]
            do {
                rows = try session.wait(pending, .reading(subject, row: rowsRead + 1))
            } catch {
                close()
                throw error
            }
            batchesFetched += 1
            batch = rows
            position = 0
            if rows.count < Self.batchSize {
                finish()
            } else {
                // Prefetch: the next batch travels while the caller works through this one.
                self.pending = session.submit(PostgresText.fetchSQL)
            }
        }
        let row = batch[position]
        position += 1
        cells.removeAll(keepingCapacity: true)
        var index = 0
        for cell in row {
            let text = cell.bytes.map { String(buffer: $0) } ?? ""
            cells.append(index < kinds.count ? PostgresText.canonical(text, kind: kinds[index]) : text)
            index += 1
        }
        rowsRead += 1
        return rowsRead
    }

    /// Ends the transaction after the last batch and lets the connection go without waiting.
    private func finish() {
        state = .drained
        let session = self.session
        _ = session.submit("CLOSE \(PostgresText.cursorName)")
        let commit = session.submit("COMMIT")
        committed = commit
        commit.whenComplete { _ in session.closeInBackground() }
    }

    /// Closes the connection (early: the server drops the cursor and rolls back). Idempotent.
    public func takeWarnings() -> [(line: Int, message: String)] {
        guard !notesTaken else { return [] }
        notesTaken = true
        return notes.map { (0, $0) }
    }

    public func close() {
        guard state != .closed else { return }
        let wasDrained = state == .drained
        state = .closed
        pending = nil
        batch = []
        position = 0
        if wasDrained, let committed { _ = try? committed.wait() }
        session.close()
    }
}
