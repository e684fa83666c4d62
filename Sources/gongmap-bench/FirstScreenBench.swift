import Foundation
import TerminalUI
import Wizard

/// How soon the wizard shows a big export: the time from opening it to the first 80x24 frame that
/// lists its files, to the suggestion from the first rows, and to the full profile in the
/// background. The target of the first is 100 ms.
enum FirstScreenBench {
    struct Times {
        var firstScreen: Double
        var fullProfile: Double
    }

    static func run(export: String, firstFile: String) -> Times {
        setenv("XDG_STATE_HOME", NSTemporaryDirectory() + "gongmap-bench-state-\(getpid())", 1)
        var settings = UISettings()
        settings.userThemeFolder = NSTemporaryDirectory() + "gongmap-bench-no-themes"
        let inbox = Inbox<WizardMessage>()
        let app = WizardApp(settings: settings, recent: [], inbox: inbox)
        let size = Size(width: 80, height: 24)
        _ = app.update(.resize(size))
        let started = DispatchTime.now().uptimeNanoseconds
        func seconds() -> Double { Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9 }
        app.load(.newMapping([export]))
        var firstScreen: Double?
        while true {
            let messages = inbox.drain()
            if messages.isEmpty { usleep(200) }
            for message in messages { _ = app.receive(message) }
            if firstScreen == nil, !messages.isEmpty, app.view(size: size).lines().contains(where: { $0.contains(firstFile) }) { firstScreen = seconds() }
            if let profiling = app.context.session?.profiling, !profiling.isRunning { break }
            if app.context.session != nil, app.context.session?.profiling == nil { break }
        }
        return Times(firstScreen: firstScreen ?? seconds(), fullProfile: seconds())
    }
}
