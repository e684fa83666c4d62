import CRMExport
import Foundation
import GongClient
import GongCRM
import Mapping
import Validation

/// Uploads an export through a mapping: the integration, the schema, then only new, changed and
/// deleted records, file by file in dependency order, each followed to DONE or FAILED. Every
/// step is in the journal before and after it happens, so a run stopped at any point resumes
/// where it stopped: a run without a finished plan is planned again, a file that may have
/// reached Gong is sent again with the same clientRequestId and only its status followed.
public final class UploadEngine {
    public struct Options: Sendable {
        public var mappingPath: String
        public var full = false
        /// Plan and report, send nothing and write nothing to the journal.
        public var dryRun = false
        public var allowSchemaChanges = false
        public var integrationName = "gongmap"
        public var ownerEmail = "gongmap@localhost.example"
        /// The first wait between request-status checks of a file; each wait doubles, up to `maxPollSeconds`.
        public var pollSeconds: Double = 1
        public var maxPollSeconds: Double = 60
        /// How long Gong may answer a status gongmap does not know before the run stops.
        public var unknownStatusSeconds: Double = 600
        public var maxFileBytes = PlanWriter.defaultMaxFileBytes
        /// Runs whose sent files (the LDJSON payload) are kept whole; with 0 a file Gong processed
        /// without errors is deleted at once, and a FAILED one (whose lines Gong's errors name)
        /// when the next run ends. success.csv, errors.csv and summary.json are kept (see `keepRunDays`).
        public var keepPayloadRuns = 0
        /// Days a finished run's folder is kept; the latest run's success.csv and errors.csv stay
        /// plain, earlier runs' are gzipped. The journal keeps every run.
        public var keepRunDays = 30
        /// The company's calls per rolling 24 hours (Gong's default, gong-crm-api.md §1.4), and the
        /// share of them gongmap may use: the rest is for Gong's other clients.
        public var dailyCalls = 10_000
        public var budgetShare = 0.5

        public init(mappingPath: String) { self.mappingPath = mappingPath }

        /// The folder of the mapping's journal and run files: `.gongmap` beside the mapping.
        public var stateFolder: String {
            let folder = (mappingPath as NSString).deletingLastPathComponent
            return (folder.isEmpty ? "." : folder) + "/.gongmap"
        }

        var callBudget: Int { Int(Double(dailyCalls) * budgetShare) }
    }

    public enum Outcome: String, Sendable {
        /// Every record of the export is in Gong.
        case done
        /// Gong rejected records.
        case rejected
        /// Gong rejected none, but records were left out by validation or not confirmed by Gong.
        case incomplete
    }

    public struct Result: Sendable, Equatable {
        public var run: Int64
        public var accepted: Int
        public var rejected: Int
        /// Records Gong processed without saying line by line whether it took them: sent again next time.
        public var unconfirmed: Int
        /// Records of the export that validation left out (`gongmap validate` lists them).
        public var leftOut: Int
        /// A rehearsal: `accepted` is what would be sent.
        public var dryRun = false

        public var outcome: Outcome {
            rejected > 0 ? .rejected : unconfirmed + leftOut > 0 ? .incomplete : .done
        }

        /// The last line of an upload, the same in the CLI and the wizard.
        public var line: String {
            if dryRun {
                return "Dry run: \(accepted) records would be sent, \(leftOut) left out by validation; nothing was sent."
            }
            return "Run \(run): \(accepted) records accepted, \(rejected) rejected, \(unconfirmed) unconfirmed, \(leftOut) left out by validation."
        }
    }

    /// The upload cannot go ahead as asked; nothing was sent. The user must change something.
    public struct Refusal: Error, CustomStringConvertible {
        public var description: String
    }

    /// The run stopped for a reason that passes (the daily budget, a surprising answer); it
    /// resumes with the next `gongmap upload`.
    public struct Stop: Error, CustomStringConvertible {
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
        let lock: UploadLock
        do { lock = try UploadLock(folder: options.stateFolder) } catch let busy as UploadLock.Busy { throw Stop(description: busy.description) }
        defer { withExtendedLifetime(lock) {} }
        return try await runLocked(Source(export: export, label: exportLabel, mapping: mapping))
    }

    /// The upload, with the journal's upload lock held: resumes the mapping's stopped run, or
    /// starts a new one.
    func runLocked(_ source: Source) async throws -> Result {
        try checkBudget(needing: 1)
        if let unfinished = try journal.unfinishedRuns().last(where: { $0.mapping == options.mappingPath }),
           let reason = try await reasonNotToResume(unfinished) {
            try journal.addEvent(run: unfinished.id, kind: "closed", message: reason, at: Self.now())
            try journal.finishRun(unfinished.id, state: .failed, summary: nil, at: Self.now())
            onEvent(.note("Run \(unfinished.id) is closed without resuming: \(reason). A new run sends what Gong has not confirmed"))
        }
        if let unfinished = try journal.unfinishedRuns().last(where: { $0.mapping == options.mappingPath }) {
            try journal.resumeRun(unfinished.id)
            onEvent(.started(run: unfinished.id, resumed: true))
            return try await markingInterruption(of: unfinished.id) {
                guard unfinished.plannedAt != nil, let integrationId = unfinished.integrationId else {
                    onEvent(.note("Run \(unfinished.id) stopped before its plan was complete: planning it again"))
                    return try await prepareAndSend(run: unfinished.id, source)
                }
                return try await send(run: unfinished.id, integrationId: integrationId)
            }
        }
        let run = try journal.startRun(mapping: options.mappingPath, export: source.label, baseURL: client.baseURL, at: Self.now())
        onEvent(.started(run: run, resumed: false))
        return try await markingInterruption(of: run) { try await prepareAndSend(run: run, source) }
    }

    /// Why a stopped run cannot go on here: it was for another Gong (a rehearsal against the
    /// emulator, then the real one), or its integration is gone. Its files' outcomes could not be
    /// followed there; nothing of them was remembered as accepted, so a new run sends them.
    private func reasonNotToResume(_ run: Journal.Run) async throws -> String? {
        if run.baseURL != client.baseURL { return "it was sending to \(run.baseURL), this upload goes to \(client.baseURL)" }
        guard run.plannedAt != nil, let planned = run.integrationId else { return nil }
        let current = try await client.integrations().first?.integrationId
        return current == planned ? nil : "its integration \(planned) is no longer Gong's" + (current.map { " (it now has \($0))" } ?? "")
    }

    struct Source {
        var export: Export
        var label: String
        var mapping: Mapping
    }

    func prepareAndSend(run: Int64, _ source: Source) async throws -> Result {
        let integrationId = try await integration()
        try journal.setIntegration(integrationId, run: run)
        try await syncSchema(source.mapping, integrationId: integrationId)
        let folder = runFolder(run)
        try? FileManager.default.removeItem(atPath: folder)
        let planned = try plan(integrationId: integrationId, source, stored: try storedHashes(integrationId: integrationId), into: folder)
        return try await recordAndSend(planned, run: run, integrationId: integrationId)
    }

    func runFolder(_ run: Int64) -> String { options.stateFolder + "/runs/\(run)" }

    /// Records a plan written into the run's folder in the journal, then sends it within the daily budget.
    func recordAndSend(_ planned: Planned, run: Int64, integrationId: Int64) async throws -> Result {
        let folder = runFolder(run)
        let nonce = try journal.run(run)?.nonce ?? Journal.mintNonce()
        let files = planned.files.enumerated().map { index, file in
            Journal.PlannedFile(path: folder + "/" + file.path, kind: file.kind.rawValue, objectType: file.objectType.rawValue, layer: file.layer,
                                records: file.records, bytes: file.bytes, sha256: file.sha256,
                                clientRequestId: Self.clientRequestId(nonce: nonce, run: run, file: index + 1, type: file.objectType.rawValue))
        }
        try journal.recordPlan(run: run, files: files, leftOut: planned.leftOut, runTimestamp: planned.runTimestamp,
                               stampedTypes: planned.stamped.map(\.rawValue).sorted(), at: Self.now())
        try journal.recordPendingReadCursors(planned.readCursors, run: run, mapping: options.mappingPath)
        onEvent(.note("Daily budget: \(try journal.callsInLastDay()) calls in the last 24 hours, about \(planned.calls) more for this run; gongmap keeps to \(options.callBudget)"))
        try checkBudget(needing: planned.calls)
        return try await send(run: run, integrationId: integrationId)
    }

    /// A run stopped by a signal (Ctrl-C, SIGTERM, a lost terminal) or by an error (the network
    /// gone after every retry) is marked interrupted; the next `gongmap upload` resumes it. A run
    /// killed outright stays `running` and resumes the same way. A refusal (a schema change that
    /// needs consent) ends the run: nothing was sent.
    func markingInterruption(of run: Int64, _ body: () async throws -> Result) async throws -> Result {
        do {
            return try await body()
        } catch let refusal as Refusal {
            try? journal.addEvent(run: run, kind: "refused", message: refusal.description, at: Self.now())
            try? journal.finishRun(run, state: .failed, summary: nil, at: Self.now())
            throw refusal
        } catch {
            try? journal.addEvent(run: run, kind: "interrupted", message: Task.isCancelled ? "stopped by a signal" : "\(error)", at: Self.now())
            try? journal.finishRun(run, state: .interrupted, summary: nil, at: Self.now())
            throw Task.isCancelled ? CancellationError() : error
        }
    }

    // MARK: Steps

    func integration() async throws -> Int64 {
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

    /// The schema plan of each entity that takes custom fields, against Gong's listing.
    func schemaPlans(_ mapping: Mapping, integrationId: Int64) async throws -> [(EntityType, SchemaPlan)] {
        var plans: [(EntityType, SchemaPlan)] = []
        for type in EntityType.uploadOrder where type.acceptsCustomFields {
            let remote = try await client.schema(for: type, integrationId: integrationId)
            let managed = try journal.managedFields(integrationId: integrationId, objectType: type.rawValue)
            plans.append((type, SchemaPlan(type: type, mapping: mapping.customFields[type] ?? [], remote: remote, managed: managed)))
        }
        return plans
    }

    /// Sends each entity's schema when it differs from Gong's. Removing or retyping a field
    /// gongmap registered deletes data in Gong, so it needs `allowSchemaChanges`; fields gongmap
    /// did not register are never removed or retyped.
    func syncSchema(_ mapping: Mapping, integrationId: Int64) async throws {
        let plans = try await schemaPlans(mapping, integrationId: integrationId)
        let conflicts = plans.flatMap(\.1.conflicts)
        if !conflicts.isEmpty { throw Refusal(description: conflicts.joined(separator: "\n")) }
        let losing = plans.filter { $0.1.losesData }
        if !losing.isEmpty && !options.allowSchemaChanges {
            let names = losing.map { "\($0.0.rawValue): \($0.1.summary)" }.joined(separator: "; ")
            throw Refusal(description: "the schema would lose data in Gong: \(names). Gong deletes a field's values when it is removed or retyped; pass --allow-schema-deletes to go ahead")
        }
        for (type, plan) in plans {
            if !plan.unmanaged.isEmpty {
                onEvent(.note("Schema of \(type.rawValue): \(plan.unmanagedSummary)"))
            }
            let fields = (mapping.customFields[type] ?? []).count
            guard plan.needsUpload else {
                if fields > 0 { onEvent(.schema(objectType: type.rawValue, uploaded: false, fields: fields)) }
                continue
            }
            try await client.uploadSchema(plan.request, for: type, integrationId: integrationId)
            let registered = plan.request.filter { plan.added.contains($0.uniqueName) || plan.retyped.contains($0.uniqueName) }.map { ($0.uniqueName, $0.type) }
            try journal.updateManagedFields(integrationId: integrationId, objectType: type.rawValue, registered: registered, removed: plan.removed, at: Self.now())
            onEvent(.schema(objectType: type.rawValue, uploaded: true, fields: fields))
        }
    }

    /// `gm-<the run's random part>-r<run>-f<file>-<TYPE>`: letters, digits and `-`, under 64
    /// characters; the random part makes it unique across journals, folders and machines.
    static func clientRequestId(nonce: String, run: Int64, file: Int, type: String) -> String {
        "gm-\(nonce)-r\(run)-f\(file)-\(type)"
    }

    func storedHashes(integrationId: Int64) throws -> StoredHashesLoader {
        try StoredHashesLoader(journal: journal, integrationId: integrationId)
    }

    struct Planned {
        var files: [PlanManifest.File]
        var leftOut: Int
        var records: Int
        /// Records Gong already has as they are.
        var unchanged: Int
        var calls: Int
        /// The run's time (`@now`) and the entities whose modifiedDate it is.
        var runTimestamp: String
        var stamped: Set<EntityType>
        /// Where the incremental files were read up to: the mapping's cursors once Gong answered every record.
        var readCursors: [Journal.ReadCursor]
    }

    /// Status checks counted per file in the estimate: with waits of 1, 2, 4 and 8 s they cover
    /// 15 s of processing.
    static let estimatedPollsPerFile = 5

    /// Writes the run's files into `folder` and reports the plan.
    func plan(integrationId: Int64, _ source: Source, stored: StoredHashesLoader, into folder: String) throws -> Planned {
        let writer = try PlanWriter(folder: folder, maxFileBytes: options.maxFileBytes)
        let context = ApplyContext.now(options: source.mapping.options)
        let stamped = Set(source.mapping.sources.filter { $0.field("modifiedDate")?.expression.source == .now }.map(\.entity))
        let sink = IncrementalSink(writer: writer, stored: stored, full: options.full, stamped: stamped, runTimestamp: context.runTimestamp.gongText)
        var reads: IncrementalReads
        do {
            let target = IncrementalReads.Target(integrationId: integrationId, baseURL: client.baseURL) { try !stored.table($0).isEmpty }
            reads = try IncrementalReads(source.mapping, export: source.export, target: target, stored: journal.readCursors(mapping: options.mappingPath),
                                         forceFull: options.full, at: Self.now())
        } catch {
            writer.abandon()
            throw error
        }
        reads.notes.forEach { onEvent(.note($0)) }
        let pipeline = RecordPipeline(export: source.export, mapping: source.mapping, mappingFile: options.mappingPath, context: context)
        pipeline.changedRowFiles = reads.changedRowFiles
        let report: ValidationReport
        do { report = try pipeline.run(sink: sink) { _ in } } catch {
            writer.abandon()
            throw Refusal(description: error.description)
        }
        var deleted = 0
        if source.mapping.options.deletions == .missing {
            if !reads.partialEntities.isEmpty {
                onEvent(.note("Deleted records of \(reads.partialEntities.map(\.rawValue).sorted().joined(separator: ", ")) are looked for when their files are read whole"))
            }
            for type in EntityType.uploadOrder where !reads.partialEntities.contains(type) {
                guard try !stored.table(type).isEmpty else { continue }
                for objectId in try journal.objectIds(integrationId: integrationId, objectType: type.rawValue).sorted() where !pipeline.sawObjectId(objectId, of: type) {
                    try writer.accept(GongRecord(type: type, fields: [("objectId", .string(objectId)), ("modifiedDate", .string(context.runTimestamp.gongText)), ("isDeleted", .boolean(true))]),
                                      origin: RecordOrigin(file: "(not in the export: deleted)", row: 0))
                    deleted += 1
                }
            }
        }
        reads.recordLeftOut(report, mapping: source.mapping)
        let manifest = try writer.finish(report: report, export: source.label, mapping: options.mappingPath, createdAt: Self.now())
        stored.waitUntilFinished()
        let files = manifest.files.filter { $0.kind != .schema && $0.records > 0 }
        let leftOut = report.entities.values.reduce(0) { $0 + $1.invalid } + reads.carriedLeftOut
        let totals = sink.counts.values.reduce((0, 0, 0)) { ($0.0 + $1.new, $0.1 + $1.changed, $0.2 + $1.unchanged) }
        let calls = files.count * (1 + Self.estimatedPollsPerFile)
        let history = files.filter { $0.kind == .history }.reduce(0) { $0 + $1.records }
        onEvent(.planned(new: totals.0, changed: totals.1, unchanged: totals.2, deleted: deleted, history: history, files: files.count, calls: calls,
                         seconds: Double(calls) / 3, dailyShare: Double(calls) / Double(options.dailyCalls)))
        if leftOut > 0 {
            onEvent(.note("\(leftOut) records have errors and are left out; see gongmap validate --mapping \(options.mappingPath)"))
        }
        return Planned(files: files, leftOut: leftOut, records: files.reduce(0) { $0 + $1.records }, unchanged: totals.2, calls: calls,
                       runTimestamp: context.runTimestamp.gongText, stamped: stamped, readCursors: reads.cursors)
    }
}
