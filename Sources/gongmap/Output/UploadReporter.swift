import Foundation
import GongClient
import Upload

/// Prints an upload as it goes: one JSON object per event (`--json`), one line per event when
/// stdout is not a terminal, and on a terminal the same lines above progress bars per entity
/// that are redrawn in place.
final class UploadReporter: @unchecked Sendable {
    enum Style { case json, lines, bars }

    private let style: Style
    private let unicode: Bool
    private let lock = NSLock()
    private var progress = UploadProgress()
    private var drawnLines = 0
    private var lastDraw: TimeInterval = 0

    init(style: Style, unicode: Bool = UploadReporter.localeIsUTF8) {
        self.style = style
        self.unicode = unicode
    }

    static var localeIsUTF8: Bool {
        let environment = ProcessInfo.processInfo.environment
        let locale = environment["LC_ALL"].flatMap { $0.isEmpty ? nil : $0 } ?? environment["LC_CTYPE"].flatMap { $0.isEmpty ? nil : $0 } ?? environment["LANG"] ?? ""
        return locale.lowercased().contains("utf-8") || locale.lowercased().contains("utf8")
    }

    func report(_ event: UploadEvent) {
        locked {
            progress.apply(event)
            let name = "\(event)".components(separatedBy: "(").first ?? "event"
            emit(["event": name, "message": event.line], event.line, redraw: true)
        }
    }

    func report(_ event: ClientEvent) {
        locked {
            progress.apply(event)
            switch event {
            case .retrying(let endpoint, let attempt, let after, let reason):
                emit(["event": "retry", "endpoint": endpoint, "attempt": attempt, "after": after, "reason": reason], event.line ?? "", redraw: true)
            case .waitedForRateLimit(let seconds):
                emit(["event": "rateLimitWait", "seconds": seconds], event.line ?? "", redraw: true)
            case .called:
                if style == .bars { redrawBars(force: false) }
            }
        }
    }

    /// A final line (the summary) after the bars have been drawn one last time.
    func finish(_ object: [String: Any], _ text: String) {
        locked {
            if style == .bars { redrawBars(force: true) }
            drawnLines = 0
            emit(object, text, redraw: false)
        }
    }

    private func locked(_ body: () -> Void) {
        lock.lock()
        defer { lock.unlock() }
        body()
    }

    private func emit(_ object: [String: Any], _ text: String, redraw: Bool) {
        switch style {
        case .json:
            guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]) else { return }
            write(String(decoding: data, as: UTF8.self) + "\n")
        case .lines:
            write(text + "\n")
        case .bars:
            write(eraseBars() + text + "\n")
            drawnLines = 0
            if redraw { redrawBars(force: true) }
        }
    }

    private func redrawBars(force: Bool) {
        let now = Date().timeIntervalSince1970
        guard !progress.entities.isEmpty, force || now - lastDraw > 0.1 else { return }
        lastDraw = now
        let lines = ProgressBars(unicode: unicode).render(progress, now: now)
        write(eraseBars() + lines.joined(separator: "\n") + "\n")
        drawnLines = lines.count
    }

    /// Moves up over the bars drawn last and clears to the end of the screen.
    private func eraseBars() -> String {
        drawnLines == 0 ? "" : "\u{1B}[\(drawnLines)F\u{1B}[J"
    }

    private func write(_ text: String) {
        Console.out(text)
    }
}
