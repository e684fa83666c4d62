import TerminalUI

/// A screen of the wizard: its key-binding table (which also makes its status-bar hints, its
/// part of the `?` overlay and of README's key reference), what its actions do, and its view.
public protocol WizardScreen {
    associatedtype Action: Hashable & Sendable

    static var keyMap: KeyMap<Action> { get }
    /// Where the user is, for the status bar: "Fields · CONTACT".
    var location: String { get }
    /// Keys the screen takes before any table (text being typed, an open picker or filter).
    mutating func capture(_ key: Key, _ app: inout AppContext) -> Bool
    mutating func perform(_ action: Action, _ app: inout AppContext)
    mutating func click(_ mouse: Mouse, in area: Rect, _ app: inout AppContext) -> Bool
    /// Time passed (about ten times a second): true when the screen changed.
    mutating func tick(_ app: inout AppContext) -> Bool
    mutating func render(in area: Rect, into buffer: inout ScreenBuffer, _ app: AppContext)
    /// The selected row shown whole (Space): every cell a table cuts, with what it means.
    func detail(_ app: AppContext) -> TextOverlay?
    /// The filter (`/`) of the list that has the focus; nil when the screen has none to filter.
    var filter: String? { get }
    mutating func setFilter(_ text: String)
}

extension WizardScreen {
    public mutating func capture(_ key: Key, _ app: inout AppContext) -> Bool { false }
    public mutating func click(_ mouse: Mouse, in area: Rect, _ app: inout AppContext) -> Bool { false }
    public mutating func tick(_ app: inout AppContext) -> Bool { false }
    public func detail(_ app: AppContext) -> TextOverlay? { nil }
    public var filter: String? { nil }
    public mutating func setFilter(_ text: String) {}

    /// The screen's share of a key: captured, or bound in its table.
    mutating func handle(_ key: Key, _ app: inout AppContext) -> Bool {
        if capture(key, &app) { return true }
        guard let action = Self.keyMap.action(for: key) else { return false }
        perform(action, &app)
        return true
    }
}
