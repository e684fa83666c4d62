import Foundation
import Testing

/// `gongmap sync` as a process against the emulator as a process: single cycles for a timer, the
/// service stopped by SIGTERM, one sync per journal, the status it leaves, and the units it prints.
@Suite("gongmap sync", .serialized)
struct SyncCommandTests {
    static let environment = ["GONG_ACCESS_KEY": "demo-access-key", "GONG_ACCESS_KEY_SECRET": "demo-secret"]

    static func sampleFolder() throws -> String {
        let folder = Binary.temporaryFolder()
        try FileManager.default.copyItem(atPath: Binary.sample, toPath: folder + "/salesforce-small")
        try FileManager.default.copyItem(atPath: Binary.sampleMapping, toPath: folder + "/m.yaml")
        return folder
    }

    @Test func singleCyclesThenAServiceThatStopsOnSIGTERM() throws {
        let folder = try Self.sampleFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let server = try EmulatorTests.Server(["--no-rate-limit"])
        let mapping = folder + "/m.yaml"
        let once = ["sync", "--once", "--mapping", mapping, "--base-url", server.baseURL, "--poll-seconds", "0.05"]

        let first = try Binary.run(once, environment: Self.environment)
        #expect(first.status == 1, "5 records are left out by validation: \(first.stdout)\(first.stderr)")
        #expect(first.stdout.contains("cycle 1: incomplete, Run 1: 593 records accepted"))
        let quiet = try Binary.run(once, environment: Self.environment)
        #expect(quiet.status == 1)
        #expect(quiet.stdout.contains("cycle 2: unchanged, nothing changed in 475 records; 5 left out by validation (0 calls)"), "\(quiet.stdout)")
        #expect(!quiet.stdout.contains("Plan:"), "a quiet cycle is one line")

        let service = Process()
        service.executableURL = URL(fileURLWithPath: Binary.path)
        service.arguments = ["sync", "--every", "1s", "--mapping", mapping, "--base-url", server.baseURL, "--poll-seconds", "0.05"]
        service.environment = ProcessInfo.processInfo.environment.merging(Self.environment) { $1 }
        let output = Pipe()
        service.standardOutput = output
        service.standardError = output
        try service.run()
        var seen = ""
        while !seen.contains("cycle 4:") {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            seen += String(decoding: chunk, as: UTF8.self)
        }
        #expect(seen.contains("Syncing \(mapping) every 1s"))
        #expect(seen.contains("cycle 3: unchanged"))

        let second = try Binary.run(["sync", "--every", "5m", "--mapping", mapping, "--base-url", server.baseURL], environment: Self.environment)
        #expect(second.status == 2)
        #expect(second.stderr.contains("a gongmap sync already runs for this journal (process \(service.processIdentifier))"))
        let status = try Binary.run(["status", "--mapping", mapping])
        #expect(status.stdout.contains("Sync every 1s · running (process \(service.processIdentifier))"), "\(status.stdout)")
        #expect(status.stdout.contains("no failures"))

        kill(service.processIdentifier, SIGTERM)
        service.waitUntilExit()
        seen += String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(service.terminationStatus == 0, "\(seen)")
        #expect(seen.contains("Sync stopped."))
        let after = try Binary.run(["status", "--mapping", mapping, "--json"])
        let document = try #require(try JSONSerialization.jsonObject(with: Data(after.stdout.utf8)) as? [String: Any])
        let sync = try #require(document["sync"] as? [String: Any])
        #expect(sync["running"] == nil, "no sync runs after SIGTERM")
        #expect(sync["consecutiveFailures"] as? Int == 0)
        let cycles = try #require(document["cycles"] as? [[String: Any]])
        #expect(!cycles.contains { $0["outcome"] as? String == "running" })
        let stats = try #require(try EmulatorTests.call("GET", server.baseURL + "/_emulator/stats").json as? [String: Any])
        #expect(stats["uploadsAccepted"] as? Int == 9, "only the first cycle sent anything")
        for text in [first.stdout, first.stderr, quiet.stdout, seen, status.stdout, after.stdout] { #expect(!text.contains("demo-secret")) }
    }

    @Test func unitsForSystemdAndCron() throws {
        let folder = try Self.sampleFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let mapping = folder + "/m.yaml"
        let base = ["sync", "--mapping", mapping, "--base-url", "https://us-1234.api.gong.io", "--every", "5m"]
        let printed = try Binary.run(base + ["--print-unit", "systemd"], environment: Self.environment)
        #expect(printed.status == 0, "\(printed.stderr)")
        #expect(printed.stdout.contains("# gongmap-m.service\n[Unit]"))
        #expect(printed.stdout.contains("\nWorkingDirectory=\(folder)\n"))
        #expect(printed.stdout.contains("\nExecStart=\(Binary.path) sync --once --every 5m --mapping \(mapping) --base-url https://us-1234.api.gong.io\n"))
        #expect(printed.stdout.contains("# gongmap-m.timer\n[Unit]"))
        #expect(printed.stdout.contains("\nOnUnitInactiveSec=300s\n"))
        #expect(printed.stdout.contains("\nWantedBy=timers.target\n"))
        #expect(!printed.stdout.contains("demo-secret") && !printed.stdout.contains("demo-access-key"), "credentials stay in their file")

        let units = folder + "/units"
        try FileManager.default.createDirectory(atPath: units, withIntermediateDirectories: true)
        let written = try Binary.run(base + ["--print-unit", "systemd", "--unit-dir", units])
        #expect(written.status == 0)
        #expect(written.stdout.contains("systemctl enable --now gongmap-m.timer"))
        let service = try String(contentsOfFile: units + "/gongmap-m.service", encoding: .utf8)
        #expect(printed.stdout.contains(service), "the written service is the printed one")
        #expect(FileManager.default.fileExists(atPath: units + "/gongmap-m.timer"))

        let cron = try Binary.run(base + ["--print-unit", "cron"])
        #expect(cron.stdout == "*/5 * * * * cd \(folder) && \(Binary.path) sync --once --every 5m --mapping \(mapping) --base-url https://us-1234.api.gong.io >> \(folder)/.gongmap/sync.log 2>&1\n")
        let uneven = try Binary.run(["sync", "--mapping", mapping, "--every", "7m", "--print-unit", "cron"])
        #expect(uneven.status == 2)
        #expect(uneven.stderr.contains("cron cannot start a job every 7m"))
        let database = try Binary.run(["sync", "postgres://crm:Pa55word@db.example:5432/crm", "--mapping", mapping, "--every", "5m", "--print-unit", "cron"])
        #expect(database.stdout.contains(" --mapping \(mapping) postgres://crm@db.example:5432/crm >> "), "\(database.stdout)")
        #expect(!database.stdout.contains("Pa55word"), "a unit never holds a database password")
        let noSchedule = try Binary.run(["sync", "--mapping", mapping])
        #expect(noSchedule.status == 2)
        #expect(noSchedule.stderr.contains("--every 5m, or --once"))
    }
}
