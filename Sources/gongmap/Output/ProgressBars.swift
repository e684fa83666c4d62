import Foundation
import TerminalUI
import Upload

/// An upload's progress as text: a bar per entity, then requests, retries, waits and time left.
struct ProgressBars {
    var unicode: Bool
    var barWidth = 24

    func render(_ progress: UploadProgress, now: TimeInterval) -> [String] {
        let nameWidth = progress.entities.map(\.objectType.count).max() ?? 0
        var lines = progress.entities.map { entity in
            let name = entity.objectType.padding(toLength: nameWidth, withPad: " ", startingAt: 0)
            let counts = "\(entity.recordsConfirmed)/\(entity.records) records"
            let rejected = entity.recordsRejected > 0 ? ", \(entity.recordsRejected) rejected" : ""
            return "  \(name) \(bar(entity.fraction)) \(counts)\(rejected)  \(Self.bytes(entity.bytesSent))/\(Self.bytes(entity.bytes))"
        }
        var totals = ["\(progress.requests) requests", "\(progress.retries) retries",
                      "\(progress.rateLimitWaits) rate-limit waits", "\(progress.gongErrors) Gong errors"]
        if let left = progress.secondsLeft(at: now), progress.bytesSent < progress.bytes { totals.append("about \(ProgressBar.duration(left)) left") }
        lines.append("  " + totals.joined(separator: " · ".unicodeOr(" - ", unicode)))
        return lines
    }

    func bar(_ fraction: Double) -> String {
        let filled = Int((fraction * Double(barWidth)).rounded(.down))
        let symbols: Symbols = unicode ? .unicode : .ascii
        let full = symbols.barFull, empty = symbols.barEmpty
        return "[" + String(repeating: full, count: filled) + String(repeating: empty, count: barWidth - filled) + "]"
    }

    static func bytes(_ count: Int) -> String {
        switch count {
        case ..<1024: "\(count) B"
        case ..<(1024 * 1024): String(format: "%.1f KB", Double(count) / 1024)
        default: String(format: "%.1f MB", Double(count) / 1_048_576)
        }
    }
}

private extension String {
    func unicodeOr(_ ascii: String, _ unicode: Bool) -> String { unicode ? self : ascii }
}
