import Foundation
import TerminalUI

/// The wizard's memory of a session: undo and redo of mapping edits, the upload target kept per
/// mapping, the message log, and the step bar with the work running behind it.
extension WizardApp {
    /// Runs `body` (a key or a click) and remembers the mapping edit it made, for undo.
    func recordingEdits<R>(_ body: () -> R) -> R {
        let before = context.session?.mapping
        let undoable = edits.undoable.count, redoable = edits.redoable.count
        let result = body()
        // An undo or redo moved through the history: it is no new edit.
        let moved = edits.undoable.count != undoable || edits.redoable.count != redoable
        if !moved, let before, let after = context.session?.mapping { edits.record(from: before, to: after) }
        return result
    }

    func undoEdit() { moveThroughEdits(back: true) }

    func redoEdit() { moveThroughEdits(back: false) }

    /// Takes the last edit back (or makes the last one taken back again) and says which.
    private func moveThroughEdits(back: Bool) {
        guard var session = context.session, let edit = back ? edits.undo() : edits.redo() else {
            context.notify(back ? "Nothing to undo" : "Nothing to redo", level: .info)
            return
        }
        session.mapping = back ? edit.before : edit.after
        context.session = session
        context.notify(back ? "Undone: \(edit.name) (Ctrl-R redoes)" : "Redone: \(edit.name)", level: .ok)
        context.effects.append(.validate)
    }

    /// Where this mapping uploads, as last chosen for it; a base URL given to this run (the
    /// demo's emulator, `GONG_BASE_URL`) comes first.
    func restoreUploadTarget() {
        let saved = context.session?.mappingPath.flatMap { SavedSettings.readUploadTarget(mappingPath: $0) }
        let environment = ProcessInfo.processInfo.environment["GONG_BASE_URL"].flatMap { $0.isEmpty ? nil : $0 }
        if let url = baseURL ?? environment ?? saved?.baseURL { screens.upload.baseURL = url }
        if let email = saved?.ownerEmail, ProcessInfo.processInfo.environment["GONG_OWNER_EMAIL"] == nil { screens.upload.ownerEmail = email }
        savedTarget = SavedSettings.UploadTarget(baseURL: screens.upload.baseURL, ownerEmail: screens.upload.ownerEmail)
    }

    /// Keeps the base URL and owner email the user set in Upload with the mapping.
    func rememberUploadTarget() {
        guard let path = context.session?.mappingPath else { return }
        let target = SavedSettings.UploadTarget(baseURL: screens.upload.baseURL, ownerEmail: screens.upload.ownerEmail)
        guard target != savedTarget else { return }
        savedTarget = target
        SavedSettings.saveUploadTarget(target, mappingPath: path)
    }

    /// The notices of this session, newest last, with their times.
    func messageLog() -> TextOverlay {
        let posted = context.notices.history
        guard !posted.isEmpty else { return TextOverlay(title: "Messages", lines: [.init("No messages yet.", role: .muted)]) }
        return TextOverlay(title: "Messages of this session (\(posted.count))", lines: posted.map { entry in
            let time = Date(timeIntervalSince1970: entry.at).formatted(date: .omitted, time: .standard)
            let role: ThemeRole = switch entry.notice.level {
            case .info: .text
            case .ok: .ok
            case .warning: .warning
            case .error: .error
            }
            return TextOverlay.Line("\(time)  \(entry.notice.text)", role: role)
        })
    }

    /// The steps, and the work running in the background whatever the step: an upload, the profile.
    var stepBar: StepBar {
        var activity: String?
        if let upload = context.upload, case .running = upload.state {
            activity = "\(upload.kind.lowercased()) \(Int((upload.progress.fraction * 100).rounded(.down)))%"
        } else if let profiling = context.session?.profiling, profiling.isRunning {
            activity = profiling.label
        }
        return StepBar(steps: Step.allCases.map(\.title), current: route.step?.rawValue ?? -1, activity: activity)
    }
}
