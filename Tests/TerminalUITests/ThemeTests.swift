import Foundation
import Testing
@testable import TerminalUI

@Suite("Themes")
struct ThemeTests {
    static let themesFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../themes").standardized.path

    @Test(arguments: ["default", "light", "high-contrast", "monochrome"])
    func builtinThemesAreTheFilesOfThemesAndSetEveryRole(_ name: String) throws {
        let file = try String(contentsOfFile: Self.themesFolder + "/\(name).yaml", encoding: .utf8)
        let embedded = try #require(BuiltinThemes.files.first { $0.name == name }).text
        #expect(embedded + "\n" == file, "run scripts/embed-themes after changing themes/\(name).yaml")
        let theme = try ThemeFile.parse(file, file: name)
        #expect(theme.name == name)
        #expect(theme.roles == Set(ThemeRole.allCases), "missing: \(Set(ThemeRole.allCases).subtracting(theme.roles).map(\.name))")
    }

    @Test func monochromeHasNoColours() throws {
        let theme = try #require(ThemeCatalog.builtin("monochrome"))
        #expect(ThemeRole.allCases.allSatisfy { theme[$0].foreground == .default && theme[$0].background == .default })
    }

    @Test func stylesAreParsed() throws {
        let theme = try ThemeFile.parse("""
            name: mine   # my own
            roles:
              title: bold underline bright-white on #102030
              muted: 244
              error: red on default
              text: italic
            """, file: "mine.yaml")
        #expect(theme[.title] == Style(foreground: .ansi(15), background: .rgb(16, 32, 48), attributes: [.bold, .underline]))
        #expect(theme[.muted] == Style(foreground: .indexed(244)))
        #expect(theme[.error] == Style(foreground: .red))
        #expect(theme[.text] == Style(attributes: .italic))
        #expect(try ThemeFile.parse(ThemeFile.text(of: theme), file: "again") == theme)
    }

    @Test(arguments: [
        ("name: x\nroles:\n  titel: bold\n", 3, "titel", "unknown role"),
        ("name: x\nroles:\n  title: bold purple\n", 3, "title", "unknown colour `purple`"),
        ("name: x\nroles:\n  title: red on\n", 3, "title", "a colour must follow `on`"),
        ("name: x\ncolours:\n", 2, "colours", "unknown key"),
        ("roles:\n  title: red\n", 1, "name", "missing"),
    ])
    func brokenFilesNameTheLineAndKey(_ text: String, _ line: Int, _ key: String, _ message: String) {
        #expect {
            try ThemeFile.parse(text, file: "broken.yaml")
        } throws: { error in
            guard let problem = error as? ThemeFile.Problem else { return false }
            return problem.file == "broken.yaml" && problem.line == line && problem.key == key && problem.message.contains(message)
        }
    }

    @Test func aBrokenUserThemeFallsBackToTheDefaultWithAProblem() throws {
        let folder = NSTemporaryDirectory() + "themes-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try "name: dusk\nroles:\n  title: bold magenta\n".write(toFile: folder + "/dusk.yaml", atomically: true, encoding: .utf8)
        try "name: bad\nroles:\n  border: sparkly\n".write(toFile: folder + "/bad.yaml", atomically: true, encoding: .utf8)
        let dusk = ThemeCatalog.load("dusk", userFolder: folder)
        #expect(dusk.problem == nil)
        #expect(dusk.theme[.title] == Style(foreground: .magenta, attributes: .bold))
        #expect(dusk.theme[.selection] == ThemeCatalog.fallback[.selection], "roles it does not set come from the default")
        let bad = ThemeCatalog.load("bad", userFolder: folder)
        #expect(bad.theme == ThemeCatalog.fallback)
        #expect(bad.problem == "theme \(folder)/bad.yaml:3: border: unknown colour `sparkly`; use a name (red, bright-blue, gray), 0–255 or #rrggbb; using the default theme")
        #expect(ThemeCatalog.load("nope", userFolder: folder).problem?.contains("themes: default, light, high-contrast, monochrome, bad, dusk") == true)
    }

    @Test func withoutColourSelectionsStayVisible() throws {
        let plain = ThemeCatalog.fallback.lowered(to: .none)
        #expect(plain[.selection] == Style(attributes: .reverse))
        #expect(ThemeRole.allCases.allSatisfy { plain[$0].foreground == .default && plain[$0].background == .default })
        let eight = ThemeCatalog.fallback.lowered(to: .ansi8)
        #expect(eight[.statusBar].background == .ansi(4), "indexed 24 (dark blue) lowers to blue")
    }

    @Test(arguments: [
        (["TERM": "xterm-256color"], 256, ColorDepth.indexed256),
        (["TERM": "xterm-256color", "COLORTERM": "truecolor"], 256, .trueColor),
        (["TERM": "screen"], 8, .ansi8),
        (["TERM": "linux"], 8, .ansi8),
        (["TERM": "vt100"], -1, ColorDepth.none),
        (["TERM": "xterm-256color", "NO_COLOR": "1"], 256, ColorDepth.none),
        (["TERM": "xterm-256color", "NO_COLOR": ""], 256, .indexed256),
    ])
    func colourDepthIsDetected(_ environment: [String: String], _ colors: Int, _ depth: ColorDepth) {
        #expect(ColorDepth.detect(environment: environment, terminfoColors: colors) == depth)
    }
}

@Suite("The home folder")
struct HomeFolderTests {
    /// One answer for every screen: $HOME, else the account's, an empty HOME counting as unset.
    @Test func homeIsHOMEElseTheAccounts() {
        #expect(HomeFolder.path(environment: ["HOME": "/home/ann"]) == "/home/ann")
        #expect(HomeFolder.path(environment: ["HOME": ""]) == NSHomeDirectory())
        #expect(ThemeCatalog.userFolder(environment: ["HOME": "/home/ann"]) == "/home/ann/.config/gongmap/themes")
    }
}
