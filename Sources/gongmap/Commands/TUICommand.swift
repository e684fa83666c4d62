import ArgumentParser
import CRMExport
import Foundation
import TerminalNCurses
import TerminalUI
import Wizard

/// Options every full-screen command shares.
struct DisplayOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Colour theme: default, light, high-contrast, monochrome, or your own in ~/.config/gongmap/themes/NAME.yaml (default: the last one chosen in settings).", valueName: "name"))
    var theme: String?

    @Flag(help: "ASCII borders and symbols, for fonts without line drawing and serial consoles.")
    var ascii = false

    @Flag(inversion: .prefixedNo, help: "Take clicks and the wheel (the terminal's own copy and paste then needs Shift); off unless chosen here or in settings (F2).")
    var mouse: Bool?

    @Flag(name: .customLong("no-color"), help: "No colours (as NO_COLOR does); selections stay visible by reverse video.")
    var noColor = false

    @Option(help: ArgumentHelp("Colours to use instead of the detected ones: none, 8, 16, 256, truecolor.", valueName: "depth"))
    var color: String?

    func validate() throws {
        if let color, ColorDepth(flag: color) == nil { throw ValidationError("--color takes none, 8, 16, 256 or truecolor") }
    }

    var forcedDepth: ColorDepth? { noColor ? ColorDepth.none : color.flatMap(ColorDepth.init(flag:)) }

    /// Flags first, then what settings saved last time, then the defaults.
    func settings(detected: ColorDepth, saved: SavedSettings.Look = SavedSettings.readLook()) -> UISettings {
        var settings = UISettings()
        settings.themeName = theme ?? saved.theme ?? settings.themeName
        settings.ascii = ascii || (saved.ascii ?? false)
        settings.mouse = mouse ?? saved.mouse ?? settings.mouse
        settings.colorDepth = forcedDepth ?? detected
        return settings
    }
}

/// `gongmap` without a command: the wizard, full screen.
struct TUICommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ui",
        abstract: "The mapping wizard, full screen (what gongmap does without a command).",
        discussion: "Keys: ? on any screen lists them; : jumps anywhere; q quits. See README's key reference."
    )

    @Argument(help: "An export (a folder, or CSV/TSV/JSON files) to start a new mapping from.")
    var export: [String] = []

    @OptionGroup var display: DisplayOptions

    func run() throws {
        let recent = RecentMappings().paths
        let export = self.export.map { PostgresLocation.isPostgresURL($0) ? $0 : URL(fileURLWithPath: $0).standardizedFileURL.path }
        try TUIRunner.run(display: display) { app in
            if !export.isEmpty { app.load(.newMapping(export)) }
        } makeApp: { settings, inbox in WizardApp(settings: settings, recent: recent, inbox: inbox) }
    }
}

/// `gongmap edit MAPPING`: the wizard on a saved mapping and its export.
struct EditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "edit", abstract: "Open a saved mapping (and the export it names) in the wizard.")

    @Argument(help: "The mapping file.")
    var mapping: String

    @Argument(help: "The export, when not the one the mapping names.")
    var export: [String] = []

    @OptionGroup var display: DisplayOptions

    func run() throws {
        guard FileManager.default.fileExists(atPath: mapping) else { throw usageError("no mapping file \(mapping)") }
        let path = URL(fileURLWithPath: mapping).standardizedFileURL.path, export = self.export
        try TUIRunner.run(display: display) { app in app.load(.mapping(path, export: export)) } makeApp: { settings, inbox in
            WizardApp(settings: settings, recent: RecentMappings().paths, inbox: inbox)
        }
    }
}

/// `gongmap uploads --mapping FILE`: the uploads of a mapping, live.
struct UploadsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "uploads", abstract: "Show the upload runs of a mapping, following a running one live.")

    @Option(name: [.short, .long], help: "The mapping file (default: the most recent one).")
    var mapping: String?

    @OptionGroup var display: DisplayOptions

    func run() throws {
        guard let path = mapping.map({ URL(fileURLWithPath: $0).standardizedFileURL.path }) ?? RecentMappings().paths.first else {
            throw usageError("no mapping given and none opened before: pass --mapping FILE")
        }
        try TUIRunner.run(display: display) { app in
            app.afterLoad = .uploads
            app.load(.mapping(path, export: []))
        } makeApp: { settings, inbox in WizardApp(settings: settings, recent: RecentMappings().paths, inbox: inbox) }
    }
}

/// Opens the terminal, runs the wizard until it quits or a signal arrives, and always gives the
/// terminal back.
enum TUIRunner {
    static func run(display: DisplayOptions, prepare: (WizardApp) -> Void = { _ in },
                    makeApp: (UISettings, Inbox<WizardMessage>) -> WizardApp) throws {
        let signals = SignalWatcher()
        let saved = SavedSettings.readLook()
        var options = NCursesTerminal.Options()
        options.mouse = display.settings(detected: .none, saved: saved).mouse
        options.colorDepth = display.forcedDepth
        let terminal: NCursesTerminal
        do {
            terminal = try NCursesTerminal(options: options)
        } catch {
            Console.err("gongmap: \(error)\n")
            throw ExitCode(ExitStatus.usage)
        }
        let inbox = Inbox<WizardMessage>()
        let app = makeApp(display.settings(detected: terminal.colorDepth, saved: saved), inbox)
        prepare(app)
        var current = app.context.settings, look = saved
        app.onSettingsChanged = { settings in
            terminal.setMouse(settings.mouse)
            terminal.invalidate()
            // What the user changes in settings is kept for next time; a flag holds for this run only.
            guard settings != current else { return }
            if settings.themeName != current.themeName { look.theme = settings.themeName }
            if settings.ascii != current.ascii { look.ascii = settings.ascii }
            if settings.mouse != current.mouse { look.mouse = settings.mouse }
            current = settings
            SavedSettings.saveLook(look)
        }
        let stoppedBy = EventLoop(program: app, terminal: terminal, inbox: inbox).run(stopRequested: { signals.pending })
        app.keepDraft()
        terminal.shutdown()
        if let signal = stoppedBy { throw ExitCode(128 + signal) }
    }
}
