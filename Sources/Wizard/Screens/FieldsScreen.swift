import CRMExport
import GongCRM
import Mapping
import TerminalUI

/// Step 3: per source (a file feeding an entity), Gong's fields (mandatory ones marked) beside
/// what feeds them, with the suggestion's confidence and the value of the previewed row before
/// and after the transforms; the LDJSON line Gong would get below. Enter edits a field's
/// expression (the transforms of the mapping file), `c` picks a column, `x` unmaps.
public struct FieldsScreen: WizardScreen {
    public enum Action: Hashable, Sendable { case switchPane, edit, pickColumn, valueMap, unmap, nextRow, previousRow }

    public static let keyMap = KeyMap<Action>("Fields", [
        KeyBinding([.tab, .backTab], .switchPane, hint: "pane", help: "Move between the sources and their fields"),
        KeyBinding([.enter, .char("e")], .edit, hint: "edit", help: "Edit the field's expression: column(s) and transforms, e.g. Stage | map(stages)"),
        KeyBinding([.char("c")], .pickColumn, hint: "column", help: "Map the field to a column of the file"),
        KeyBinding([.char("v")], .valueMap, hint: "values", help: "Map the column's values one by one (stages, owners, statuses) from its frequency table"),
        KeyBinding([.char("x")], .unmap, hint: "unmap", help: "Leave the field unmapped"),
        KeyBinding([.char("]")], .nextRow, hint: "next row", help: "Preview the next row of the file"),
        KeyBinding([.char("[")], .previousRow, help: "Preview the previous row"),
    ])

    public var sources = Selection()
    public var fields = Table.State()
    public var fieldsFocused = true
    public var previewRow = 0
    private var editor: TextField?
    private var editorProblem: String?
    private var columnPicker: Picker?
    /// The column names behind the picker's labels.
    private var pickerColumns: [String] = []
    private var valueMap: ValueMapEditor?
    /// The field's expression with `map(NAME)` added, put in place once the map has an entry: opening
    /// the value map of a field without one changes nothing until a value is mapped.
    private var pendingMap: (source: Int, target: String, expression: Expression, name: String)?
    private var rowCache: [String: (header: [String], rows: [SourceRow])] = [:]

    public init() {}

    public var location: String { "Fields" }

    /// Shows `entity` (its first source) and selects `field` there.
    public mutating func show(entity: EntityType, field: String?, session: Session) {
        guard let index = session.mapping.sources.firstIndex(where: { $0.entity == entity && !$0.isHistory }) else { return }
        sources.select(index, count: session.mapping.sources.count, visible: 20)
        fields = Table.State()
        if let field, let row = Self.targets(session.mapping.sources[index], session.mapping).firstIndex(of: field) {
            fields.selection.select(row, count: 100, visible: 10)
        }
        fieldsFocused = true
    }

    /// Gong's standard fields of the source's entity, then its custom fields.
    static func targets(_ source: SourceMapping, _ mapping: Mapping) -> [String] {
        EntityCatalog.fields(of: source.entity).map(\.name) + (mapping.customFields[source.entity] ?? []).map(\.uniqueName)
    }

    func sourceIndex(_ session: Session) -> Int? {
        session.mapping.sources.isEmpty ? nil : min(sources.selected, session.mapping.sources.count - 1)
    }

    public mutating func capture(_ key: Key, _ app: inout AppContext) -> Bool {
        guard let session = app.session, let index = sourceIndex(session) else { return false }
        let source = session.mapping.sources[index]
        let targets = Self.targets(source, session.mapping)
        let target = targets[min(fields.selection.selected, targets.count - 1)]
        if var open = valueMap, var edited = app.session {
            let file = source.input.files.first ?? ""
            let stays = open.handle(key, session: &edited, file: file, app: &app)
            valueMap = stays ? open : nil
            if let pending = pendingMap, !(edited.mapping.valueMaps[pending.name]?.entries.isEmpty ?? true),
               let position = edited.mapping.sources[pending.source].fields.firstIndex(where: { $0.target == pending.target }) {
                edited.mapping.sources[pending.source].fields[position].expression = pending.expression
                pendingMap = nil
            }
            if !stays { pendingMap = nil }
            if edited.mapping != session.mapping {
                app.session = edited
                app.effects.append(.validate)
            }
            return true
        }
        if var field = editor {
            switch key {
            case .escape:
                editor = nil
                editorProblem = nil
            case .enter:
                do {
                    let expression = try ExpressionSyntax.parse(field.value)
                    // A column the source lacks would blank every preview and fail validation: refused here.
                    let header = Self.header(of: source, session)
                    if let missing = expression.columns.first(where: { !header.contains($0) }), !header.isEmpty {
                        editorProblem = "column '\(missing)' is not in \(source.inputLabel)\(CompiledSource.suggestion(for: missing, in: header))"
                        editor = field
                        return true
                    }
                    set(target, expression, in: index, &app)
                    editor = nil
                    editorProblem = nil
                } catch {
                    editorProblem = error.message
                }
            default:
                _ = field.handle(key)
                editor = field
                editorProblem = nil
            }
            return true
        }
        if var picker = columnPicker {
            var changed = false
            _ = picker.handle(key, changed: &changed)
            columnPicker = picker.isOpen ? picker : nil
            if !picker.isOpen, changed, let chosen = picker.chosen, chosen < pickerColumns.count {
                set(target, .column(pickerColumns[chosen]), in: index, &app)
            }
            return true
        }
        if fieldsFocused { return fields.selection.handle(key, count: targets.count, visible: 12) }
        let before = sources.selected
        let used = sources.handle(key, count: session.mapping.sources.count, visible: 20)
        if sources.selected != before { (fields, previewRow) = (Table.State(), 0) }
        return used
    }

    /// The columns a source's fields can read: its file's header, or a distinct source's columns.
    static func header(of source: SourceMapping, _ session: Session) -> [String] {
        switch source.input {
        case .file(let name): session.profile(of: name)?.header ?? []
        case .distinct(let parts): parts.first?.columns ?? []
        }
    }

    public mutating func perform(_ action: Action, _ app: inout AppContext) {
        guard let session = app.session, let index = sourceIndex(session) else { return }
        let source = session.mapping.sources[index]
        let targets = Self.targets(source, session.mapping)
        let target = targets[min(fields.selection.selected, targets.count - 1)]
        switch action {
        case .switchPane: fieldsFocused.toggle()
        case .edit: editor = TextField(source.field(target).map { ExpressionSyntax.render($0.expression) } ?? "")
        case .pickColumn:
            let header = session.profile(of: source.input.files.first ?? "")?.header ?? []
            guard !header.isEmpty else { return }
            // Each column with its inferred type and first values, to choose by content.
            let profile = session.profile(of: source.input.files.first ?? "")
            let labels = header.map { name in
                profile?.column(named: name).map { "\(name) — \($0.kind.rawValue): \($0.samples.prefix(3).joined(separator: ", "))" } ?? name
            }
            columnPicker = .opened(labels, chosen: source.field(target)?.expression.columns.first.flatMap { header.firstIndex(of: $0) })
            pickerColumns = header
        case .unmap: set(target, nil, in: index, &app)
        case .valueMap: openValueMap(target: target, source: index, &app)
        case .nextRow: previewRow += 1
        case .previousRow: previewRow = max(0, previewRow - 1)
        }
    }

    /// Opens the value map of `target`'s column. A field without one gets `map(NAME)` (before any
    /// lookup or conversion, so those see the mapped value) only when the first value is mapped.
    private mutating func openValueMap(target: String, source index: Int, _ app: inout AppContext) {
        guard let session = app.session, let mapped = session.mapping.sources[index].field(target), mapped.expression.columns.count == 1,
              let column = mapped.expression.columns.first else {
            app.notify("Value maps work on a field fed by one column: map it to a column first (c)", level: .warning)
            return
        }
        var expression = mapped.expression
        let existing = expression.transforms.compactMap { if case .map(let name, _) = $0 { name } else { nil } }.first
        let name = existing ?? "\(session.mapping.sources[index].entity.rawValue.lowercased())-\(target)"
        pendingMap = nil
        if existing == nil {
            let at = expression.transforms.firstIndex { switch $0 { case .trim, .upper, .lower, .title: false; default: true } } ?? expression.transforms.count
            expression.transforms.insert(.map(name: name, otherwise: .error), at: at)
            pendingMap = (index, target, expression, name)
        }
        let entity = session.mapping.sources[index].entity
        var targets: [(id: String, name: String)] = []
        switch EntityCatalog.field(target, of: entity)?.kind {
        case .reference(let referenced)?:
            // After a lookup by name the map must give names; otherwise it gives objectIds.
            let byName = expression.transforms.contains { if case .lookup = $0 { true } else { false } }
            targets = (session.validation.graph?.nodes[referenced] ?? [:]).values
                .map { (byName ? $0.name : $0.objectId, $0.name) }.sorted { $0.name < $1.name }
        case .enumeration(let values)?: targets = values.map { ($0, $0) }
        default: break
        }
        valueMap = ValueMapEditor(name: name, column: column, targets: targets)
    }

    private func set(_ target: String, _ expression: Expression?, in index: Int, _ app: inout AppContext) {
        guard var session = app.session else { return }
        var source = session.mapping.sources[index]
        if let expression {
            if let at = source.fields.firstIndex(where: { $0.target == target }) {
                source.fields[at].expression = expression
                source.fields[at].note = "set by you"
            } else {
                source.fields.append(FieldMapping(target: target, expression: expression, note: "set by you"))
            }
        } else {
            source.fields.removeAll { $0.target == target }
        }
        session.mapping.sources[index] = source
        app.session = session
        app.effects.append(.validate)
    }

    mutating func rows(_ file: ExportFile) -> (header: [String], rows: [SourceRow]) {
        if let cached = rowCache[file.name] { return cached }
        let read = RecordPreview.rows(of: file)
        rowCache[file.name] = read
        return read
    }

    public mutating func render(in area: Rect, into buffer: inout ScreenBuffer, _ app: AppContext) {
        let context = app.render
        guard let session = app.session, let index = sourceIndex(session) else {
            let inside = Panel.render(in: area, into: &buffer, title: "Fields", focused: true, context: context)
            buffer.write("No file feeds an entity yet: assign files in Entities (2).", x: inside.x + 1, y: inside.y, style: context[.muted])
            return
        }
        let mapping = session.mapping
        // The sources pane takes what its labels need on a wide terminal, a quarter on a narrow one.
        let longest = mapping.sources.map { DisplayWidth.of(Self.label(of: $0)) + 4 }.max() ?? 20
        let (left, right) = area.splitLeft(area.width < 100 ? area.width / 4 : min(max(30, longest), area.width / 3))
        let list = Panel.render(in: left, into: &buffer, title: "Sources", focused: !fieldsFocused, context: context)
        sources.keepVisible(count: mapping.sources.count, visible: list.height)
        for (row, source) in mapping.sources.enumerated().dropFirst(sources.offset).prefix(list.height) {
            let selected = row == index
            let style = selected ? context[fieldsFocused ? .selectionInactive : .selection] : context[.text]
            let missing = EntityCatalog.fields(of: source.entity).contains { $0.requirement == .mandatory && source.field($0.name) == nil }
            let label = Self.label(of: source)
            buffer.writeLine([Span(missing ? context.symbols.cross + " " : "  ", style: style.patched(with: context[.error])), Span(label, style: style)],
                             in: Rect(x: list.x, y: list.y + row - sources.offset, width: list.width, height: 1), fill: style)
        }
        let source = mapping.sources[index]
        let file = session.export.files.first { $0.name == source.input.files.first }
        let read: (header: [String], rows: [SourceRow]) = file.map { rows($0) } ?? ([], [])
        previewRow = min(previewRow, max(0, read.rows.count - 1))
        var preview: RecordPreview?
        var previewProblem: String?
        if !read.rows.isEmpty {
            switch RecordPreview.make(source: source, mapping: mapping, header: read.header, row: read.rows[previewRow], index: previewRow,
                                      lookups: session.validation.graph?.lookups) {
            case .success(let made): preview = made
            case .failure(let error): previewProblem = error.description
            }
        }
        if var open = valueMap {
            open.render(in: right, into: &buffer, session: session, file: source.input.files.first ?? "", context: context)
            valueMap = open
            return
        }
        let (tableArea, bottom) = right.splitBottom(editor != nil ? 7 : 6)
        let targets = Self.targets(source, mapping)
        let inside = Panel.render(in: tableArea, into: &buffer, title: "\(source.entity.displayName) from \(source.inputLabel)", focused: fieldsFocused, context: context)
        let standard = EntityCatalog.fields(of: source.entity)
        let table = Table(columns: [
            Table.Column("", width: 1), Table.Column("Gong field", width: 20, minWidth: 10), Table.Column("from", width: 24, minWidth: 10, grows: true),
            Table.Column("sure", width: 4, alignment: .right), Table.Column("row \(previewRow + 1) in the file", width: 18, minWidth: 8),
            Table.Column("→ to Gong", width: 30, minWidth: 12, grows: true),
        ], rowCount: targets.count, frozenColumns: 2, focused: fieldsFocused) { row, column in
            let target = targets[row]
            let catalog = standard.first { $0.name == target }
            let mapped = source.field(target)
            switch column {
            case 0:
                switch catalog?.requirement {
                case .mandatory?: return Span(mapped == nil ? context.symbols.cross : "!", style: context[.error])
                case .recommended?: return Span(mapped == nil ? context.symbols.warning : " ", style: context[.warning])
                default: return Span(catalog == nil ? "+" : " ", style: context[.accent])
                }
            case 1: return Span(target, style: catalog == nil ? context[.accent] : .plain)
            case 2:
                guard let mapped else {
                    return catalog?.requirement == .mandatory ? Span("required: not mapped", style: context[.error]) : Span("—", style: context[.muted])
                }
                return Span(ExpressionSyntax.render(mapped.expression))
            case 3:
                guard let choice = session.fieldChoice(entity: source.entity, file: source.input.files.first ?? "", field: target), mapped != nil else { return Span("") }
                return Span(String(format: "%.0f", choice.confidence * 100), style: choice.confidence < 0.6 ? context[.warning] : context[.muted])
            case 4: return Span(preview?.sources[target] ?? "", style: context[.muted])
            default:
                if let problem = preview?.problems[target] { return Span(problem, style: context[.error]) }
                return Span(preview?.values[target] ?? "", style: context[.ok])
            }
        }
        let selectedTarget = targets[min(fields.selection.selected, targets.count - 1)]
        let advice = adviceLines(for: selectedTarget, source: source, session: session, width: inside.width - 1, context: context)
        let (tableRect, adviceRect) = inside.splitBottom(advice.count)
        table.render(in: tableRect, into: &buffer, state: &fields, context: context)
        for (offset, line) in advice.enumerated() {
            buffer.writeLine([line], in: Rect(x: adviceRect.x + 1, y: adviceRect.y + offset, width: adviceRect.width - 1, height: 1))
        }
        let box = Panel.render(in: bottom, into: &buffer, title: "LDJSON of row \(previewRow + 1) of \(source.inputLabel) ([ ] other rows)", focused: editor != nil, context: context)
        var y = box.y
        if let editor {
            let target = targets[min(fields.selection.selected, targets.count - 1)]
            buffer.write("\(target) = ", x: box.x + 1, y: y, style: context[.accent])
            editor.render(in: Rect(x: box.x + 4 + DisplayWidth.of(target), y: y, width: box.width - 5 - DisplayWidth.of(target), height: 1), into: &buffer, focused: true, context: context)
            y += 1
            // A problem wraps whole (its "did you mean" is at the end); the transforms hint is one line.
            let hint = editorProblem ?? "Enter applies, Esc cancels. Transforms: " + ExpressionSyntax.transformNames.joined(separator: " ")
            let lines = editorProblem == nil ? [hint] : Array(TextWrap.lines(hint, width: box.width - 2).prefix(3))
            for line in lines where y < box.maxY {
                buffer.writeLine(line, in: Rect(x: box.x + 1, y: y, width: box.width - 2, height: 1), style: context[editorProblem == nil ? .muted : .error])
                y += 1
            }
        }
        let text = previewProblem ?? preview?.line ?? "(the file has no rows)"
        for line in TextWrap.hard(text, width: box.width - 2).prefix(box.maxY - y) {
            buffer.write(line, x: box.x + 1, y: y, style: context[previewProblem == nil ? .text : .error], maxX: box.maxX)
            y += 1
        }
        if var picker = columnPicker {
            let row = inside.y + 1 + fields.selection.selected - fields.selection.offset
            picker.render(in: Rect(x: inside.x + 24, y: row, width: min(60, inside.width - 26), height: 1), into: &buffer, focused: true, screen: area, context: context)
            columnPicker = picker
        }
    }

    static func label(of source: SourceMapping) -> String {
        "\(source.entity.rawValue)\(source.isHistory ? " hist." : "") ← \(source.inputLabel)"
    }

    /// The selected field's reason (the suggestion's, or "set by you") and its risks, wrapped to at
    /// most four lines under the table.
    private func adviceLines(for target: String, source: SourceMapping, session: Session, width: Int, context: RenderContext) -> [Span] {
        guard width > 10 else { return [] }
        let file = source.input.files.first ?? ""
        var lines: [Span] = []
        if let mapped = source.field(target) {
            let reason = mapped.note == "set by you" ? "set by you"
                : session.fieldChoice(entity: source.entity, file: file, field: target).map { "\($0.reason) (\(Int(($0.confidence * 100).rounded()))% sure)" } ?? mapped.note
            if let reason { lines += TextWrap.lines("Why: " + reason, width: width).prefix(2).map { Span($0, style: context[.muted]) } }
            let risks = FieldAdvice.risks(target: target, expression: mapped.expression, entity: source.entity, mapping: session.mapping, profile: session.profile(of: file))
            for risk in risks {
                lines += TextWrap.lines("\(context.symbols.warning) " + risk, width: width).map { Span($0, style: context[.warning]) }
            }
        }
        return Array(lines.prefix(4))
    }
}
