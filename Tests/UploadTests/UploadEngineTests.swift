import CRMExport
import Foundation
import GongClient
import GongCRM
import GongEmulator
import Mapping
import Testing
import Upload

/// The sample uploaded to an emulator on loopback, as `gongmap upload` does it.
@Suite("Upload engine", .serialized)
struct UploadEngineTests {
    final class Workspace: @unchecked Sendable {
        let folder = NSTemporaryDirectory() + "gongmap-upload-" + UUID().uuidString
        var mappingPath: String { folder + "/m.yaml" }
        var export: String { folder + "/salesforce-small" }

        init(deletions: Bool = false, mapping change: (String) -> String = { $0 }) throws {
            let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try FileManager.default.copyItem(atPath: root.appendingPathComponent("Samples/salesforce-small").path, toPath: export)
            var yaml = try String(contentsOfFile: root.appendingPathComponent("Samples/salesforce-small.mapping.yaml").path, encoding: .utf8)
            if deletions { yaml = yaml.replacingOccurrences(of: "  deletions: none", with: "  deletions: missing") }
            try change(yaml).write(toFile: mappingPath, atomically: true, encoding: .utf8)
        }

        /// Rewrites the mapping file.
        func editMapping(_ change: (String) -> String) throws {
            try change(try String(contentsOfFile: mappingPath, encoding: .utf8)).write(toFile: mappingPath, atomically: true, encoding: .utf8)
        }

        var journal: Journal { get throws { try Journal(path: folder + "/.gongmap/journal.sqlite") } }

        deinit { try? FileManager.default.removeItem(atPath: folder) }

        /// Rewrites the text of a file of the export.
        func edit(_ file: String, _ change: (String) -> String) throws {
            let path = export + "/" + file
            try change(try String(contentsOfFile: path, encoding: .utf8)).write(toFile: path, atomically: true, encoding: .utf8)
        }

        /// Replaces the first `count` occurrences of `text`.
        static func replace(_ text: String, with replacement: String, count: Int, in content: String) -> String {
            var result = content
            for _ in 0..<count {
                guard let range = result.range(of: text) else { break }
                result.replaceSubrange(range, with: replacement)
            }
            return result
        }
    }

    final class Events: @unchecked Sendable {
        private let lock = NSLock()
        private var list: [UploadEvent] = []
        private var calls: [String] = []
        func add(_ event: ClientEvent) {
            guard case .called(let endpoint, _) = event else { return }
            lock.lock(); calls.append(endpoint); lock.unlock()
        }
        /// Calls made to `endpoint`, e.g. `GET /request-status`.
        func calls(_ endpoint: String) -> Int { lock.lock(); defer { lock.unlock() }; return calls.filter { $0 == endpoint }.count }
        var notes: [String] {
            lock.lock(); defer { lock.unlock() }
            return list.compactMap { if case .note(let text) = $0 { text } else { nil } }
        }
        var onReceived: ((String) -> Void)?
        func add(_ event: UploadEvent) {
            lock.lock(); list.append(event); lock.unlock()
            if case .received(let file, _, _) = event { onReceived?(file) }
        }
        var planned: (new: Int, changed: Int, unchanged: Int, deleted: Int, files: Int)? {
            lock.lock(); defer { lock.unlock() }
            for case .planned(let new, let changed, let unchanged, let deleted, _, let files, _, _, _) in list { return (new, changed, unchanged, deleted, files) }
            return nil
        }
    }

    static func upload(_ workspace: Workspace, _ emulator: RunningEmulator, events: Events = Events(),
                       configure: (inout UploadEngine.Options) -> Void = { _ in }) async throws -> UploadEngine.Result {
        let mapping = try Mapping.read(path: workspace.mappingPath)
        return try await upload(mappingPath: workspace.mappingPath, export: workspace.folder + "/" + (mapping.export ?? "salesforce-small"), emulator,
                                label: workspace.export, events: events, configure: configure)
    }

    static func upload(mappingPath: String, export exportPath: String, _ emulator: RunningEmulator, label: String? = nil, events: Events = Events(),
                       configure: (inout UploadEngine.Options) -> Void = { _ in }) async throws -> UploadEngine.Result {
        let mapping = try Mapping.read(path: mappingPath)
        let export = try Export.open([exportPath])
        var options = UploadEngine.Options(mappingPath: mappingPath)
        options.pollSeconds = 0.02
        options.maxPollSeconds = 0.1
        configure(&options)
        let journal = try Journal(path: options.stateFolder + "/journal.sqlite")
        let client = GongClient(baseURL: emulator.baseURL, credentials: Credentials(accessKey: "demo-access-key", secret: "demo-secret"), callsPerSecond: 200) { event in
            journal.record(event)
            events.add(event)
        }
        defer { Task { try? await client.shutdown() } }
        let engine = UploadEngine(client: client, journal: journal, options: options) { events.add($0) }
        return try await engine.run(export: export, exportLabel: label ?? exportPath, mapping: mapping)
    }

    func emulator(_ configure: (inout EmulatorOptions) -> Void = { _ in }) async throws -> RunningEmulator {
        var options = EmulatorOptions()
        options.rateLimited = false
        options.pendingSeconds = 0.01
        options.processingSeconds = 0.01
        configure(&options)
        return try await RunningEmulator.start(core: EmulatorCore(options: options))
    }

    static let sampleCounts = ["BUSINESS_USER": 11, "STAGE": 8, "ACCOUNT": 79, "CONTACT": 199, "DEAL": 118, "LEAD": 60]

    @Test func fullThenNothingThenExactlyTheChangedRows() async throws {
        let workspace = try Workspace()
        let server = try await emulator()
        defer { server.stop() }
        let first = try await Self.upload(workspace, server)
        #expect(first.outcome == .incomplete, "validation leaves 5 records out")
        #expect(first.leftOut == 5 && first.rejected == 0 && first.unconfirmed == 0)
        #expect((try server.core.stats()).records == Self.sampleCounts)

        let quiet = Events()
        let second = try await Self.upload(workspace, server, events: quiet)
        #expect(second.accepted == 0)
        #expect(quiet.planned?.files == 0)
        #expect(quiet.planned?.unchanged == 475)

        try workspace.edit("Contact.csv") { Workspace.replace("\"Buyer\"", with: "\"Head Buyer\"", count: 3, in: $0) }
        let changed = Events()
        let third = try await Self.upload(workspace, server, events: changed)
        #expect(changed.planned?.changed == 3)
        #expect(changed.planned?.new == 0)
        #expect(third.accepted == 3)
        #expect((try server.core.stats()).uploadsAccepted == 9 + 1)
    }

    @Test func successAndErrorFilesNameTheSourceRows() async throws {
        // Told to send '_' in ids, gongmap warns and sends them; the emulator, strict like Gong's rule, rejects the line.
        let workspace = try Workspace { $0.replacingOccurrences(of: "objectIdPunctuation: error", with: "objectIdPunctuation: warning") }
        let server = try await emulator()
        defer { server.stop() }
        var rejectedId = ""
        try workspace.edit("Contact.csv") { text in
            let idStart = text.index(after: text.range(of: "\"0035")!.lowerBound)
            let id = String(text[idStart..<text.index(idStart, offsetBy: 18)])
            rejectedId = "0035_" + id.dropFirst(4)
            return text.replacingOccurrences(of: id, with: rejectedId)
        }
        let result = try await Self.upload(workspace, server)
        #expect(result.outcome == .rejected)
        #expect(result.rejected == 1)
        let folder = workspace.folder + "/.gongmap/runs/\(result.run)"
        let errors = try String(contentsOfFile: folder + "/errors.csv", encoding: .utf8).split(separator: "\n")
        #expect(errors.count == 2)
        #expect(errors[1].hasPrefix("Contact.csv,1,\(rejectedId),CONTACT,rejected,\"line 1: "))
        let successes = try String(contentsOfFile: folder + "/success.csv", encoding: .utf8).split(separator: "\n")
        let sentRecords = 475 + 118
        #expect(successes.count == sentRecords, "a header, then every record and history version sent but the rejected one")
        #expect(successes.contains { $0.hasPrefix("Account.csv,1,") && $0.hasSuffix(",ACCOUNT,accepted,") })
        let summary = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder + "/summary.json"))) as? [String: Any]
        #expect(summary?["rejected"] as? Int == 1)
        // The rejected record is not remembered: the next run sends it again, and only it.
        let events = Events()
        _ = try await Self.upload(workspace, server, events: events)
        #expect(events.planned?.new == 1)
        #expect(events.planned?.changed == 0)
    }

    @Test func recordsGoneFromTheExportAreDeleted() async throws {
        let workspace = try Workspace(deletions: true)
        let server = try await emulator()
        defer { server.stop() }
        _ = try await Self.upload(workspace, server)
        try workspace.edit("Lead.csv") { text in
            var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            lines.removeSubrange(5...6)
            return lines.joined(separator: "\n")
        }
        let events = Events()
        let result = try await Self.upload(workspace, server, events: events)
        #expect(events.planned?.deleted == 2)
        #expect(result.accepted == 2)
        #expect((try server.core.stats()).records["LEAD"] == 58)
        let again = Events()
        _ = try await Self.upload(workspace, server, events: again)
        #expect(again.planned?.deleted == 0, "a deletion Gong accepted is not sent again")
    }

    @Test func aSnapshotOfTheStoredHashesMissesNoChangeNorDeletion() async throws {
        let workspace = try Workspace(deletions: true)
        let generated: String = (0..<12_000).map { (index: Int) -> String in
            let id = "0035e000X" + String(repeating: "0", count: 9 - String(index).count) + String(index)
            return "\"\(id)\",\"0015e000wcJU4yDLWG\",\"Ana\",\"Gen\(index)\",\"Ms.\",\"Analyst\",\"gen\(index)@gen.example\",\"+44 20 7946 0000\",\"\",\"1 Road\",\"Paris\",\"France\",\"Web\",\"0055e000xvGjuTYBWD\",\"2023-01-01T00:00:00.000Z\",\"2023-09-08T00:00:00.000Z\"\n"
        }.joined()
        try workspace.edit("Contact.csv") { (text: String) -> String in (text.hasSuffix("\n") ? text : text + "\n") + generated }
        let server = try await emulator()
        defer { server.stop() }
        _ = try await Self.upload(workspace, server)
        let quiet = Events()
        _ = try await Self.upload(workspace, server, events: quiet)
        #expect(quiet.planned?.files == 0)
        let integration = try #require(try workspace.journal.runs().first?.integrationId)
        let snapshots = try FileManager.default.contentsOfDirectory(atPath: workspace.folder + "/.gongmap/hashes")
        #expect(snapshots.count == 1 && snapshots[0].hasPrefix("\(integration)-CONTACT-"), "only CONTACT has enough records for a snapshot")

        try workspace.edit("Contact.csv") { text in
            let edited = Workspace.replace("\"Analyst\"", with: "\"Lead Analyst\"", count: 3, in: text)
            return edited.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix("\"0035e000X000000100\"") && !$0.hasPrefix("\"0035e000X000011999\"") }.joined(separator: "\n")
        }
        let changed = Events()
        let result = try await Self.upload(workspace, server, events: changed)
        #expect(changed.planned?.changed == 3 && changed.planned?.deleted == 2 && changed.planned?.new == 0)
        #expect(result.accepted == 5)
        #expect(try workspace.journal.readStoredHashes(integrationId: integration, objectType: "CONTACT").origin == .snapshot(changes: 5),
                "the changes Gong accepted are logged beside the snapshot")

        let after = Events()
        _ = try await Self.upload(workspace, server, events: after)
        #expect(after.planned?.files == 0 && after.planned?.unchanged == 475 + 12_000 - 2)
        #expect((try server.core.stats()).records["CONTACT"] == 199 + 12_000 - 2)
    }

    @Test func anInterruptedRunResumesWithoutSendingAnythingTwice() async throws {
        let workspace = try Workspace()
        let server = try await emulator()
        defer { server.stop() }
        let events = Events()
        let interrupted = Task { try await UploadEngineTests.upload(workspace, server, events: events) }
        events.onReceived = { file in if file.hasPrefix("04-CONTACT") { interrupted.cancel() } }
        _ = await interrupted.result
        let journal = try Journal(path: workspace.folder + "/.gongmap/journal.sqlite")
        let unfinished = try #require(try journal.unfinishedRuns().first)
        let states = try journal.files(run: unfinished.id).map(\.state)
        #expect(states.contains(.sent) || states.contains(.sending))
        #expect(states.contains(.planned))

        let resumed = try await Self.upload(workspace, server)
        #expect(resumed.run == unfinished.id)
        #expect(try journal.files(run: unfinished.id).allSatisfy { $0.state == .done })
        #expect((try server.core.stats()).records == Self.sampleCounts)
        #expect((try server.core.stats()).uploadsAccepted == 9, "each planned file reached Gong once")
        #expect(try journal.unfinishedRuns().isEmpty)
    }
}
