import Foundation
import Upload

/// What `gongmap sync` prints: one line per cycle, and the upload's own lines when a cycle sends
/// something or fails. The lines of a cycle that found nothing changed are left out, so a log
/// of cycles every few minutes stays readable.
final class CycleLog: @unchecked Sendable {
    private let reporter: UploadReporter
    private let json: Bool
    private let lock = NSLock()
    private var held: [UploadEvent] = []
    private var live = false

    init(reporter: UploadReporter, json: Bool) {
        self.reporter = reporter
        self.json = json
    }

    func report(_ event: UploadEvent) {
        lock.lock()
        if case .started = event, !live {
            live = true
            let earlier = held
            held = []
            lock.unlock()
            earlier.forEach(reporter.report)
            reporter.report(event)
            return
        }
        if live {
            lock.unlock()
            reporter.report(event)
            return
        }
        held.append(event)
        lock.unlock()
    }

    func line(_ text: String) {
        reporter.finish(["event": "note", "message": text], text)
    }

    func finish(_ report: SyncService.Report) {
        lock.lock()
        let earlier = held
        held = []
        live = false
        lock.unlock()
        switch report {
        case .waiting(let until, let failures):
            let text = "Backing off after \(failures) failed cycle\(failures == 1 ? "" : "s") in a row: the next cycle is at \(Self.time(until))"
            reporter.finish(["event": "waiting", "until": Self.time(until), "failures": failures], text)
        case .cycle(let cycle, _):
            if cycle.outcome == .failed { earlier.forEach(reporter.report) }
            reporter.finish(Self.object(cycle), Self.text(cycle))
        }
    }

    static func text(_ cycle: Journal.Cycle) -> String {
        let next = cycle.nextAt.map { "; next cycle at \(time($0))" } ?? ""
        let calls = "\(cycle.calls) call\(cycle.calls == 1 ? "" : "s")"
        return "\(time(cycle.startedAt)) cycle \(cycle.id): \(cycle.outcome.rawValue), \(cycle.message) (\(calls))\(next)"
    }

    static func object(_ cycle: Journal.Cycle) -> [String: Any] {
        var object: [String: Any] = ["event": "cycle", "cycle": cycle.id, "outcome": cycle.outcome.rawValue, "sent": cycle.sent, "leftOut": cycle.leftOut,
                                     "calls": cycle.calls, "message": cycle.message, "startedAt": time(cycle.startedAt)]
        if let run = cycle.runId { object["run"] = run }
        if let next = cycle.nextAt { object["nextAt"] = time(next) }
        return object
    }

    /// Local time, to the second.
    static func time(_ seconds: TimeInterval) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"
        return formatter.string(from: Date(timeIntervalSince1970: seconds))
    }
}
