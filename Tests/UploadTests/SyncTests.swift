import CRMExport
import Foundation
import GongClient
import GongEmulator
import Mapping
import Testing
@testable import Upload

/// `gongmap sync` against an emulator on loopback with a real journal: cycles with changes between
/// them deliver each change exactly once, a quiet cycle makes no call, one sync and one upload at
/// a time, failures back off, and a stopped cycle's run resumes with the next.
@Suite("Sync", .serialized)
struct SyncTests {
    typealias Workspace = UploadEngineTests.Workspace
    typealias Events = UploadEngineTests.Events

    func service(_ workspace: Workspace, _ server: RunningEmulator, events: Events = Events(), every: TimeInterval? = 0.05,
                 baseURL: String? = nil) throws -> SyncService {
        try service(workspace, baseURL: baseURL ?? server.baseURL, events: events, every: every)
    }

    /// A sync whose client is shut down once the test is done with it (the HTTP library insists).
    func service(_ workspace: Workspace, baseURL: String, events: Events, every: TimeInterval?) throws -> SyncService {
        var options = UploadEngine.Options(mappingPath: workspace.mappingPath)
        options.pollSeconds = 0.02
        options.maxPollSeconds = 0.1
        let journal = try Journal(path: options.stateFolder + "/journal.sqlite")
        let client = GongClient(baseURL: baseURL, credentials: Credentials(accessKey: "demo-access-key", secret: "demo-secret"), callsPerSecond: 200) { event in
            journal.record(event)
            events.add(event)
        }
        let engine = UploadEngine(client: client, journal: journal, options: options) { events.add($0) }
        do {
            return try SyncService(engine: engine, journal: journal, schedule: SyncSchedule(every: every)) {
                let mapping = try Mapping.read(path: workspace.mappingPath)
                return SyncService.Source(export: try Export.open([workspace.export]), label: workspace.export, mapping: mapping)
            }
        } catch {
            Task { try? await client.shutdown() }
            throw error
        }
    }

    static func cycle(_ report: SyncService.Report) throws -> Journal.Cycle {
        guard case .cycle(let cycle, _) = report else { throw Unexpected(report: "\(report)") }
        return cycle
    }

    struct Unexpected: Error { var report: String }

    @Test func threeCyclesWithChangesDeliverEachChangeExactlyOnce() async throws {
        let workspace = try Workspace()
        let server = try await UploadEngineTests().emulator()
        defer { server.stop() }
        let sync = try service(workspace, server)
        defer { Task { await sync.shutdown() } }

        let first = try Self.cycle(await sync.runCycle())
        #expect(first.outcome == .incomplete && first.sent == 593 && first.leftOut == 5 && first.runId == 1)
        #expect(try server.core.stats().records == UploadEngineTests.sampleCounts)

        try workspace.edit("Contact.csv") { Workspace.replace("\"Buyer\"", with: "\"Head Buyer\"", count: 3, in: $0) }
        let second = try Self.cycle(await sync.runCycle())
        #expect(second.outcome == .incomplete && second.sent == 3 && second.runId == 2)
        #expect(second.calls > 0 && second.calls <= 8, "integration, schema listings, one upload and its status checks: \(second.calls)")

        try workspace.edit("Account.csv") { $0.replacingOccurrences(of: "\"Bluefin Logistics\"", with: "\"Bluefin Logistics GmbH\"") }
        try workspace.edit("Contact.csv") { Workspace.replace("\"Head Buyer\"", with: "\"Chief Buyer\"", count: 1, in: $0) }
        let third = try Self.cycle(await sync.runCycle())
        #expect(third.sent == 2 && third.runId == 3)

        let requestsBefore = try server.core.stats().requestsReceived
        let quiet = try Self.cycle(await sync.runCycle())
        #expect(quiet.outcome == .unchanged && quiet.sent == 0 && quiet.runId == nil)
        #expect(quiet.calls == 0)
        #expect(try server.core.stats().requestsReceived == requestsBefore, "a cycle that finds nothing changed makes no call")
        #expect(try workspace.journal.runs().count == 3, "and starts no run")

        let stats = try server.core.stats()
        #expect(stats.linesProcessed["CONTACT"] == 199 + 3 + 1, "each changed contact sent once, nothing twice")
        #expect(stats.linesProcessed["ACCOUNT"] == 79 + 1)
        #expect(stats.linesProcessed["BUSINESS_USER"] == 11 && stats.linesProcessed["STAGE"] == 8, "derived and unchanged records are not sent again")
        #expect(stats.records == UploadEngineTests.sampleCounts)
        #expect(try workspace.journal.cycles(mapping: workspace.mappingPath).map(\.id) == [4, 3, 2, 1])
        #expect(try workspace.journal.consecutiveFailures(mapping: workspace.mappingPath) == 0)
    }

    @Test func oneSyncPerJournalAndACycleWaitsForAnUploadInProgress() async throws {
        let workspace = try Workspace()
        let server = try await UploadEngineTests().emulator()
        defer { server.stop() }
        let sync = try service(workspace, server)
        defer { Task { await sync.shutdown() } }
        let second = #expect(throws: UploadLock.Busy.self) { try service(workspace, server) }
        #expect(second?.kind == .sync)
        #expect(second?.description.contains("a gongmap sync already runs for this journal (process \(ProcessInfo.processInfo.processIdentifier))") == true)

        let upload = try UploadLock(folder: workspace.folder + "/.gongmap")
        let busy = try Self.cycle(await sync.runCycle())
        #expect(busy.outcome == .busy && busy.message.contains("another gongmap is uploading"))
        #expect(try server.core.stats().requestsReceived == 0)
        #expect(try workspace.journal.runs().isEmpty)
        #expect(try workspace.journal.consecutiveFailures(mapping: workspace.mappingPath) == 0, "a busy journal is not a failure")
        withExtendedLifetime(upload) {}
        #expect(UploadLock.holder(in: workspace.folder + "/.gongmap", kind: .sync) == "process \(ProcessInfo.processInfo.processIdentifier)")
        withExtendedLifetime(sync) {}
    }

    @Test func aFailedCycleMakesTheNextWaitTwiceAsLong() async throws {
        let workspace = try Workspace()
        let server = try await UploadEngineTests().emulator()
        defer { server.stop() }
        // Nothing listens on this port: every call fails to connect.
        let unreachable = try service(workspace, server, every: 60, baseURL: "http://127.0.0.1:9")
        defer { Task { await unreachable.shutdown() } }
        let failed = try Self.cycle(await unreachable.runCycle())
        #expect(failed.outcome == .failed)
        #expect(try workspace.journal.consecutiveFailures(mapping: workspace.mappingPath) == 1)
        let wait = try #require(failed.nextAt) - failed.startedAt
        #expect(abs(wait - 120) < 1, "after one failure the next cycle waits twice the interval: \(wait)")
        guard case .waiting(_, let failures) = await unreachable.runCycleIfDue() else {
            Issue.record("a cycle due later does not run")
            return
        }
        #expect(failures == 1)
        #expect(try workspace.journal.cycles(mapping: workspace.mappingPath).count == 1, "waiting is not a cycle")
        #expect(try workspace.journal.unfinishedRuns().count == 1, "the run it started is kept to resume")
    }

    @Test func aCycleStoppedMidUploadResumesItsRunWithTheNextCycle() async throws {
        let workspace = try Workspace()
        let server = try await UploadEngineTests().emulator()
        defer { server.stop() }
        let events = Events()
        let sync = try service(workspace, server, events: events)
        defer { Task { await sync.shutdown() } }
        let stopped = Task { await sync.runCycle() }
        events.onReceived = { file in if file.contains("CONTACT") { stopped.cancel() } }
        let interrupted = try Self.cycle(await stopped.value)
        #expect(interrupted.outcome == .interrupted)
        #expect(try workspace.journal.consecutiveFailures(mapping: workspace.mappingPath) == 0, "a signal is not a failure")
        events.onReceived = nil

        let resumed = try Self.cycle(await sync.runCycle())
        #expect(resumed.runId == interrupted.runId ?? 1, "the same run goes on")
        let stats = try server.core.stats()
        #expect(stats.linesProcessed["CONTACT"] == 199 && stats.linesProcessed["ACCOUNT"] == 79, "nothing sent twice")
        #expect(stats.records == UploadEngineTests.sampleCounts, "nothing lost")
    }

    @Test func theServiceRunsCyclesUntilCancelled() async throws {
        let workspace = try Workspace()
        let server = try await UploadEngineTests().emulator()
        defer { server.stop() }
        let sync = try service(workspace, server, every: 0.05)
        defer { Task { await sync.shutdown() } }
        let running = Task { await sync.run { _ in } }
        for _ in 0..<400 where (try workspace.journal.cycles(mapping: workspace.mappingPath).count) < 3 {
            try await Task.sleep(nanoseconds: 20_000_000)
        }
        running.cancel()
        await running.value
        let cycles = try workspace.journal.cycles(mapping: workspace.mappingPath)
        #expect(cycles.count >= 3)
        #expect(!cycles.contains { $0.outcome == .running }, "no cycle is left running")
        #expect(cycles.dropLast().allSatisfy { $0.outcome == .unchanged || $0.outcome == .interrupted })
    }

    @Test func schedulesAndIntervals() {
        #expect(SyncSchedule.parseInterval("5m") == 300)
        #expect(SyncSchedule.parseInterval("90s") == 90)
        #expect(SyncSchedule.parseInterval("1h30m") == 5400)
        #expect(SyncSchedule.parseInterval("45") == 45)
        #expect(SyncSchedule.parseInterval("5 minutes") == nil)
        #expect(SyncSchedule.parseInterval("0m") == nil)
        #expect(SyncSchedule.label(5400) == "1h30m" && SyncSchedule.label(300) == "5m" && SyncSchedule.label(90) == "1m30s")
        let schedule = SyncSchedule(every: 300)
        #expect((0...5).map { schedule.delay(afterFailures: $0) } == [300, 600, 1200, 2400, 3600, 3600])
        #expect(SyncSchedule(every: 7200).delay(afterFailures: 3) == 7200, "never shorter than the interval")
        #expect(SyncSchedule(every: nil).delay(afterFailures: 1) == 600, "a timer's cycles back off from Gong's recommended 5 minutes")
    }
}
