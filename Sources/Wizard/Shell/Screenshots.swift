import Foundation
import TerminalUI

/// Screens of the app for `gongmap screenshot`: each is the real `WizardApp` driven by keys, as a
/// user would reach it, then rendered.
public enum Screenshots {
    public struct Scene: Sendable {
        public var name: String
        public var size: Size
        public var keys: [Key]
    }

    public static let scenes: [Scene] = [
        Scene(name: "start", size: Size(width: 100, height: 30), keys: []),
        Scene(name: "help", size: Size(width: 100, height: 30), keys: [.char("?")]),
        Scene(name: "command-line", size: Size(width: 100, height: 30), keys: [.char(":"), .char("t"), .char("h")]),
        Scene(name: "settings", size: Size(width: 100, height: 30), keys: [.function(2)]),
        Scene(name: "too-small", size: Size(width: 60, height: 18), keys: []),
    ]

    /// The frame of `scene` in `settings`; `recent` are the start screen's recent mappings.
    public static func render(_ scene: Scene, settings: UISettings, recent: [String]) -> ScreenBuffer {
        let app = WizardApp(settings: settings, recent: recent, clock: { 1_800_000_000 })
        _ = app.update(.resize(scene.size))
        for key in scene.keys { _ = app.update(.key(key)) }
        return app.view(size: scene.size)
    }
}
