import Foundation
import Testing

/// The bundled sample in a real PostgreSQL server (scripts/pg-test-server.sh, the tables of
/// Tests/Fixtures/exports/salesforce-postgres.sql), read by a user whose password is in the URL:
/// the same validation and upload files as the CSV sample, then suggest and upload to the
/// emulator, and the password in no output and no file.
@Suite("PostgreSQL exports", .serialized,
       .enabled(if: PostgreSQLServer.isInstalled || ProcessInfo.processInfo.environment["GONGMAP_REQUIRE_POSTGRES"] == "1",
                "PostgreSQL is not installed (apt-get install -y postgresql); .ci/run installs it and requires these tests"))
struct PostgresExportTests {
    static let script = Binary.packageRoot.appendingPathComponent("scripts/pg-test-server.sh").path
    static let password = "s3cret-Pw9"

    /// Runs the server script (through `sh`, its output to a file: the server it starts keeps
    /// inherited pipes open); returns its output.
    @discardableResult
    static func server(_ arguments: [String]) throws -> String {
        let log = Binary.temporaryFolder() + "/out"
        defer { try? FileManager.default.removeItem(atPath: (log as NSString).deletingLastPathComponent) }
        let result = try Binary.shell("/bin/sh \(script) \(arguments.map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }.joined(separator: " ")) > \(log) 2>&1")
        let text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
        #expect(result == 0, "pg-test-server.sh \(arguments.first ?? ""): \(text)")
        return text
    }

    /// Starts a server in `directory` holding the sample's tables, readable by the role `crm`
    /// (whose password is `password`); returns its port.
    static func startSampleServer(in directory: String) throws -> String {
        let started = try server(["start", directory])
        let port = try #require(started.split(separator: "\n").first { $0.hasPrefix("port=") }.map { String($0.dropFirst(5)) })
        try server(["psql", directory, "-f", TableSourceTests.exports + "/salesforce-postgres.sql"])
        try server(["psql", directory, "-c", "CREATE ROLE crm LOGIN PASSWORD '\(password)' IN ROLE password_users; GRANT SELECT ON ALL TABLES IN SCHEMA public TO crm;"])
        return port
    }

    @Test func theSampleInPostgreSQLIsReadLikeItsCSV() throws {
        let directory = "/tmp/gm-pgcli-" + UUID().uuidString.prefix(8).lowercased()
        defer { _ = try? Self.server(["stop", directory]) }
        let port = try Self.startSampleServer(in: directory)
        let url = "postgres://crm:\(Self.password)@127.0.0.1:\(port)/postgres"

        let folder = Binary.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var hand = try String(contentsOfFile: Binary.sampleMapping, encoding: .utf8).replacingOccurrences(of: "export: salesforce-small\n", with: "")
        hand = hand.replacingOccurrences(of: #"file: (\w+)\.csv"#, with: "file: $1", options: .regularExpression)
        try hand.write(toFile: folder + "/hand.yaml", atomically: true, encoding: .utf8)

        let csv = try TableSourceTests.planned(Binary.sampleMapping)
        let tables = try TableSourceTests.planned(folder + "/hand.yaml", export: [url])
        #expect(Set(tables.keys) == Set(csv.keys))
        for (name, data) in csv { #expect(tables[name] == data, "\(name) differs from the CSV sample's") }
        #expect(try TableSourceTests.validation(folder + "/hand.yaml", export: [url]) == TableSourceTests.validation(Binary.sampleMapping))

        let suggest = try Binary.run(["suggest", url, "-o", folder + "/suggested.yaml"])
        #expect(suggest.status == 0, "\(suggest.stderr)")
        let suggested = try String(contentsOfFile: folder + "/suggested.yaml", encoding: .utf8)
        #expect(suggested.contains("export: postgres://crm@127.0.0.1:\(port)/postgres\n"), "the mapping names the database without the password")

        let server = try EmulatorTests.Server(["--no-rate-limit"])
        let environment = ["GONG_ACCESS_KEY": "demo-access-key", "GONG_ACCESS_KEY_SECRET": "demo-secret", "PGPASSWORD": Self.password]
        let upload = try Binary.run(["upload", "--mapping", folder + "/suggested.yaml", "--base-url", server.baseURL, "--poll-seconds", "0.05", "--calls-per-second", "100"],
                                    environment: environment)
        #expect(upload.status == 1, "the sample's planted problems leave records out: \(upload.stdout)\(upload.stderr)")
        let stats = try #require(try EmulatorTests.call("GET", server.baseURL + "/_emulator/stats").json as? [String: Any])
        let records = stats["records"] as? [String: Int] ?? [:]
        for (entity, count) in ["ACCOUNT": 79, "CONTACT": 199, "DEAL": 118, "LEAD": 60] {
            #expect((records[entity] ?? 0) >= count, "\(entity): \(records[entity] ?? 0) in Gong, the CSV sample's hand mapping puts \(count)")
        }
        let wrong = try Binary.run(["profile", "postgres://crm:not-\(Self.password)@127.0.0.1:\(port)/postgres"])
        #expect(wrong.status == 2)
        for text in [suggest.stdout, suggest.stderr, suggested, upload.stdout, upload.stderr, wrong.stderr] {
            #expect(!text.contains(Self.password), "the password shows: \(text.prefix(300))")
        }
    }
}

extension PostgresExportTests {
    /// `sync --once` on the sample in PostgreSQL with Contact read by its LastModifiedDate: the
    /// second cycle reads and sends only the contact changed in the database.
    @Test func syncReadsOnlyTheRowsChangedInTheDatabase() throws {
        let directory = "/tmp/gm-pginc-" + UUID().uuidString.prefix(8).lowercased()
        defer { _ = try? Self.server(["stop", directory]) }
        let port = try Self.startSampleServer(in: directory)

        let folder = Binary.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var yaml = try String(contentsOfFile: Binary.sampleMapping, encoding: .utf8)
            .replacingOccurrences(of: "export: salesforce-small\n", with: "export: postgres://crm@127.0.0.1:\(port)/postgres\n")
            .replacingOccurrences(of: #"file: (\w+)\.csv"#, with: "file: $1", options: .regularExpression)
        yaml = yaml.replacingOccurrences(of: "    file: Contact\n", with: "    file: Contact\n    incremental: {cursor: LastModifiedDate, fullEvery: 6}\n")
        try yaml.write(toFile: folder + "/m.yaml", atomically: true, encoding: .utf8)

        let server = try EmulatorTests.Server(["--no-rate-limit"])
        let environment = ["GONG_ACCESS_KEY": "demo-access-key", "GONG_ACCESS_KEY_SECRET": "demo-secret", "PGPASSWORD": Self.password]
        let once = ["sync", "--once", "--mapping", folder + "/m.yaml", "--base-url", server.baseURL, "--poll-seconds", "0.05"]
        func contactLines() throws -> Int {
            let stats = try #require(try EmulatorTests.call("GET", server.baseURL + "/_emulator/stats").json as? [String: Any])
            return (stats["linesProcessed"] as? [String: Int])?["CONTACT"] ?? 0
        }
        let first = try Binary.run(once, environment: environment)
        #expect(first.stdout.contains("Contact: read whole (the first upload)"), "\(first.stdout)\(first.stderr)")
        let sent = try contactLines()
        #expect(sent >= 199)

        try Self.server(["psql", directory, "-c", #"UPDATE "Contact" SET "Title" = 'Chief Buyer', "LastModifiedDate" = '2030-01-01 12:00+02' WHERE "Id" = (SELECT min("Id") FROM "Contact");"#])
        // The URL with its password on the command line this time: the same database, so still only its changes.
        let withPassword = "postgres://crm:\(Self.password)@127.0.0.1:\(port)/postgres"
        let second = try Binary.run(once + [withPassword], environment: environment.filter { $0.key != "PGPASSWORD" })
        #expect(second.stdout.contains("Contact: rows with LastModifiedDate from "), "\(second.stdout)\(second.stderr)")
        #expect(second.stdout.contains(" through 2030-01-01 10:00:00+00 only; read whole in 5 uploads"), "\(second.stdout)")
        #expect(try contactLines() == sent + 1, "exactly the changed contact is sent")
        let status = try Binary.run(["status", "--mapping", folder + "/m.yaml"])
        #expect(status.stdout.contains("Contact: changed rows read up to 2030-01-01 10:00:00+00 ("), "\(status.stdout)")
        #expect(status.stdout.contains("); 1 read of changed rows since it was read whole"))
        let manifest = try String(contentsOfFile: folder + "/.gongmap/runs/2/manifest.json", encoding: .utf8)
        for text in [first.stdout, first.stderr, second.stdout, second.stderr, status.stdout, manifest] { #expect(!text.contains(Self.password)) }
        let journal = try Data(contentsOf: URL(fileURLWithPath: folder + "/.gongmap/journal.sqlite")) + ((try? Data(contentsOf: URL(fileURLWithPath: folder + "/.gongmap/journal.sqlite-wal"))) ?? Data())
        #expect(journal.range(of: Data(Self.password.utf8)) == nil, "the journal never holds the password")
    }
}

enum PostgreSQLServer {
    /// Debian's server binaries, where scripts/pg-test-server.sh finds them.
    static var isInstalled: Bool {
        ((try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? []).contains {
            FileManager.default.isExecutableFile(atPath: "/usr/lib/postgresql/\($0)/bin/initdb")
        }
    }
}
