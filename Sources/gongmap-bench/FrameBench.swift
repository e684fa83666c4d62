import Foundation
import TerminalUI
import Wizard

/// How long the UI takes to prepare a frame: the view of a 200x60 screen, and its diff against
/// the previous frame (what the backend sends). The target is well under a millisecond.
enum FrameBench {
    static func run() {
        var settings = UISettings()
        settings.userThemeFolder = NSTemporaryDirectory() + "gongmap-bench-no-themes"
        let size = Size(width: 200, height: 60)
        print("\nframe of \(size) (view + diff)      mean µs   worst µs")
        for (name, keys) in [("start", [Key]()), ("help overlay", [.char("?")]), ("settings", [.function(2)])] {
            let app = WizardApp(settings: settings, recent: [], clock: { 1_800_000_000 })
            _ = app.update(.resize(size))
            for key in keys { _ = app.update(.key(key)) }
            var previous = app.view(size: size)
            var total = 0.0, worst = 0.0
            let rounds = 2000
            for round in 0..<rounds {
                // Moving the selection changes a few rows, as a key press does.
                _ = app.update(.key(round % 2 == 0 ? .down : .up))
                let started = DispatchTime.now().uptimeNanoseconds
                let frame = app.view(size: size)
                let changes = frame.diff(from: previous)
                let micros = Double(DispatchTime.now().uptimeNanoseconds - started) / 1000
                precondition(changes.count >= 0)
                previous = frame
                total += micros
                worst = max(worst, micros)
            }
            print(name.padding(toLength: 34, withPad: " ", startingAt: 0) + String(format: "%9.0f %10.0f", total / Double(rounds), worst))
        }
    }
}
