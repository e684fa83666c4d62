import TerminalUI

/// README's key reference, made from the same key-binding tables that drive the screens, the
/// status bar and the `?` overlay (`gongmap keys` prints it; a test keeps README equal to it).
public enum KeyReference {
    public static var sections: [HelpOverlay.Section] {
        [
            HelpOverlay.Section(GlobalKeys.map, ascii: false),
            HelpOverlay.Section(Selection.keyMap, ascii: false),
            HelpOverlay.Section(FilterList.keyMap, ascii: false),
            HelpOverlay.Section(TextField.keyMap, ascii: false),
            HelpOverlay.Section(StartScreen.keyMap, ascii: false),
            HelpOverlay.Section(NoMappingScreen.keyMap, ascii: false),
            HelpOverlay.Section(SettingsScreen.keyMap, ascii: false),
            HelpOverlay.Section(FileChooserScreen.keyMap, ascii: false),
            HelpOverlay.Section(ValueMapEditor.keyMap, ascii: false),
        ] + StepScreens.keyMaps
    }

    public static func markdown() -> String {
        sections.map { section in
            "**\(section.title)**\n\n| keys | what they do |\n|---|---|\n"
                + section.rows.map { "| \($0.keys.replacingOccurrences(of: "|", with: "\\|")) | \($0.help) |" }.joined(separator: "\n")
        }.joined(separator: "\n\n") + "\n"
    }
}
