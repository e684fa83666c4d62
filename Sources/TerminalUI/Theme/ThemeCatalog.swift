import Foundation

/// Where themes come from: the built-in ones (the files of `themes/`, compiled in) and the
/// user's own in `~/.config/gongmap/themes/NAME.yaml`, which win over a built-in of that name.
public enum ThemeCatalog {
    public static let builtinNames = BuiltinThemes.files.map(\.name)

    /// The built-in default theme; it cannot fail to parse (a test reads every built-in).
    public static let fallback: Theme = builtin("default")!

    public static func builtin(_ name: String) -> Theme? {
        guard let file = BuiltinThemes.files.first(where: { $0.name == name }) else { return nil }
        return try? ThemeFile.parse(file.text, file: "themes/\(name).yaml")
    }

    /// `~/.config/gongmap/themes` (or under `$XDG_CONFIG_HOME`).
    public static func userFolder(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        let config = environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? (HomeFolder.path(environment: environment) + "/.config")
        return config + "/gongmap/themes"
    }

    /// Theme names to offer: built-in ones, then the user's.
    public static func available(userFolder: String) -> [String] {
        let own = ((try? FileManager.default.contentsOfDirectory(atPath: userFolder)) ?? [])
            .filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(5)) }.sorted()
        return builtinNames + own.filter { !builtinNames.contains($0) }
    }

    /// The theme `name`, its missing roles filled from the default. When it cannot be used, the
    /// default theme and a problem that names the file, line and key and says what to do.
    public static func load(_ name: String, userFolder: String) -> (theme: Theme, problem: String?) {
        let path = userFolder + "/" + name + ".yaml"
        if FileManager.default.fileExists(atPath: path) {
            do {
                let text = try String(contentsOfFile: path, encoding: .utf8)
                return (try ThemeFile.parse(text, file: path).filling(from: fallback), nil)
            } catch let problem as ThemeFile.Problem {
                return (fallback, "theme \(problem); using the default theme")
            } catch {
                return (fallback, "theme \(path): cannot be read (\(error.localizedDescription)); using the default theme")
            }
        }
        if let theme = builtin(name) { return (theme.filling(from: fallback), nil) }
        return (fallback, "no theme named \(name) (themes: \(available(userFolder: userFolder).joined(separator: ", "))); using the default theme")
    }
}
