import Foundation
import Testing

/// Uploads through the binary against an emulator that misbehaves as Gong can: rate limits hit
/// hard, 500s and dropped connections, files that end FAILED.
@Suite("gongmap upload against faults", .serialized)
struct FaultTests {
    static let credentials = ["GONG_ACCESS_KEY": "demo-access-key", "GONG_ACCESS_KEY_SECRET": "demo-secret"]
    static let sampleCounts = ["BUSINESS_USER": 11, "STAGE": 8, "ACCOUNT": 79, "CONTACT": 199, "DEAL": 118, "LEAD": 60]

    /// A copy of the sample and its mapping in a fresh folder (so each test has its own journal).
    static func copyOfTheSample() throws -> String {
        let folder = Binary.temporaryFolder()
        try FileManager.default.copyItem(atPath: Binary.sample, toPath: folder + "/salesforce-small")
        try FileManager.default.copyItem(atPath: Binary.sampleMapping, toPath: folder + "/m.yaml")
        return folder
    }

    static func upload(_ folder: String, _ server: EmulatorTests.Server, _ extra: [String] = []) throws -> Binary.Result {
        try Binary.run(["upload", "--mapping", folder + "/m.yaml", "--base-url", server.baseURL, "--poll-seconds", "0.05"] + extra, environment: credentials)
    }

    static func stats(_ server: EmulatorTests.Server) throws -> [String: Any] {
        try #require(try EmulatorTests.call("GET", server.baseURL + "/_emulator/stats").json as? [String: Any])
    }

    /// The sample's valid records all in Gong: exit 1 all the same, for the 5 that validation leaves out.
    static func expectEveryValidRecordAccepted(_ result: Binary.Result, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(result.status == 1, "\(result.stdout)\(result.stderr)", sourceLocation: sourceLocation)
        #expect(result.stdout.contains(" records accepted, 0 rejected, 0 unconfirmed, 5 left out by validation."), "\(result.stdout)", sourceLocation: sourceLocation)
    }

    @Test func a429StormSlowsTheUploadButLosesAndRepeatsNothing() throws {
        let folder = try Self.copyOfTheSample()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let server = try EmulatorTests.Server()
        let result = try Self.upload(folder, server, ["--calls-per-second", "40"])
        Self.expectEveryValidRecordAccepted(result)
        #expect(result.stdout.contains(": 429, attempt"))
        let stats = try Self.stats(server)
        #expect((stats["rateLimited"] as? Int ?? 0) > 0)
        #expect(stats["records"] as? [String: Int] == Self.sampleCounts)
        #expect(stats["uploadsAccepted"] as? Int == 9)
    }

    @Test func serverErrorsAndDroppedConnectionsAreRetriedWithTheSameClientRequestId() throws {
        let folder = try Self.copyOfTheSample()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let server = try EmulatorTests.Server(["--no-rate-limit", "--error-share", "0.1", "--drop-share", "0.05"])
        let result = try Self.upload(folder, server, ["--calls-per-second", "50"])
        Self.expectEveryValidRecordAccepted(result)
        let stats = try Self.stats(server)
        #expect(stats["records"] as? [String: Int] == Self.sampleCounts)
        #expect(stats["uploadsAccepted"] as? Int == 9, "a retried upload is never taken twice")
        #expect(result.stdout.contains(", attempt 2 in "), "faults were met and retried")
    }

    @Test func failedFilesShowGongsErrorsAndTheirRecordsAreSentAgainNextTime() throws {
        let folder = try Self.copyOfTheSample()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let server = try EmulatorTests.Server(["--no-rate-limit", "--fail-share", "1"])
        let first = try Self.upload(folder, server, ["--calls-per-second", "50"])
        #expect(first.status == 1, "rejected records exit with 1: \(first.stderr)")
        #expect(first.stdout.contains("FAILED"))
        #expect(first.stdout.contains("General processing error"))
        #expect(first.stdout.contains("0 records accepted, 593 rejected"), "a FAILED file rejects all its records")
        let errors = try String(contentsOfFile: folder + "/.gongmap/runs/1/errors.csv", encoding: .utf8)
        #expect(errors.contains("\nAccount.csv,"))
        #expect(errors.contains("rejected,the whole file: General processing error"))
        let second = try Self.upload(folder, server, ["--dry-run"])
        #expect(second.stdout.contains("475 new"), "nothing Gong rejected counts as uploaded")
    }

    @Test func credentialsWithoutAScopeAreAConfigurationProblemAndTheRunResumesOnceFixed() throws {
        let folder = try Self.copyOfTheSample()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let denied = try EmulatorTests.Server(["--no-rate-limit", "--without-scope", "api:crm:schema"])
        let refused = try Self.upload(folder, denied)
        #expect(refused.status == 2, "a 401 is for the admin to fix, not a stop to resume: \(refused.stderr)")
        #expect(refused.stderr.contains("You don't have permission to use 'api:crm:schema' in your app."))
        #expect(refused.stderr.contains("ask a Gong technical administrator to allow it"))
        // The same Gong once the scope is granted.
        denied.stop()
        let fixed = try EmulatorTests.Server(["--no-rate-limit"], port: denied.port)
        let resumed = try Self.upload(folder, fixed)
        #expect(resumed.stdout.contains("Resuming run 1") && resumed.stdout.contains("planning it again"))
        Self.expectEveryValidRecordAccepted(resumed)
        #expect(try Self.stats(fixed)["records"] as? [String: Int] == Self.sampleCounts)
    }
}
