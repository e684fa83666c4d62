/// What a style is for. Themes name a style per role; views ask for roles, never for colours.
public enum ThemeRole: String, CaseIterable, Sendable {
    case text
    case muted
    case title
    case border
    case focusBorder = "focus-border"
    case header
    case selection
    /// The selected row of a list or table that does not have the focus.
    case selectionInactive = "selection-inactive"
    case accent
    case ok
    case warning
    case error
    case highlight
    case statusBar = "status-bar"
    case statusKey = "status-key"
    case input
    case placeholder
    case dialog
    case stepDone = "step-done"
    case stepCurrent = "step-current"
    case stepTodo = "step-todo"
    case progressDone = "progress-done"
    case progressTodo = "progress-todo"
}
