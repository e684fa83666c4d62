import CRMExport
import GongCRM
import Mapping
import TerminalUI

/// A value map edited from the column's frequency table: every distinct value with the number of
/// records it stands for and where the map sends it; unmapped values are highlighted. Enter
/// types a target, `a` fills the unmapped ones whose text matches a record of the referenced
/// entity (or a value Gong allows), `x` clears one. Part of the Fields step (`v`).
public struct ValueMapEditor {
    public enum Action: Hashable, Sendable { case edit, autofill, clear, close }

    public static let keyMap = KeyMap<Action>("Value maps (Fields, v)", [
        KeyBinding([.enter], .edit, hint: "set", help: "Pick where the selected value goes (type to filter), or type it when there is no list"),
        KeyBinding([.char("a")], .autofill, hint: "fill matches", help: "Map unmapped values to targets with the same name"),
        KeyBinding([.char("x")], .clear, hint: "clear", help: "Leave the selected value unmapped"),
        KeyBinding([.escape], .close, hint: "done", help: "Back to the fields"),
    ])

    public let name: String
    public let column: String
    public var table = Table.State()
    private var field: TextField?
    /// The targets to pick from for the selected value.
    private var picker: Picker?
    /// Where values may go: (objectId or value, its name).
    public let targets: [(id: String, name: String)]

    public init(name: String, column: String, targets: [(id: String, name: String)]) {
        self.name = name
        self.column = column
        self.targets = targets
    }

    func rows(_ session: Session, file: String) -> [ValueMapBuilder.Row] {
        guard let profile = session.profile(of: file)?.column(named: column) else { return [] }
        return ValueMapBuilder.rows(for: profile, map: session.mapping.valueMaps[name])
    }

    /// Returns false when the editor closes.
    public mutating func handle(_ key: Key, session: inout Session, file: String, app: inout AppContext) -> Bool {
        let rows = rows(session, file: file)
        let row = rows.isEmpty ? nil : rows[min(table.selection.selected, rows.count - 1)]
        if var open = picker {
            var changed = false
            _ = open.handle(key, changed: &changed)
            if !open.isOpen {
                if let chosen = open.chosen, changed || row?.target == nil, let row { set(row.value, to: targets[chosen].id, in: &session) }
                picker = nil
            } else {
                picker = open
            }
            return true
        }
        if var open = field {
            switch open.edit(key) {
            case .submitted(let target)?:
                if let row { set(row.value, to: target.isEmpty ? nil : target, in: &session) }
                field = nil
            case .cancelled?: field = nil
            case nil: field = open
            }
            return true
        }
        switch Self.keyMap.action(for: key) {
        case .edit?:
            if targets.isEmpty {
                field = TextField(row?.target ?? "", placeholder: "the value Gong gets")
            } else {
                picker = Picker.opened(targets.map(Self.label), chosen: targets.firstIndex { $0.id == row?.target })
            }
        case .autofill?:
            let before = session.mapping.valueMaps[name]?.entries.count ?? 0
            session.mapping.valueMaps[name] = ValueMapBuilder.draft(rows, targets: targets, keeping: session.mapping.valueMaps[name])
            app.notify("\((session.mapping.valueMaps[name]?.entries.count ?? 0) - before) values mapped by name", level: .ok)
        case .clear?: if let row { set(row.value, to: nil, in: &session) }
        case .close?: return false
        case nil: _ = table.selection.handle(key, count: rows.count, visible: 15)
        }
        return true
    }

    /// `Closed Won`, or `Ana Silva (0055e000…)` when the target's id is not its name.
    static func label(_ target: (id: String, name: String)) -> String {
        target.id == target.name ? target.id : "\(target.name) (\(target.id))"
    }

    private func set(_ value: String, to target: String?, in session: inout Session) {
        var entries = session.mapping.valueMaps[name]?.entries ?? []
        entries.removeAll { $0.from == value }
        if let target { entries.append((value, target)) }
        session.mapping.valueMaps[name] = ValueMap(entries)
    }

    public mutating func render(in area: Rect, into buffer: inout ScreenBuffer, session: Session, file: String, context: RenderContext) {
        let rows = rows(session, file: file)
        let coverage = ValueMapBuilder.coverage(rows)
        let inside = Panel.render(in: area, into: &buffer, title: "Value map \(name) for \(column)", focused: true, context: context)
        let summary = "\(coverage.mappedValues) of \(rows.count) values mapped, \(coverage.unmappedRecords) records unmapped"
        let (summaryArea, body) = inside.splitTop(1)
        buffer.writeLine(summary, in: summaryArea, style: context[coverage.unmappedRecords > 0 ? .warning : .ok])
        let names = Dictionary(targets.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        let (listArea, editArea) = body.splitBottom(field == nil ? 0 : 1)
        let columns = [
            Table.Column("value in the file", width: 30, minWidth: 14), Table.Column("records", width: 8, alignment: .right),
            Table.Column("→ goes to", width: 60, minWidth: 16, grows: true),
        ]
        Table(columns: columns, rowCount: rows.count) { row, column in
            let item = rows[row]
            switch column {
            case 0: return Span(item.value.isEmpty ? "(empty)" : item.value)
            case 1: return Span(item.count.formatted())
            default:
                guard let target = item.target else { return Span("unmapped", style: context[.error]) }
                return Span(target + (names[target].map { $0 == target ? "" : "  (\($0))" } ?? ""), style: context[.ok])
            }
        }.render(in: listArea, into: &buffer, state: &table, context: context)
        if var open = picker {
            // Over the "goes to" column of the selected row.
            let widths = Table.fit(columns, in: listArea.width - 1)
            let x = listArea.x + widths[0] + widths[1] + 2
            let row = listArea.y + 1 + table.selection.selected - table.selection.offset
            open.render(in: Rect(x: x, y: row, width: max(16, listArea.maxX - x - 1), height: 1), into: &buffer, focused: true, screen: area, context: context)
            picker = open
        }
        if let field {
            buffer.write("goes to: ", x: editArea.x + 1, y: editArea.y, style: context[.accent])
            field.render(in: Rect(x: editArea.x + 10, y: editArea.y, width: editArea.width - 11, height: 1), into: &buffer, focused: true, context: context)
        }
    }
}
