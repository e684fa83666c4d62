import Foundation
import Testing

/// The promise of `suggest`: on each vendor shape of Tests/Fixtures/exports, the mapping it
/// writes, uploaded as it is, puts into Gong every record the admin's hand mapping puts there.
@Suite("Suggested mappings uploaded", .serialized)
struct CorpusUploadTests {
    static let corpus = Binary.packageRoot.appendingPathComponent("Tests/Fixtures/exports").path
    static let shapes: [String] = ((try? FileManager.default.contentsOfDirectory(atPath: corpus)) ?? [])
        .filter { $0.hasSuffix(".mapping.yaml") }.map { String($0.dropLast(".mapping.yaml".count)) }.sorted()

    /// Records per entity in a fresh emulator after uploading the export through `mapping`.
    static func delivered(_ shape: String, mapping: (String) throws -> String) throws -> [String: Int] {
        let folder = Binary.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.copyItem(atPath: "\(corpus)/\(shape)", toPath: "\(folder)/\(shape)")
        let mappingFile = try mapping(folder)
        let server = try EmulatorTests.Server(["--no-rate-limit"])
        let credentials = ["GONG_ACCESS_KEY": "demo-access-key", "GONG_ACCESS_KEY_SECRET": "demo-secret", "XDG_CONFIG_HOME": folder + "/config"]
        let upload = try Binary.run(["upload", "--mapping", mappingFile, "--base-url", server.baseURL, "--poll-seconds", "0.05", "--calls-per-second", "100"], environment: credentials)
        #expect(upload.status == 0 || upload.status == 1, "\(shape): \(upload.stdout)\(upload.stderr)")
        let stats = try #require(try EmulatorTests.call("GET", server.baseURL + "/_emulator/stats").json as? [String: Any])
        return stats["records"] as? [String: Int] ?? [:]
    }

    @Test(arguments: shapes)
    func suggestThenUploadDeliversWhatTheHandMappingDoes(shape: String) throws {
        let hand = try Self.delivered(shape) { folder in
            try FileManager.default.copyItem(atPath: "\(Self.corpus)/\(shape).mapping.yaml", toPath: "\(folder)/hand.yaml")
            return "\(folder)/hand.yaml"
        }
        let suggested = try Self.delivered(shape) { folder in
            let suggest = try Binary.run(["suggest", "\(folder)/\(shape)", "-o", "\(folder)/suggested.yaml"])
            #expect(suggest.status == 0, "\(suggest.stderr)")
            return "\(folder)/suggested.yaml"
        }
        #expect(!hand.isEmpty)
        for (entity, count) in hand {
            #expect((suggested[entity] ?? 0) >= count, "\(shape) \(entity): suggested mapping delivered \(suggested[entity] ?? 0), the hand mapping \(count)")
        }
    }
}
