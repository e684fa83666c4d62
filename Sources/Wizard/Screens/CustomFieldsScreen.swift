import CRMExport
import GongCRM
import Mapping
import TerminalUI
import Upload

/// Step 4: the custom schema fields of each entity: proposed from unmapped columns with their
/// inferred type, label and uniqueName; type changed with a picker, a column added with `a`,
/// a field removed with `x`. The schema changes against the saved mapping are listed, and those
/// that delete data in Gong (a removal, a type change) are shown in red.
public struct CustomFieldsScreen: WizardScreen {
    public enum Action: Hashable, Sendable { case changeType, editLabel, editName, add, remove, compareWithGong }

    public static let keyMap = KeyMap<Action>("Custom fields", [
        KeyBinding([.char("t")], .changeType, hint: "type", help: "Change the selected field's type"),
        KeyBinding([.char("l")], .editLabel, hint: "label", help: "Edit the selected field's label"),
        KeyBinding([.char("n")], .editName, help: "Edit the selected field's uniqueName"),
        KeyBinding([.char("g")], .compareWithGong, hint: "vs Gong", help: "Read Gong's schema (Upload's base URL) and compare with it"),
        KeyBinding([.char("a")], .add, hint: "add column", help: "Add an unmapped column of the selected field's file as a custom field"),
        KeyBinding([.char("x")], .remove, hint: "remove", help: "Remove the selected custom field (deletes its values in Gong when uploaded)"),
    ])

    struct Row: Hashable {
        var entity: EntityType
        var field: CustomField
        var source: String
    }

    public var table = Table.State()
    private var typePicker: Picker?
    private var columnPicker: (picker: Picker, entity: EntityType, source: Int)?
    /// Editing the label (true) or uniqueName (false) of the selected field.
    private var textEdit: (field: TextField, isLabel: Bool)?

    public init() {}

    public var location: String { "Custom fields" }

    static func rows(_ mapping: Mapping) -> [Row] {
        EntityType.uploadOrder.flatMap { entity in
            (mapping.customFields[entity] ?? []).map { field in
                let expression = mapping.sources.first { $0.entity == entity && !$0.isHistory }?.field(field.uniqueName)?.expression
                return Row(entity: entity, field: field, source: expression.map(ExpressionSyntax.render) ?? "—")
            }
        }
    }

    /// Changes against Gong's schema once read (g), as an upload would make them, else against
    /// the saved mapping: (text, deletes data in Gong or stops the upload).
    static func schemaChanges(_ session: Session) -> [(String, Bool)] {
        if let remote = session.remoteSchema { return remoteChanges(session.mapping, remote) }
        guard let saved = session.saved else { return [("all fields are new (the mapping was never saved; g compares with Gong)", false)] }
        var changes: [(String, Bool)] = []
        for entity in EntityType.uploadOrder where entity.acceptsCustomFields {
            let before = Dictionary((saved.customFields[entity] ?? []).map { ($0.uniqueName, $0) }, uniquingKeysWith: { first, _ in first })
            let after = Dictionary((session.mapping.customFields[entity] ?? []).map { ($0.uniqueName, $0) }, uniquingKeysWith: { first, _ in first })
            for name in after.keys.sorted() where before[name] == nil { changes.append(("new \(entity.rawValue).\(name) (\(after[name]!.type.rawValue))", false)) }
            for name in before.keys.sorted() where after[name] == nil { changes.append(("removed \(entity.rawValue).\(name): Gong deletes its values", true)) }
            for name in after.keys.sorted() {
                guard let old = before[name], let new = after[name], old != new else { continue }
                if old.type != new.type {
                    changes.append(("\(entity.rawValue).\(name) \(old.type.rawValue) → \(new.type.rawValue): Gong replaces the field and deletes its values", true))
                } else {
                    changes.append(("changed \(entity.rawValue).\(name) (label or values)", false))
                }
            }
        }
        return changes
    }

    /// What an upload would send: fields gongmap did not register are never removed or retyped.
    static func remoteChanges(_ mapping: Mapping, _ remote: RemoteSchema) -> [(String, Bool)] {
        var changes: [(String, Bool)] = []
        for entity in EntityType.uploadOrder where entity.acceptsCustomFields {
            let wanted = mapping.customFields[entity] ?? []
            let listed = remote.fields[entity] ?? []
            let plan = SchemaPlan(type: entity, mapping: wanted, remote: listed, managed: remote.managed[entity] ?? [:])
            let type = { (name: String) in wanted.first { $0.uniqueName == name }?.type.rawValue ?? "?" }
            let gongType = { (name: String) in listed.first { $0.uniqueName == name && $0.isDeleted != true }?.type ?? "?" }
            changes += plan.added.map { ("new \(entity.rawValue).\($0) (\(type($0)))", false) }
            changes += plan.changed.map { ("changed \(entity.rawValue).\($0) (label or values)", false) }
            changes += plan.removed.map { ("removed \(entity.rawValue).\($0): Gong deletes its values", true) }
            changes += plan.retyped.map { ("\(entity.rawValue).\($0) \(gongType($0)) → \(type($0)): Gong replaces the field and deletes its values", true) }
            changes += plan.unmanaged.map { ("\(entity.rawValue).\($0) is in Gong, not managed by this mapping: left as it is", false) }
            changes += plan.conflicts.map { ($0, true) }
        }
        return changes
    }

    public mutating func capture(_ key: Key, _ app: inout AppContext) -> Bool {
        guard var session = app.session else { return false }
        let rows = Self.rows(session.mapping)
        if var edit = textEdit {
            switch edit.field.edit(key) {
            case .cancelled?: textEdit = nil
            case .submitted(let text)?:
                textEdit = nil
                guard !rows.isEmpty, !text.isEmpty else { return true }
                let row = rows[min(table.selection.selected, rows.count - 1)]
                rename(row, label: edit.isLabel ? text : nil, uniqueName: edit.isLabel ? nil : text, &app)
            case nil: textEdit = edit
            }
            return true
        }
        if var picker = typePicker {
            var changed = false
            _ = picker.handle(key, changed: &changed)
            typePicker = picker.isOpen ? picker : nil
            if !picker.isOpen, changed, let chosen = picker.value, let type = CustomFieldType(rawValue: chosen), !rows.isEmpty {
                let row = rows[min(table.selection.selected, rows.count - 1)]
                if let index = session.mapping.customFields[row.entity]?.firstIndex(where: { $0.uniqueName == row.field.uniqueName }) {
                    session.mapping.customFields[row.entity]![index].type = type
                    if type == .picklist, session.mapping.customFields[row.entity]![index].orderedValueList == nil {
                        session.mapping.customFields[row.entity]![index].orderedValueList = Self.values(of: row, session)
                    }
                    app.session = session
                    app.effects.append(.validate)
                }
            }
            return true
        }
        if var open = columnPicker {
            var changed = false
            _ = open.picker.handle(key, changed: &changed)
            columnPicker = open.picker.isOpen ? open : nil
            if !open.picker.isOpen, changed, let column = open.picker.value { add(column: column, entity: open.entity, source: open.source, &app) }
            return true
        }
        return table.selection.handle(key, count: rows.count, visible: 10)
    }

    static func values(of row: Row, _ session: Session) -> [String]? {
        guard case .column(let column)? = session.mapping.sources.first(where: { $0.entity == row.entity })?.field(row.field.uniqueName)?.expression.source,
              let file = session.mapping.sources.first(where: { $0.entity == row.entity })?.input.files.first,
              let profile = session.profile(of: file)?.column(named: column) else { return nil }
        return profile.frequencyTable.prefix(100).map(\.value)
    }

    public mutating func perform(_ action: Action, _ app: inout AppContext) {
        guard var session = app.session else { return }
        let rows = Self.rows(session.mapping)
        let row = rows.isEmpty ? nil : rows[min(table.selection.selected, rows.count - 1)]
        switch action {
        case .changeType:
            guard let row else { return }
            typePicker = .opened(CustomFieldType.allCases.map(\.rawValue), chosen: CustomFieldType.allCases.firstIndex(of: row.field.type))
        case .add:
            let entity = row?.entity ?? session.mapping.sources.first(where: { $0.entity.acceptsCustomFields })?.entity
            guard let entity, let source = session.mapping.sources.firstIndex(where: { $0.entity == entity && !$0.isHistory }),
                  let file = session.mapping.sources[source].input.files.first, let profile = session.profile(of: file) else { return }
            let used = Set(session.mapping.sources[source].fields.flatMap(\.expression.columns))
            let free = profile.header.filter { !used.contains($0) }
            guard !free.isEmpty else {
                app.notify("Every column of \(file) is mapped already", level: .info)
                return
            }
            columnPicker = (.opened(free), entity, source)
        case .editLabel, .editName:
            guard let row else { return }
            textEdit = (TextField(action == .editLabel ? row.field.label : row.field.uniqueName), action == .editLabel)
        case .compareWithGong: app.effects.append(.fetchSchema)
        case .remove:
            guard let row else { return }
            session.mapping.customFields[row.entity]?.removeAll { $0.uniqueName == row.field.uniqueName }
            for index in session.mapping.sources.indices where session.mapping.sources[index].entity == row.entity {
                session.mapping.sources[index].fields.removeAll { $0.target == row.field.uniqueName }
            }
            app.session = session
            app.notify("Removed \(row.entity.rawValue).\(row.field.uniqueName); uploading this deletes its values in Gong (u undoes)", level: .warning)
            app.effects.append(.validate)
        }
    }

    /// A new label, or a new uniqueName (letters, digits and `_`; the field's mapping follows).
    private func rename(_ row: Row, label: String?, uniqueName: String?, _ app: inout AppContext) {
        guard var session = app.session, let index = session.mapping.customFields[row.entity]?.firstIndex(where: { $0.uniqueName == row.field.uniqueName }) else { return }
        if let label { session.mapping.customFields[row.entity]![index].label = label }
        if let uniqueName {
            guard uniqueName.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) else {
                app.notify("A uniqueName has letters, digits and _ only", level: .error)
                return
            }
            guard !(session.mapping.customFields[row.entity] ?? []).contains(where: { $0.uniqueName == uniqueName }) else {
                app.notify("\(row.entity.rawValue) already has a field \(uniqueName)", level: .error)
                return
            }
            session.mapping.customFields[row.entity]![index].uniqueName = uniqueName
            for source in session.mapping.sources.indices where session.mapping.sources[source].entity == row.entity {
                for field in session.mapping.sources[source].fields.indices where session.mapping.sources[source].fields[field].target == row.field.uniqueName {
                    session.mapping.sources[source].fields[field].target = uniqueName
                }
            }
        }
        app.session = session
        app.effects.append(.validate)
    }

    private func add(column: String, entity: EntityType, source: Int, _ app: inout AppContext) {
        guard var session = app.session, let file = session.mapping.sources[source].input.files.first,
              let profile = session.profile(of: file)?.column(named: column) else { return }
        let type: CustomFieldType = switch profile.kind {
        case .integer, .decimal: .number
        case .boolean: .boolean
        case .date: .date
        case .datetime: .datetime
        case .url: .url
        case .email: .emailAddress
        case .phone: .phoneNumber
        default: profile.looksLikePicklist ? .picklist : .string
        }
        let uniqueName = column.lowercased().map { $0.isLetter || $0.isNumber ? String($0) : "_" }.joined()
        let field = CustomField(uniqueName: uniqueName, label: column, type: type,
                                orderedValueList: type == .picklist ? profile.frequencyTable.prefix(100).map(\.value) : nil)
        session.mapping.customFields[entity, default: []].append(field)
        session.mapping.sources[source].fields.append(FieldMapping(target: uniqueName, expression: .column(column), note: "added by you"))
        app.session = session
        app.notify("\(entity.rawValue).\(uniqueName) (\(type.rawValue)) from \(column)", level: .ok)
        app.effects.append(.validate)
    }

    public mutating func render(in area: Rect, into buffer: inout ScreenBuffer, _ app: AppContext) {
        let context = app.render
        guard let session = app.session else { return }
        let changes = Self.schemaChanges(session)
        let (top, bottom) = area.splitBottom(min(area.height / 3, max(3, changes.count * 2 + 2)))
        let inside = Panel.render(in: top, into: &buffer, title: "Custom schema fields", focused: true, context: context)
        let rows = Self.rows(session.mapping)
        let columns = [
            Table.Column("entity", width: 14, minWidth: 8), Table.Column("uniqueName", width: 22, minWidth: 12), Table.Column("label", width: 22, minWidth: 10),
            Table.Column("type", width: 11), Table.Column("from", width: 30, minWidth: 10, grows: true), Table.Column("values", width: 40, minWidth: 10, grows: true),
        ]
        // Where each column starts, for the editors drawn over the selected row.
        let widths = Table.fit(columns, in: inside.width - 1)
        let starts = widths.indices.map { index in inside.x + widths[..<index].reduce(0) { $0 + $1 + 1 } }
        let table = Table(columns: columns, rowCount: rows.count) { row, column in
            let item = rows[row]
            switch column {
            case 0: return Span(item.entity.rawValue)
            case 1: return Span(item.field.uniqueName, style: context[.accent])
            case 2: return Span(item.field.label)
            case 3: return Span(item.field.type.rawValue)
            case 4: return Span(item.source)
            default: return Span(item.field.orderedValueList?.joined(separator: ", ") ?? "", style: context[.muted])
            }
        }
        table.render(in: inside, into: &buffer, state: &self.table, context: context)
        let against = session.remoteSchema != nil ? "Gong's schema" : "the saved mapping (g: against Gong's)"
        let diff = Panel.render(in: bottom, into: &buffer, title: "Schema changes against \(against)", focused: false, context: context)
        // Each change wraps under itself: the consequence (Gong deletes values) is at its end.
        let lines = changes.flatMap { change in
            TextWrap.lines(change.0, width: max(10, diff.width - 3)).enumerated().map { index, line in
                ((index == 0 && change.1 ? context.symbols.warning + " " : "  ") + line, change.1)
            }
        }
        for (index, line) in lines.prefix(diff.height).enumerated() {
            buffer.writeLine(line.0, in: Rect(x: diff.x, y: diff.y + index, width: diff.width, height: 1), style: context[line.1 ? .error : .text])
        }
        if changes.isEmpty { buffer.write("None.", x: diff.x + 1, y: diff.y, style: context[.muted]) }
        if var picker = typePicker {
            picker.render(in: Rect(x: min(starts[3], inside.maxX - 16), y: inside.y + 1 + self.table.selection.selected - self.table.selection.offset, width: 16, height: 1),
                          into: &buffer, focused: true, screen: area, context: context)
            typePicker = picker
        }
        if let edit = textEdit {
            let y = inside.y + 1 + self.table.selection.selected - self.table.selection.offset
            let column = edit.isLabel ? 2 : 1
            edit.field.render(in: Rect(x: starts[column], y: y, width: max(8, widths[column]), height: 1), into: &buffer, focused: true, context: context)
        }
        if var open = columnPicker {
            open.picker.render(in: Rect(x: inside.x + 2, y: inside.y + 1, width: 30, height: 1), into: &buffer, focused: true, screen: area, context: context)
            columnPicker = open
        }
    }
}
