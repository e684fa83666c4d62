import ArgumentParser
import CRMExport
import Foundation
import GongClient
import Upload

struct SyncCommand: AsyncRunnableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync",
        abstract: "Keep Gong current: incremental uploads every few minutes, one at a time, backing off when Gong fails.",
        discussion: """
        Gong recommends updating every 1 to 5 minutes. Each cycle reads the export and the mapping again and sends only what
        changed; a cycle that finds nothing changed makes no call to Gong. Cycles and their outcomes go into the journal
        beside the mapping (gongmap status shows them). One sync runs per journal; a gongmap upload in progress makes a
        cycle wait for the next turn. After a failed cycle the next waits twice as long, up to --max-backoff.
        SIGTERM or Ctrl-C ends the current call and stops; the run resumes with the next cycle, after a restart too.

        With --once (for a systemd timer or cron) the exit codes are those of gongmap upload: 0 every record of the export
        is in Gong (nothing changed included), 1 some are not, 2 configuration problems, 3 stopped, backing off or busy.
        --print-unit systemd prints a service and a timer (--unit-dir writes them), --print-unit cron a crontab line.
        """
    )

    @OptionGroup var run: GongRunOptions

    @Option(help: "Time between cycles: 90s, 5m, 1h (Gong recommends 1 to 5 minutes).")
    var every: String?

    @Flag(help: "Run one cycle and exit (for a systemd timer or cron).")
    var once = false

    @Option(name: .customLong("max-backoff"), help: "The longest wait after failed cycles in a row.")
    var maxBackoff = "1h"

    @Option(name: .customLong("print-unit"), help: "Print a systemd service and timer (systemd) or a crontab line (cron) that runs this sync, and exit.")
    var printUnit: UnitKind?

    @Option(name: .customLong("unit-dir"), help: "With --print-unit systemd: write the two unit files into this folder (e.g. /etc/systemd/system) instead of printing them.")
    var unitDir: String?

    func validate() throws {
        if let every, SyncSchedule.parseInterval(every) == nil { throw ValidationError("--every takes an interval such as 90s, 5m or 1h, not '\(every)'") }
        if SyncSchedule.parseInterval(maxBackoff) == nil { throw ValidationError("--max-backoff takes an interval such as 30m or 1h, not '\(maxBackoff)'") }
        if every == nil && !once && printUnit == nil { throw ValidationError("say how often: --every 5m, or --once for a single cycle (from a timer or cron)") }
        if unitDir != nil && printUnit != .systemd { throw ValidationError("--unit-dir goes with --print-unit systemd") }
    }

    var schedule: SyncSchedule {
        SyncSchedule(every: every.flatMap(SyncSchedule.parseInterval), maxBackoff: SyncSchedule.parseInterval(maxBackoff) ?? 3600)
    }

    mutating func runAsync() async throws {
        if let printUnit { return try printUnits(printUnit) }
        let run = self.run
        _ = try failingAsUsage { try run.openSource() }
        let reporter = UploadReporter(style: run.json ? .json : .lines)
        let log = CycleLog(reporter: reporter, json: run.json)
        let (client, journal) = try failingAsUsage { try run.connect(reporter: reporter) }
        let engine = UploadEngine(client: client, journal: journal, options: run.engineOptions) { log.report($0) }
        let service: SyncService
        do {
            service = try SyncService(engine: engine, journal: journal, schedule: schedule) {
                let source = try run.openSource()
                return SyncService.Source(export: source.export, label: Export.label(of: source.paths), mapping: source.mapping)
            }
        } catch let busy as UploadLock.Busy {
            try? await client.shutdown()
            throw usageError(busy.description)
        }
        let once = self.once
        let every = schedule.every
        let work = Task { () async throws -> SyncService.Report? in
            if once { return await service.runCycleIfDue() }
            if let every {
                log.line("Syncing \(run.mapping) every \(SyncSchedule.label(every)) (Ctrl-C or SIGTERM stops after the current call)")
            }
            await service.run { log.finish($0) }
            return nil
        }
        let signals = GongRunOptions.cancelling(work)
        defer { signals.forEach { $0.cancel() } }
        let report = try await work.value
        try? await client.shutdown()
        guard let report else { return log.line("Sync stopped.") }
        log.finish(report)
        let code = Self.exitCode(report)
        if code != ExitStatus.success { throw ExitCode(code) }
    }

    /// The exit code of a single cycle, as `gongmap upload` would exit.
    static func exitCode(_ report: SyncService.Report) -> Int32 {
        guard case .cycle(let cycle, let failure) = report else { return ExitStatus.stopped }
        switch cycle.outcome {
        case .unchanged, .done: return cycle.leftOut > 0 ? ExitStatus.dataErrors : ExitStatus.success
        case .rejected, .incomplete: return ExitStatus.dataErrors
        case .failed: return failure?.isConfiguration == true ? ExitStatus.usage : ExitStatus.stopped
        case .busy, .interrupted, .running: return ExitStatus.stopped
        }
    }

    enum UnitKind: String, ExpressibleByArgument, CaseIterable { case systemd, cron }

    private func printUnits(_ kind: UnitKind) throws {
        let units = try failingAsUsage { try SyncUnits(run: run, schedule: schedule) }
        switch kind {
        case .cron:
            print(try failingAsUsage { try units.crontabLine() })
        case .systemd:
            guard let unitDir else {
                print("# \(units.name).service\n" + units.service() + "\n# \(units.name).timer\n" + units.timer(), terminator: "")
                return
            }
            try failingAsUsage { () throws -> Void in
                for (suffix, text) in [("service", units.service()), ("timer", units.timer())] {
                    try Data(text.utf8).write(to: URL(fileURLWithPath: unitDir + "/\(units.name).\(suffix)"), options: .atomic)
                }
            }
            print("Wrote \(unitDir)/\(units.name).service and \(units.name).timer. Start it with:\n  systemctl daemon-reload && systemctl enable --now \(units.name).timer")
        }
        for warning in units.warnings { Console.err("gongmap: \(warning)\n") }
    }
}
