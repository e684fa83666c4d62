import Foundation
import TerminalUI

/// The first screen of `gongmap` without arguments: start a mapping from an export, open a
/// mapping file, reopen a recent one (with its last upload run from its journal), see uploads.
public struct StartScreen: WizardScreen {
    public enum Action: Hashable, Sendable { case open, newMapping, openFile, uploads }

    public enum Entry: Hashable, Sendable {
        case newMapping, openFile, uploads
        case recent(MappingSummary)
    }

    public static let keyMap = KeyMap<Action>("Start", [
        KeyBinding([.enter], .open, hint: "open", help: "Open the selected entry"),
        KeyBinding([.char("n")], .newMapping, hint: "new", help: "New mapping from an export"),
        KeyBinding([.char("o")], .openFile, hint: "open file", help: "Open a mapping file"),
        KeyBinding([.char("u")], .uploads, help: "Uploads: runs from the journal"),
    ])

    public private(set) var entries: [Entry]
    public private(set) var list: FilterList

    public init(recent: [String]) {
        entries = recent.map { .recent(MappingSummary(path: $0)) } + [.newMapping, .openFile, .uploads]
        list = FilterList(entries.map(Self.label))
    }

    public var location: String { "Start" }

    static func label(_ entry: Entry) -> String {
        switch entry {
        case .newMapping: "New mapping from an export…"
        case .openFile: "Open a mapping file…"
        case .uploads: "Uploads"
        case .recent(let summary): summary.text
        }
    }

    public mutating func capture(_ key: Key, _ app: inout AppContext) -> Bool {
        list.handle(key, visible: 10, after: Self.keyMap)
    }

    public mutating func perform(_ action: Action, _ app: inout AppContext) {
        switch action {
        case .open:
            guard let index = list.selectedItem else { return }
            switch entries[index] {
            case .newMapping: app.effects.append(.newMapping)
            case .openFile: app.effects.append(.chooseMappingFile)
            case .uploads: app.open(.step(.uploads))
            case .recent(let summary): app.effects.append(.openMapping(summary.path))
            }
        case .newMapping: app.effects.append(.newMapping)
        case .openFile: app.effects.append(.chooseMappingFile)
        case .uploads: app.open(.step(.uploads))
        }
    }

    public mutating func click(_ mouse: Mouse, in area: Rect, _ app: inout AppContext) -> Bool {
        let listArea = Self.listArea(area)
        switch mouse.kind {
        case .wheelDown, .wheelUp: return list.handle(mouse, visible: listArea.height)
        case .press(1) where listArea.contains(x: mouse.x, y: mouse.y):
            let row = mouse.y - listArea.y + list.selection.offset
            guard row < list.matches.count else { return false }
            // A click selects; a click on the selected entry opens it.
            if row == list.selection.selected { perform(.open, &app) } else { list.select(item: list.matches[row], visible: listArea.height) }
            return true
        default: return false
        }
    }

    static func listArea(_ area: Rect) -> Rect {
        let inner = area.inset(horizontal: 2, vertical: 1)
        return Rect(x: inner.x + 2, y: inner.y + 5, width: inner.width - 4, height: max(1, inner.height - 7))
    }

    public mutating func render(in area: Rect, into buffer: inout ScreenBuffer, _ app: AppContext) {
        let context = app.render
        let panel = Panel.render(in: area.inset(horizontal: 2, vertical: 1), into: &buffer, title: "gongmap", focused: true, context: context)
        let intro = "Map a CRM export to Gong's CRM API, check every record and the relationships between them, save the mapping, and upload only what changed."
        for (index, line) in TextWrap.lines(intro, width: panel.width - 2).prefix(3).enumerated() {
            buffer.write(line, x: panel.x + 1, y: panel.y + index, style: context[.text], maxX: panel.maxX)
        }
        let recent = entries.filter { if case .recent = $0 { true } else { false } }.count
        buffer.write(recent == 0 ? "No recent mappings. To try gongmap first, quit and run: gongmap demo" : "Recent mappings, with their last upload run, then what else you can do:", x: panel.x + 1, y: panel.y + 3, style: context[.muted], maxX: panel.maxX)
        let listArea = Self.listArea(area)
        let entries = self.entries
        list.render(in: listArea, into: &buffer, focused: true, context: context) { index in
            guard case .recent(let summary) = entries[index], let run = summary.lastRun else { return [] }
            return [Span("  " + run, style: context[.muted])]
        }
        buffer.write("Keys: Enter opens · n new · o open file · / filter · ? all keys · q quit", x: panel.x + 1, y: panel.maxY - 1,
                     style: context[.muted], maxX: panel.maxX)
    }
}
