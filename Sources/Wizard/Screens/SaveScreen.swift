import CRMExport
import Foundation
import Mapping
import TerminalUI

/// Step 7: the mapping file, written atomically; before that, what changes against the saved
/// version, line by line.
public struct SaveScreen: WizardScreen {
    public enum Action: Hashable, Sendable { case save, editPath, revert }

    public static let keyMap = KeyMap<Action>("Save", [
        KeyBinding([.char("s"), .ctrl("s")], .save, hint: "save", help: "Write the mapping file (atomically: all or nothing)"),
        KeyBinding([.char("p")], .editPath, hint: "path", help: "Change where the mapping is saved (Enter keeps, Esc cancels)"),
        KeyBinding([.char("R")], .revert, hint: "revert", help: "Revert to the saved mapping, throwing away the unsaved changes and their draft (press twice)"),
    ])

    /// The first line of the changes shown.
    public var offset = 0
    private var pathField: TextField?

    public init() {}

    public var location: String { "Save" }

    public mutating func tick(_ app: inout AppContext) -> Bool {
        guard let session = app.session, session.isDirty, session.saved != nil, session.payloads?.mapping != session.mapping else { return false }
        app.effects.append(.comparePayloads)
        return false
    }

    /// Where a new mapping goes: beside the export, named after it; for a database, in the
    /// current folder, named after the database.
    static func defaultPath(_ session: Session) -> String {
        if let path = session.mappingPath { return path }
        if let url = session.exportPaths.first, PostgresLocation.isPostgresURL(url) {
            let database = (try? PostgresLocation.parse(url, environment: ProcessInfo.processInfo.environment))?.database ?? "postgres"
            return FileManager.default.currentDirectoryPath + "/" + database + ".mapping.yaml"
        }
        let export = URL(fileURLWithPath: session.exportPaths.first ?? "export").standardizedFileURL
        return export.deletingLastPathComponent().appendingPathComponent(export.deletingPathExtension().lastPathComponent + ".mapping.yaml").path
    }

    public mutating func capture(_ key: Key, _ app: inout AppContext) -> Bool {
        if var field = pathField {
            switch field.edit(key) {
            case .submitted(let path)?:
                if var session = app.session, !path.isEmpty {
                    session.mappingPath = path
                    app.session = session
                }
                pathField = nil
            case .cancelled?: pathField = nil
            case nil: pathField = field
            }
            return true
        }
        switch key {
        case .down, .char("j"): offset += 1
        case .up, .char("k"): offset = max(0, offset - 1)
        case .pageDown: offset += 10
        case .pageUp: offset = max(0, offset - 10)
        case .home, .char("g"): offset = 0
        default: return false
        }
        return true
    }

    /// R was pressed once: the next R reverts.
    private var revertAsked = false

    public mutating func perform(_ action: Action, _ app: inout AppContext) {
        guard var session = app.session else { return }
        if action != .revert { revertAsked = false }
        switch action {
        case .revert:
            guard let saved = session.saved, session.isDirty else {
                app.notify(session.saved == nil ? "Nothing to revert to: the mapping was never saved" : "No unsaved changes", level: .warning)
                return
            }
            guard revertAsked else {
                revertAsked = true
                app.notify("Press R again to throw away the unsaved changes and go back to the saved mapping", level: .warning)
                return
            }
            revertAsked = false
            session.mapping = saved
            Drafts.remove(for: session)
            app.session = session
            app.effects.append(.validate)
            app.notify("Back to the saved mapping; the unsaved changes and their draft are gone", level: .ok)
        case .editPath: pathField = TextField(Self.defaultPath(session))
        case .save:
            let path = Self.defaultPath(session)
            var mapping = session.mapping
            if let export = session.exportPaths.first, session.exportPaths.count == 1 { mapping.export = ExportPath.relative(export: export, mappingFile: path) }
            do {
                try AtomicFile.write(mapping.yaml(), to: path, overwrite: true)
            } catch {
                app.notify("Not saved: \(error.description)", level: .error)
                return
            }
            session.mapping = mapping
            session.saved = mapping
            session.mappingPath = path
            app.session = session
            var recent = RecentMappings()
            try? recent.remember(path)
            app.notify("Saved \(path)", level: .ok)
        }
    }

    public mutating func render(in area: Rect, into buffer: inout ScreenBuffer, _ app: AppContext) {
        let context = app.render
        guard let session = app.session else { return }
        let (top, rest) = area.splitTop(5)
        let head = Panel.render(in: top, into: &buffer, title: "Mapping file", focused: pathField != nil, context: context)
        buffer.write("Path: ", x: head.x + 1, y: head.y, style: context[.text])
        TextField.render(pathField, orValue: Span(DisplayPath.short(Self.defaultPath(session)), style: context[.accent]),
                         in: Rect(x: head.x + 7, y: head.y, width: head.width - 8, height: 1), into: &buffer, context: context)
        let state = session.saved == nil ? "new, never saved" : session.isDirty ? "changed since it was saved" : "saved, no changes"
        buffer.write("State: \(state). s saves (atomically), p changes the path.", x: head.x + 1, y: head.y + 1, style: context[session.isDirty ? .warning : .muted], maxX: head.maxX)
        if session.isDirty, session.saved != nil {
            let text: String
            if let payloads = session.payloads, payloads.mapping == session.mapping {
                text = "Records whose payload changes: \(payloads.changed) changed, \(payloads.added) new, \(payloads.removed) no longer sent, \(payloads.unchanged) unchanged."
            } else {
                text = "Counting the records whose payload changes\(context.symbols.ellipsis)"
            }
            buffer.write(text, x: head.x + 1, y: head.y + 2, style: context[.accent], maxX: head.maxX)
        } else {
            buffer.write("Credentials are never written to it.", x: head.x + 1, y: head.y + 2, style: context[.muted], maxX: head.maxX)
        }
        let lines = LineDiff.changes(LineDiff.diff(session.saved.map { Self.lines($0.yaml()) } ?? [], Self.lines(session.mapping.yaml())))
        let added = lines.filter { if case .added = $0 { true } else { false } }.count
        let removed = lines.filter { if case .removed = $0 { true } else { false } }.count
        let inside = Panel.render(in: rest, into: &buffer, title: "Changes to the file: +\(added) −\(removed) lines", focused: pathField == nil, context: context)
        offset = min(offset, max(0, lines.count - inside.height))
        for (row, line) in lines.dropFirst(offset).prefix(inside.height).enumerated() {
            let area = Rect(x: inside.x, y: inside.y + row, width: inside.width, height: 1)
            switch line {
            case .same(let text): buffer.writeLine("  " + text, in: area, style: context[.muted])
            case .added(let text): buffer.writeLine("+ " + text, in: area, style: context[.ok])
            case .removed(let text): buffer.writeLine("- " + text, in: area, style: context[.error])
            case nil: buffer.writeLine("  " + context.symbols.ellipsis, in: area, style: context[.muted])
            }
        }
        if lines.isEmpty { buffer.write("No changes.", x: inside.x + 1, y: inside.y, style: context[.muted]) }
    }

    static func lines(_ text: String) -> [String] { text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) }
}
