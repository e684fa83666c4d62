/// What a style is for. Themes name a style per role; views ask for roles, never for colours.
/// (Int-backed so that a theme is an array indexed by role: views look roles up for every row.)
public enum ThemeRole: Int, CaseIterable, Sendable {
    case text
    case muted
    case title
    case border
    case focusBorder
    case header
    case selection
    case selectionInactive
    case accent
    case ok
    case warning
    case error
    case highlight
    case statusBar
    case statusKey
    case input
    case placeholder
    case dialog
    case stepDone
    case stepCurrent
    case stepTodo
    case progressDone
    case progressTodo

    /// The role's name in theme files.
    public var name: String {
        switch self {
        case .text: "text"
        case .muted: "muted"
        case .title: "title"
        case .border: "border"
        case .focusBorder: "focus-border"
        case .header: "header"
        case .selection: "selection"
        case .selectionInactive: "selection-inactive"
        case .accent: "accent"
        case .ok: "ok"
        case .warning: "warning"
        case .error: "error"
        case .highlight: "highlight"
        case .statusBar: "status-bar"
        case .statusKey: "status-key"
        case .input: "input"
        case .placeholder: "placeholder"
        case .dialog: "dialog"
        case .stepDone: "step-done"
        case .stepCurrent: "step-current"
        case .stepTodo: "step-todo"
        case .progressDone: "progress-done"
        case .progressTodo: "progress-todo"
        }
    }

    public init?(name: String) {
        guard let role = Self.allCases.first(where: { $0.name == name }) else { return nil }
        self = role
    }
}
