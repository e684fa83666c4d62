import CRMExport
import Foundation
import Mapping
import TerminalUI
import Validation

/// The wizard as a `Program`: the shell (step bar, status bar, `?` help, `:` command line,
/// dialogs, notices, the too-small screen) around the current screen. Every key goes first to
/// what is open on top, then to the screen, then to the global keys.
public final class WizardApp: Program {
    public typealias Message = WizardMessage

    public internal(set) var context: AppContext
    public private(set) var route: Route = .start
    private var history: [Route] = []
    private var start: StartScreen
    private var settingsScreen: SettingsScreen
    private var noMapping = NoMappingScreen(step: .source)
    private var chooser = FileChooserScreen(purpose: .export)
    var screens = StepScreens()
    private let inbox: Inbox<WizardMessage>
    /// What background loading is doing, while it runs.
    private var loading: String?
    /// The files of the export being opened, shown while their first rows are profiled.
    private var opening: Export?
    private var uploadTask: Task<Void, Never>?
    /// The upload target last written for this mapping.
    var savedTarget: SavedSettings.UploadTarget?
    /// Stops the background profile of the export being opened.
    private var profiling: ProfileProgress?
    private var comparingPayloads = false
    /// The mapping edits of this session, to undo and redo.
    public internal(set) var edits = EditHistory()
    /// The mapping last written as a draft.
    private var drafted: Mapping?
    /// The Gong base URL the Upload step starts with (the demo's emulator, or GONG_BASE_URL).
    public var baseURL: String? {
        didSet { if let baseURL { screens.upload.baseURL = baseURL } }
    }
    private var help: HelpOverlay?
    /// A row shown whole (Space) or the messages of the session (`:messages`).
    private var overlay: TextOverlay?
    private var commandLine: CommandBar?
    /// The `/` filter being typed for the current screen's focused list.
    private var filterBar: TextField?
    private var commandProblem: String?
    private var dialog: Dialog?
    private var draftsDiscarded = false
    private var size = Size(width: 80, height: 24)
    public private(set) var shouldQuit = false
    private let clock: () -> Double
    /// Called when settings change, so the terminal can follow (mouse capture).
    public var onSettingsChanged: (UISettings) -> Void = { _ in }

    public static let minimumSize = TooSmallScreen.minimum

    public init(settings: UISettings, recent: [String] = [], inbox: Inbox<WizardMessage> = Inbox(),
                clock: @escaping () -> Double = { Date().timeIntervalSince1970 }) {
        self.clock = clock
        self.inbox = inbox
        context = AppContext(settings: settings, now: clock())
        start = StartScreen(recent: recent)
        settingsScreen = SettingsScreen(themeNames: ThemeCatalog.available(userFolder: settings.userThemeFolder), current: settings.themeName)
        if let problem = settings.loadTheme().problem { context.notify(problem, level: .error) }
    }

    // MARK: Program

    public func update(_ event: Event) -> Bool {
        context.now = clock()
        switch event {
        case .tick:
            let pruned = context.notices.prune(at: context.now)
            let changed = withScreen { screen, app in screen.tick(&app) }
            runEffects()
            keepDraft()
            return changed || pruned
        case .resize(let newSize):
            size = newSize
            return true
        case .key(let key):
            if isTooSmall {
                if key == .char("q") || key == .ctrl("c") { shouldQuit = true }
                return true
            }
            recordingEdits { handle(key) }
            rememberUploadTarget()
        case .mouse(let mouse):
            guard !isTooSmall, dialog == nil, help == nil else { return false }
            if mouse.y == 0, case .press(1) = mouse.kind, let step = stepAt(x: mouse.x) {
                open(.step(step))
            } else if !recordingEdits({ withScreen { screen, app in screen.click(mouse, in: self.screenArea, &app) } }) {
                return false
            }
        }
        runEffects()
        return true
    }

    public func receive(_ message: WizardMessage) -> Bool {
        context.now = clock()
        switch message {
        case .notice(let text, let level): context.notify(text, level: level)
        case .loading(let text): loading = text
        case .opened(let export): opening = export
        case .loaded(var session):
            loading = nil
            opening = nil
            // `gongmap uploads` only looks: a draft waits on disk for the next edit instead of making this session unsaved.
            let draft = afterLoad == .uploads ? nil : Drafts.read(for: session)
            let opened = session.mapping
            if let draft {
                session.mapping = draft.mapping
                drafted = draft.mapping
            }
            context.session = session
            edits = EditHistory()
            if let draft { edits.record(from: opened, to: draft.mapping) }
            screens = StepScreens()
            restoreUploadTarget()
            // Kept in the message log whole (the Source step's line has room for one), before the
            // notice of what opened, which is the one shown.
            for problem in session.unreadable { context.notify("\(problem.file): \(problem.problem)", level: .warning) }
            if let path = session.mappingPath {
                var recent = RecentMappings()
                try? recent.remember(path)
                context.notify("Opened \(DisplayPath.short(path)): \(session.mapping.sources.count) sources over \(session.profiles.count) files", level: .ok)
                history = []
                route = .step(afterLoad ?? .fields)
            } else {
                context.notify("Suggested a mapping for \(session.profiles.count) files: check the entities, then the fields", level: .ok)
                history = []
                route = .step(afterLoad ?? .source)
            }
            guidedSteps = []
            if case .step(let step) = route { guide(step) }
            if let draft {
                let when = draft.saved.formatted(date: .abbreviated, time: .shortened)
                context.notify("Restored the changes you had not saved (\(when)): review them in Save (7)", level: .warning)
            }
            // Validation waits for the full profile: both read the whole export, and the
            // profile may refine the mapping validation would check.
            if session.profiling?.isRunning != true { context.effects.append(.validate) }
            runEffects()
        case .loadFailed(let problem):
            loading = nil
            opening = nil
            context.notify(problem, level: .error)
        case .profileProgress(let file, let bytesRead, let rows, let done):
            guard var session = context.session, session.profiling?.isRunning == true else { return false }
            session.profiling?.record(file: file, bytesRead: bytesRead, rows: rows, done: done)
            context.session = session
        case .profiled(let full):
            guard var session = context.session, session.profiling?.isRunning == true, session.exportPaths == full.exportPaths else { return false }
            profiling = nil
            let before = session.mapping
            let (notice, changed) = session.adopt(full)
            context.session = session
            edits.record(from: before, to: session.mapping)
            context.notify(notice, level: full.stopped ? .warning : .ok)
            if changed || !session.validation.isRunOrRunning { context.effects.append(.validate) }
            runEffects()
        case .validationProgress(let progress):
            guard var session = context.session, case .running = session.validation else { return false }
            session.validation = .running(progress)
            context.session = session
        case .validated(let report, let diagnostics, let mapping, let graph):
            guard var session = context.session else { return false }
            session.validation = .done(report, diagnostics, mapping: mapping, graph: graph)
            context.session = session
            if session.mapping != mapping { context.effects.append(.validate) }
            runEffects()
        case .validationFailed(let problem):
            guard var session = context.session else { return false }
            session.validation = .failed(problem)
            context.session = session
        case .verified(let run, let report):
            screens.uploads.verified[run] = report.summary
            context.notify("Run \(run): \(report.summary)", level: report.isClean ? .ok : .error)
        case .remoteSchema(let schema):
            guard var session = context.session else { return false }
            session.remoteSchema = schema
            context.session = session
            context.notify(schema.fields.isEmpty ? "Gong has no integration yet: every custom field is new" : "Read Gong's schema", level: .ok)
        case .payloads(let comparison):
            guard var session = context.session else { return false }
            comparingPayloads = false
            session.payloads = comparison
            context.session = session
        case .upload(let message):
            guard var activity = context.upload else { return false }
            switch message {
            case .event(let event):
                activity.progress.apply(event, at: context.now)
                if case .gongError = event { activity.add(event.line) } else if case .queued = event {} else { activity.add(event.line) }
            case .client(let event):
                activity.progress.apply(event)
                if case .retrying = event, let line = event.line { activity.add(line) }
            case .finished(let result):
                activity.result = result
                let ending: String = switch result.outcome {
                case .done: "done, every record is in Gong"
                case .rejected: "done, Gong rejected records"
                case .incomplete: "done, records are missing from Gong"
                }
                activity.state = .finished(result.dryRun ? "rehearsed, nothing sent" : ending)
                activity.add(result.line)
                context.notify(result.line, level: result.outcome == .done ? .ok : .warning)
            case .failed(let text):
                activity.state = .failed(text)
                activity.add("  " + text)
                context.notify("Upload stopped: \(text)", level: .error)
            }
            context.upload = activity
        }
        return true
    }

    public func dismissNotices() { context.notices.dismiss() }

    /// Writes unsaved edits as a draft when they changed, removes the draft once they are saved.
    /// The runner calls it before leaving on a signal.
    public func keepDraft() {
        guard let session = context.session, !draftsDiscarded else { return }
        if session.isDirty {
            guard drafted != session.mapping else { return }
            Drafts.write(session)
            drafted = session.mapping
        } else if drafted != nil {
            Drafts.remove(for: session)
            drafted = nil
        }
    }

    /// Throws the unsaved changes away: no draft now, and none written on the way out.
    private func discardDraft() {
        guard let session = context.session else { return }
        Drafts.remove(for: session)
        draftsDiscarded = true
    }

    /// The step to show once what `load` opens is there (`gongmap uploads`).
    public var afterLoad: Step?
    /// The demo's guided path: a notice on each step the first time it is shown.
    public var guided = false
    private var guidedSteps: Set<Step> = []

    /// Opens an export or a mapping as the app starts (`gongmap EXPORT`, `gongmap edit`, `gongmap demo`).
    public func load(_ request: Background.LoadRequest) {
        loading = "Opening…"
        profiling?.cancel()
        let progress = Background.profileProgress(inbox: inbox)
        profiling = progress
        Background.load(request, profiling: progress, inbox: inbox)
    }

    /// Stops the background profile: the profiles keep the rows read so far.
    /// Sets the filter of the current screen's focused list.
    private func applyFilter(_ text: String) {
        _ = withScreen { screen, _ in
            screen.setFilter(text)
            return false
        }
    }

    private func stopProfiling() -> Bool {
        guard let profiling, context.session?.profiling?.isRunning == true else { return false }
        profiling.cancel()
        context.notify("Stopping the profile: what was read so far is kept", level: .warning)
        return true
    }

    public func view(size: Size) -> ScreenBuffer {
        self.size = size
        let render = context.render
        guard !isTooSmall else {
            var small = TooSmallScreen.render(size: size, minimum: Self.minimumSize, context: render)
            if context.settings.ascii { small.makeASCII() }
            return small
        }
        var buffer = ScreenBuffer(size: size, filling: Cell(" ", style: render[.text]))
        stepBar.render(in: Rect(x: 0, y: 0, width: size.width, height: 1), into: &buffer, context: render)
        let area = screenArea
        _ = withScreen { screen, app in
            screen.render(in: area, into: &buffer, app)
            return false
        }
        let bottom = Rect(x: 0, y: size.height - 1, width: size.width, height: 1)
        context.notices.render(in: Rect(x: 0, y: size.height - 4, width: size.width, height: 3), into: &buffer, context: render)
        if let filterBar {
            buffer.writeLine("", in: bottom, style: render[.input])
            buffer.write("/", x: 0, y: bottom.y, style: render[.accent].patched(with: render[.input]))
            filterBar.render(in: Rect(x: 1, y: bottom.y, width: max(10, min(40, size.width / 2)), height: 1), into: &buffer, focused: true, context: render)
            buffer.write("Enter keeps the filter, Esc clears it", x: min(size.width - 1, 3 + max(10, min(40, size.width / 2))), y: bottom.y,
                         style: render[.muted].patched(with: render[.input]), maxX: bottom.maxX)
        } else if let commandLine {
            commandLine.render(in: bottom, into: &buffer, context: render)
            if let commandProblem {
                buffer.writeLine(" " + commandProblem, in: Rect(x: 0, y: size.height - 2, width: size.width, height: 1), style: render[.error])
            }
        } else {
            statusBar().render(in: bottom, into: &buffer, context: render)
        }
        if let loading, let opening {
            OpeningView(export: opening, doing: loading).render(in: buffer.area, into: &buffer, context: render)
        } else if let loading {
            let box = buffer.area.centered(width: min(size.width - 4, max(40, DisplayWidth.of(loading) + 6)), height: 5)
            let inside = Panel.render(in: box, into: &buffer, title: "Working", focused: true, context: render)
            buffer.write(loading + " " + render.symbols.ellipsis, x: inside.x + 1, y: inside.y + 1, style: render[.text], maxX: inside.maxX)
        }
        help?.render(in: buffer.area, into: &buffer, context: render)
        overlay?.render(in: buffer.area, into: &buffer, context: render)
        dialog?.render(in: buffer.area, into: &buffer, context: render)
        if context.settings.ascii { buffer.makeASCII() }
        return buffer
    }

    // MARK: Keys

    private var isTooSmall: Bool { size.width < Self.minimumSize.width || size.height < Self.minimumSize.height }

    private var screenArea: Rect { Rect(x: 0, y: 1, width: size.width, height: max(0, size.height - 2)) }

    private func handle(_ key: Key) {
        if var open = dialog {
            switch open.handle(key) {
            case .pressed(0): shouldQuit = true
            case .pressed(1) where open.buttons.count == 3:
                discardDraft()
                shouldQuit = true
            case .pressed, .cancelled: dialog = nil
            case nil: dialog = open
            }
            return
        }
        if var open = help {
            help = open.handle(key, visible: HelpOverlay.visibleRows(in: Rect(size))) ? open : nil
            return
        }
        if var open = overlay {
            overlay = open.handle(key) ? open : nil
            return
        }
        if var field = filterBar {
            switch field.edit(key) {
            case .submitted?: filterBar = nil
            case .cancelled?:
                filterBar = nil
                applyFilter("")
            case nil:
                filterBar = field
                applyFilter(field.value)
            }
            return
        }
        if var line = commandLine {
            commandProblem = nil
            switch line.handle(key) {
            case .cancelled: commandLine = nil
            case .run(let command):
                commandLine = nil
                run(command)
            case .unknown(let text):
                commandLine = line
                commandProblem = "no command \(text.isEmpty ? "given" : "\"\(text)\""); Tab completes, Esc closes"
            case nil: commandLine = line
            }
            return
        }
        if withScreen({ screen, app in screen.handle(key, &app) }) { return }
        if let action = GlobalKeys.map.action(for: key) { perform(action) }
    }

    private func perform(_ action: GlobalAction) {
        switch action {
        case .help: help = HelpOverlay(sections: helpSections())
        case .command: commandLine = CommandBar(themeNames: ThemeCatalog.available(userFolder: context.settings.userThemeFolder))
        case .back: if !stopProfiling() { back() }
        case .quit: requestQuit()
        case .forceQuit: shouldQuit = true
        case .redraw: context.effects.append(.settingsChanged)
        case .settings: open(.settings)
        case .nextStep: open(.step(Step(rawValue: min(Step.allCases.count - 1, (route.step?.rawValue ?? -1) + 1)) ?? .source))
        case .previousStep: open(.step(Step(rawValue: max(0, (route.step?.rawValue ?? 1) - 1)) ?? .source))
        case .step(let step): open(.step(step))
        case .undo: undoEdit()
        case .redo: redoEdit()
        case .filter:
            var current: String??
            _ = withScreen { screen, _ in
                current = screen.filter
                return false
            }
            guard let existing = current ?? nil else {
                context.notify("Nothing to filter here", level: .info)
                return
            }
            filterBar = TextField(existing)
        case .detail:
            _ = withScreen { screen, app in
                overlay = screen.detail(app)
                return false
            }
            if overlay == nil { context.notify("Nothing here to show whole: select a row first", level: .info) }
        }
    }

    private func run(_ command: CommandBar.Command) {
        switch command {
        case .save(let thenQuit):
            guard context.session != nil else {
                context.notify("No mapping is open: nothing to save", level: .warning)
                return
            }
            var app = context
            screens.save.perform(.save, &app)
            context = app
            if thenQuit, context.session?.isDirty == false { requestQuit() }
        case .open(let route): open(route)
        case .fields(let entity):
            context.effects.append(.showField(entity: entity, field: nil))
            runEffects()
        case .help: perform(.help)
        case .undo: undoEdit()
        case .redo: redoEdit()
        case .messages: overlay = messageLog()
        case .quit: requestQuit()
        case .theme(let name):
            var settings = context.settings
            settings.themeName = name
            context.apply(settings)
        case .ascii(let on):
            var settings = context.settings
            settings.ascii = on
            context.apply(settings)
        case .mouse(let on):
            var settings = context.settings
            settings.mouse = on
            context.apply(settings)
        }
    }

    /// Quits, asking first when work would be lost: unsaved mapping changes, a running upload.
    private func requestQuit() {
        var reasons: [String] = []
        if let session = context.session, session.isDirty {
            reasons.append(session.mappingPath == nil ? "The new mapping was never saved." : "The mapping has changes that are not saved.")
        }
        if case .running? = context.upload?.state { reasons.append("An upload is running: it stops, and the next gongmap upload resumes it.") }
        guard !reasons.isEmpty else {
            shouldQuit = true
            return
        }
        if context.session?.isDirty == true {
            // The unsaved changes: kept as a draft (offered back next time) or thrown away.
            dialog = Dialog(title: "Quit gongmap?", message: reasons.joined(separator: " ") + " Keep them as a draft, offered back next time, or discard them?",
                            buttons: ["Quit, keep draft", "Discard and quit", "Stay"], selected: 2, isDangerous: true)
        } else {
            dialog = Dialog.confirm("Quit gongmap?", reasons.joined(separator: " "), yes: "Quit", no: "Stay", isDangerous: true)
        }
    }

    private func back() {
        guard let previous = history.popLast() else { return }
        route = previous
    }

    private func open(_ next: Route) {
        guard next != route else { return }
        history.append(route)
        if history.count > 50 { history.removeFirst() }
        route = next
        if case .step(let step) = next {
            noMapping.step = step
            guide(step)
        }
    }

    /// The guide's line for `step`, the first time it is shown; another step's line goes away.
    private func guide(_ step: Step) {
        guard guided, context.session != nil else { return }
        context.notices.dismiss { DemoGuide.isGuide($0.text) }
        guard guidedSteps.insert(step).inserted else { return }
        context.notify(DemoGuide.text(for: step), level: .info, seconds: 60)
    }

    private func runEffects() {
        let effects = context.effects
        context.effects = []
        for effect in effects {
            switch effect {
            case .open(let route): open(route)
            case .quit: shouldQuit = true
            case .settingsChanged: onSettingsChanged(context.settings)
            case .newMapping:
                chooser = FileChooserScreen(purpose: .export)
                open(.choose(.export))
            case .chooseMappingFile:
                chooser = FileChooserScreen(purpose: .mapping)
                open(.choose(.mapping))
            case .openMapping(let path): load(.mapping(path, export: []))
            case .openExport(let paths): load(.newMapping(paths))
            case .upload(let baseURL, let dryRun, let ownerEmail):
                guard let session = context.session, let path = session.mappingPath else { continue }
                context.upload = UploadActivity(kind: dryRun ? "Dry run" : "Upload")
                uploadTask = Background.upload(.init(baseURL: baseURL, mappingPath: path, session: session, dryRun: dryRun, ownerEmail: ownerEmail), inbox: inbox)
            case .fetchSchema:
                guard !screens.upload.baseURL.isEmpty else {
                    context.notify("Set the base URL in Upload (8, b) first", level: .warning)
                    continue
                }
                Background.fetchSchema(baseURL: screens.upload.baseURL, mappingPath: context.session?.mappingPath, inbox: inbox)
            case .comparePayloads:
                guard let session = context.session, session.saved != nil, session.payloads?.mapping != session.mapping, !comparingPayloads else { continue }
                comparingPayloads = true
                Background.comparePayloads(session, inbox: inbox)
            case .verify(let run):
                guard let session = context.session, let mappingPath = session.mappingPath, let saved = session.saved else { continue }
                guard !screens.upload.baseURL.isEmpty else {
                    context.notify("Set the base URL in Upload (8, b) first", level: .warning)
                    continue
                }
                context.notify("Reading a sample of run \(run)'s records back from Gong…")
                Background.verify(run: run, baseURL: screens.upload.baseURL, mappingPath: mappingPath, saved: saved, session: session, inbox: inbox)
            case .testConnection(let baseURL):
                context.notify("Testing the connection to \(baseURL)…")
                Background.testConnection(baseURL: baseURL, inbox: inbox)
            case .showField(let entity, let field):
                if let session = context.session { screens.fields.show(entity: entity, field: field, session: session) }
                open(.step(.fields))
            case .validate:
                guard var session = context.session else { continue }
                if case .running = session.validation { continue }
                session.validation = .running(nil)
                context.session = session
                Background.validate(session, inbox: inbox)
            }
        }
    }

    // MARK: Screens

    /// Runs `body` on the current screen (as a value, written back afterwards).
    private func withScreen(_ body: (inout any WizardScreen, inout AppContext) -> Bool) -> Bool {
        var app = context
        defer { context = app }
        switch route {
        case .start:
            var screen: any WizardScreen = start
            defer { start = screen as! StartScreen }
            return body(&screen, &app)
        case .settings:
            var screen: any WizardScreen = settingsScreen
            defer { settingsScreen = screen as! SettingsScreen }
            return body(&screen, &app)
        case .choose:
            var screen: any WizardScreen = chooser
            defer { chooser = screen as! FileChooserScreen }
            return body(&screen, &app)
        case .step(let step):
            guard app.session != nil else {
                var screen: any WizardScreen = noMapping
                defer { noMapping = screen as! NoMappingScreen }
                return body(&screen, &app)
            }
            return screens.with(step) { screen in body(&screen, &app) }
        }
    }

    private func statusBar() -> StatusBar {
        let width = size.width, ascii = context.settings.ascii
        var location = ""
        var hints: [(keys: String, hint: String)] = []
        _ = withScreen { screen, _ in
            location = screen.location + ((screen.filter ?? "").isEmpty ? "" : " /\(screen.filter!)")
            hints = Self.hints(of: screen, width: width - DisplayWidth.of(location) - 4, ascii: ascii)
            return false
        }
        return StatusBar(location: location, hints: hints)
    }

    /// The screen's own hints in the room the global ones (`? help`, `: go to`, `q quit`) leave.
    private static func hints<S: WizardScreen>(of screen: S, width: Int, ascii: Bool) -> [(keys: String, hint: String)] {
        let global = GlobalKeys.map.hints(fitting: min(width, 30), ascii: ascii)
        let used = global.reduce(0) { $0 + DisplayWidth.of($1.keys) + DisplayWidth.of($1.hint) + 3 }
        return S.keyMap.hints(fitting: width - used, ascii: ascii) + global
    }

    private func helpSections() -> [HelpOverlay.Section] {
        let ascii = context.settings.ascii
        var sections: [HelpOverlay.Section] = []
        _ = withScreen { screen, _ in
            sections.append(Self.section(of: screen, ascii: ascii))
            return false
        }
        return sections + [HelpOverlay.Section(GlobalKeys.map, ascii: ascii)]
    }

    private static func section<S: WizardScreen>(of screen: S, ascii: Bool) -> HelpOverlay.Section { HelpOverlay.Section(S.keyMap, ascii: ascii) }

    /// The step whose label in the step bar is at column `x`.
    private func stepAt(x: Int) -> Step? {
        var buffer = ScreenBuffer(size: Size(width: size.width, height: 1))
        stepBar.render(in: buffer.area, into: &buffer, context: context.render)
        let line = buffer.lines()[0]
        var column = 0, step = 0
        for character in line {
            if column >= x { break }
            if character == "›" || character == ">" { step += 1 }
            column += DisplayWidth.of(character)
        }
        return Step(rawValue: step)
    }
}
