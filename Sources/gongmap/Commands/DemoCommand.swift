import ArgumentParser
import Foundation
import GongEmulator
import Mapping
import Wizard

/// `gongmap demo`: the wizard on the bundled sample export with its mapping, against an emulator
/// of Gong's API started in this process on a free loopback port. Nothing to set up.
struct DemoCommand: AsyncRunnableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "The wizard on the bundled sample export, against a built-in Gong emulator (no set-up, no credentials).",
        discussion: "The sample and its mapping are copied to $XDG_STATE_HOME/gongmap/demo (kept between runs, so uploads are incremental); --fresh starts over."
    )

    @Flag(help: "Start again from the bundled sample (forget earlier demo uploads).")
    var fresh = false

    @OptionGroup var display: DisplayOptions

    mutating func runAsync() async throws {
        let folder = RecentMappings.defaultPath().replacingOccurrences(of: "/recent.json", with: "/demo")
        let mapping = folder + "/salesforce-small.mapping.yaml"
        let manager = FileManager.default
        if fresh {
            try? manager.removeItem(atPath: folder)
            Drafts.remove(forMapping: mapping)
        }
        if !manager.fileExists(atPath: mapping) {
            do {
                try manager.createDirectory(atPath: folder, withIntermediateDirectories: true)
                try? manager.removeItem(atPath: folder + "/salesforce-small")
                try Self.writeSample(into: folder)
            } catch {
                throw usageError("cannot prepare the demo in \(folder): \(error.localizedDescription)")
            }
        }
        var options = EmulatorOptions()
        options.pendingSeconds = 0.3
        options.processingSeconds = 0.7
        // One setting decides what the validator and the rehearsal accept as objectIds.
        options.strictObjectIds = (try? Mapping.read(path: mapping))?.options.objectIdPunctuation != .warning
        let emulator: RunningEmulator
        do {
            emulator = try await RunningEmulator.start(core: EmulatorCore(options: options, dataDirectory: folder + "/emulator"))
        } catch {
            throw usageError("cannot start the built-in emulator: \(error)")
        }
        // The emulator's demo credentials, for this process only.
        setenv("GONG_ACCESS_KEY", options.accessKey, 1)
        setenv("GONG_ACCESS_KEY_SECRET", options.accessKeySecret, 1)
        let baseURL = emulator.baseURL
        defer { emulator.stop() }
        try TUIRunner.run(display: display) { app in
            app.baseURL = baseURL
            app.afterLoad = .source
            app.guided = true
            app.load(.mapping(mapping, export: []))
        } makeApp: { settings, inbox in WizardApp(settings: settings, recent: RecentMappings().paths, inbox: inbox) }
    }

    /// The sample export and its mapping: from `Samples/` beside the sources when run from a
    /// build inside the package (edits to the sample show at once), else the copy in the binary.
    static func writeSample(into folder: String) throws {
        let manager = FileManager.default
        try manager.createDirectory(atPath: folder + "/salesforce-small", withIntermediateDirectories: true)
        if let samples = samplesFolder() {
            for file in BundledSample.files { try manager.copyItem(atPath: samples + "/" + file.path, toPath: folder + "/" + file.path) }
            return
        }
        for file in BundledSample.files {
            guard let data = Data(base64Encoded: file.base64) else { throw CocoaError(.fileReadCorruptFile) }
            try data.write(to: URL(fileURLWithPath: folder + "/" + file.path), options: .atomic)
        }
    }

    /// `Samples/` in the current folder or above the executable (a build inside the package).
    static func samplesFolder() -> String? {
        var candidates = [FileManager.default.currentDirectoryPath]
        var url = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        while url.path != "/" {
            candidates.append(url.path)
            url.deleteLastPathComponent()
        }
        return candidates.map { $0 + "/Samples" }.first { FileManager.default.fileExists(atPath: $0 + "/salesforce-small.mapping.yaml") }
    }
}
