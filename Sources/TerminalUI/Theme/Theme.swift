/// A named set of styles per role, read from a theme file (see `ThemeFile`).
public struct Theme: Hashable, Sendable {
    public var name: String
    public var description: String
    /// Indexed by `ThemeRole.rawValue`; nil where the theme does not set the role.
    private var styles: [Style?]

    public init(name: String, description: String = "", styles: [ThemeRole: Style]) {
        self.name = name
        self.description = description
        self.styles = ThemeRole.allCases.map { styles[$0] }
    }

    public subscript(role: ThemeRole) -> Style {
        get { styles[role.rawValue] ?? .plain }
        set { styles[role.rawValue] = newValue }
    }

    /// The roles this theme sets itself.
    public var roles: Set<ThemeRole> { Set(ThemeRole.allCases.filter { styles[$0.rawValue] != nil }) }

    /// This theme with `other`'s roles where it has none.
    public func filling(from other: Theme) -> Theme {
        var result = self
        for role in ThemeRole.allCases where styles[role.rawValue] == nil { result.styles[role.rawValue] = other[role] }
        return result
    }

    /// The theme without colours, for `NO_COLOR`, `--no-color` and terminals without colour:
    /// attributes stay, and roles that showed themselves by colour alone get one (reverse for
    /// selections, bold for the focus) so that nothing important becomes invisible.
    public func withoutColor() -> Theme {
        var result = self
        for role in ThemeRole.allCases {
            var style = self[role]
            let hadColor = style.foreground != .default || style.background != .default
            style.foreground = .default
            style.background = .default
            if hadColor {
                switch role {
                case .selection, .statusBar, .progressDone, .stepCurrent: style.attributes.insert(.reverse)
                case .selectionInactive, .muted, .placeholder, .stepTodo: style.attributes.insert(.dim)
                case .focusBorder, .title, .error, .highlight, .statusKey, .accent: style.attributes.insert(.bold)
                case .warning: style.attributes.insert(.underline)
                default: break
                }
            }
            result.styles[role.rawValue] = style
        }
        return result
    }

    /// The theme as the terminal can show it.
    public func lowered(to depth: ColorDepth) -> Theme {
        if depth == .none { return withoutColor() }
        var result = self
        for role in ThemeRole.allCases where styles[role.rawValue] != nil { result.styles[role.rawValue] = self[role].lowered(to: depth) }
        return result
    }
}
