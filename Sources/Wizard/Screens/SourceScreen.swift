import CRMExport
import Foundation
import TerminalUI

/// Step 1: the export's files (format, encoding, delimiter, rows, columns, the entity each
/// feeds), and for the selected file its column profile or its first raw rows.
public struct SourceScreen: WizardScreen {
    public enum Action: Hashable, Sendable { case switchPane, toggleRows, next }

    public static let keyMap = KeyMap<Action>("Source", [
        KeyBinding([.tab, .backTab], .switchPane, hint: "pane", help: "Move between the files and the detail"),
        KeyBinding([.char("r")], .toggleRows, hint: "rows/columns", help: "Show the file's first rows, or its column profile"),
        KeyBinding([.enter], .next, hint: "entities", help: "Go on to the entities"),
    ])

    public var files = Table.State()
    public var detail = Table.State()
    public var detailFocused = false
    public var showRows = false
    /// The first rows of files already shown, read once.
    private var rowCache: [String: [[String]]] = [:]

    func cachedRows(of file: String) -> [[String]]? { rowCache[file] }

    public static let previewRows = 200

    public init() {}

    public var location: String { "Source" }

    public mutating func capture(_ key: Key, _ app: inout AppContext) -> Bool {
        guard let session = app.session else { return false }
        if detailFocused {
            let count = showRows ? rows(of: session.profiles[selected(session)], session).count : session.profiles[selected(session)].columns.count
            return detail.handle(key, rowCount: count, visibleRows: 12, scrollableColumns: 16)
        }
        let before = files.selection.selected
        let used = files.selection.handle(key, count: session.profiles.count, visible: 8)
        if files.selection.selected != before { detail = Table.State() }
        return used
    }

    public mutating func perform(_ action: Action, _ app: inout AppContext) {
        switch action {
        case .switchPane: detailFocused.toggle()
        case .toggleRows:
            showRows.toggle()
            detail = Table.State()
        case .next: app.open(.step(.entities))
        }
    }

    func selected(_ session: Session) -> Int { min(files.selection.selected, max(0, session.profiles.count - 1)) }

    mutating func rows(of profile: FileProfile, _ session: Session) -> [[String]] {
        if let cached = rowCache[profile.file.name] { return cached }
        let rows = RecordPreview.rows(of: profile.file, limit: Self.previewRows).rows.map(\.cells)
        rowCache[profile.file.name] = rows
        return rows
    }

    private enum FileColumn {
        case file, format, encoding, rows, read, cols, feeds, size

        /// Format and encoding are as wide as their longest value here (`CSV` needs less than `SQLite table`).
        func column(fitting profiles: [FileProfile]) -> Table.Column {
            func widest(_ text: (ExportFile) -> String, atLeast minimum: Int) -> Int {
                max(minimum, profiles.map { DisplayWidth.of(text($0.file)) }.max() ?? 0)
            }
            return switch self {
            case .file: Table.Column("file", width: 24, minWidth: 12, grows: true, keepsLastPart: true)
            case .format: Table.Column("format", width: widest({ $0.layout.label }, atLeast: 6), minWidth: 6)
            case .encoding: Table.Column("encoding", width: widest({ $0.encoding.rawValue }, atLeast: 8), minWidth: 5)
            case .rows: Table.Column("rows", width: 9, alignment: .right, minWidth: 7)
            case .read: Table.Column("read", width: 5, alignment: .right)
            case .cols: Table.Column("cols", width: 4, alignment: .right)
            case .feeds: Table.Column("feeds", width: 16, minWidth: 12, grows: true)
            case .size: Table.Column("size", width: 9, alignment: .right)
            }
        }
    }

    public mutating func render(in area: Rect, into buffer: inout ScreenBuffer, _ app: AppContext) {
        let context = app.render
        guard let session = app.session, !session.profiles.isEmpty else {
            Panel.render(in: area, into: &buffer, title: "Source", focused: true, context: context)
            return
        }
        let filesHeight = min(area.height / 2, session.profiles.count + 3 + (session.unreadable.isEmpty ? 0 : 1))
        let (top, bottom) = area.splitTop(filesHeight)
        // The path comes last: a long one is what gets cut at 80 columns.
        let title = "Export: \(session.profiles.count) files" + Self.profilingNote(session) + " · \(session.exportPaths.map(DisplayPath.short).joined(separator: " "))"
        let inside = Panel.render(in: top, into: &buffer, title: title, focused: !detailFocused, context: context)
        let profiles = session.profiles
        let mapping = session.mapping
        let profiling = session.profiling?.isRunning == true ? session.profiling : nil
        // Sheets and tables have no text encoding, database tables no size of their own: columns all empty are left out.
        var shown: [FileColumn] = [.file, .format]
        if !profiles.allSatisfy({ $0.file.layout.isTable }) { shown.append(.encoding) }
        shown.append(.rows)
        if profiling != nil { shown.append(.read) }
        shown += [.cols, .feeds]
        if profiles.contains(where: { $0.file.storedBytes != nil }) { shown.append(.size) }
        let table = Table(columns: shown.map { $0.column(fitting: profiles) }, rowCount: profiles.count, focused: !detailFocused) { row, column in
            let profile = profiles[row]
            switch shown[column] {
            case .file: return Span(profile.file.name)
            case .format: return Span(profile.file.layout.label)
            case .encoding: return Span(profile.file.layout.isTable ? "" : profile.file.encoding.rawValue)
            case .rows: return profile.complete ? Span(profile.rows.formatted()) : Span("~" + (profile.estimatedRows ?? profile.rows).formatted(), style: context[.muted])
            case .read: return Span(profile.complete ? "" : "\(Int((profiling?.fraction(of: profile.file.name) ?? 0) * 100))%", style: context[.muted])
            case .cols: return Span(String(profile.header.count))
            case .feeds:
                let feeds = mapping.sources.filter { $0.input.files.contains(profile.file.name) }
                    .map { $0.entity.rawValue + ($0.isHistory ? " history" : "") }.joined(separator: ", ")
                return feeds.isEmpty ? Span("not used", style: context[.muted]) : Span(feeds, style: context[.accent])
            case .size: return Span(profile.file.sizeLabel)
            }
        }
        table.render(in: Rect(x: inside.x, y: inside.y, width: inside.width, height: inside.height - (session.unreadable.isEmpty ? 0 : 1)),
                     into: &buffer, state: &files, context: context)
        if let problem = session.unreadable.first {
            let others = session.unreadable.count > 1 ? " (+\(session.unreadable.count - 1) more)" : ""
            buffer.writeLine("\(context.symbols.warning) \(problem.file)\(others): :messages says why in full · \(problem.problem)",
                             in: Rect(x: inside.x, y: inside.maxY - 1, width: inside.width, height: 1), style: context[.warning])
        }
        let profile = profiles[selected(session)]
        if showRows {
            renderRows(profile, session, in: bottom, into: &buffer, context: context)
        } else {
            renderColumns(profile, in: bottom, into: &buffer, context: context)
        }
    }

    /// Where the background profile is, for the files panel's title.
    static func profilingNote(_ session: Session) -> String {
        guard let profiling = session.profiling else { return "" }
        switch profiling.phase {
        case .running: return " · \(profiling.label) (Esc stops)"
        case .stopped: return " · profile stopped (of the rows read)"
        case .complete: return ""
        }
    }

    private mutating func renderColumns(_ profile: FileProfile, in area: Rect, into buffer: inout ScreenBuffer, context: RenderContext) {
        let basis = profile.complete ? "" : " — first \(profile.rows.formatted()) rows"
        let inside = Panel.render(in: area, into: &buffer, title: "Columns of \(profile.file.name)\(basis) (r: first rows)", focused: detailFocused, context: context)
        let columns = profile.columns
        let rows = max(1, profile.rows)
        let table = Table(columns: [
            Table.Column("column", width: 24, minWidth: 14), Table.Column("type", width: 10), Table.Column("filled", width: 6, alignment: .right),
            Table.Column("distinct", width: 9, alignment: .right), Table.Column("samples", width: 60, minWidth: 20, grows: true),
        ], rowCount: columns.count, focused: detailFocused) { row, column in
            let profile = columns[row]
            switch column {
            case 0: return Span(profile.name)
            case 1: return Span(profile.kind.rawValue, style: context[.accent])
            case 2:
                let share = Double(profile.nonEmpty) / Double(rows)
                return Span(String(format: "%.0f%%", share * 100), style: share < 0.5 ? context[.warning] : .plain)
            case 3: return Span((profile.frequenciesComplete ? "" : "~") + profile.distinctEstimate.formatted())
            default: return Span(profile.samples.prefix(4).map { $0.replacingOccurrences(of: "\n", with: " ") }.joined(separator: " · "), style: context[.muted])
            }
        }
        table.render(in: inside, into: &buffer, state: &detail, context: context)
    }

    private mutating func renderRows(_ profile: FileProfile, _ session: Session, in area: Rect, into buffer: inout ScreenBuffer, context: RenderContext) {
        let preview = rows(of: profile, session)
        let inside = Panel.render(in: area, into: &buffer, title: "First \(preview.count) rows of \(profile.file.name) (r: columns; ←/→ scroll)",
                                  focused: detailFocused, context: context)
        let header = ["row"] + profile.header
        let table = Table(columns: header.enumerated().map { index, name in
            index == 0 ? Table.Column("row", width: 5, alignment: .right) : Table.Column(name, width: min(28, max(8, DisplayWidth.of(name))))
        }, rowCount: preview.count, focused: detailFocused) { row, column in
            if column == 0 { return Span(String(row + 1), style: context[.muted]) }
            let cells = preview[row]
            return Span(column - 1 < cells.count ? cells[column - 1] : "")
        }
        table.render(in: inside, into: &buffer, state: &detail, context: context)
    }
}
