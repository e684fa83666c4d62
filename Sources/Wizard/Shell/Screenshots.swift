import Foundation
import Mapping
import TerminalUI
import Validation

/// Screens of the app for `gongmap screenshot`: each is the real `WizardApp` driven by keys, as a
/// user would reach it, then rendered. Screens of a mapping show the bundled sample.
public enum Screenshots {
    public struct Scene: Sendable {
        public var name: String
        public var size: Size
        public var keys: [Key]
        /// Shown with the sample's mapping open and validated.
        public var withSample = false
    }

    public static let scenes: [Scene] = [
        Scene(name: "start", size: Size(width: 100, height: 30), keys: []),
        Scene(name: "help", size: Size(width: 100, height: 30), keys: [.char("?")]),
        Scene(name: "command-line", size: Size(width: 100, height: 30), keys: [.char(":"), .char("t"), .char("h")]),
        Scene(name: "settings", size: Size(width: 100, height: 30), keys: [.function(2)]),
        Scene(name: "too-small", size: Size(width: 60, height: 18), keys: []),
        Scene(name: "source", size: Size(width: 120, height: 36), keys: [.char("1"), .down], withSample: true),
        Scene(name: "entities", size: Size(width: 120, height: 36), keys: [.char("2")], withSample: true),
        Scene(name: "fields", size: Size(width: 120, height: 36), keys: [.char("3"), .tab, .down, .down, .down, .down, .tab, .down, .down, .down, .down, .down, .down, .down, .down, .down, .down], withSample: true),
        Scene(name: "custom-fields", size: Size(width: 120, height: 36), keys: [.char("4")], withSample: true),
        Scene(name: "validate", size: Size(width: 120, height: 36), keys: [.char("5")], withSample: true),
        Scene(name: "validate-records", size: Size(width: 120, height: 36), keys: [.char("5"), .down, .down, .down, .down, .enter], withSample: true),
        Scene(name: "relationships", size: Size(width: 120, height: 36), keys: [.char("6"), .tab, .down, .down, .down, .down, .down, .down, .right], withSample: true),
        Scene(name: "save", size: Size(width: 120, height: 36), keys: [.char("2"), .down, .char("x"), .char("7")], withSample: true),
        Scene(name: "upload", size: Size(width: 120, height: 36), keys: [.char("8")], withSample: true),
    ]

    /// The frame of `scene` in `settings`; `recent` are the start screen's recent mappings and
    /// `sample` the mapping file opened for the scenes that need one.
    public static func render(_ scene: Scene, settings: UISettings, recent: [String], sample: String?) -> ScreenBuffer {
        let app = WizardApp(settings: settings, recent: recent, clock: { 1_800_000_000 })
        _ = app.update(.resize(scene.size))
        if scene.withSample, let sample, let session = try? SessionLoader.openMapping(sample) {
            _ = app.receive(.loaded(session))
            let pipeline = RecordPipeline(export: session.export, mapping: session.mapping, mappingFile: sample, context: ApplyContext.now(options: session.mapping.options))
            let graph = RelationshipGraph()
            var diagnostics: [Diagnostic] = []
            if let report = try? pipeline.run(sink: graph, diagnostics: { diagnostics.append($0) }) {
                _ = app.receive(.validated(report, diagnostics, session.mapping, graph))
            }
            app.dismissNotices()
        }
        for key in scene.keys { _ = app.update(.key(key)) }
        return app.view(size: scene.size)
    }
}
