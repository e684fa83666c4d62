import Foundation
import TerminalUI
import Upload

/// Step 9: the runs of this mapping from its journal, with their files, states and Gong's
/// errors; read again every second, so a run another process performs (a scheduled
/// `gongmap upload`) is followed live.
public struct UploadsScreen: WizardScreen {
    public enum Action: Hashable, Sendable { case switchPane, refresh, verify }

    public static let keyMap = KeyMap<Action>("Uploads", [
        KeyBinding([.tab, .backTab], .switchPane, hint: "pane", help: "Move between the runs and the selected run's files"),
        KeyBinding([.char("r")], .refresh, hint: "refresh", help: "Read the journal again now (it is read every second)"),
        KeyBinding([.char("v")], .verify, hint: "verify", help: "Read a sample of the selected run's records back from Gong and compare them with what was sent"),
    ])

    public var runs = Table.State()
    public var files = Table.State()
    public var filesFocused = false
    /// What reading each run's records back from Gong found, by run.
    public var verified: [Int64: String] = [:]
    private var loadedRuns: [Journal.Run] = []
    private var loadedFiles: [Journal.File] = []
    /// The schedule of `gongmap sync` for this mapping, when it has run.
    private var sync: SyncStatus?
    var loadedRunsForDetail: [Journal.Run] { loadedRuns }
    var loadedFilesForDetail: [Journal.File] { loadedFiles }
    private var lastRead: Double = 0
    private var problem: String?
    private var openJournal: Journal?

    public init() {}

    public var location: String { "Uploads" }

    static func journalPath(_ session: Session?) -> String? {
        session?.mappingPath.map { UploadEngine.Options(mappingPath: $0).stateFolder + "/journal.sqlite" }
    }

    mutating func read(_ app: AppContext) {
        lastRead = app.now
        guard let path = Self.journalPath(app.session), FileManager.default.fileExists(atPath: path) else {
            (loadedRuns, loadedFiles, sync) = ([], [], nil)
            return
        }
        do {
            // Opened once (a pool and its migration check); read every second.
            if openJournal?.path != path { openJournal = try Journal(path: path) }
            let journal = openJournal!
            loadedRuns = try journal.runs(limit: 200).sorted { $0.id > $1.id }
            let selected = loadedRuns.isEmpty ? nil : loadedRuns[min(runs.selection.selected, loadedRuns.count - 1)]
            loadedFiles = try selected.map { try journal.files(run: $0.id) } ?? []
            sync = try app.session?.mappingPath.flatMap { try SyncStatus.read(journal, mappingPath: $0) }
            problem = nil
        } catch {
            problem = "cannot read \(path): \(error)"
        }
    }

    public mutating func tick(_ app: inout AppContext) -> Bool {
        guard app.now - lastRead >= 1 else { return false }
        let before = (loadedRuns, loadedFiles, sync)
        read(app)
        return before.0 != loadedRuns || before.1 != loadedFiles || before.2 != sync
    }

    public mutating func capture(_ key: Key, _ app: inout AppContext) -> Bool {
        if filesFocused { return files.selection.handle(key, count: loadedFiles.count, visible: 10) }
        let before = runs.selection.selected
        let used = runs.selection.handle(key, count: loadedRuns.count, visible: 8)
        if before != runs.selection.selected {
            files = Table.State()
            read(app)
        }
        return used
    }

    public mutating func perform(_ action: Action, _ app: inout AppContext) {
        switch action {
        case .switchPane: filesFocused.toggle()
        case .refresh: read(app)
        case .verify:
            if lastRead == 0 { read(app) }
            guard !loadedRuns.isEmpty else {
                app.notify("No uploads yet: nothing to read back from Gong", level: .warning)
                return
            }
            let run = loadedRuns[min(runs.selection.selected, loadedRuns.count - 1)]
            guard app.session?.isDirty == false else {
                app.notify("Save the mapping first (7): records are compared with what the saved mapping makes of the export", level: .warning)
                return
            }
            app.effects.append(.verify(run: run.id))
        }
    }

    /// `593 accepted, 0 rejected, 5 left out` from the run's JSON summary (counts of 0 after the
    /// first two are left out).
    static func describe(_ summary: String?) -> String {
        guard let summary, let object = try? JSONSerialization.jsonObject(with: Data(summary.utf8)) as? [String: Any] else { return summary ?? "" }
        var parts = ["\(object["accepted"] as? Int ?? 0) accepted", "\(object["rejected"] as? Int ?? 0) rejected"]
        if let unconfirmed = object["unconfirmed"] as? Int, unconfirmed > 0 { parts.append("\(unconfirmed) unconfirmed") }
        if let leftOut = object["leftOut"] as? Int, leftOut > 0 { parts.append("\(leftOut) left out") }
        return parts.joined(separator: ", ")
    }

    public mutating func render(in area: Rect, into buffer: inout ScreenBuffer, _ app: AppContext) {
        let context = app.render
        if lastRead == 0 { read(app) }
        let syncLines = sync?.lines(now: app.now) ?? []
        let (top, bottom) = area.splitTop(min(area.height / 2 + syncLines.count, max(4, loadedRuns.count + 3) + syncLines.count))
        let panel = Panel.render(in: top, into: &buffer, title: "Runs of \(app.session?.mappingPath.map(DisplayPath.short) ?? "this mapping") (live)", focused: !filesFocused, context: context)
        let (syncArea, inside) = panel.splitTop(syncLines.count)
        for (index, line) in syncLines.enumerated() {
            let failing = (sync?.failures ?? 0) > 0
            buffer.write(line, x: syncArea.x + 1, y: syncArea.y + index, style: context[failing && index == 1 ? .warning : .muted], maxX: syncArea.maxX)
        }
        guard !loadedRuns.isEmpty else {
            let text = problem ?? (app.session?.mappingPath == nil ? "Save the mapping to start its journal." : "No uploads yet: Upload (8), or gongmap upload from a shell or cron.")
            buffer.write(text, x: inside.x + 1, y: inside.y, style: context[problem == nil ? .muted : .error], maxX: inside.maxX)
            return
        }
        let runs = loadedRuns
        let verified = self.verified
        Table(columns: [
            Table.Column("run", width: 5, alignment: .right), Table.Column("started", width: 20), Table.Column("state", width: 12),
            Table.Column("pid", width: 7, alignment: .right), Table.Column("summary", width: 70),
        ], rowCount: runs.count, focused: !filesFocused) { row, column in
            let run = runs[row]
            switch column {
            case 0: return Span(String(run.id))
            case 1: return Span(String(run.startedAt.prefix(19)).replacingOccurrences(of: "T", with: " "))
            case 2:
                let role: ThemeRole = switch run.state {
                case .done: .ok
                case .running: .accent
                case .rejected, .incomplete, .interrupted: .warning
                case .failed: .error
                }
                return Span(run.state.rawValue, style: context[role])
            case 3: return Span(String(run.processId))
            default: return Span(Self.describe(run.summary), style: context[.muted])
            }
        }.render(in: inside, into: &buffer, state: &self.runs, context: context)
        let files = loadedFiles
        let selected = runs[min(self.runs.selection.selected, runs.count - 1)].id
        let title = verified[selected].map { "Run \(selected) verified: \($0)" } ?? "Files of run \(selected) (Space: one whole; v reads them back from Gong)"
        let fileBox = Panel.render(in: bottom, into: &buffer, title: title, focused: filesFocused, context: context)
        Table(columns: [
            Table.Column("#", width: 3, alignment: .right), Table.Column("file", width: 30, keepsLastPart: true), Table.Column("entity", width: 14),
            Table.Column("records", width: 8, alignment: .right), Table.Column("state", width: 8), Table.Column("ok", width: 7, alignment: .right),
            Table.Column("rejected", width: 8, alignment: .right), Table.Column("Gong's errors", width: 80),
        ], rowCount: files.count, frozenColumns: 2, focused: filesFocused) { row, column in
            let file = files[row]
            switch column {
            case 0: return Span(String(file.sequence))
            case 1: return Span((file.path as NSString).lastPathComponent)
            case 2: return Span(file.objectType)
            case 3: return Span(file.records.formatted())
            case 4: return Span(file.state.rawValue, style: context[file.state == .done ? .ok : file.state == .failed ? .error : .accent])
            case 5: return Span(file.successes.map(String.init) ?? "")
            case 6: return Span(file.failures.map(String.init) ?? "", style: (file.failures ?? 0) > 0 ? context[.error] : .plain)
            default: return Span(file.errors.flatMap { $0 == "[]" ? nil : $0 } ?? "", style: context[.error])
            }
        }.render(in: fileBox, into: &buffer, state: &self.files, context: context)
    }
}
