import ArgumentParser
import CRMExport
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
        problems (bad credentials included); 3 stopped (run gongmap upload again to resume), or another gongmap is
        uploading through the same journal. To keep Gong current every few minutes, see gongmap sync.
        """
    )

    @OptionGroup var run: GongRunOptions

    @Flag(help: "Send every record, changed or not (and history again).")
    var full = false

    @Flag(name: .customLong("dry-run"), help: "Show what would be sent, send nothing: the same validation, plan and counts.")
    var dryRun = false

    mutating func runAsync() async throws {
        let source = try failingAsUsage { try run.openSource() }
        var options = run.engineOptions
        options.full = full
        options.dryRun = dryRun
        let reporter = UploadReporter(style: run.json ? .json : Inputs.stdoutIsTerminal ? .bars : .lines)
        let (client, journal) = try failingAsUsage { try run.connect(reporter: reporter, recordingCalls: !dryRun) }
        let engine = UploadEngine(client: client, journal: journal, options: options) { reporter.report($0) }
        let upload = Task { try await engine.run(export: source.export, exportLabel: Export.label(of: source.paths), mapping: source.mapping) }
        let signals = GongRunOptions.cancelling(upload)
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
