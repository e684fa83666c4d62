import ArgumentParser
import Foundation
import GongClient
import Upload

struct UploadCommand: AsyncRunnableCommand {
    static let configuration = CommandConfiguration(
        commandName: "upload",
        abstract: "Send an export to Gong through a mapping: only new, changed and deleted records, resumable.",
        discussion: """
        Credentials come from GONG_ACCESS_KEY and GONG_ACCESS_KEY_SECRET, or from ~/.config/gongmap/credentials (mode 0600).
        The journal and the files of each run are kept in .gongmap/ beside the mapping; a run that was stopped resumes
        with the next gongmap upload. Exit codes: 0 every record of the export is in Gong; 1 some are not (left out by
        validation, rejected by Gong, or not confirmed by it; the last line counts each); 2 usage or configuration
        problems (bad credentials included); 3 stopped (run gongmap upload again to resume).
        """
    )

    @Argument(help: "The export: a folder, or CSV/TSV/JSON files (default: the export the mapping names).")
    var export: [String] = []

    @Option(name: [.short, .long], help: "The mapping file (YAML).")
    var mapping: String

    @Option(name: .customLong("base-url"), help: "Your Gong API base URL (or GONG_BASE_URL), e.g. https://us-12345.api.gong.io, or the emulator's.")
    var baseURL: String?

    @Flag(help: "Send every record, changed or not (and history again).")
    var full = false

    @Flag(name: .customLong("dry-run"), help: "Show what would be sent, send nothing: the same validation, plan and counts.")
    var dryRun = false

    @Flag(name: .customLong("allow-schema-deletes"), help: "Allow removing or retyping custom fields, which deletes their values in Gong.")
    var allowSchemaDeletes = false

    @Option(name: .customLong("owner-email"), help: "Email of the integration's owner when one has to be registered.")
    var ownerEmail: String?

    @Option(name: .customLong("poll-seconds"), help: "Seconds before the first request-status check of a file; each wait doubles, up to 60 s (0: no pause, for benchmarks).")
    var pollSeconds: Double = 1

    @Option(name: .customLong("budget-share"), help: "Share (0 to 1) of the company's daily API calls gongmap may use in 24 hours; the rest is for Gong's other clients.")
    var budgetShare: Double = 0.5

    @Option(name: .customLong("daily-calls"), help: "The company's API calls per day (Gong's default is 10,000; higher if Gong raised it).")
    var dailyCalls = 10_000

    @Option(name: .customLong("keep-payloads"), help: "Keep the sent files of the last N runs (0: a file is deleted once Gong processed it without errors; results are always kept).")
    var keepPayloads = 0

    @Flag(help: "Print one JSON object per event.")
    var json = false

    @Option(name: .customLong("calls-per-second"), help: "Most API calls per second (Gong allows 3; raise it only for a rehearsal against an emulator without limits).")
    var callsPerSecond: Double = 2.9

    mutating func runAsync() async throws {
        let given = baseURL
        let (baseURL, credentials) = try failingAsUsage { try Inputs.gong(baseURL: given) }
        let mappingFile = try failingAsUsage { try Inputs.readMapping(mapping) }
        let paths = try failingAsUsage { try Inputs.exportPaths(export, mapping: mappingFile, mappingPath: mapping) }
        let opened = try failingAsUsage { try Inputs.openExport(paths) }
        var options = UploadEngine.Options(mappingPath: mapping)
        options.full = full
        options.dryRun = dryRun
        options.allowSchemaChanges = allowSchemaDeletes
        options.pollSeconds = pollSeconds
        options.budgetShare = budgetShare
        options.dailyCalls = dailyCalls
        options.keepPayloadRuns = max(0, keepPayloads)
        if let ownerEmail { options.ownerEmail = ownerEmail }
        let journal = try failingAsUsage { try Journal(path: options.stateFolder + "/journal.sqlite") }
        guard callsPerSecond > 0 else { throw usageError("--calls-per-second must be more than 0") }
        guard (0...1).contains(budgetShare), dailyCalls > 0, pollSeconds >= 0 else {
            throw usageError("--budget-share is between 0 and 1, --daily-calls more than 0, --poll-seconds 0 or more (0 checks without pause: for benchmarks)")
        }
        let reporter = UploadReporter(style: json ? .json : Inputs.stdoutIsTerminal ? .bars : .lines)
        let recordsCalls = !dryRun
        let client = GongClient(baseURL: baseURL, credentials: credentials, callsPerSecond: callsPerSecond) { event in
            if recordsCalls { journal.record(event) }
            reporter.report(event)
        }
        let engine = UploadEngine(client: client, journal: journal, options: options) { reporter.report($0) }
        // Ctrl-C, SIGTERM and a lost terminal stop the run cleanly; it resumes next time.
        let upload = Task { try await engine.run(export: opened, exportLabel: paths.joined(separator: " "), mapping: mappingFile) }
        let signals = [SIGINT, SIGTERM, SIGHUP].map { number -> DispatchSourceSignal in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number)
            source.setEventHandler { upload.cancel() }
            source.resume()
            return source
        }
        defer { signals.forEach { $0.cancel() } }
        do {
            let result = try await upload.value
            try? await client.shutdown()
            reporter.finish(["event": "summary", "run": result.run, "accepted": result.accepted, "rejected": result.rejected, "unconfirmed": result.unconfirmed,
                             "leftOut": result.leftOut, "dryRun": result.dryRun, "outcome": result.outcome.rawValue],
                            result.line)
            if result.outcome != .done { throw ExitCode(ExitStatus.dataErrors) }
        } catch let error as ExitCode {
            throw error
        } catch let refusal as UploadEngine.Refusal {
            try? await client.shutdown()
            throw usageError(refusal.description)
        } catch let error as GongClientError where error.isConfiguration {
            try? await client.shutdown()
            throw usageError(error.description)
        } catch let stop as UploadEngine.Stop {
            try? await client.shutdown()
            Console.err("gongmap: \(stop.description)\n")
            throw ExitCode(ExitStatus.stopped)
        } catch {
            try? await client.shutdown()
            let reason = error is CancellationError ? "stopped" : "\(error)"
            Console.err("gongmap: \(reason)\n" + (dryRun ? "" : "The run is kept in the journal: run the same gongmap upload again to resume it.\n"))
            throw ExitCode(ExitStatus.stopped)
        }
    }
}
