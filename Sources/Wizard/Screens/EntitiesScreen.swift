import CRMExport
import GongCRM
import Mapping
import TerminalUI

/// Step 2: which Gong entity each file feeds (as suggested, with confidence and reason), changed
/// with a picker, or ignored. Several files may feed one entity.
public struct EntitiesScreen: WizardScreen {
    public enum Action: Hashable, Sendable { case change, ignore, next, notesDown, notesUp }

    public static let keyMap = KeyMap<Action>("Entities", [
        KeyBinding([.char("e")], .change, hint: "change", help: "Choose the entity the selected file feeds"),
        KeyBinding([.char("x")], .ignore, hint: "ignore", help: "Ignore the selected file"),
        KeyBinding([.enter], .next, hint: "fields", help: "Go on to the fields"),
        KeyBinding([.char("]")], .notesDown, hint: "more notes", help: "Scroll the Check notes of the suggestion down"),
        KeyBinding([.char("[")], .notesUp, help: "Scroll the Check notes of the suggestion up"),
    ])

    public var table = Table.State()
    private var picker: Picker?
    /// First line of the Check notes shown.
    private var notesOffset = 0

    public static let choices = ["(ignore this file)"] + EntityType.uploadOrder.map(\.rawValue)

    public init() {}

    public var location: String { "Entities" }

    public mutating func capture(_ key: Key, _ app: inout AppContext) -> Bool {
        guard let session = app.session else { return false }
        if var open = picker {
            var changed = false
            _ = open.handle(key, changed: &changed)
            picker = open.isOpen ? open : nil
            if !open.isOpen, changed, let chosen = open.chosen { assign(file: session.profiles[selected(session)].file.name, choice: chosen, &app) }
            return true
        }
        return table.selection.handle(key, count: session.profiles.count, visible: 10)
    }

    public mutating func perform(_ action: Action, _ app: inout AppContext) {
        guard let session = app.session, !session.profiles.isEmpty else { return }
        let file = session.profiles[selected(session)].file.name
        switch action {
        case .change:
            let current = session.mapping.sources.first { $0.input.files.contains(file) && !$0.isHistory }?.entity
            picker = .opened(Self.choices, chosen: current.map { Self.choices.firstIndex(of: $0.rawValue)! } ?? 0)
        case .ignore: assign(file: file, choice: 0, &app)
        case .next: app.open(.step(.fields))
        case .notesDown: notesOffset += 3
        case .notesUp: notesOffset = max(0, notesOffset - 3)
        }
    }

    func selected(_ session: Session) -> Int { min(table.selection.selected, max(0, session.profiles.count - 1)) }

    /// Points `file` at the chosen entity (its fields suggested afresh for it) or ignores it.
    private func assign(file: String, choice: Int, _ app: inout AppContext) {
        guard var session = app.session, let profile = session.profile(of: file) else { return }
        // A file feeds one source: current records or history, never both after a change.
        session.mapping.sources.removeAll { $0.input == .file(file) }
        session.mapping.unassigned.removeAll { $0 == file }
        if choice == 0 {
            session.mapping.unassigned.append(file)
            let derived = session.mapping.sources.filter { $0.input.files.contains(file) }.map(\.entity.rawValue)
            if derived.isEmpty {
                app.notify("\(file) is ignored (u undoes)")
            } else {
                app.notify("\(file) is ignored, but \(derived.joined(separator: ", ")) is still derived from its values: remove that source in Fields", level: .warning)
            }
        } else if let entity = EntityType(rawValue: Self.choices[choice]), let source = Suggester.source(for: profile, as: entity) {
            let at = session.mapping.sources.firstIndex { $0.entity.orderIndex > entity.orderIndex } ?? session.mapping.sources.count
            session.mapping.sources.insert(source, at: at)
            app.notify("\(file) feeds \(entity.rawValue): \(source.fields.count) fields mapped from its columns; review them in Fields", level: .ok)
        }
        app.session = session
    }

    public mutating func render(in area: Rect, into buffer: inout ScreenBuffer, _ app: AppContext) {
        let context = app.render
        guard let session = app.session else { return }
        // What the suggestion could not decide (ids made from names, ambiguous names, unmapped values) stays in view.
        let notes = session.suggestion?.notes ?? []
        let noteLines = notes.flatMap { note in TextWrap.lines(note, width: area.width - 6).enumerated().map { ($0 == 0 ? "• " : "  ") + $1 } }
        let (filesArea, notesArea) = notes.isEmpty ? (area, nil) : area.splitBottom(min(noteLines.count + 2, max(4, area.height / 3)))
        if let notesArea {
            let height = notesArea.height - 2
            notesOffset = min(notesOffset, max(0, noteLines.count - height))
            let more = noteLines.count > height ? " \(notesOffset + 1)–\(min(noteLines.count, notesOffset + height)) of \(noteLines.count) lines, [ ] scroll" : ""
            let box = Panel.render(in: notesArea, into: &buffer, title: "Check: what the suggestion could not decide\(more)", focused: false, context: context)
            for (index, line) in noteLines.dropFirst(notesOffset).prefix(box.height).enumerated() {
                buffer.write(line, x: box.x + 1, y: box.y + index, style: context[.warning], maxX: box.maxX)
            }
        }
        let inside = Panel.render(in: filesArea, into: &buffer, title: "Files → Gong entities", focused: true, context: context)
        let profiles = session.profiles
        let table = Table(columns: [
            Table.Column("file", width: 24, minWidth: 14, keepsLastPart: true), Table.Column("entity", width: 20, minWidth: 12), Table.Column("sure", width: 5, alignment: .right),
            Table.Column("mapped", width: 7, alignment: .right, minWidth: 6), Table.Column("why", width: 80, minWidth: 20, grows: true),
        ], rowCount: profiles.count) { row, column in
            let name = profiles[row].file.name
            let sources = session.mapping.sources.filter { $0.input.files.contains(name) }
            let choice = session.fileChoice(name)
            switch column {
            case 0: return Span(name)
            case 1:
                guard !sources.isEmpty else { return Span("ignored", style: context[.muted]) }
                return Span(sources.map { $0.entity.rawValue + ($0.isHistory ? " history" : "") }.joined(separator: ", "), style: context[.accent])
            case 2: return choice.map { Span(String(format: "%.0f%%", $0.confidence * 100), style: $0.confidence < 0.6 ? context[.warning] : .plain) } ?? Span("")
            case 3: return Span(String(sources.reduce(0) { $0 + $1.fields.count }))
            default:
                if sources.isEmpty, choice?.entity != nil { return Span("you chose to ignore it", style: context[.muted]) }
                // A file can also feed stages or users derived from it; its own source is the one it was assigned to.
                if let source = sources.first(where: { $0.input == .file(name) }), let choice, source.entity != choice.entity { return Span("chosen by you", style: context[.muted]) }
                return Span(choice?.reason ?? (sources.isEmpty ? "" : "from the mapping file"), style: context[.muted])
            }
        }
        let tableArea = Rect(x: inside.x, y: inside.y, width: inside.width, height: max(1, inside.height - 2))
        table.render(in: tableArea, into: &buffer, state: &self.table, context: context)
        let counts = EntityType.uploadOrder.map { entity in
            "\(entity.rawValue) \(session.mapping.sources.filter { $0.entity == entity }.count)"
        }.joined(separator: "  ")
        buffer.writeLine("Sources per entity: " + counts, in: Rect(x: inside.x, y: inside.maxY - 1, width: inside.width, height: 1), style: context[.muted])
        if var open = picker {
            let row = tableArea.y + 1 + self.table.selection.selected - self.table.selection.offset
            open.render(in: Rect(x: inside.x + 25, y: row, width: 22, height: 1), into: &buffer, focused: true, screen: area, context: context)
            picker = open
        }
    }
}
