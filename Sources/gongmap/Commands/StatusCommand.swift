import ArgumentParser
import CRMExport
import Foundation
import GongCRM
import Upload

struct StatusCommand: AsyncRunnableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show the uploads of a mapping from its journal: the sync's schedule and cycles, runs, files, Gong's answers.",
        discussion: """
        With --watch it follows a run that another process (gongmap sync, a scheduled gongmap upload) is performing.
        --json prints {"sync": …, "cycles": […], "runs": […]}; "sync" is absent until gongmap sync has run a cycle.
        """
    )

    @Option(name: [.short, .long], help: "The mapping file whose uploads to show.")
    var mapping: String

    @Option(help: "How many runs to show.")
    var runs = 5

    @Flag(help: "Print JSON.")
    var json = false

    @Flag(help: "Keep showing the newest run until it ends.")
    var watch = false

    mutating func runAsync() async throws {
        let options = UploadEngine.Options(mappingPath: mapping)
        let path = options.stateFolder + "/journal.sqlite"
        guard FileManager.default.fileExists(atPath: path) else {
            throw usageError("no uploads yet for \(mapping) (no journal at \(path)); start one with gongmap upload --mapping \(mapping)")
        }
        let journal = try failingAsUsage { try Journal(path: path) }
        var last = ""
        while true {
            let text = try render(journal)
            if text != last {
                if watch && !last.isEmpty && !json { print("") }
                print(text)
                last = text
            }
            guard watch, let newest = try journal.runs(limit: 1).first, newest.state == .running else { return }
            try await Task.sleep(nanoseconds: 1_000_000_000)
        }
    }

    private func render(_ journal: Journal) throws -> String {
        let list = try journal.runs(limit: watch ? 1 : runs)
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
            // The run's summary and Gong's errors as JSON, not JSON inside strings.
            struct Document: Encodable { var sync: SyncJSON?; var cycles: [Journal.Cycle]; var runs: [Entry] }
            struct SyncJSON: Encodable { var lastCycle: Int64; var lastOutcome: String; var nextAt: Double?; var consecutiveFailures: Int; var running: String?; var callsInLastDay: Int; var callBudget: Int }
            struct Entry: Encodable { var run: Journal.Run; var summary: JSONValue?; var files: [FileEntry] }
            struct FileEntry: Encodable { var file: Journal.File; var errors: JSONValue? }
            func parsed(_ text: String?) -> JSONValue? { text.flatMap { try? JSONDecoder().decode(JSONValue.self, from: Data($0.utf8)) } }
            let entries = try list.map { run in
                var bare = run
                bare.summary = nil
                return Entry(run: bare, summary: parsed(run.summary), files: try journal.files(run: run.id).map { file in
                    var bareFile = file
                    bareFile.errors = nil
                    return FileEntry(file: bareFile, errors: parsed(file.errors))
                })
            }
            let sync = try SyncStatus.read(journal, mappingPath: mapping).map {
                SyncJSON(lastCycle: $0.last.id, lastOutcome: $0.last.outcome.rawValue, nextAt: $0.nextAt, consecutiveFailures: $0.failures,
                         running: $0.runningIn, callsInLastDay: $0.callsInLastDay, callBudget: $0.last.callBudget)
            }
            let cycles = try journal.cycles(mapping: mapping, limit: runs)
            return String(decoding: try encoder.encode(Document(sync: sync, cycles: cycles, runs: entries)), as: UTF8.self)
        }
        var out: [String] = []
        if !watch, let sync = try SyncStatus.read(journal, mappingPath: mapping) {
            out += sync.lines()
            var table = TextTable(["cycle", "started", "outcome", "sent", "calls", "what happened"], rightAligned: [0, 3, 4])
            for cycle in try journal.cycles(mapping: mapping, limit: runs) {
                table.add([String(cycle.id), CycleLog.time(cycle.startedAt), cycle.outcome.rawValue, String(cycle.sent), String(cycle.calls), cycle.message])
            }
            out.append(table.render())
            out.append("")
        }
        let cursors = try journal.readCursors(mapping: mapping).values.sorted { $0.file < $1.file }
        for cursor in cursors {
            let upTo = cursor.value.map { "changed rows read up to \(TableLocation.shownValue($0))" } ?? "no cursor value read yet"
            let partial = cursor.partialReads == 0 ? "last read whole" : "\(cursor.partialReads) read\(cursor.partialReads == 1 ? "" : "s") of changed rows since it was read whole"
            out.append("\(cursor.file): \(upTo) (\(cursor.readAt)); \(partial)")
        }
        if !cursors.isEmpty { out.append("") }
        guard !list.isEmpty else { return (out + ["No upload runs yet."]).joined(separator: "\n") }
        out.append("Calls to Gong in the last 24 hours: \(try journal.callsInLastDay()) (uploads keep to half the company's 10,000 a day unless told otherwise)")
        for run in list {
            let files = try journal.files(run: run.id)
            let done = files.filter { $0.state == .done || $0.state == .failed }.count
            out.append("Run \(run.id)  \(run.state.rawValue)  started \(run.startedAt)\(run.finishedAt.map { ", ended \($0)" } ?? "")  \(done)/\(files.count) files  \(run.baseURL)")
            if let outcome = Self.outcome(run) { out.append("  " + outcome) }
            if run.state == .interrupted || run.state == .failed, let last = try journal.events(run: run.id).last {
                out.append("  \(last.kind): \(last.message)")
            }
            var table = TextTable(["file", "type", "records", "state", "accepted", "rejected"], rightAligned: [2, 4, 5])
            for file in files {
                table.add([(file.path as NSString).lastPathComponent, file.objectType + (file.layer.map { " history \($0)" } ?? ""), file.records.formatted(),
                           file.state.rawValue, file.successes.map(String.init) ?? "", file.failures.map(String.init) ?? ""])
            }
            if !files.isEmpty { out.append(table.render()) }
            for file in files where (file.failures ?? 0) > 0 {
                let errors = (try? JSONDecoder().decode([ErrorLine].self, from: Data((file.errors ?? "[]").utf8))) ?? []
                for error in errors.prefix(5) { out.append("    \((file.path as NSString).lastPathComponent):\(error.line ?? 0): \(error.description ?? "")") }
            }
        }
        return out.joined(separator: "\n")
    }

    private struct ErrorLine: Decodable { var line: Int?; var description: String? }

    /// The run's counts from its summary, and why it is not done; or the last reason it stopped.
    static func outcome(_ run: Journal.Run) -> String? {
        guard let summary = run.summary, let object = try? JSONSerialization.jsonObject(with: Data(summary.utf8)) as? [String: Any] else { return nil }
        let count = { (key: String) in object[key] as? Int ?? 0 }
        var text = "\(count("accepted")) accepted, \(count("rejected")) rejected, \(count("unconfirmed")) unconfirmed, \(count("leftOut")) left out by validation"
        if count("leftOut") > 0 { text += " (gongmap validate lists them)" }
        return text
    }
}
