import ArgumentParser
import Foundation
import TerminalUI
import Wizard

/// `gongmap screenshot`: the app's screens as SVG, from the real view code.
struct ScreenshotCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "screenshot",
        abstract: "Render the app's screens to SVG files (for README and reviews).",
        discussion: "Without options: every screen in the default theme, and the start screen in every theme."
    )

    @Option(help: ArgumentHelp("One screen (\(Screenshots.scenes.map(\.name).joined(separator: ", "))), or all.", valueName: "name"))
    var screen = "all"

    @Option(help: ArgumentHelp("A theme, or all.", valueName: "name"))
    var theme: String?

    @Flag(help: "ASCII borders and symbols.")
    var ascii = false

    @Option(help: "Folder for the SVG files.")
    var out = "screenshots"

    func validate() throws {
        guard screen == "all" || Screenshots.scenes.contains(where: { $0.name == screen }) else {
            throw ValidationError("no screen \(screen); screens: \(Screenshots.scenes.map(\.name).joined(separator: ", "))")
        }
    }

    func run() throws {
        let scenes = Screenshots.scenes.filter { screen == "all" || $0.name == screen }
        let allThemes = ThemeCatalog.builtinNames
        var jobs: [(Screenshots.Scene, String)] = []
        switch theme {
        case nil:
            jobs = scenes.map { ($0, "default") }
            if screen == "all" { jobs += allThemes.dropFirst().map { (Screenshots.scenes[0], $0) } }
        case "all": jobs = scenes.flatMap { scene in allThemes.map { (scene, $0) } }
        case let name?: jobs = scenes.map { ($0, name) }
        }
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        let sample = "Samples/salesforce-small.mapping.yaml"
        let recent = FileManager.default.fileExists(atPath: sample) ? [sample] : []
        for (scene, themeName) in jobs {
            var settings = UISettings()
            settings.themeName = themeName
            settings.ascii = ascii
            settings.colorDepth = .indexed256
            let buffer = Screenshots.render(scene, settings: settings, recent: recent,
                                            sample: recent.first.map { URL(fileURLWithPath: $0).standardizedFileURL.path })
            let path = "\(out)/\(scene.name)\(themeName == "default" ? "" : "-" + themeName).svg"
            try SVGRenderer.render(buffer, background: themeName == "light" ? (250, 250, 250) : (24, 24, 27),
                                   foreground: themeName == "light" ? (30, 30, 30) : (220, 220, 220)).write(toFile: path, atomically: true, encoding: .utf8)
            Console.out(path + "\n")
        }
    }
}

/// `gongmap keys`: every key of every screen, from the tables that drive them.
struct KeysCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "keys", abstract: "Print the key reference of the full-screen wizard (Markdown).")

    func run() throws { Console.out(KeyReference.markdown()) }
}
