import ArgumentParser
import Foundation
import GongCRM
import GongEmulator

struct EmulatorCommand: AsyncRunnableCommand {
    static let configuration = CommandConfiguration(
        commandName: "emulator",
        abstract: "Run a local server that behaves like Gong's CRM API, for rehearsals, tests and the demo.",
        discussion: "It keeps data in memory, or in SQLite with --data. Point gongmap (or any client) at the printed base URL with the printed demo credentials."
    )

    @Option(help: "Address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "Port to listen on (0 picks a free one).")
    var port = 8787

    @Flag(name: .customLong("no-rate-limit"), help: "Lift Gong's limits of 3 calls per second and 10,000 per day.")
    var noRateLimit = false

    @Option(help: "Seconds an upload stays PENDING, then IN_PROGRESS, before it is processed.")
    var processingSeconds: Double = 0.5

    @Option(help: "Seconds added to every answer.")
    var latency: Double = 0

    @Option(name: .customLong("fail-share"), help: "Share (0 to 1) of uploaded files that end FAILED with a general error.")
    var failShare: Double = 0

    @Option(name: .customLong("error-share"), help: "Share (0 to 1) of calls answered 500 or 503.")
    var errorShare: Double = 0

    @Option(name: .customLong("drop-share"), help: "Share (0 to 1) of connections closed without an answer.")
    var dropShare: Double = 0

    @Option(help: ArgumentHelp("Keep the emulator's data in SQLite under this folder, so a restart keeps it (in memory without it).", valueName: "dir"))
    var data: String?

    @Flag(name: .customLong("lenient-ids"), help: "Accept objectIds with '_' or '.' (Gong's documented rule rejects them; mappings allow them with objectIdPunctuation: warning).")
    var lenientIds = false

    @Option(help: ArgumentHelp("Fields a new integration's schema starts with, as Gong may list its own or other tools' fields: a JSON object of entity type → fields, as GET /v2/crm/entity-schema lists them.", valueName: "file"))
    var schema: String?

    @Option(name: .customLong("without-scope"), help: ArgumentHelp("A scope the credentials lack (e.g. api:crm:schema): calls needing it get Gong's 401. Repeatable.", valueName: "scope"))
    var withoutScopes: [String] = []

    func validate() throws {
        guard [failShare, errorShare, dropShare].allSatisfy((0...1).contains) else { throw ValidationError("--fail-share, --error-share and --drop-share are between 0 and 1") }
        guard processingSeconds >= 0, latency >= 0 else { throw ValidationError("times are 0 or more seconds") }
    }

    static func readSchema(_ path: String) throws -> [EntityType: [GongAPI.SchemaField]] {
        do {
            let listed = try JSONDecoder().decode([String: [GongAPI.SchemaField]].self, from: Data(contentsOf: URL(fileURLWithPath: path)))
            var schema: [EntityType: [GongAPI.SchemaField]] = [:]
            for (name, fields) in listed {
                guard let type = EntityType(rawValue: name), type.acceptsCustomFields else {
                    throw UsageFailure("\(path): \(name) is not ACCOUNT, CONTACT, DEAL or LEAD")
                }
                schema[type] = fields
            }
            return schema
        } catch let failure as UsageFailure {
            throw failure
        } catch {
            throw UsageFailure("cannot read the schema file \(path): \(error); write a JSON object such as {\"ACCOUNT\": [{\"uniqueName\": \"x\", \"label\": \"X\", \"type\": \"STRING\"}]}")
        }
    }

    mutating func runAsync() async throws {
        var options = EmulatorOptions()
        options.rateLimited = !noRateLimit
        options.pendingSeconds = processingSeconds / 2
        options.processingSeconds = processingSeconds / 2
        options.failedFileShare = failShare
        options.serverErrorShare = errorShare
        options.strictObjectIds = !lenientIds
        options.droppedConnectionShare = dropShare
        options.withoutScopes = Set(withoutScopes)
        if let schema { options.initialSchema = try Self.readSchema(schema) }
        let core: EmulatorCore
        do {
            core = try data.map { try EmulatorCore(options: options, dataDirectory: $0) } ?? EmulatorCore(options: options)
        } catch {
            throw usageError("cannot open the emulator's data in \(data ?? ""): \(error)")
        }
        let host = self.host
        let key = options.accessKey, secret = options.accessKeySecret
        let dataNote = data.map { "\($0) (SQLite)" } ?? "in memory (lost when it stops; keep it with --data DIR)"
        do {
            try await EmulatorServer.run(core: core, host: host, port: port, latency: latency) { bound in
                let banner = """
                    Gong CRM API emulator at http://\(host):\(bound)
                      base URL:   http://\(host):\(bound)
                      access key: \(key)
                      secret:     \(secret)   (demo credentials of this emulator only)
                      stats:      http://\(host):\(bound)/_emulator/stats
                      data:       \(dataNote)
                    Stop with Ctrl-C.

                    """
                Console.out(banner)
            }
        } catch {
            throw usageError("cannot serve on \(host):\(port): \(error)")
        }
    }
}
