import Foundation
import TerminalUI

/// Theme (previewed as you move), ASCII symbols and mouse capture; `:theme NAME`, `--theme`,
/// `--ascii` and `--mouse` / `--no-mouse` set the same; a choice made here is kept for next time.
public struct SettingsScreen: WizardScreen {
    public enum Action: Hashable, Sendable { case apply, toggleASCII, toggleMouse }

    public static let keyMap = KeyMap<Action>("Settings", [
        KeyBinding([.enter], .apply, hint: "use theme", help: "Use the selected theme"),
        KeyBinding([.char("a")], .toggleASCII, hint: "ASCII", help: "ASCII borders and symbols on or off"),
        KeyBinding([.char("m")], .toggleMouse, hint: "mouse", help: "Mouse capture on or off (off lets the terminal copy and paste)"),
    ])

    public private(set) var themes: FilterList

    public init(themeNames: [String], current: String) {
        themes = FilterList(themeNames)
        if let index = themeNames.firstIndex(of: current) { themes.select(item: index, visible: 10) }
    }

    public var location: String { "Settings" }

    public mutating func capture(_ key: Key, _ app: inout AppContext) -> Bool {
        let before = themes.selectedItem
        let used = themes.handle(key, visible: 10, after: Self.keyMap)
        // Moving previews the theme.
        if used, themes.selectedItem != before { perform(.apply, &app) }
        return used
    }

    public mutating func perform(_ action: Action, _ app: inout AppContext) {
        var settings = app.settings
        switch action {
        case .apply:
            guard let index = themes.selectedItem else { return }
            settings.themeName = themes.items[index]
        case .toggleASCII: settings.ascii.toggle()
        case .toggleMouse: settings.mouse.toggle()
        }
        app.apply(settings)
    }

    public mutating func render(in area: Rect, into buffer: inout ScreenBuffer, _ app: AppContext) {
        let context = app.render
        let (left, right) = Panel.split(area, axis: .horizontal, ratio: 40)
        let inside = Panel.render(in: left, into: &buffer, title: "Theme", focused: true, context: context)
        themes.render(in: inside, into: &buffer, focused: true, context: context)
        let preview = Panel.render(in: right, into: &buffer, title: "Preview and options", focused: false, context: context)
        let settings = app.settings
        let lines: [(String, ThemeRole)] = [
            ("Theme: \(settings.themeName)", .title),
            ("Colours: \(Self.describe(settings.colorDepth))", .text),
            ("Symbols: \(settings.ascii ? "ASCII" : "Unicode")   (a)", .text),
            ("Mouse: \(settings.mouse ? "on" : "off — the terminal's copy and paste work")   (m)", .text),
            ("", .text),
            ("Own themes: \(DisplayPath.short(settings.userThemeFolder))/NAME.yaml", .muted),
            ("", .text),
            ("accent  ok  warning  error", .text),
        ]
        for (index, line) in lines.enumerated() where index < preview.height {
            buffer.write(line.0, x: preview.x + 1, y: preview.y + index, style: context[line.1], maxX: preview.maxX)
        }
        if preview.height > 7 {
            var x = preview.x + 1
            for (word, role) in [("accent", ThemeRole.accent), ("ok", .ok), ("warning", .warning), ("error", .error)] {
                x = buffer.write(word, x: x, y: preview.y + 7, style: context[role], maxX: preview.maxX) + 2
            }
        }
        if preview.height > 10 {
            ProgressBar(label: "progress", fraction: 0.6, detail: "selection below").render(
                in: Rect(x: preview.x + 1, y: preview.y + 9, width: preview.width - 2, height: 1), into: &buffer, context: context)
            buffer.writeLine(" a selected row ", in: Rect(x: preview.x + 1, y: preview.y + 10, width: min(preview.width - 2, 30), height: 1), style: context[.selection])
        }
    }

    static func describe(_ depth: ColorDepth) -> String {
        switch depth {
        case .none: "none (NO_COLOR, --no-color or the terminal)"
        case .ansi8: "8"
        case .ansi16: "16"
        case .indexed256: "256"
        case .trueColor: "true colour (shown as the nearest of 256)"
        }
    }
}
