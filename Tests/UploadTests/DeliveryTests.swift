import CRMExport
import Foundation
import GongClient
import GongCRM
import GongEmulator
import Mapping
import Testing
@testable import Upload

/// Success means the data is in Gong: the upload engine against an emulator on loopback, with a
/// real journal, in the situations where a loader can claim more than it delivered.
@Suite("Delivery you can trust", .serialized)
struct DeliveryTests {
    typealias Workspace = UploadEngineTests.Workspace
    typealias Events = UploadEngineTests.Events
    static let credentials = Credentials(accessKey: "demo-access-key", secret: "demo-secret")

    func emulator(_ configure: (inout EmulatorOptions) -> Void = { _ in }) async throws -> RunningEmulator {
        try await UploadEngineTests().emulator(configure)
    }

    func upload(_ workspace: Workspace, _ emulator: RunningEmulator, events: Events = Events(),
                configure: (inout UploadEngine.Options) -> Void = { _ in }) async throws -> UploadEngine.Result {
        try await UploadEngineTests.upload(workspace, emulator, events: events, configure: configure)
    }

    /// What Gong holds for one record, read back through `GET /v2/crm/entities`.
    func stored(_ objectId: String, _ type: EntityType, in emulator: RunningEmulator) async throws -> [String: JSONValue]? {
        let client = GongClient(baseURL: emulator.baseURL, credentials: Self.credentials, callsPerSecond: 100)
        defer { Task { try? await client.shutdown() } }
        let integration = try #require(try await client.integrations().first?.integrationId)
        return try await client.entities([objectId], type: type, integrationId: integration)[objectId] ?? nil
    }

    @Test func twoJournalsAgainstOneIntegrationBothDeliver() async throws {
        let server = try await emulator()
        defer { server.stop() }
        let first = try Workspace()
        _ = try await upload(first, server)
        // The same export from another folder (a new journal, run numbers from 1 again), one account renamed.
        let second = try Workspace()
        try second.edit("Account.csv") { $0.replacingOccurrences(of: "\"Bluefin Logistics\"", with: "\"Bluefin Logistics GmbH\"") }
        let result = try await upload(second, server)
        #expect(result.rejected == 0 && result.unconfirmed == 0)
        let ids = try #require(try first.journal.files(run: 1).map(\.clientRequestId)).sorted()
        let otherIds = try second.journal.files(run: 1).map(\.clientRequestId).sorted()
        #expect(Set(ids).isDisjoint(with: otherIds), "no two journals make the same clientRequestIds")
        #expect(try server.core.stats().uploadsAccepted == 18, "every file of both runs reached Gong as a new upload")
        let bluefin = try #require(try String(contentsOfFile: second.export + "/Account.csv", encoding: .utf8)
            .split(separator: "\n").first { $0.contains("Bluefin Logistics GmbH") })
        let objectId = String(bluefin.split(separator: ",")[0].dropFirst().dropLast())
        #expect(try await stored(objectId, .account, in: server)?["name"] == .string("Bluefin Logistics GmbH"))
    }

    @Test func aClientRequestIdThisJournalNeverSentIsNeverSuccess() async throws {
        let server = try await emulator()
        defer { server.stop() }
        let workspace = try Workspace()
        // Stop after the plan (the daily budget is too small to send it), so the ids are known and unsent.
        await #expect(throws: UploadEngine.Stop.self) {
            try await upload(workspace, server) { $0.dailyCalls = 20; $0.budgetShare = 1 }
        }
        let planned = try #require(try workspace.journal.files(run: 1).first)
        #expect(planned.state == .planned)
        #expect(planned.clientRequestId.hasPrefix("gm-") && planned.clientRequestId.hasSuffix("-r1-f1-BUSINESS_USER"))
        // Someone else uses that id first.
        let client = GongClient(baseURL: server.baseURL, credentials: Self.credentials, callsPerSecond: 100)
        defer { Task { try? await client.shutdown() } }
        let integration = try #require(try await client.integrations().first?.integrationId)
        let intruder = NSTemporaryDirectory() + "gongmap-intruder-\(UUID().uuidString).ldjson"
        try Data(#"{"objectId":"intruder-1","modifiedDate":"2024-03-01T10:00:00Z","emailAddress":"intruder@acme.example"}"#.utf8 + [10])
            .write(to: URL(fileURLWithPath: intruder))
        defer { try? FileManager.default.removeItem(atPath: intruder) }
        #expect(try await client.uploadEntities(file: intruder, type: .businessUser, integrationId: integration, clientRequestId: planned.clientRequestId) == .accepted)

        let stop = await #expect(throws: UploadEngine.Stop.self) { try await upload(workspace, server) }
        #expect(stop?.description.contains(planned.clientRequestId) == true, "the error names the id")
        let renamed = try #require(try workspace.journal.files(run: 1).first)
        #expect(renamed.clientRequestId != planned.clientRequestId && renamed.state == .planned)
        #expect(try workspace.journal.contentHashes(integrationId: integration, objectType: "BUSINESS_USER").isEmpty, "nothing is remembered as accepted")

        let resumed = try await upload(workspace, server)
        #expect(resumed.run == 1 && resumed.rejected == 0)
        #expect(try server.core.stats().records["BUSINESS_USER"] == 11 + 1, "the sample's users and the intruder")
    }

    @Test func aRunStoppedBeforeItsPlanIsPlannedAgainAndDelivers() async throws {
        let data = NSTemporaryDirectory() + "gongmap-emulator-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: data) }
        func start(_ withoutScopes: Set<String>, port: Int = 0) async throws -> RunningEmulator {
            var options = EmulatorOptions()
            options.rateLimited = false
            options.pendingSeconds = 0.01
            options.processingSeconds = 0.01
            options.withoutScopes = withoutScopes
            return try await RunningEmulator.start(core: EmulatorCore(options: options, dataDirectory: data), port: port)
        }
        let workspace = try Workspace()
        let denied = try await start(["api:crm:schema"])
        let error = await #expect(throws: GongClientError.self) { try await upload(workspace, denied) }
        denied.stop()
        #expect(error?.isAuthorization == true)
        #expect(error?.description.contains("You don't have permission to use 'api:crm:schema' in your app.") == true)
        let stopped = try #require(try workspace.journal.unfinishedRuns().first)
        #expect(stopped.plannedAt == nil)
        #expect(try workspace.journal.files(run: stopped.id).isEmpty)

        // The same Gong once the scope is granted, on the same port (released a moment after stop).
        let port = Int(denied.baseURL.split(separator: ":").last!)!
        var restarted: RunningEmulator?
        for attempt in 0..<40 where restarted == nil {
            do { restarted = try await start([], port: port) } catch where attempt < 39 { try await Task.sleep(for: .milliseconds(50)) }
        }
        let server = try #require(restarted)
        defer { server.stop() }
        let events = Events()
        let resumed = try await upload(workspace, server, events: events)
        #expect(resumed.run == stopped.id)
        #expect(events.notes.contains { $0.contains("stopped before its plan was complete") })
        #expect(resumed.accepted == 593 && resumed.leftOut == 5)
        #expect(try server.core.stats().records == UploadEngineTests.sampleCounts)
        #expect(try workspace.journal.unfinishedRuns().isEmpty)
    }

    @Test func fieldsGongmapDidNotRegisterAreNeverDeleted() async throws {
        let server = try await emulator { options in
            options.initialSchema = [.account: [GongAPI.SchemaField(uniqueName: "healthScore", label: "Health score", type: "NUMBER"),
                                                GongAPI.SchemaField(uniqueName: "oldTier", label: "Old tier", type: "STRING", isDeleted: true)]]
        }
        defer { server.stop() }
        let workspace = try Workspace()
        let events = Events()
        _ = try await upload(workspace, server, events: events) { $0.allowSchemaChanges = true }
        #expect(events.notes.contains("Schema of ACCOUNT: healthScore is not managed by this mapping and is left as it is"))
        func listed() async throws -> [String: Bool] {
            let client = GongClient(baseURL: server.baseURL, credentials: Self.credentials, callsPerSecond: 100)
            defer { Task { try? await client.shutdown() } }
            let integration = try #require(try await client.integrations().first?.integrationId)
            return Dictionary(try await client.schema(for: .account, integrationId: integration).map { ($0.uniqueName, $0.isDeleted == true) }) { $1 }
        }
        var fields = try await listed()
        #expect(fields["healthScore"] == false, "a field another tool registered stays, even with --allow-schema-deletes")
        #expect(fields["description"] == false)

        // The mapping drops a field gongmap registered: that one goes (with consent), the foreign one stays.
        try workspace.editMapping { yaml in
            yaml.replacingOccurrences(of: "    - uniqueName: description\n      label: Description\n      type: STRING\n", with: "")
                .split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix("      description: Description") }.joined(separator: "\n")
        }
        await #expect(throws: UploadEngine.Refusal.self) { try await upload(workspace, server) }
        let rehearsal = await #expect(throws: UploadEngine.Refusal.self, "a rehearsal refuses as the upload would") {
            try await upload(workspace, server) { $0.dryRun = true }
        }
        #expect(rehearsal?.description.contains("--allow-schema-deletes") == true)
        _ = try await upload(workspace, server) { $0.allowSchemaChanges = true }
        fields = try await listed()
        #expect(fields["description"] == true, "gongmap's own field is removed")
        #expect(fields["healthScore"] == false)
    }

    @Test func aFieldOfAnotherToolWithTheMappingsNameButAnotherTypeStopsTheUpload() async throws {
        let server = try await emulator { $0.initialSchema = [.account: [GongAPI.SchemaField(uniqueName: "description", label: "Notes", type: "NUMBER")]] }
        defer { server.stop() }
        let refusal = await #expect(throws: UploadEngine.Refusal.self) { try await upload(try Workspace(), server) { $0.allowSchemaChanges = true } }
        #expect(refusal?.description.contains("that gongmap did not register") == true)
        #expect(try server.core.stats().uploadsAccepted == 0)
    }

    @Test func pollingBacksOffWithinAStatedNumberOfCalls() async throws {
        // Ten minutes of PENDING with waits of 1 s doubling to 60 s is at most 17 status checks;
        // here time runs 200 times faster: 3 s of processing, waits of 5 ms doubling to 0.3 s.
        let server = try await emulator { $0.pendingSeconds = 3; $0.processingSeconds = 0 }
        defer { server.stop() }
        let workspace = try StageWorkspace()
        let events = Events()
        let result = try await UploadEngineTests.upload(workspace.base, server, events: events) { $0.pollSeconds = 0.005; $0.maxPollSeconds = 0.3 }
        #expect(result.accepted == 2)
        let checks = events.calls("GET /request-status")
        #expect(checks <= 17, "\(checks) status checks")
        #expect(checks >= 8, "it did poll until the file was processed")
        #expect(try workspace.base.journal.calls(endpoint: "GET /request-status", since: 0) == checks, "every call is in the journal")
    }

    @Test func theDailyBudgetStopsARunBeforeItSendsAndItResumesLater() async throws {
        let server = try await emulator()
        defer { server.stop() }
        let workspace = try Workspace()
        let journal = try workspace.journal
        let dayAgo = Date().timeIntervalSince1970 - 86_000
        for _ in 0..<4_990 { try journal.recordCall(endpoint: "GET /request-status", status: 200, at: dayAgo) }
        let stop = await #expect(throws: UploadEngine.Stop.self) { try await upload(workspace, server) }
        #expect(stop?.description.contains("daily call budget") == true)
        #expect(try server.core.stats().uploadsAccepted == 0, "nothing was sent")
        // With room in the budget (here a larger share; in time, as the calls age out) the planned run goes on.
        let later = try await upload(workspace, server) { $0.budgetShare = 1 }
        #expect(later.run == 1 && later.accepted == 593)
    }

    @Test func anotherUploadOfTheSameJournalIsRefusedNotInterleaved() async throws {
        let server = try await emulator()
        defer { server.stop() }
        let workspace = try Workspace()
        let held = try UploadLock(folder: workspace.folder + "/.gongmap")
        let stop = await #expect(throws: UploadEngine.Stop.self) { try await upload(workspace, server) }
        #expect(stop?.description.contains("another gongmap is uploading through this journal (process \(ProcessInfo.processInfo.processIdentifier))") == true)
        withExtendedLifetime(held) {}
        #expect(try workspace.journal.runs().isEmpty)
    }

    @Test func sentFilesAreDroppedOnceGongHasThemAndTheResultsStay() async throws {
        let server = try await emulator()
        defer { server.stop() }
        let workspace = try Workspace()
        func payloads(_ run: Int) throws -> [String] {
            try FileManager.default.contentsOfDirectory(atPath: workspace.folder + "/.gongmap/runs/\(run)")
                .filter { $0.hasSuffix(".ldjson") || $0.hasSuffix(".origins") }.sorted()
        }
        _ = try await upload(workspace, server)
        #expect(try payloads(1).isEmpty)
        let kept = try FileManager.default.contentsOfDirectory(atPath: workspace.folder + "/.gongmap/runs/1")
        #expect(Set(["success.csv", "errors.csv", "summary.json", "manifest.json"]).isSubset(of: kept))
        #expect(try String(contentsOfFile: workspace.folder + "/.gongmap/runs/1/success.csv", encoding: .utf8).split(separator: "\n").count == 1 + 593)

        try workspace.edit("Contact.csv") { Workspace.replace("\"Buyer\"", with: "\"Head Buyer\"", count: 1, in: $0) }
        _ = try await upload(workspace, server) { $0.keepPayloadRuns = 1 }
        #expect(try payloads(2) == ["04-CONTACT-001.ldjson", "04-CONTACT-001.ldjson.origins"])
        #expect(!FileManager.default.fileExists(atPath: workspace.folder + "/.gongmap/runs/1/success.csv"))
        #expect(try RunFileRetentionTests.gunzip(workspace.folder + "/.gongmap/runs/1/success.csv.gz").split(separator: "\n").count == 1 + 593,
                "an earlier run's results are gzipped, whole")
        #expect(FileManager.default.fileExists(atPath: workspace.folder + "/.gongmap/runs/2/success.csv"), "the latest run's stay as they are")
        try workspace.edit("Contact.csv") { Workspace.replace("\"Buyer\"", with: "\"Chief Buyer\"", count: 1, in: $0) }
        _ = try await upload(workspace, server) { $0.keepPayloadRuns = 1 }
        #expect(try payloads(3).count == 2)
        #expect(try payloads(2).isEmpty, "only the last run's files are kept")
    }

    @Test func aRunLeftByAProcessWhoseIdWasReusedIsResumedNotRefused() async throws {
        let server = try await emulator()
        defer { server.stop() }
        let workspace = try Workspace()
        let journal = try workspace.journal
        let run = try journal.startRun(mapping: workspace.mappingPath, export: workspace.export, baseURL: server.baseURL, at: "2024-03-01T10:00:00Z")
        // Killed outright; its process id now belongs to a live process (init).
        try await journal.pool.write { db in try db.execute(sql: "UPDATE run SET processId = 1 WHERE id = ?", arguments: [run]) }
        let resumed = try await upload(workspace, server)
        #expect(resumed.run == run && resumed.accepted == 593)
    }

    @Test func aStatusGongmapDoesNotKnowStopsTheRunAfterABoundedWait() async throws {
        let server = try await emulator { $0.pendingSeconds = 60; $0.unprocessedStatus = "QUEUED_FOR_REVIEW" }
        defer { server.stop() }
        let workspace = try StageWorkspace()
        let events = Events()
        let stop = await #expect(throws: UploadEngine.Stop.self) {
            try await UploadEngineTests.upload(workspace.base, server, events: events) { $0.pollSeconds = 0.01; $0.maxPollSeconds = 0.05; $0.unknownStatusSeconds = 0.5 }
        }
        #expect(stop?.description.contains("status QUEUED_FOR_REVIEW") == true)
        #expect(events.calls("GET /request-status") < 20, "a bounded number of checks, not a spin")
        #expect(try workspace.base.journal.unfinishedRuns().count == 1, "the run resumes next time")
    }

    @Test func aRunStoppedAgainstOneGongIsNotResumedAgainstAnother() async throws {
        let rehearsal = try await emulator()
        let workspace = try Workspace()
        // A rehearsal against the emulator stops after its plan (the budget is too small to send it).
        await #expect(throws: UploadEngine.Stop.self) { try await upload(workspace, rehearsal) { $0.dailyCalls = 20; $0.budgetShare = 1 } }
        rehearsal.stop()
        let production = try await emulator()
        defer { production.stop() }
        let events = Events()
        let result = try await upload(workspace, production, events: events)
        #expect(result.run == 2 && result.accepted == 593)
        #expect(events.notes.contains { $0.hasPrefix("Run 1 is closed without resuming: it was sending to \(rehearsal.baseURL)") })
        #expect(try workspace.journal.run(1)?.state == .failed)
        #expect(try production.core.stats().records == UploadEngineTests.sampleCounts)
    }

    /// Stages stamped `@now` (the CRM keeps no time for them) are sent when they change, not on every run.
    @Test func recordsStampedWithTheRunsTimeAreSentOnlyWhenTheyChange() async throws {
        let server = try await emulator()
        defer { server.stop() }
        let workspace = try StageWorkspace()
        try workspace.base.editMapping { $0 + "\n      modifiedDate: \"@now\"\n" }
        _ = try await UploadEngineTests.upload(workspace.base, server)
        try await Task.sleep(nanoseconds: 1_100_000_000)
        let quiet = Events()
        let second = try await UploadEngineTests.upload(workspace.base, server, events: quiet)
        #expect(quiet.planned?.unchanged == 2 && quiet.planned?.files == 0, "a new time alone is no change")
        #expect(second.accepted == 0)
        try "Id,Name\nqualify,Qualify\nclose,Closing\n".write(toFile: workspace.base.folder + "/stages/stages.csv", atomically: true, encoding: .utf8)
        try await Task.sleep(nanoseconds: 1_100_000_000)
        let changed = Events()
        _ = try await UploadEngineTests.upload(workspace.base, server, events: changed)
        #expect(changed.planned?.changed == 1 && changed.planned?.unchanged == 1)
    }
}

/// A one-file export: two stages.
struct StageWorkspace {
    let base: UploadEngineTests.Workspace

    init() throws {
        base = try UploadEngineTests.Workspace { _ in
            """
            gongmap: 1
            export: stages
            entities:
              - entity: STAGE
                file: stages.csv
                fields:
                  objectId: Id
                  name: Name
            """
        }
        try FileManager.default.createDirectory(atPath: base.folder + "/stages", withIntermediateDirectories: true)
        try "Id,Name\nqualify,Qualify\nclose,Close\n".write(toFile: base.folder + "/stages/stages.csv", atomically: true, encoding: .utf8)
    }
}
