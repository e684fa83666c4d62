import ArgumentParser
import CRMExport
import Foundation
import GongClient
import Upload

struct VerifyCommand: AsyncRunnableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Read records back from Gong and compare them with what the journal says Gong accepted.",
        discussion: """
        For accounts, contacts, deals and leads (Gong reads back no other type): a sample of the records Gong accepted (or
        --all) is read with GET /v2/crm/entities, 100 a call, within the rate limit and the daily budget, and each field is
        compared with the line gongmap sent. Exit codes: 0 every record read back as sent; 1 records missing or different;
        2 usage or configuration; 3 stopped (the daily budget, the network).
        """
    )

    @Argument(help: "The export (default: the export the mapping names).")
    var export: [String] = []

    @Option(name: [.short, .long], help: "The mapping file (YAML).")
    var mapping: String

    @Option(name: .customLong("base-url"), help: "Your Gong API base URL (or GONG_BASE_URL).")
    var baseURL: String?

    @Option(help: "How many accepted records of each entity to read back.")
    var sample = 100

    @Flag(help: "Read back every accepted record.")
    var all = false

    @Option(help: "Only records whose current content Gong accepted in this run (gongmap status lists the runs).")
    var run: Int64?

    @Flag(help: "Print the report as JSON.")
    var json = false

    mutating func runAsync() async throws {
        guard sample > 0 else { throw usageError("--sample must be 1 or more") }
        let given = baseURL
        let (baseURL, credentials) = try failingAsUsage { try Inputs.gong(baseURL: given) }
        let mappingFile = try failingAsUsage { try Inputs.readMapping(mapping) }
        let paths = try failingAsUsage { try Inputs.exportPaths(export, mapping: mappingFile, mappingPath: mapping) }
        let opened = try failingAsUsage { try Inputs.openExport(paths) }
        let journalPath = UploadEngine.Options(mappingPath: mapping).stateFolder + "/journal.sqlite"
        guard FileManager.default.fileExists(atPath: journalPath) else {
            throw usageError("no uploads yet for \(mapping) (no journal at \(journalPath)); upload first with gongmap upload --mapping \(mapping)")
        }
        let journal = try failingAsUsage { try Journal(path: journalPath) }
        let client = GongClient(baseURL: baseURL, credentials: credentials) { journal.record($0) }
        let verifier = Verifier(client: client, journal: journal, mappingPath: mapping)
        let report: VerifyReport
        do {
            report = try await verifier.verify(export: opened, exportLabel: Export.label(of: paths), mapping: mappingFile, sample: all ? nil : sample, run: run)
            try? await client.shutdown()
        } catch {
            try? await client.shutdown()
            if let refusal = error as? UploadEngine.Refusal { throw usageError(refusal.description) }
            if let failure = error as? GongClientError, failure.isConfiguration { throw usageError(failure.description) }
            Console.err("gongmap: \(error)\n")
            throw ExitCode(ExitStatus.stopped)
        }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
            Console.out(String(decoding: try encoder.encode(report), as: UTF8.self) + "\n")
        } else {
            Console.out(Self.render(report))
        }
        if !report.isClean { throw ExitCode(ExitStatus.dataErrors) }
    }

    static func render(_ report: VerifyReport) -> String {
        var table = TextTable(["entity", "accepted", "checked", "as sent", "missing", "different", "not compared"], rightAligned: [1, 2, 3, 4, 5, 6])
        for entity in report.entities {
            table.add([entity.objectType, String(entity.accepted), String(entity.checked), String(entity.matching), String(entity.missing),
                       String(entity.different), String(entity.notCompared)])
        }
        var lines = ["Records read back from Gong (integration \(report.integrationId)):", table.render()]
        for entity in report.entities {
            for problem in entity.problems {
                if problem.kind == "missing" {
                    lines.append("  \(entity.objectType) \(problem.objectId): Gong has no such record")
                }
                for difference in problem.differences.prefix(5) {
                    lines.append("  \(entity.objectType) \(problem.objectId) \(difference.field): sent \(difference.sent ?? "(nothing)"), Gong has \(difference.gong ?? "(nothing)")")
                }
                if problem.differences.count > 5 {
                    lines.append("  \(entity.objectType) \(problem.objectId): \(problem.differences.count - 5) more fields differ (--json lists them all)")
                }
            }
        }
        lines.append("'not compared': records changed in the export since Gong accepted them (the next upload sends them).")
        lines.append(report.isClean ? "Every record checked is in Gong as gongmap sent it." : "Some records are not in Gong as gongmap sent them.")
        return lines.joined(separator: "\n") + "\n"
    }
}
