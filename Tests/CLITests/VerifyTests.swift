import Foundation
import Testing

/// `gongmap verify` reads records back from the emulator and compares them with what was sent.
@Suite("gongmap verify", .serialized)
struct VerifyTests {
    @Test func findsARecordChangedBehindGongmapsBack() throws {
        let folder = try FaultTests.copyOfTheSample()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let server = try EmulatorTests.Server(["--no-rate-limit"])
        let verify = ["verify", "--mapping", folder + "/m.yaml", "--base-url", server.baseURL]
        let early = try Binary.run(verify, environment: FaultTests.credentials)
        #expect(early.status == 2 && early.stderr.contains("no uploads yet"))
        FaultTests.expectEveryValidRecordAccepted(try FaultTests.upload(folder, server))

        let clean = try Binary.run(verify + ["--all"], environment: FaultTests.credentials)
        #expect(clean.status == 0, "\(clean.stdout)\(clean.stderr)")
        #expect(clean.stdout.contains("  CONTACT       199      199      199        0          0             0"))
        #expect(clean.stdout.contains("Every record checked is in Gong as gongmap sent it."))

        // Another tool renames an account in Gong.
        let account = try #require(try String(contentsOfFile: folder + "/salesforce-small/Account.csv", encoding: .utf8).split(separator: "\n").dropFirst().first)
        let objectId = String(account.split(separator: ",")[0].dropFirst().dropLast())
        let integrations = try EmulatorTests.call("GET", server.baseURL + "/v2/crm/integrations").json as? [String: Any]
        let integration = try #require(((integrations?["integrations"] as? [[String: Any]])?.first?["integrationId"] as? NSNumber)?.int64Value)
        let boundary = "other-tool"
        let line = #"{"objectId":"\#(objectId)","modifiedDate":"2030-01-01T00:00:00Z","name":"Renamed elsewhere"}"#
        let body = Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"dataFile\"; filename=\"a.ldjson\"\r\n\r\n\(line)\n\r\n--\(boundary)--\r\n".utf8)
        let upload = try EmulatorTests.call("POST", server.baseURL + "/v2/crm/entities?integrationId=\(integration)&objectType=ACCOUNT&clientRequestId=other-tool-1",
                                            body: body, contentType: "multipart/form-data; boundary=\(boundary)")
        #expect(upload.status == 201)
        Thread.sleep(forTimeInterval: 0.5)

        let changed = try Binary.run(verify + ["--all", "--json"], environment: FaultTests.credentials)
        #expect(changed.status == 1, "\(changed.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(changed.stdout.utf8)) as? [String: Any])
        let accounts = try #require((report["entities"] as? [[String: Any]])?.first { $0["objectType"] as? String == "ACCOUNT" })
        #expect(accounts["different"] as? Int == 1 && accounts["matching"] as? Int == 78)
        let problem = try #require((accounts["problems"] as? [[String: Any]])?.first)
        #expect(problem["objectId"] as? String == objectId)
        let differences = problem["differences"] as? [[String: Any]] ?? []
        #expect(differences.contains { $0["field"] as? String == "name" && $0["gong"] as? String == "\"Renamed elsewhere\"" })

        let noSuchRun = try Binary.run(verify + ["--run", "99"], environment: FaultTests.credentials)
        #expect(noSuchRun.status == 2 && noSuchRun.stderr.contains("there is no run 99"), "checking nothing is not success")
        let sampled = try Binary.run(verify + ["--sample", "5"], environment: FaultTests.credentials)
        #expect(sampled.stdout.contains("  LEAD           60        5        5        0          0             0"), "\(sampled.stdout)")
    }
}
