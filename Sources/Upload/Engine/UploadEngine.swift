import CRMExport
import Foundation
import GongClient
import GongCRM
import Mapping
import Validation

/// Uploads an export through a mapping: the integration, the schema, then only new, changed and
/// deleted records, file by file in dependency order, each followed to DONE or FAILED. Every
/// step is in the journal before and after it happens, so a killed run resumes where it stopped
/// without sending an accepted file again (a repeated clientRequestId is answered 409 by Gong).
public final class UploadEngine {
    public struct Options: Sendable {
        public var mappingPath: String
        public var full = false
        /// Plan and report, send nothing and write nothing to the journal.
        public var dryRun = false
        public var allowSchemaChanges = false
        public var integrationName = "gongmap"
        public var ownerEmail = "gongmap@localhost.example"
        public var pollSeconds: Double = 2
        public var maxFileBytes = PlanWriter.defaultMaxFileBytes

        public init(mappingPath: String) { self.mappingPath = mappingPath }

        /// The folder of the mapping's journal and run files: `.gongmap` beside the mapping.
        public var stateFolder: String {
            let folder = (mappingPath as NSString).deletingLastPathComponent
            return (folder.isEmpty ? "." : folder) + "/.gongmap"
        }
    }

    public enum Outcome: String, Sendable { case done, rejected }

    public struct Result: Sendable {
        public var run: Int64
        public var outcome: Outcome
        public var accepted: Int
        public var rejected: Int
    }

    public struct Refusal: Error, CustomStringConvertible {
        public var description: String
    }

    let client: GongClient
    let journal: Journal
    let options: Options
    let onEvent: (UploadEvent) -> Void

    public init(client: GongClient, journal: Journal, options: Options, onEvent: @escaping (UploadEvent) -> Void) {
        self.client = client
        self.journal = journal
        self.options = options
        self.onEvent = onEvent
    }

    static func now() -> String { GongTimestamp(secondsSinceEpoch: Int(Date().timeIntervalSince1970)).gongText }

    public func run(export: Export, exportLabel: String, mapping: Mapping) async throws -> Result {
        if options.dryRun { return try await rehearse(export: export, exportLabel: exportLabel, mapping: mapping) }
        if let unfinished = try journal.unfinishedRuns().last(where: { $0.mapping == options.mappingPath }) {
            if unfinished.processId != ProcessInfo.processInfo.processIdentifier && kill(unfinished.processId, 0) == 0 {
                throw Refusal(description: "run \(unfinished.id) of this mapping is in progress in process \(unfinished.processId); follow it with gongmap status --watch")
            }
            onEvent(.started(run: unfinished.id, resumed: true))
            return try await markingInterruption(of: unfinished.id) { try await send(run: unfinished.id, integrationId: unfinished.integrationId ?? 0) }
        }
        let run = try journal.startRun(mapping: options.mappingPath, export: exportLabel, baseURL: client.baseURL, at: Self.now())
        onEvent(.started(run: run, resumed: false))
        return try await markingInterruption(of: run) {
            let integrationId = try await integration()
            try journal.setIntegration(integrationId, run: run)
            try await syncSchema(mapping, integrationId: integrationId)
            try plan(run: run, integrationId: integrationId, export: export, exportLabel: exportLabel, mapping: mapping)
            return try await send(run: run, integrationId: integrationId)
        }
    }

    /// A run stopped by a signal (Ctrl-C, SIGTERM, a lost terminal) or by an error (the network
    /// gone after every retry) is marked interrupted; the next `gongmap upload` resumes it. A run
    /// killed outright stays `running` and resumes the same way. A refusal (a schema change that
    /// needs consent) ends the run: nothing was sent.
    private func markingInterruption(of run: Int64, _ body: () async throws -> Result) async throws -> Result {
        do {
            return try await body()
        } catch let refusal as Refusal {
            try? journal.finishRun(run, state: .failed, summary: nil, at: Self.now())
            throw refusal
        } catch {
            try? journal.addEvent(run: run, kind: "interrupted", message: Task.isCancelled ? "stopped by a signal" : "\(error)", at: Self.now())
            try? journal.finishRun(run, state: .interrupted, summary: nil, at: Self.now())
            throw Task.isCancelled ? CancellationError() : error
        }
    }

    /// What a run would do, asking Gong only read-only questions: the integration, the schema
    /// differences, and the plan against what the journal says Gong has.
    private func rehearse(export: Export, exportLabel: String, mapping: Mapping) async throws -> Result {
        let existing = try await client.integrations().first
        let integrationId = existing?.integrationId ?? 0
        onEvent(.note(existing.map { "Would use integration \($0.name ?? "?") (\(integrationId))" } ?? "Would register integration \(options.integrationName)"))
        if existing != nil {
            for type in EntityType.uploadOrder where type.acceptsCustomFields {
                let wanted = (mapping.customFields[type] ?? []).map(Self.schemaField).map(\.uniqueName)
                let remote = try await client.schema(for: type, integrationId: integrationId).map(\.uniqueName)
                if Set(wanted) != Set(remote) {
                    onEvent(.note("Would send the \(type.rawValue) schema: \(Set(wanted).subtracting(remote).count) fields to add, \(Set(remote).subtracting(wanted).count) to remove"))
                }
            }
        }
        let folder = NSTemporaryDirectory() + "gongmap-dry-run-\(ProcessInfo.processInfo.processIdentifier)"
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let rehearsal = try Journal(path: folder + "/journal.sqlite")
        let run = try rehearsal.startRun(mapping: options.mappingPath, export: exportLabel, baseURL: client.baseURL, at: Self.now())
        var stored: [EntityType: [String: Int64]] = [:]
        for type in EntityType.uploadOrder { stored[type] = try journal.contentHashes(integrationId: integrationId, objectType: type.rawValue) }
        try plan(run: run, integrationId: integrationId, export: export, exportLabel: exportLabel, mapping: mapping, stored: stored, into: folder + "/plan", record: rehearsal)
        onEvent(.note("Dry run: nothing was sent."))
        return Result(run: 0, outcome: .done, accepted: 0, rejected: 0)
    }

    // MARK: Steps

    private func integration() async throws -> Int64 {
        if let existing = try await client.integrations().first, let id = existing.integrationId {
            onEvent(.integration(id: id, name: existing.name ?? "?", registered: false))
            return id
        }
        do {
            let id = try await client.registerIntegration(name: options.integrationName, ownerEmail: options.ownerEmail)
            onEvent(.integration(id: id, name: options.integrationName, registered: true))
            return id
        } catch let error as GongClientError where error.status == 409 {
            // An earlier attempt registered it and its answer was lost.
            guard let existing = try await client.integrations().first, let id = existing.integrationId else { throw error }
            onEvent(.integration(id: id, name: existing.name ?? "?", registered: true))
            return id
        }
    }

    /// Sends each entity's schema when it differs from Gong's; a field type change or a removal
    /// deletes data in Gong, so it needs `allowSchemaChanges`.
    private func syncSchema(_ mapping: Mapping, integrationId: Int64) async throws {
        for type in EntityType.uploadOrder where type.acceptsCustomFields {
            let wanted = (mapping.customFields[type] ?? []).map(Self.schemaField)
            let remote = try await client.schema(for: type, integrationId: integrationId)
            if wanted.isEmpty && remote.isEmpty { continue }
            let remoteByName = Dictionary(remote.map { ($0.uniqueName, $0) }, uniquingKeysWith: { $1 })
            let removed = remote.filter { field in !wanted.contains { $0.uniqueName == field.uniqueName } }
            let retyped = wanted.filter { field in remoteByName[field.uniqueName].map { $0.type != field.type } ?? false }
            if !(removed.isEmpty && retyped.isEmpty) && !options.allowSchemaChanges {
                let names = (removed.map { "\($0.uniqueName) (removed)" } + retyped.map { "\($0.uniqueName) (new type \($0.type))" }).joined(separator: ", ")
                throw Refusal(description: "the \(type.rawValue) schema would lose data in Gong: \(names). Gong deletes a field's values when it is removed or retyped; pass --allow-schema-deletes to go ahead")
            }
            let same = removed.isEmpty && retyped.isEmpty && wanted.allSatisfy { field in
                remoteByName[field.uniqueName].map { $0.label == field.label && $0.referenceTo == field.referenceTo && ($0.orderedValueList == nil || $0.orderedValueList == field.orderedValueList) } ?? false
            }
            if same {
                onEvent(.schema(objectType: type.rawValue, uploaded: false, fields: wanted.count))
                continue
            }
            var request = wanted
            request += removed.map { var field = $0; field.isDeleted = true; return field }
            try await client.uploadSchema(request, for: type, integrationId: integrationId)
            onEvent(.schema(objectType: type.rawValue, uploaded: true, fields: wanted.count))
        }
    }

    static func schemaField(_ field: CustomField) -> GongAPI.SchemaField {
        GongAPI.SchemaField(uniqueName: field.uniqueName, label: field.label, type: field.type.rawValue, referenceTo: field.referenceTo?.referenceName,
                            orderedValueList: field.orderedValueList)
    }

    private func plan(run: Int64, integrationId: Int64, export: Export, exportLabel: String, mapping: Mapping) throws {
        var stored: [EntityType: [String: Int64]] = [:]
        for type in EntityType.uploadOrder { stored[type] = try journal.contentHashes(integrationId: integrationId, objectType: type.rawValue) }
        try plan(run: run, integrationId: integrationId, export: export, exportLabel: exportLabel, mapping: mapping, stored: stored,
                 into: options.stateFolder + "/runs/\(run)", record: journal)
    }

    /// Writes the run's files into `folder` and lists them in `journal` (the real one, or a rehearsal's).
    private func plan(run: Int64, integrationId: Int64, export: Export, exportLabel: String, mapping: Mapping, stored: [EntityType: [String: Int64]],
                      into folder: String, record journal: Journal) throws {
        let writer = try PlanWriter(folder: folder, maxFileBytes: options.maxFileBytes)
        let sink = IncrementalSink(writer: writer, stored: stored, full: options.full)
        let context = ApplyContext.now(options: mapping.options)
        let pipeline = RecordPipeline(export: export, mapping: mapping, mappingFile: options.mappingPath, context: context)
        let report: ValidationReport
        do { report = try pipeline.run(sink: sink) { _ in } } catch {
            writer.abandon()
            throw Refusal(description: error.description)
        }
        var deleted = 0
        if mapping.options.deletions == .missing {
            for type in EntityType.uploadOrder {
                for objectId in (stored[type] ?? [:]).keys.sorted() where !pipeline.sawObjectId(objectId, of: type) {
                    try writer.accept(GongRecord(type: type, fields: [("objectId", .string(objectId)), ("modifiedDate", .string(context.runTimestamp.gongText)), ("isDeleted", .boolean(true))]),
                                      origin: RecordOrigin(file: "(not in the export: deleted)", row: 0))
                    deleted += 1
                }
            }
        }
        let manifest = try writer.finish(report: report, export: exportLabel, mapping: options.mappingPath, createdAt: Self.now())
        let files = manifest.files.filter { $0.kind != .schema && $0.records > 0 }
        for (index, file) in files.enumerated() {
            _ = try journal.addFile(run: run, sequence: index + 1, path: folder + "/" + file.path, kind: file.kind.rawValue, objectType: file.objectType.rawValue,
                                    layer: file.layer, records: file.records, bytes: file.bytes, sha256: file.sha256,
                                    clientRequestId: "gm\(integrationId % 1_000_000)-r\(run)-f\(index + 1)-\(file.objectType.rawValue)")
        }
        let totals = sink.counts.values.reduce((0, 0, 0)) { ($0.0 + $1.new, $0.1 + $1.changed, $0.2 + $1.unchanged) }
        let calls = files.count * 2 + 1
        onEvent(.planned(new: totals.0, changed: totals.1, unchanged: totals.2, deleted: deleted, files: files.count, calls: calls,
                         seconds: Double(calls) / 3, dailyShare: Double(calls) / 10_000))
        if report.errors > 0 { onEvent(.note("\(report.errors) records have errors and are left out; see gongmap validate --mapping \(options.mappingPath)")) }
    }

    private func send(run: Int64, integrationId: Int64) async throws -> Result {
        var accepted = 0, rejected = 0
        let files = try journal.files(run: run)
        onEvent(.queued(files.map { file in
            .init(name: (file.path as NSString).lastPathComponent, objectType: file.objectType, records: file.records, bytes: file.bytes,
                  finished: file.state == .done || file.state == .failed, successes: file.successes ?? 0, failures: file.failures ?? 0)
        }))
        for file in files where file.state == .done || file.state == .failed {
            accepted += file.successes ?? 0
            rejected += file.failures ?? 0
        }
        for batch in Self.batches(files.filter { $0.state != .done && $0.state != .failed }) {
            for file in batch where file.state == .planned || file.state == .sending {
                try await upload(file, integrationId: integrationId)
            }
            for file in batch {
                let (successes, failures) = try await follow(file, integrationId: integrationId, run: run)
                accepted += successes
                rejected += failures
            }
        }
        let outcome: Outcome = rejected == 0 ? .done : .rejected
        let summary = "{\"run\":\(run),\"outcome\":\"\(outcome.rawValue)\",\"accepted\":\(accepted),\"rejected\":\(rejected)}"
        try journal.finishRun(run, state: outcome == .done ? .done : .rejected, summary: summary, at: Self.now())
        try? Data((summary + "\n").utf8).write(to: URL(fileURLWithPath: options.stateFolder + "/runs/\(run)/summary.json"))
        return Result(run: run, outcome: outcome, accepted: accepted, rejected: rejected)
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

    private func upload(_ file: Journal.File, integrationId: Int64) async throws {
        guard let type = EntityType(rawValue: file.objectType) else { return }
        let name = (file.path as NSString).lastPathComponent
        try journal.setFileState(file.id, .sending, at: Self.now())
        onEvent(.sending(file: name, objectType: file.objectType, records: file.records, bytes: file.bytes))
        let outcome = try await client.uploadEntities(file: file.path, type: type, integrationId: integrationId, clientRequestId: file.clientRequestId)
        try journal.setFileState(file.id, .sent, at: Self.now())
        onEvent(.accepted(file: name, clientRequestId: file.clientRequestId, again: outcome == .alreadyAccepted))
    }

    /// Polls a sent file until Gong has processed it, then records the outcome of each of its lines.
    private func follow(_ file: Journal.File, integrationId: Int64, run: Int64) async throws -> (successes: Int, failures: Int) {
        let name = (file.path as NSString).lastPathComponent
        var status = try await client.requestStatus(integrationId: integrationId, clientRequestId: file.clientRequestId)
        while status.status?.isFinal != true {
            try await Task.sleep(nanoseconds: UInt64(options.pollSeconds * 1_000_000_000))
            status = try await client.requestStatus(integrationId: integrationId, clientRequestId: file.clientRequestId)
        }
        let errors = status.errors ?? []
        // A general error (line 0) rejects the whole file, whatever the counts say.
        let wholeFile = errors.contains { $0.line == 0 }
        let failures = wholeFile ? file.records : Int(status.totalErrorCount ?? Int32(errors.count))
        let successes = wholeFile ? 0 : Int(status.totalSuccessCount ?? 0)
        for error in errors { onEvent(.gongError(file: name, line: Int(error.line ?? 0), message: error.description ?? "")) }
        try rememberAccepted(file: file, errors: errors, failures: failures, integrationId: integrationId, run: run)
        try OutcomeFiles(folder: (file.path as NSString).deletingLastPathComponent).record(file: file, errors: errors, failures: failures)
        let errorsJSON = String(decoding: (try? JSONEncoder().encode(errors)) ?? Data("[]".utf8), as: UTF8.self)
        try journal.setFileState(file.id, status.status == .done ? .done : .failed, at: Self.now(), successes: successes, failures: failures, errors: errorsJSON)
        onEvent(.finished(file: name, status: status.status?.rawValue ?? "?", successes: successes, failures: failures))
        return (successes, failures)
    }

    /// Stores the content hash of every line Gong accepted. When Gong reported fewer failing lines
    /// than failed (it lists at most 20), nothing of the file is stored, so the next run sends it again.
    private func rememberAccepted(file: Journal.File, errors: [GongAPI.LineError], failures: Int, integrationId: Int64, run: Int64) throws {
        guard failures == errors.count, !errors.contains(where: { $0.line == 0 }) else { return }
        let failed = Set(errors.compactMap { $0.line.map(Int.init) })
        guard let planned = PlannedLines(path: file.path) else { return }
        var entries: [(objectId: String, hash: Int64, deleted: Bool)] = []
        try planned.forEach { line in
            guard !failed.contains(line.number), !line.objectId.isEmpty else { return }
            entries.append((line.objectId, (Array(line.bytes) + [UInt8(ascii: "\n")]).withUnsafeBufferPointer(IncrementalSink.contentHash), line.isDeletion))
        }
        // History versions are not the current state: their hashes are not kept.
        if file.kind == PlanManifest.File.Kind.history.rawValue { return }
        try journal.saveContentHashes(entries, integrationId: integrationId, objectType: file.objectType, run: run)
    }
}
