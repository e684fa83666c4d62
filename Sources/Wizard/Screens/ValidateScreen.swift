import CRMExport
import Foundation
import GongCRM
import TerminalUI
import Validation

/// Step 5: the whole export validated in the background (the same pass as `gongmap validate`),
/// problems grouped by rule and field with counts; Enter drills into a group's records, `m`
/// jumps to the field's mapping, `w` writes every diagnostic to a file.
public struct ValidateScreen: WizardScreen {
    public enum Action: Hashable, Sendable { case open, mapping, rerun, write }

    public static let keyMap = KeyMap<Action>("Validate", [
        KeyBinding([.enter], .open, hint: "records", help: "Show the records of the selected group (Esc back)"),
        KeyBinding([.char("m")], .mapping, hint: "mapping", help: "Go to the mapping of the group's field"),
        KeyBinding([.char("v")], .rerun, hint: "validate", help: "Validate again"),
        KeyBinding([.char("w")], .write, hint: "write", help: "Write all problems to a CSV file beside the mapping"),
    ])

    public var groups = Table.State()
    public var records = Table.State()
    /// The group drilled into.
    public var openGroup: String?
    /// Source rows already read for the records view: "file#row" → (header, cells).
    private var sourceRows: [String: (header: [String], cells: [String])] = [:]

    /// The cells of data row `row` of `file` (read once; rows far into big files are not read).
    mutating func sourceRow(_ file: String, _ row: Int, _ session: Session) -> (header: [String], cells: [String])? {
        let key = "\(file)#\(row)"
        if let cached = sourceRows[key] { return cached }
        guard row > 0, row <= 20_000, let exportFile = session.export.files.first(where: { $0.name == file }),
              let reader = try? RowReader(file: exportFile) else { return nil }
        var current = SourceRow()
        var read = 0
        while (try? reader.next(into: &current)) == true {
            read += 1
            if read == row {
                sourceRows[key] = (reader.header, current.cells)
                return sourceRows[key]
            }
        }
        return nil
    }

    public init() {}

    public var location: String { openGroup == nil ? "Validate" : "Validate · records" }

    static func groups(_ session: Session) -> [DiagnosticSummary.Group] { session.validation.report?.summary.sortedGroups ?? [] }

    /// The records of the open group, filtered once per group and validation run (there may be
    /// hundreds of thousands of diagnostics), not on every key. Each run makes a new graph, so the
    /// graph tells the runs apart.
    mutating func diagnostics(_ session: Session, group: String) -> [Diagnostic] {
        let run = session.validation.graph
        if let groupRecords, groupRecords.group == group, groupRecords.run === run { return groupRecords.records }
        let records = session.validation.diagnostics.filter { $0.groupKey == group }
        groupRecords = (group, run, records)
        return records
    }

    private var groupRecords: (group: String, run: RelationshipGraph?, records: [Diagnostic])?

    public mutating func capture(_ key: Key, _ app: inout AppContext) -> Bool {
        guard let session = app.session else { return false }
        if let group = openGroup {
            if key == .escape {
                openGroup = nil
                return true
            }
            return records.handle(key, rowCount: diagnostics(session, group: group).count, visibleRows: 10, scrollableColumns: 6)
        }
        return groups.selection.handle(key, count: Self.groups(session).count, visible: 10)
    }

    public mutating func perform(_ action: Action, _ app: inout AppContext) {
        guard let session = app.session else { return }
        let all = Self.groups(session)
        let group = all.isEmpty ? nil : all[min(groups.selection.selected, all.count - 1)]
        switch action {
        case .open:
            guard openGroup == nil, let group else { return }
            openGroup = group.id
            records = Table.State()
        case .mapping:
            guard let entity = group?.entity else { return }
            app.effects.append(.showField(entity: entity, field: group?.field))
        case .rerun: app.effects.append(.validate)
        case .write: DiagnosticExport.write(session.validation.diagnostics, named: "problems.csv", what: "problems", &app)
        }
    }

    /// A mapping that does not fit the export: every problem, wrapped, each with its line in the mapping file.
    func renderFailure(_ problem: String, in area: Rect, into buffer: inout ScreenBuffer, context: RenderContext) {
        let inside = Panel.render(in: area, into: &buffer, title: "The mapping does not fit the export: nothing was validated", focused: true, context: context)
        var y = inside.y
        for (index, paragraph) in problem.split(separator: "\n").enumerated() {
            for line in TextWrap.lines(String(paragraph), width: inside.width - (index == 0 ? 2 : 4)) where y < inside.maxY {
                buffer.write(line, x: inside.x + (index == 0 ? 1 : 3), y: y, style: index == 0 ? context[.error] : context[.text], maxX: inside.maxX)
                y += 1
            }
        }
        if y < inside.maxY - 1 {
            buffer.write("Fix them in Fields (3) or in the mapping file, then v validates again.", x: inside.x + 1, y: inside.maxY - 1, style: context[.muted], maxX: inside.maxX)
        }
    }

    public mutating func render(in area: Rect, into buffer: inout ScreenBuffer, _ app: AppContext) {
        let context = app.render
        guard let session = app.session else { return }
        if case .failed(let problem) = session.validation {
            renderFailure(problem, in: area, into: &buffer, context: context)
            return
        }
        let (top, rest) = area.splitTop(5)
        let summary = Panel.render(in: top, into: &buffer, title: "Validation of the whole export", focused: false, context: context)
        switch session.validation {
        case .notRun:
            let waiting = session.profiling?.isRunning == true
            buffer.write(waiting ? "Starts when the profile is done (\(session.profiling!.label); Esc stops it), or press v." : "Not run yet; press v.",
                         x: summary.x + 1, y: summary.y, style: context[.muted], maxX: summary.maxX)
        case .running(let progress):
            let text = progress.map { "\($0.entity.rawValue): \($0.rows.formatted()) rows of \($0.file)" } ?? "starting"
            buffer.write("Validating… \(text) (the screens stay usable meanwhile)", x: summary.x + 1, y: summary.y, style: context[.accent], maxX: summary.maxX)
        case .failed:
            break
        case .done(let report, _, let mapping, _):
            let stale = mapping != session.mapping ? "  (the mapping changed since: v validates again)" : ""
            var spans: [Span] = [Span("\(report.errors) errors", style: report.errors > 0 ? context[.error] : context[.ok]),
                                 Span(", \(report.warnings) warnings\(stale)", style: context[.text])]
            buffer.write(spans, x: summary.x + 1, y: summary.y, maxX: summary.maxX)
            spans = EntityType.uploadOrder.compactMap { entity in
                let tally = report.tally(entity)
                guard tally.read > 0 else { return nil }
                return Span("\(entity.rawValue) \(tally.valid)/\(tally.read) valid   ", style: tally.invalid > 0 ? context[.warning] : context[.text])
            }
            buffer.write(spans, x: summary.x + 1, y: summary.y + 1, maxX: summary.maxX)
            buffer.write("Records with errors are left out of uploads; warnings are sent.", x: summary.x + 1, y: summary.y + 2, style: context[.muted], maxX: summary.maxX)
        }
        if let group = openGroup {
            renderRecords(diagnostics(session, group: group), session, in: rest, into: &buffer, context: context)
            return
        }
        let all = Self.groups(session)
        let inside = Panel.render(in: rest, into: &buffer, title: "Problems by rule and field (\(all.count) groups; Space shows one whole)", focused: true, context: context)
        let table = Table(columns: [
            Table.Column("", width: 7), Table.Column("rule", width: 26, minWidth: 14), Table.Column("field", width: 24, minWidth: 12),
            Table.Column("count", width: 7, alignment: .right), Table.Column("example", width: 90, minWidth: 24, grows: true),
        ], rowCount: all.count) { row, column in
            let group = all[row]
            switch column {
            case 0: return Span(group.severity.rawValue, style: context[group.severity == .error ? .error : .warning])
            case 1: return Span(group.rule.rawValue)
            case 2: return Span([group.entity?.rawValue, group.field].compactMap { $0 }.joined(separator: "."))
            case 3: return Span(group.count.formatted())
            default: return Span(group.samples.first?.message ?? "", style: context[.muted])
            }
        }
        table.render(in: inside, into: &buffer, state: &groups, context: context)
    }

    private mutating func renderRecords(_ diagnostics: [Diagnostic], _ session: Session, in area: Rect, into buffer: inout ScreenBuffer, context: RenderContext) {
        let (list, detail) = area.splitBottom(8)
        let inside = Panel.render(in: list, into: &buffer, title: "\(diagnostics.count) records (Esc: back to the groups)", focused: true, context: context)
        let table = Table(columns: [
            Table.Column("file", width: 18, keepsLastPart: true), Table.Column("line", width: 6, alignment: .right), Table.Column("row", width: 6, alignment: .right),
            Table.Column("column", width: 18), Table.Column("value", width: 24), Table.Column("objectId", width: 18), Table.Column("message", width: 80),
        ], rowCount: diagnostics.count, frozenColumns: 3) { row, column in
            let diagnostic = diagnostics[row]
            switch column {
            case 0: return Span(diagnostic.file)
            case 1: return Span(diagnostic.line > 0 ? String(diagnostic.line) : "")
            case 2: return Span(diagnostic.row > 0 ? String(diagnostic.row) : "")
            case 3: return Span(diagnostic.column ?? "")
            case 4: return Span(diagnostic.value ?? "", style: context[.highlight])
            case 5: return Span(diagnostic.objectId ?? "")
            default: return Span(diagnostic.message)
            }
        }
        table.render(in: inside, into: &buffer, state: &records, context: context)
        let box = Panel.render(in: detail, into: &buffer, title: "Selected", focused: false, context: context)
        guard !diagnostics.isEmpty else { return }
        let diagnostic = diagnostics[min(records.selection.selected, diagnostics.count - 1)]
        let lines = TextWrap.lines(diagnostic.oneLine, width: box.width - 2).prefix(2)
        for (index, line) in lines.enumerated() {
            buffer.write(line, x: box.x + 1, y: box.y + index, style: context[.text], maxX: box.maxX)
        }
        // The source row, the offending cell highlighted.
        guard let source = sourceRow(diagnostic.file, diagnostic.row, session) else { return }
        let offending = Set((diagnostic.column ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
        var spans: [Span] = [Span("row \(diagnostic.row): ", style: context[.muted])]
        for (index, name) in source.header.enumerated() {
            let value = index < source.cells.count ? source.cells[index] : ""
            let hit = offending.contains(name)
            spans.append(Span(name + "=", style: context[hit ? .error : .muted]))
            spans.append(Span((value.isEmpty ? "∅" : value) + "  ", style: hit ? context[.highlight] : context[.text]))
        }
        // Wrapped over the remaining rows of the box.
        var x = box.x + 1, y = box.y + lines.count
        for span in spans {
            for character in span.text {
                let width = DisplayWidth.of(character)
                if x + width > box.maxX { x = box.x + 1; y += 1 }
                guard y < box.maxY else { return }
                x = buffer.write(String(character), x: x, y: y, style: span.style)
            }
        }
    }
}
