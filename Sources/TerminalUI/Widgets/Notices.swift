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

    public init() {}

    public mutating func post(_ text: String, level: Level = .info, at now: Double) {
        let seconds: Double = level == .error ? 12 : level == .warning ? 8 : 4
        items.append(Notice(text: text, level: level, expires: now + seconds))
        if items.count > 20 { items.removeFirst(items.count - 20) }
    }

    /// Drops expired notices; true when something went.
    @discardableResult
    public mutating func prune(at now: Double) -> Bool {
        let before = items.count
        items.removeAll { $0.expires <= now }
        return items.count != before
    }

    public mutating func dismiss() { items.removeAll() }

    public var current: Notice? { items.last }

    /// The newest notice on `rect`'s first row, if any; returns whether it drew.
    @discardableResult
    public func render(in rect: Rect, into buffer: inout ScreenBuffer, context: RenderContext) -> Bool {
        guard let notice = current, rect.height > 0 else { return false }
        let role: ThemeRole = switch notice.level {
        case .info: .accent
        case .ok: .ok
        case .warning: .warning
        case .error: .error
        }
        let mark = switch notice.level {
        case .ok: context.symbols.check
        case .warning, .error: context.symbols.warning
        case .info: context.symbols.bullet
        }
        let more = items.count > 1 ? "  (+\(items.count - 1))" : ""
        buffer.writeLine(" \(mark) \(notice.text)\(more)", in: rect, style: context[.dialog].patched(with: context[role]))
        return true
    }
}
