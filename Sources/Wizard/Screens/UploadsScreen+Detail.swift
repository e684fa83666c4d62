import Foundation
import TerminalUI
import Upload

extension UploadsScreen {
    /// The selected run, or the selected file with every error Gong gave, one per line.
    public func detail(_ app: AppContext) -> TextOverlay? {
        if filesFocused {
            guard !loadedFilesForDetail.isEmpty else { return nil }
            let file = loadedFilesForDetail[min(files.selection.selected, loadedFilesForDetail.count - 1)]
            var lines: [TextOverlay.Line] = [
                .init("\(file.objectType), \(file.kind): \(file.records.formatted()) records, \(file.bytes.formatted()) bytes"),
                .init("State: \(file.state.rawValue)" + (file.successes.map { ", \($0) accepted" } ?? "") + (file.failures.map { ", \($0) rejected" } ?? "")
                      + (file.unconfirmed > 0 ? ", \(file.unconfirmed) unconfirmed" : ""), role: file.state == .failed ? .error : .text),
                .init("Sent \(file.sentAt ?? "not yet")" + (file.finishedAt.map { ", finished \($0)" } ?? "")),
                .init("Request id: \(file.clientRequestId)", role: .muted),
                .init("Payload: \(file.path)", role: .muted),
            ]
            let errors = Self.errorLines(file.errors)
            if !errors.isEmpty {
                lines.append(.init(""))
                lines.append(.init("Gong's errors (\(errors.count)):", role: .header))
                lines += errors.map { .init($0, role: .error) }
            }
            return TextOverlay(title: "File \(file.sequence) of run \(file.runId)", lines: lines)
        }
        guard !loadedRunsForDetail.isEmpty else { return nil }
        let run = loadedRunsForDetail[min(runs.selection.selected, loadedRunsForDetail.count - 1)]
        return TextOverlay(title: "Run \(run.id)", lines: [
            .init("State: \(run.state.rawValue)"),
            .init("Started \(run.startedAt)" + (run.finishedAt.map { ", finished \($0)" } ?? "") + " by process \(run.processId)"),
            .init("Outcome: \(Self.describe(run.summary))"),
            .init("Mapping: \(run.mapping)", role: .muted),
            .init("Export: \(run.export)", role: .muted),
            .init("Gong: \(run.baseURL)" + (run.integrationId.map { ", integration \($0)" } ?? ""), role: .muted),
        ] + (verified[run.id].map { [.init("Verified: \($0)", role: .accent)] } ?? []))
    }

    /// Gong's errors as a JSON array, one line each (`line 3: Field [emailAddress] is not valid`).
    static func errorLines(_ errors: String?) -> [String] {
        guard let errors, errors != "[]" else { return [] }
        guard let list = try? JSONSerialization.jsonObject(with: Data(errors.utf8)) as? [Any] else { return [errors] }
        return list.map { item in
            guard let object = item as? [String: Any] else { return "\(item)" }
            let line = (object["line"] ?? object["lineNumber"]).map { "line \($0): " } ?? ""
            let rest = object.filter { $0.key != "line" && $0.key != "lineNumber" }.sorted { $0.key < $1.key }
            let text = rest.count == 1 ? "\(rest[0].value)" : rest.map { "\($0.key): \($0.value)" }.joined(separator: ", ")
            return line + text
        }
    }
}
