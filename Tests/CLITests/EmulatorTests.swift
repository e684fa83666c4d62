import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

/// The emulator as a process on loopback, and the plan's files uploaded to it.
@Suite("gongmap emulator", .serialized)
struct EmulatorTests {
    final class Server {
        let process = Process()
        let baseURL: String

        /// `port` 0 picks a free one; another reuses the port of an emulator that was stopped.
        init(_ arguments: [String] = [], port: Int = 0) throws {
            process.executableURL = URL(fileURLWithPath: Binary.path)
            process.arguments = ["emulator", "--port", String(port), "--processing-seconds", "0.1"] + arguments
            let output = Pipe()
            process.standardOutput = output
            try process.run()
            var banner = Data()
            while !banner.contains(UInt8(ascii: "\n")) {
                let chunk = output.fileHandleForReading.availableData
                if chunk.isEmpty { break }
                banner += chunk
            }
            baseURL = String(decoding: banner, as: UTF8.self).split(separator: "\n").first.map { String($0.split(separator: " ").last ?? "") } ?? ""
        }

        var port: Int { Int(baseURL.split(separator: ":").last ?? "") ?? 0 }

        func stop() {
            guard process.isRunning else { return }
            process.interrupt()
            process.waitUntilExit()
        }

        deinit { stop() }
    }

    struct Reply {
        var status: Int
        var json: Any?
    }

    static func call(_ method: String, _ url: String, body: Data? = nil, contentType: String? = nil, authorized: Bool = true) throws -> Reply {
        var request = URLRequest(url: URL(string: url)!)
        request.httpMethod = method
        request.httpBody = body
        if let contentType { request.setValue(contentType, forHTTPHeaderField: "Content-Type") }
        if authorized { request.setValue("Basic " + Data("demo-access-key:demo-secret".utf8).base64EncodedString(), forHTTPHeaderField: "Authorization") }
        let done = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var result: (Data?, URLResponse?, Error?)
        URLSession.shared.dataTask(with: request) { data, response, error in
            result = (data, response, error)
            done.signal()
        }.resume()
        done.wait()
        if let error = result.2 { throw error }
        let status = (result.1 as? HTTPURLResponse)?.statusCode ?? 0
        return Reply(status: status, json: result.0.flatMap { try? JSONSerialization.jsonObject(with: $0) })
    }

    @Test func printsWhereItListensAndDemandsCredentials() throws {
        let server = try Server()
        #expect(server.baseURL.hasPrefix("http://127.0.0.1:"))
        #expect(try Self.call("GET", server.baseURL + "/v2/crm/integrations", authorized: false).status == 401)
        #expect(try Self.call("GET", server.baseURL + "/v2/crm/integrations").status == 200)
        let stats = try Self.call("GET", server.baseURL + "/_emulator/stats").json as? [String: Any]
        #expect(stats?["requestsReceived"] as? Int == 2)
    }

    @Test func uploadAndStatusThroughTheBinary() throws {
        let folder = Binary.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.copyItem(atPath: Binary.sample, toPath: folder + "/salesforce-small")
        try FileManager.default.copyItem(atPath: Binary.sampleMapping, toPath: folder + "/m.yaml")
        let server = try Server(["--no-rate-limit"])
        let credentials = ["GONG_ACCESS_KEY": "demo-access-key", "GONG_ACCESS_KEY_SECRET": "demo-secret", "XDG_CONFIG_HOME": folder + "/config"]
        let noURL = try Binary.run(["upload", "--mapping", folder + "/m.yaml"], environment: credentials.merging(["GONG_BASE_URL": ""]) { $1 })
        #expect(noURL.status == 2)
        #expect(noURL.stderr.contains("--base-url"))
        let noCredentials = try Binary.run(["upload", "--mapping", folder + "/m.yaml", "--base-url", server.baseURL],
                                           environment: ["GONG_ACCESS_KEY": "", "GONG_ACCESS_KEY_SECRET": "", "XDG_CONFIG_HOME": folder + "/config"])
        #expect(noCredentials.status == 2)
        #expect(noCredentials.stderr.contains("GONG_ACCESS_KEY"))

        let rehearsal = try Binary.run(["upload", "--mapping", folder + "/m.yaml", "--base-url", server.baseURL, "--dry-run"], environment: credentials)
        #expect(rehearsal.status == 1, "a rehearsal exits as the upload would: records are left out. \(rehearsal.stderr)")
        #expect(rehearsal.stdout.contains("475 new") && rehearsal.stdout.contains("5 left out by validation; nothing was sent"))
        let untouched = try #require(try Self.call("GET", server.baseURL + "/_emulator/stats").json as? [String: Any])
        #expect(untouched["uploadsAccepted"] as? Int == 0)
        let integrations = try Self.call("GET", server.baseURL + "/v2/crm/integrations").json as? [String: Any]
        #expect((integrations?["integrations"] as? [Any])?.isEmpty == true, "a dry run registers nothing")

        let first = try Binary.run(["upload", "--mapping", folder + "/m.yaml", "--base-url", server.baseURL, "--poll-seconds", "0.05"], environment: credentials)
        #expect(first.status == 1, "records left out by validation are not in Gong: \(first.stdout)\(first.stderr)")
        #expect(first.stdout.contains("475 new"))
        #expect(first.stdout.contains("Run 1: 593 records accepted, 0 rejected, 0 unconfirmed, 5 left out by validation."))
        #expect(!first.stdout.contains("demo-secret") && !first.stderr.contains("demo-secret"))
        let second = try Binary.run(["upload", "--mapping", folder + "/m.yaml", "--base-url", server.baseURL, "--json"], environment: credentials)
        #expect(second.status == 1, "the left-out records are still not in Gong")
        let events = second.stdout.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        #expect(events.last?["event"] as? String == "summary")
        #expect(events.last?["accepted"] as? Int == 0)
        #expect(events.last?["leftOut"] as? Int == 5)
        #expect(events.last?["outcome"] as? String == "incomplete")
        let status = try Binary.run(["status", "--mapping", folder + "/m.yaml", "--json"])
        let document = try #require(try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [String: Any])
        #expect(document["sync"] == nil, "no sync has run")
        let runs = try #require(document["runs"] as? [[String: Any]])
        #expect(runs.count == 2)
        #expect((runs.last?["files"] as? [Any])?.count == 9)
        let stats = try #require(try Self.call("GET", server.baseURL + "/_emulator/stats").json as? [String: Any])
        #expect((stats["records"] as? [String: Int])?["CONTACT"] == 199)
    }

    /// Starts `gongmap upload`, waits until it printed `marker`, then sends `signal`.
    static func uploadStopped(by signal: Int32, after marker: String, folder: String, server: Server, environment: [String: String]) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Binary.path)
        process.arguments = ["upload", "--mapping", folder + "/m.yaml", "--base-url", server.baseURL, "--poll-seconds", "0.05"]
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let output = Pipe()
        process.standardOutput = output
        process.standardError = Pipe()
        try process.run()
        var seen = ""
        while !seen.contains(marker) {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            seen += String(decoding: chunk, as: UTF8.self)
        }
        kill(process.processIdentifier, signal)
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// Stopped in every phase: just started, after the integration, during the schema, while
    /// planning, while sending a file, while following one; Ctrl-C too.
    @Test(arguments: [(SIGKILL, "Run 1"), (SIGKILL, "Registered integration"), (SIGKILL, "Schema of ACCOUNT"), (SIGKILL, "Plan:"),
                      (SIGKILL, "Sending 03-ACCOUNT-001"), (SIGKILL, "03-ACCOUNT-001.ldjson: received"), (SIGINT, "03-ACCOUNT-001.ldjson: received")])
    func aStoppedUploadResumesWithoutSendingAnythingTwice(signal: Int32, marker: String) throws {
        let folder = Binary.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.copyItem(atPath: Binary.sample, toPath: folder + "/salesforce-small")
        try FileManager.default.copyItem(atPath: Binary.sampleMapping, toPath: folder + "/m.yaml")
        let server = try Server(["--no-rate-limit", "--processing-seconds", "0.3"])
        let environment = ["GONG_ACCESS_KEY": "demo-access-key", "GONG_ACCESS_KEY_SECRET": "demo-secret"]
        let status = try Self.uploadStopped(by: signal, after: marker, folder: folder, server: server, environment: environment)
        if signal == SIGINT { #expect(status == 3, "interrupted runs exit with 3") }
        let resumed = try Binary.run(["upload", "--mapping", folder + "/m.yaml", "--base-url", server.baseURL, "--poll-seconds", "0.05"], environment: environment)
        #expect(resumed.status == 1, "\(resumed.stdout)\(resumed.stderr)")
        #expect(resumed.stdout.contains("0 rejected, 0 unconfirmed, 5 left out by validation."))
        #expect(resumed.stdout.contains("Resuming run 1"))
        let stats = try #require(try Self.call("GET", server.baseURL + "/_emulator/stats").json as? [String: Any])
        #expect(stats["records"] as? [String: Int] == ["BUSINESS_USER": 11, "STAGE": 8, "ACCOUNT": 79, "CONTACT": 199, "DEAL": 118, "LEAD": 60])
        #expect(stats["uploadsAccepted"] as? Int == 9, "every planned file reached Gong exactly once")
    }

    @Test func everyPlannedFileOfTheSampleIsAcceptedWhole() throws {
        let folder = Binary.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        _ = try Binary.run(["plan", "--mapping", Binary.sampleMapping, "--out", folder + "/plan"])
        let manifest = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder + "/plan/manifest.json"))) as? [String: Any])
        let files = try #require(manifest["files"] as? [[String: Any]])
        let server = try Server(["--no-rate-limit"])
        let base = server.baseURL + "/v2/crm"
        let registered = try Self.call("PUT", base + "/integrations", body: Data(#"{"name":"Sample","ownerEmail":"ops@northwind-example.com"}"#.utf8), contentType: "application/json")
        let integration = try #require((registered.json as? [String: Any])?["integrationId"] as? Int64)
        var expected: [String: Int] = [:]
        for (index, file) in files.enumerated() {
            let path = folder + "/plan/" + (file["path"] as! String)
            let type = file["objectType"] as! String
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            if file["kind"] as? String == "schema" {
                let reply = try Self.call("POST", base + "/entity-schema?integrationId=\(integration)&objectType=\(type)", body: data, contentType: "application/json")
                #expect(reply.status == 200, "\(path): \(String(describing: reply.json))")
                continue
            }
            let boundary = "gongmap-test-boundary"
            var body = Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"dataFile\"; filename=\"\(type).ldjson\"\r\nContent-Type: application/octet-stream\r\n\r\n".utf8)
            body += data + Data("\r\n--\(boundary)--\r\n".utf8)
            let clientRequestId = "test-\(index)"
            let upload = try Self.call("POST", base + "/entities?integrationId=\(integration)&objectType=\(type)&clientRequestId=\(clientRequestId)",
                                       body: body, contentType: "multipart/form-data; boundary=\(boundary)")
            #expect(upload.status == 201)
            var status: [String: Any] = [:]
            for _ in 0..<50 {
                status = try Self.call("GET", base + "/request-status?integrationId=\(integration)&clientRequestId=\(clientRequestId)").json as? [String: Any] ?? [:]
                if status["status"] as? String == "DONE" || status["status"] as? String == "FAILED" { break }
                Thread.sleep(forTimeInterval: 0.05)
            }
            #expect(status["status"] as? String == "DONE", "\(path): \(status)")
            #expect(status["totalSuccessCount"] as? Int == file["records"] as? Int)
            if file["kind"] as? String == "entities" { expected[type, default: 0] += file["records"] as! Int }
        }
        let stats = try #require(try Self.call("GET", server.baseURL + "/_emulator/stats").json as? [String: Any])
        #expect(stats["records"] as? [String: Int] == expected)
    }
}
