import Foundation
import GongCRM
import Mapping
import TerminalUI
import Upload
import Validation

/// Messages from background work to the wizard.
public enum WizardMessage: Sendable {
    case notice(String, Notices.Level)
    case loading(String)
    case loaded(Session)
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

    public static func load(_ request: LoadRequest, inbox: Inbox<WizardMessage>) {
        Thread.detachNewThread {
            let report: (String) -> Void = { inbox.post(.loading($0)) }
            do {
                switch request {
                case .newMapping(let paths): inbox.post(.loaded(try SessionLoader.newMapping(exportPaths: paths, progress: report)))
                case .mapping(let path, let export): inbox.post(.loaded(try SessionLoader.openMapping(path, exportPaths: export, progress: report)))
                }
            } catch {
                inbox.post(.loadFailed("\(error)"))
            }
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
