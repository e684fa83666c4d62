import Foundation
import Testing
import TerminalUI
@testable import Wizard

/// The wizard's shell driven by events, as the terminal would send them, and read back from its frames.
@Suite("Wizard shell")
struct WizardAppTests {
    static func app(_ configure: (inout UISettings) -> Void = { _ in }, recent: [String] = []) -> WizardApp {
        var settings = UISettings()
        settings.themeName = "monochrome"
        settings.userThemeFolder = NSTemporaryDirectory() + "no-themes-here"
        configure(&settings)
        let app = WizardApp(settings: settings, recent: recent, clock: { 1_800_000_000 })
        _ = app.update(.resize(Size(width: 80, height: 24)))
        return app
    }

    static func press(_ app: WizardApp, _ keys: Key...) { for key in keys { _ = app.update(.key(key)) } }

    static func text(_ app: WizardApp) -> [String] { app.view(size: Size(width: 80, height: 24)).lines() }

    @Test func startScreenFitsEightyColumnsWithItsKeys() {
        let lines = Self.text(Self.app())
        #expect(lines[0] == "1 › 2 › 3 › 4 › 5 › 6 › 7 › 8 › 9")
        #expect(lines[2...9] == [
            "  ┌ gongmap ─────────────────────────────────────────────────────────────────┐",
            "  │ Map a CRM export to Gong's CRM API, check every record and the           │",
            "  │ relationships between them, save the mapping, and upload only what       │",
            "  │ changed.                                                                 │",
            "  │ No recent mappings. To try gongmap first, quit and run: gongmap demo     │",
            "  │ ▶ New mapping from an export…                                            │",
            "  │   Open a mapping file…                                                   │",
            "  │   Uploads                                                                │",
        ])
        #expect(lines[23] == " Start                  Enter open  n new  o open file  ? help  : go to  q quit")
    }

    @Test func helpListsTheScreensKeysThenTheGlobalOnes() {
        let app = Self.app()
        Self.press(app, .char("?"))
        let lines = Self.text(app).joined(separator: "\n")
        #expect(lines.contains("Keys — any other key closes"))
        #expect(lines.contains("n         New mapping from an export"))
        #expect(lines.contains("Everywhere"))
        Self.press(app, .char("x"))
        #expect(!Self.text(app).joined().contains("Keys — any other key closes"))
    }

    @Test func theCommandLineCompletesJumpsAndSaysWhatItDoesNotKnow() {
        let app = Self.app()
        Self.press(app, .char(":"), .char("r"), .char("e"), .char("l"), .tab)
        #expect(Self.text(app)[23].hasPrefix(":relationships"))
        Self.press(app, .enter)
        #expect(app.route == .step(.relationships))
        #expect(Self.text(app)[0].contains("6 Relationships"))
        Self.press(app, .char(":"), .char("x"), .char("y"), .enter)
        #expect(Self.text(app)[22].contains("no command \"xy\"; Tab completes, Esc closes"))
        Self.press(app, .escape, .escape)
        #expect(app.route == .start, "Esc goes back")
    }

    @Test func aBrokenThemeBecomesANoticeAndTheDefaultIsUsed() throws {
        let folder = NSTemporaryDirectory() + "themes-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try "name: mine\nroles:\n  title: sparkly\n".write(toFile: folder + "/mine.yaml", atomically: true, encoding: .utf8)
        let app = Self.app { settings in
            settings.userThemeFolder = folder
            settings.themeName = "mine"
        }
        let notice = Self.text(app)[20...22].joined(separator: " ")
        #expect(notice.contains("mine.yaml:3: title:") && notice.contains("unknown colour `sparkly`") && notice.contains("using the default theme"))
        #expect(app.context.render.theme.name == "default")
    }

    @Test func settingsChangeTheThemeAsYouMove() {
        let app = Self.app()
        var changed: [String] = []
        app.onSettingsChanged = { changed.append($0.themeName) }
        Self.press(app, .function(2), .up, .up)
        #expect(changed == ["high-contrast", "light"], "built-in themes in order, from monochrome upwards")
        Self.press(app, .char("a"))
        #expect(Self.text(app)[1].hasPrefix("+ Theme"))
    }

    @Test func tooSmallThenBack() {
        let app = Self.app()
        _ = app.update(.resize(Size(width: 79, height: 24)))
        #expect(app.view(size: Size(width: 79, height: 24)).lines().contains { $0.contains("79x24; gongmap needs 80x24.") })
        Self.press(app, .char("?"))
        _ = app.update(.resize(Size(width: 80, height: 24)))
        #expect(!Self.text(app).joined().contains("Keys —"), "keys pressed while too small do nothing but q")
        Self.press(app, .char("q"))
        #expect(app.shouldQuit)
    }

    @Test func clicksSelectThenOpenAndTheStepBarJumps() {
        let app = Self.app()
        _ = app.update(.mouse(Mouse(x: 10, y: 9, kind: .press(1))))
        #expect(Self.text(app)[9].contains("▶ Uploads"))
        _ = app.update(.mouse(Mouse(x: 10, y: 9, kind: .press(1))))
        #expect(app.route == .step(.uploads))
        _ = app.update(.mouse(Mouse(x: 4, y: 0, kind: .press(1))))
        #expect(app.route == .step(.entities))
    }

    @Test func keyTablesHaveNoKeyTwiceAndReadmeShowsThem() throws {
        for section in KeyReference.sections { #expect(Set(section.rows.map(\.keys)).count == section.rows.count, "\(section.title)") }
        #expect(StartScreen.keyMap.conflicts.isEmpty && SettingsScreen.keyMap.conflicts.isEmpty && GlobalKeys.map.conflicts.isEmpty)
        let readme = try String(contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../README.md"), encoding: .utf8)
        #expect(readme.contains(KeyReference.markdown()), "README's key reference is `gongmap keys`: paste its output there")
    }
}
