import CRMExport
import Foundation
import GongClient
import Mapping

/// `gongmap sync`: incremental uploads on a schedule, one at a time. It holds the journal's sync
/// lock for its life (a second sync refuses), takes the upload lock for each cycle (a manual
/// upload in progress makes the cycle wait for the next turn), backs off after failures, and
/// writes every cycle and its outcome to the journal before and after it runs.
public final class SyncService: @unchecked Sendable {
    /// What a cycle reads: opened again each cycle, so a changed export or mapping is taken up.
    public struct Source {
        public var export: Export
        public var label: String
        public var mapping: Mapping

        public init(export: Export, label: String, mapping: Mapping) {
            (self.export, self.label, self.mapping) = (export, label, mapping)
        }
    }

    public enum Report: Sendable {
        /// Failed cycles make the next wait until `until`; nothing was done.
        case waiting(until: TimeInterval, failures: Int)
        case cycle(Journal.Cycle, CycleError?)
    }

    /// Why a cycle failed, and whether waiting can fix it.
    public struct CycleError: Error, Sendable, CustomStringConvertible {
        /// The mapping, the export, the credentials or the base URL must be changed.
        public var isConfiguration: Bool
        public var description: String
    }

    let engine: UploadEngine
    let journal: Journal
    let schedule: SyncSchedule
    let mappingPath: String
    let open: () throws -> Source
    private let lock: UploadLock

    /// Takes the sync lock: throws `UploadLock.Busy` when another sync runs for this journal.
    public init(engine: UploadEngine, journal: Journal, schedule: SyncSchedule, open: @escaping () throws -> Source) throws {
        self.engine = engine
        self.journal = journal
        self.schedule = schedule
        self.open = open
        mappingPath = engine.options.mappingPath
        lock = try UploadLock(folder: engine.options.stateFolder, kind: .sync)
        try journal.closeAbandonedCycles(mapping: mappingPath)
    }

    /// Closes the connections to Gong; the service makes no call after it.
    public func shutdown() async {
        try? await engine.client.shutdown()
    }

    /// When the next cycle may start; nil for now.
    public func nextDue() throws -> TimeInterval? {
        let last = try journal.cycles(mapping: mappingPath, limit: 1).first
        return schedule.nextDue(after: last, failures: try journal.consecutiveFailures(mapping: mappingPath))
    }

    /// Cycles until the task is cancelled (SIGTERM, SIGINT): a cycle in progress ends its current
    /// call and is marked interrupted; its run resumes with the next cycle, even after a restart.
    public func run(onReport: (Report) -> Void) async {
        while !Task.isCancelled {
            if let due = try? nextDue(), due > Date().timeIntervalSince1970 {
                let failures = (try? journal.consecutiveFailures(mapping: mappingPath)) ?? 0
                if failures > 0 { onReport(.waiting(until: due, failures: failures)) }
                do { try await Task.sleep(nanoseconds: UInt64((due - Date().timeIntervalSince1970) * 1e9)) } catch { return }
                continue
            }
            onReport(await runCycle())
        }
    }

    /// One cycle now, unless failed cycles make it wait (`.waiting`).
    /// A timer or cron decides when cycles run; only failures make one wait.
    public func runCycleIfDue() async -> Report {
        let failures = (try? journal.consecutiveFailures(mapping: mappingPath)) ?? 0
        if failures > 0, let due = try? nextDue(), due > Date().timeIntervalSince1970 {
            return .waiting(until: due, failures: failures)
        }
        return await runCycle()
    }

    /// Runs one cycle and records it.
    public func runCycle() async -> Report {
        let id: Int64
        let started = Date().timeIntervalSince1970
        do {
            id = try journal.startCycle(mapping: mappingPath, everySeconds: schedule.every, callBudget: engine.options.callBudget, at: started)
        } catch {
            return .cycle(failedCycle("the journal could not be written: \(error)"), CycleError(isConfiguration: true, description: "\(error)"))
        }
        var outcome = Journal.CycleOutcome.failed
        var run: Int64?
        var sent = 0
        var leftOut = 0
        var message = ""
        var failure: CycleError?
        do {
            let source = try opening()
            switch try await engine.cycle(export: source.export, exportLabel: source.label, mapping: source.mapping) {
            case .unchanged(let records, let left):
                (outcome, leftOut) = (.unchanged, left)
                message = "nothing changed in \(records) records" + (left > 0 ? "; \(left) left out by validation" : "")
            case .ran(let result):
                run = result.run
                sent = result.accepted + result.rejected + result.unconfirmed
                leftOut = result.leftOut
                outcome = switch result.outcome { case .done: .done; case .rejected: .rejected; case .incomplete: .incomplete }
                message = result.line
            }
        } catch let busy as UploadLock.Busy {
            (outcome, message) = (.busy, busy.description)
        } catch is CancellationError {
            (outcome, message) = (.interrupted, "stopped by a signal; the run resumes with the next cycle")
        } catch let error as CycleError {
            failure = error
            message = error.description
        } catch let refusal as UploadEngine.Refusal {
            failure = CycleError(isConfiguration: true, description: refusal.description)
            message = refusal.description
        } catch let error as GongClientError where error.isConfiguration {
            failure = CycleError(isConfiguration: true, description: error.description)
            message = error.description
        } catch {
            if Task.isCancelled {
                (outcome, message) = (.interrupted, "stopped by a signal; the run resumes with the next cycle")
            } else {
                failure = CycleError(isConfiguration: false, description: "\(error)")
                message = "\(error)"
            }
        }
        let failures = ((try? journal.consecutiveFailures(mapping: mappingPath)) ?? 0) + (outcome.isFailure ? 1 : 0)
        let now = Date().timeIntervalSince1970
        let nextAt: TimeInterval? = schedule.every == nil && failures == 0 ? nil : max(now, started + schedule.delay(afterFailures: failures))
        try? journal.finishCycle(id, outcome: outcome, run: run, sent: sent, leftOut: leftOut, message: message, nextAt: nextAt, at: now)
        let recorded = (try? journal.cycles(mapping: mappingPath, limit: 1).first) ?? failedCycle(message)
        return .cycle(recorded, failure)
    }

    private func opening() throws -> Source {
        do { return try open() } catch let error as CycleError { throw error } catch {
            throw CycleError(isConfiguration: true, description: "\(error)")
        }
    }

    private func failedCycle(_ message: String) -> Journal.Cycle {
        Journal.Cycle(id: 0, mapping: mappingPath, startedAt: Date().timeIntervalSince1970, finishedAt: nil, outcome: .failed, runId: nil, sent: 0, leftOut: 0,
                      calls: 0, message: message, everySeconds: schedule.every, nextAt: nil, callBudget: engine.options.callBudget, processId: 0)
    }
}
