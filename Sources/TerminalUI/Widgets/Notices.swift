/// Short messages that appear above the status bar and go away by themselves: saved, a theme
/// problem, an upload finished. The newest shows; errors stay longer.
public struct Notices: Hashable, Sendable {
    public enum Level: Hashable, Sendable { case info, ok, warning, error }

    public struct Notice: Hashable, Sendable {
        public var text: String
        public var level: Level
        public var expires: Double
    }

    public private(set) var items: [Notice] = []
    /// Every notice of the session (the last 500), with when it was posted.
    public private(set) var history: [Posted] = []

    public struct Posted: Hashable, Sendable {
        public var notice: Notice
        public var at: Double
    }

    public init() {}

    /// Posts a notice shown for `seconds` (by default 4, a warning 8, an error 12).
    public mutating func post(_ text: String, level: Level = .info, at now: Double, seconds: Double? = nil) {
        let seconds: Double = seconds ?? (level == .error ? 12 : level == .warning ? 8 : 4)
        items.append(Notice(text: text, level: level, expires: now + seconds))
        if items.count > 20 { items.removeFirst(items.count - 20) }
        history.append(Posted(notice: items.last!, at: now))
        if history.count > 500 { history.removeFirst(history.count - 500) }
    }

    /// Drops expired notices; true when something went.
    @discardableResult
    public mutating func prune(at now: Double) -> Bool {
        let before = items.count
        items.removeAll { $0.expires <= now }
        return items.count != before
    }

    public mutating func dismiss() { items.removeAll() }

    /// Takes down the notices `shouldRemove` picks (they stay in `history`).
    public mutating func dismiss(where shouldRemove: (Notice) -> Bool) { items.removeAll(where: shouldRemove) }

    public var current: Notice? { items.last }

    /// The newest notice wrapped to `width`, at most `maxLines` lines (the last cut with `…`).
    public func lines(width: Int, maxLines: Int = 3, symbols: Symbols) -> [String] {
        guard let notice = current, width > 4 else { return [] }
        let mark = switch notice.level {
        case .ok: symbols.check
        case .warning, .error: symbols.warning
        case .info: symbols.bullet
        }
        let more = items.count > 1 ? "  (+\(items.count - 1), :messages)" : ""
        var lines = TextWrap.lines(notice.text + more, width: width - 4)
        if lines.count > maxLines {
            lines = Array(lines.prefix(maxLines))
            lines[maxLines - 1] = DisplayWidth.truncate(lines[maxLines - 1] + " " + symbols.ellipsis, to: width - 4, ellipsis: symbols.ellipsis)
        }
        return lines.enumerated().map { index, line in (index == 0 ? " \(mark) " : "   ") + line }
    }

    /// The newest notice in the last rows of `rect` (as many as it needs, up to its height);
    /// returns the rows it took.
    @discardableResult
    public func render(in rect: Rect, into buffer: inout ScreenBuffer, context: RenderContext) -> Int {
        guard let notice = current else { return 0 }
        let role: ThemeRole = switch notice.level {
        case .info: .accent
        case .ok: .ok
        case .warning: .warning
        case .error: .error
        }
        let shown = lines(width: rect.width, maxLines: max(1, rect.height), symbols: context.symbols)
        for (index, line) in shown.enumerated() {
            buffer.writeLine(line, in: Rect(x: rect.x, y: rect.maxY - shown.count + index, width: rect.width, height: 1),
                             style: context[.dialog].patched(with: context[role]))
        }
        return shown.count
    }
}
