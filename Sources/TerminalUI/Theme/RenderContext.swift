/// What every view draws with: the theme (already lowered to the terminal's colours) and the
/// symbol set.
public struct RenderContext: Sendable {
    public var theme: Theme
    public var symbols: Symbols

    public init(theme: Theme = ThemeCatalog.fallback, symbols: Symbols = .unicode) {
        self.theme = theme
        self.symbols = symbols
    }

    public subscript(role: ThemeRole) -> Style { theme[role] }
}
