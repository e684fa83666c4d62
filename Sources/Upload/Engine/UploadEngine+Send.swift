import Foundation
import GongClient
import GongCRM

/// Sending a planned run: files in dependency order, each followed to DONE or FAILED, within the
/// daily call budget.
extension UploadEngine {
    func send(run: Int64, integrationId: Int64) async throws -> Result {
        let files = try journal.files(run: run)
        onEvent(.queued(files.map { file in
            .init(name: (file.path as NSString).lastPathComponent, objectType: file.objectType, records: file.records, bytes: file.bytes,
                  finished: file.isFinished, successes: file.successes ?? 0, failures: file.failures ?? 0)
        }))
        for batch in Self.batches(files.filter { !$0.isFinished }) {
            for file in batch where file.state == .planned || file.state == .sending {
                try await upload(file, integrationId: integrationId)
            }
            for file in batch {
                try await follow(file, integrationId: integrationId, run: run)
            }
        }
        let finished = try journal.files(run: run)
        let leftOut = try journal.run(run)?.leftOut ?? 0
        let result = Result(run: run, accepted: finished.reduce(0) { $0 + ($1.successes ?? 0) }, rejected: finished.reduce(0) { $0 + ($1.failures ?? 0) },
                            unconfirmed: finished.reduce(0) { $0 + $1.unconfirmed }, leftOut: leftOut)
        let summary = Self.summaryJSON(result)
        let state: Journal.RunState = switch result.outcome { case .done: .done; case .rejected: .rejected; case .incomplete: .incomplete }
        // Only when Gong answered every record read, one by one, does the next upload read from after them.
        try journal.commitReadCursors(run: run, answered: result.unconfirmed == 0 && !finished.contains(where: \.failedWhole), at: Self.now())
        try journal.finishRun(run, state: state, summary: summary, at: Self.now())
        try? Data((summary + "\n").utf8).write(to: URL(fileURLWithPath: options.stateFolder + "/runs/\(run)/summary.json"))
        try? prunePayloads(keepingFrom: run)
        if let finished = try? journal.finishedRuns(before: run) {
            RunFileRetention(runsFolder: options.stateFolder + "/runs", keepDays: options.keepRunDays).apply(finished: finished)
        }
        try? journal.forgetOldCalls()
        return result
    }

    static func removePayload(_ file: Journal.File) {
        try? FileManager.default.removeItem(atPath: file.path)
        try? FileManager.default.removeItem(atPath: file.path + ".origins")
    }

    /// Deletes the sent files of finished runs older than the last `keepPayloadRuns` (and the
    /// current run's DONE files when it is 0): a 1M-contact export leaves hundreds of MB per run.
    func prunePayloads(keepingFrom run: Int64) throws {
        // Every finished run prunes what is older, so only the last few can still hold files.
        for older in try journal.runs(limit: options.keepPayloadRuns + 10) where older.id <= run - Int64(options.keepPayloadRuns) && older.state != .running && older.state != .interrupted {
            for file in try journal.files(run: older.id) where older.id < run || file.state == .done {
                Self.removePayload(file)
            }
        }
    }

    static func summaryJSON(_ result: Result) -> String {
        "{\"run\":\(result.run),\"outcome\":\"\(result.outcome.rawValue)\",\"accepted\":\(result.accepted),\"rejected\":\(result.rejected),"
            + "\"unconfirmed\":\(result.unconfirmed),\"leftOut\":\(result.leftOut)}"
    }

    /// Files sent back to back before their statuses are followed: the consecutive files of one
    /// type. A history file goes alone, and each batch finishes before the next starts, because
    /// later types refer to earlier ones and history must apply oldest first (gong-crm-api.md §4.2).
    static func batches(_ files: [Journal.File]) -> [[Journal.File]] {
        var batches: [[Journal.File]] = []
        for file in files {
            let history = file.kind == PlanManifest.File.Kind.history.rawValue
            if !history, let last = batches.last?.last, last.objectType == file.objectType, last.kind != PlanManifest.File.Kind.history.rawValue {
                batches[batches.count - 1].append(file)
            } else {
                batches.append([file])
            }
        }
        return batches
    }

    /// Stops the run (to resume later) when the calls of the last 24 hours and `calls` more would
    /// pass gongmap's share of the company's daily budget.
    func checkBudget(needing calls: Int) throws {
        let used = try journal.callsInLastDay()
        guard used + calls > options.callBudget else { return }
        throw Stop(description: "the daily call budget is used up: \(used) calls in the last 24 hours, \(calls) more needed, and gongmap keeps to "
                   + "\(options.callBudget) (\(Int(options.budgetShare * 100))% of \(options.dailyCalls), so that Gong's other clients keep the rest); "
                   + "the run resumes with the next gongmap upload once calls age out, or raise --budget-share")
    }

    private func upload(_ file: Journal.File, integrationId: Int64) async throws {
        guard let type = EntityType(rawValue: file.objectType) else { return }
        try checkBudget(needing: 1)
        let name = (file.path as NSString).lastPathComponent
        // A file that was being sent when the last run stopped may have reached Gong.
        let maybeSentBefore = file.state == .sending
        try journal.setFileState(file.id, .sending, at: Self.now())
        onEvent(.sending(file: name, objectType: file.objectType, records: file.records, bytes: file.bytes))
        let outcome = try await client.uploadEntities(file: file.path, type: type, integrationId: integrationId, clientRequestId: file.clientRequestId)
        if case .alreadyUsed(let afterRetry) = outcome, !(afterRetry || maybeSentBefore) {
            // Gong has this id from someone else: a copy of this journal, or another tool. Its
            // status is not this file's, so following it would report another file's outcome.
            let fresh = Self.clientRequestId(nonce: Journal.mintNonce(), run: file.runId, file: file.sequence, type: file.objectType)
            try journal.renewClientRequestId(file: file.id, to: fresh)
            throw Stop(description: "Gong already has an upload with clientRequestId \(file.clientRequestId), which this journal never sent "
                       + "(a copy of this journal, or another tool, used it). Nothing of \(name) was sent; it gets the new id \(fresh): "
                       + "run gongmap upload again to send it")
        }
        try journal.setFileState(file.id, .sent, at: Self.now())
        onEvent(.received(file: name, clientRequestId: file.clientRequestId, again: outcome != .accepted))
    }

    /// Polls a sent file until Gong has processed it, waiting `pollSeconds` and doubling each wait up
    /// to `maxPollSeconds`; then records the outcome of each of its lines.
    private func follow(_ file: Journal.File, integrationId: Int64, run: Int64) async throws {
        let name = (file.path as NSString).lastPathComponent
        var wait = options.pollSeconds
        var unknownSince: Date?
        var status = try await client.requestStatus(integrationId: integrationId, clientRequestId: file.clientRequestId)
        while status.status?.isFinal != true {
            switch status.status {
            case .pending?, .inProgress?:
                unknownSince = nil
            default:
                let since = unknownSince ?? Date()
                unknownSince = since
                if Date().timeIntervalSince(since) >= options.unknownStatusSeconds {
                    throw Stop(description: "Gong answered the status \(status.status?.rawValue ?? "(none)") for \(name) (clientRequestId \(file.clientRequestId)) "
                               + "for \(Int(options.unknownStatusSeconds)) s; gongmap knows PENDING, IN_PROGRESS, DONE and FAILED. The run resumes with the next gongmap upload")
                }
            }
            try await Task.sleep(nanoseconds: UInt64(wait * 1_000_000_000))
            wait = min(wait * 2, options.maxPollSeconds)
            try checkBudget(needing: 1)
            status = try await client.requestStatus(integrationId: integrationId, clientRequestId: file.clientRequestId)
        }
        let errors = status.errors ?? []
        // A general error (line 0) rejects the whole file, whatever the counts say.
        let wholeFile = errors.contains { $0.line == 0 }
        let failures = wholeFile ? file.records : Int(status.totalErrorCount ?? Int32(errors.count))
        // Only when Gong named every failing line are the others known to be accepted.
        let everyLineKnown = !wholeFile && failures == errors.count
        let successes = everyLineKnown ? Int(status.totalSuccessCount ?? Int32(file.records - failures)) : 0
        for error in errors { onEvent(.gongError(file: name, line: Int(error.line ?? 0), message: error.description ?? "")) }
        if everyLineKnown { try rememberAccepted(file: file, errors: errors, integrationId: integrationId, run: run) }
        try OutcomeFiles(folder: (file.path as NSString).deletingLastPathComponent).record(file: file, errors: errors, failures: failures)
        let errorsJSON = String(decoding: (try? JSONEncoder().encode(errors)) ?? Data("[]".utf8), as: UTF8.self)
        try journal.setFileState(file.id, status.status == .done ? .done : .failed, at: Self.now(), successes: successes, failures: failures, errors: errorsJSON)
        if status.status == .done && options.keepPayloadRuns == 0 { Self.removePayload(file) }
        onEvent(.finished(file: name, status: status.status?.rawValue ?? "?", successes: successes, failures: failures))
    }

    /// Stores the content hash of every line Gong accepted.
    private func rememberAccepted(file: Journal.File, errors: [GongAPI.LineError], integrationId: Int64, run: Int64) throws {
        // History versions are not the current state: their hashes are not kept.
        if file.kind == PlanManifest.File.Kind.history.rawValue { return }
        let failed = Set(errors.compactMap { $0.line.map(Int.init) })
        guard let planned = PlannedLines(path: file.path) else { return }
        let runRow = try journal.run(run)
        let hash = ContentHash(runTimestamp: runRow?.stampedTypes.contains(file.objectType) == true ? runRow?.runTimestamp : nil, algorithm: try journal.contentHashAlgorithm())
        var entries: [(objectId: String, hash: Int64, deleted: Bool)] = []
        try planned.forEach { line in
            guard !failed.contains(line.number), !line.objectId.isEmpty else { return }
            entries.append((line.objectId, (Array(line.bytes) + [UInt8(ascii: "\n")]).withUnsafeBufferPointer(hash.hash), line.isDeletion))
        }
        try journal.saveContentHashes(entries, integrationId: integrationId, objectType: file.objectType, run: run)
    }
}
