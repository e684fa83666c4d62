import CRMExport
import Foundation
import GongCRM
import Mapping
import Synchronization
import TerminalUI
import Upload
import Validation

/// Messages from background work to the wizard.
public enum WizardMessage: Sendable {
    case notice(String, Notices.Level)
    case loading(String)
    /// The export's files, found and sniffed, before anything is profiled.
    case opened(Export)
    case loaded(Session)
    /// How far the full profile of a file is.
    case profileProgress(file: String, bytesRead: Int, rows: Int, done: Bool)
    /// The full profile (of every row, or of the rows read before it was stopped).
    case profiled(SessionLoader.FullProfile)
    case loadFailed(String)
    case validationProgress(PipelineProgress)
    case validated(ValidationReport, [Diagnostic], Mapping, RelationshipGraph)
    case validationFailed(String)
    case upload(UploadMessage)
    case payloads(PayloadComparison)
    /// Gong's custom fields per entity (empty: no integration yet).
    case remoteSchema(RemoteSchema)
    /// What reading a run's records back from Gong found.
    case verified(run: Int64, VerifyReport)
}

/// Work that must not block the UI loop. Each job runs on a thread of its own and reports
/// through the inbox; the loop picks the messages up between key presses.
public enum Background {
    public enum LoadRequest: Sendable {
        case newMapping([String])
        case mapping(String, export: [String])
    }

    /// Rows of each file profiled before the first screen; the rest are read in the background.
    public static let sampleRows = 1_000

    /// Opens what `request` names from the first rows of each file, then reads every row for the
    /// full profile, reporting progress; cancelling `profiling` stops that second pass.
    public static func load(_ request: LoadRequest, profiling: ProfileProgress, inbox: Inbox<WizardMessage>) {
        Thread.detachNewThread {
            let report: (String) -> Void = { inbox.post(.loading($0)) }
            let opened: (Export) -> Void = { inbox.post(.opened($0)) }
            let session: Session
            do {
                switch request {
                case .newMapping(let paths): session = try SessionLoader.newMapping(exportPaths: paths, sampleRows: sampleRows, progress: report, opened: opened)
                case .mapping(let path, let export):
                    session = try SessionLoader.openMapping(path, exportPaths: export, sampleRows: sampleRows, progress: report, opened: opened)
                }
            } catch {
                inbox.post(.loadFailed("\(error)"))
                return
            }
            inbox.post(.loaded(session))
            guard session.profiling != nil else { return }
            inbox.post(.profiled(SessionLoader.profileFully(session, progress: profiling)))
        }
    }

    /// A profile progress that posts to `inbox` a few times a second (and always when a file ends).
    public static func profileProgress(inbox: Inbox<WizardMessage>) -> ProfileProgress {
        let last = Mutex<Double>(0)
        return ProfileProgress { file, bytesRead, rows, done in
            let now = Date().timeIntervalSince1970
            let due = last.withLock { previous in
                guard done || now - previous >= 0.1 else { return false }
                previous = now
                return true
            }
            if due { inbox.post(.profileProgress(file: file, bytesRead: bytesRead, rows: rows, done: done)) }
        }
    }

    /// The same pass as `gongmap validate`; diagnostics are kept up to `diagnosticLimit`
    /// (the summary counts all of them).
    public static func validate(_ session: Session, inbox: Inbox<WizardMessage>, diagnosticLimit: Int = 200_000) {
        let mapping = session.mapping, export = session.export
        let file = session.mappingPath ?? "(new mapping)"
        Thread.detachNewThread {
            let pipeline = RecordPipeline(export: export, mapping: mapping, mappingFile: file, context: ApplyContext.now(options: mapping.options))
            var lastReport = Date.distantPast
            pipeline.progress = { progress in
                // A few reports a second are enough for a progress bar.
                guard Date().timeIntervalSince(lastReport) > 0.1 else { return }
                lastReport = Date()
                inbox.post(.validationProgress(progress))
            }
            let kept = DiagnosticBox(limit: diagnosticLimit)
            let graph = RelationshipGraph()
            do {
                let report = try pipeline.run(sink: graph) { kept.add($0) }
                graph.lookups = pipeline.lookupResolver
                inbox.post(.validated(report, kept.items, mapping, graph))
            } catch {
                inbox.post(.validationFailed("\(error)"))
            }
        }
    }

    private final class DiagnosticBox: @unchecked Sendable {
        let limit: Int
        var items: [Diagnostic] = []
        init(limit: Int) { self.limit = limit }
        func add(_ diagnostic: Diagnostic) { if items.count < limit { items.append(diagnostic) } }
    }
}
