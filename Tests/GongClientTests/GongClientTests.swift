import Foundation
import GongClient
import GongCRM
import GongEmulator
import Testing

/// An emulator served in this process on a free loopback port, with test settings.
func localEmulator(_ configure: (inout EmulatorOptions) -> Void = { _ in }) async throws -> RunningEmulator {
    var options = EmulatorOptions()
    options.rateLimited = false
    options.pendingSeconds = 0.05
    options.processingSeconds = 0.05
    configure(&options)
    return try await RunningEmulator.start(core: EmulatorCore(options: options))
}

final class EventLog: @unchecked Sendable {
    private let lock = NSLock()
    private var events: [ClientEvent] = []
    func add(_ event: ClientEvent) { lock.lock(); events.append(event); lock.unlock() }
    var all: [ClientEvent] { lock.lock(); defer { lock.unlock() }; return events }
}

let demo = Credentials(accessKey: "demo-access-key", secret: "demo-secret")

func ldjsonFile(_ lines: [String]) -> String {
    let path = NSTemporaryDirectory() + "gongmap-client-" + UUID().uuidString + ".ldjson"
    _ = FileManager.default.createFile(atPath: path, contents: Data((lines.joined(separator: "\n") + "\n").utf8))
    return path
}

func waitForFinalStatus(_ client: GongClient, _ integration: Int64, _ clientRequestId: String) async throws -> GongAPI.RequestStatusResponse {
    for _ in 0..<100 {
        let status = try await client.requestStatus(integrationId: integration, clientRequestId: clientRequestId)
        if status.status?.isFinal == true { return status }
        try await Task.sleep(nanoseconds: 20_000_000)
    }
    throw GongClientError.unexpectedAnswer(endpoint: "request-status", reason: "never final")
}

@Suite("Gong client against the emulator", .serialized)
struct GongClientTests {
    @Test func registersUploadsAndPolls() async throws {
        let emulator = try await localEmulator()
        defer { emulator.stop() }
        let client = GongClient(baseURL: emulator.baseURL, credentials: demo, callsPerSecond: 100)
        let integration = try await client.registerIntegration(name: "Test", ownerEmail: "ops@acme.example")
        #expect(try await client.integrations().map(\.integrationId) == [integration])
        try await client.uploadSchema([GongAPI.SchemaField(uniqueName: "tier", label: "Tier", type: "PICKLIST", orderedValueList: ["Gold"])], for: .account, integrationId: integration)
        #expect(try await client.schema(for: .account, integrationId: integration).map(\.uniqueName) == ["tier"])
        let file = ldjsonFile([#"{"objectId":"a1","modifiedDate":"2024-03-01T10:00:00Z","tier":"Gold"}"#, #"{"objectId":"a2","modifiedDate":"2024-03-01T10:00:00Z","tier":"Iron"}"#])
        defer { try? FileManager.default.removeItem(atPath: file) }
        #expect(try await client.uploadEntities(file: file, type: .account, integrationId: integration, clientRequestId: "acct-1") == .accepted)
        let status = try await waitForFinalStatus(client, integration, "acct-1")
        #expect(status.status == .failed)
        #expect(status.totalSuccessCount == 1)
        #expect(status.errors?.map(\.line) == [2])
        #expect(try await client.uploadEntities(file: file, type: .account, integrationId: integration, clientRequestId: "acct-1") == .alreadyUsed(afterRetry: false))
        try await client.shutdown()
    }

    @Test func wrongCredentialsSayWhatToDoAndHideTheSecret() async throws {
        let emulator = try await localEmulator()
        defer { emulator.stop() }
        let client = GongClient(baseURL: emulator.baseURL, credentials: Credentials(accessKey: "demo-access-key", secret: "s3cr3t-value"), callsPerSecond: 100)
        let error = await #expect(throws: GongClientError.self) { try await client.integrations() }
        #expect(error?.status == 401)
        #expect(error?.description.contains("GONG_ACCESS_KEY") == true)
        #expect(error?.description.contains("s3cr3t-value") == false)
        #expect(!"\(Credentials(accessKey: "demo-access-key", secret: "s3cr3t-value"))".contains("s3cr3t"))
        try await client.shutdown()
    }

    @Test func serverErrorsAreRetriedWithBackoff() async throws {
        let emulator = try await localEmulator { $0.serverErrorShare = 0.5 }
        defer { emulator.stop() }
        let events = EventLog()
        let client = GongClient(baseURL: emulator.baseURL, credentials: demo, callsPerSecond: 100, maxAttempts: 12, retryBaseSeconds: 0.01) { events.add($0) }
        // Half the calls fail at random: call until one was retried (six calls missed it 1.6% of the time).
        func retried() -> Bool { events.all.contains { if case .retrying = $0 { true } else { false } } }
        for _ in 0..<100 where !retried() { _ = try await client.integrations() }
        #expect(retried())
        try await client.shutdown()
    }

    @Test func rateLimitsAreHonoured() async throws {
        let emulator = try await localEmulator { $0.rateLimited = true; $0.callsPerSecond = 2 }
        defer { emulator.stop() }
        let events = EventLog()
        let eager = GongClient(baseURL: emulator.baseURL, credentials: demo, callsPerSecond: 50, maxAttempts: 10) { events.add($0) }
        // Calls until one is refused: on a loaded machine a handful of calls can take longer than the limit's window.
        func refused() -> Bool { events.all.contains { if case .retrying(_, _, _, let reason) = $0 { reason == "429" } else { false } } }
        for _ in 0..<50 where !refused() { _ = try await eager.integrations() }
        #expect(refused())
        try await eager.shutdown()
        let before = (try emulator.core.stats()).rateLimited
        try await Task.sleep(nanoseconds: 1_100_000_000)
        let careful = GongClient(baseURL: emulator.baseURL, credentials: demo, callsPerSecond: 1.9)
        for _ in 0..<4 { _ = try await careful.integrations() }
        #expect((try emulator.core.stats()).rateLimited == before, "a client under the limit gets no 429")
        try await careful.shutdown()
    }
}

@Suite("Credentials")
struct CredentialsTests {
    @Test func environmentFirstThenAPrivateFile() throws {
        let folder = NSTemporaryDirectory() + "gongmap-creds-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let file = folder + "/credentials"
        let fromEnvironment = try Credentials.load(environment: ["GONG_ACCESS_KEY": "k", "GONG_ACCESS_KEY_SECRET": "s"], file: file)
        #expect(fromEnvironment.accessKey == "k")
        #expect(throws: Credentials.LoadError.missing(file)) { try Credentials.load(environment: [:], file: file) }
        _ = FileManager.default.createFile(atPath: file, contents: Data("# Gong\naccess_key = AKEY\naccess_key_secret = SECRET\n".utf8), attributes: [.posixPermissions: 0o644])
        let open = #expect(throws: Credentials.LoadError.self) { try Credentials.load(environment: [:], file: file) }
        #expect(open?.description.contains("chmod 600 \(file)") == true)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file)
        #expect(try Credentials.load(environment: [:], file: file).accessKey == "AKEY")
        _ = FileManager.default.createFile(atPath: file, contents: Data("token: x\n".utf8), attributes: [.posixPermissions: 0o600])
        #expect(throws: Credentials.LoadError.malformed(file, 1)) { try Credentials.load(environment: [:], file: file) }
    }
}

@Suite("Gong client errors")
struct GongClientErrorTests {
    @Test func aRefusedConnectionReadsPlainly() async throws {
        let client = GongClient(baseURL: "http://127.0.0.1:1", credentials: Credentials(accessKey: "k", secret: "s"), maxAttempts: 1)
        defer { Task { try? await client.shutdown() } }
        let error = await #expect(throws: GongClientError.self) { try await client.integrations() }
        #expect(error?.description == "GET /integrations: no answer after 1 attempt, the last one: Connection refused; check the base URL and the network")
    }

    @Test func anUploadsDeadlineGrowsWithTheFile() {
        #expect(GongClient.uploadDeadline(bytes: 1_000, base: .seconds(120)) == .seconds(120))
        // 199 MB at 1 Mbit/s: 1,592 s on top of the base.
        #expect(GongClient.uploadDeadline(bytes: 199_000_000, base: .seconds(120)) == .seconds(120 + 1_592))
    }
}
