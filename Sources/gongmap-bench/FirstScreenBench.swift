import Foundation
import TerminalUI
import Wizard

/// How soon the wizard shows a big export: the time from opening it to the first 80x24 frame that
/// lists its files, to the Source step with the columns and the suggestion from the first rows,
/// to the full profile in the background, and to the validation that follows it. The target of
/// the first is 100 ms, of the second a few hundred.
enum FirstScreenBench {
    struct Times {
        var firstScreen: Double
        var suggested: Double
        var fullProfile: Double
        var validated: Double
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
        var firstScreen: Double?, suggested: Double?, fullProfile: Double?
        while true {
            let messages = inbox.drain()
            if messages.isEmpty { usleep(200) }
            for message in messages { _ = app.receive(message) }
            if firstScreen == nil, !messages.isEmpty, app.view(size: size).lines().contains(where: { $0.contains(firstFile) }) { firstScreen = seconds() }
            if suggested == nil, app.context.session != nil {
                _ = app.view(size: size)
                suggested = seconds()
            }
            if let profiling = app.context.session?.profiling, !profiling.isRunning, fullProfile == nil { fullProfile = seconds() }
            // The next round starts when this one's background work (validation too) is over.
            if fullProfile != nil, app.context.session?.validation.report != nil { break }
        }
        return Times(firstScreen: firstScreen ?? seconds(), suggested: suggested ?? seconds(), fullProfile: fullProfile ?? seconds(), validated: seconds())
    }
}
