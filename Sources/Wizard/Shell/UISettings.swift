import TerminalUI

/// How the UI looks and takes input: from flags, changeable on the settings screen and with
/// `:theme`.
public struct UISettings: Hashable, Sendable {
    public var themeName = "default"
    public var ascii = false
    /// Off by default: capturing the mouse takes the terminal's own copy and paste.
    public var mouse = false
    /// What the terminal can show (detected, or forced with --color / --no-color / NO_COLOR).
    public var colorDepth: ColorDepth = .indexed256
    /// Where users keep their own themes.
    public var userThemeFolder = ThemeCatalog.userFolder()

    public init() {}

    /// The theme as the terminal shows it, and the problem when it could not be loaded.
    public func loadTheme() -> (theme: Theme, problem: String?) {
        let (theme, problem) = ThemeCatalog.load(themeName, userFolder: userThemeFolder)
        return (theme.lowered(to: colorDepth), problem)
    }

    public var symbols: Symbols { ascii ? .ascii : .unicode }
}
