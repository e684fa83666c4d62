import ArgumentParser
import CRMExport
import Foundation
import GongClient
import Mapping
import Upload

/// The options `upload` and `sync` share: the export, the mapping, Gong and the limits gongmap
/// keeps to.
struct GongRunOptions: ParsableArguments {
    @Argument(help: "The export: a folder, CSV/TSV/JSON files (default: the export the mapping names).")
    var export: [String] = []

    @Option(name: [.short, .long], help: "The mapping file (YAML).")
    var mapping: String

    @Option(name: .customLong("base-url"), help: "Your Gong API base URL (or GONG_BASE_URL), e.g. https://us-12345.api.gong.io, or the emulator's.")
    var baseURL: String?

    @Flag(name: .customLong("allow-schema-deletes"), help: "Allow removing or retyping custom fields, which deletes their values in Gong.")
    var allowSchemaDeletes = false

    @Option(name: .customLong("owner-email"), help: "Email of the integration's owner when one has to be registered.")
    var ownerEmail: String?

    @Option(name: .customLong("poll-seconds"), help: "Seconds before the first request-status check of a file; each wait doubles, up to 60 s (0: no pause, for benchmarks).")
    var pollSeconds: Double = 1

    @Option(name: .customLong("budget-share"), help: "Share (0 to 1) of the company's daily API calls gongmap may use in 24 hours; the rest is for Gong's other clients.")
    var budgetShare: Double = 0.5

    @Option(name: .customLong("daily-calls"), help: "The company's API calls per day (Gong's default is 10,000; higher if Gong raised it).")
    var dailyCalls = 10_000

    @Option(name: .customLong("keep-payloads"), help: "Keep the sent files of the last N runs (0: a file is deleted once Gong processed it without errors; results are always kept).")
    var keepPayloads = 0

    @Option(name: .customLong("keep-days"), help: "Keep each run's folder (success.csv, errors.csv, summary.json) this many days; earlier runs' CSV files are gzipped.")
    var keepDays = 30

    @Flag(help: "Print one JSON object per event.")
    var json = false

    @Option(name: .customLong("calls-per-second"), help: "Most API calls per second (Gong allows 3; raise it only for a rehearsal against an emulator without limits).")
    var callsPerSecond: Double = 2.9

    func validate() throws {
        guard callsPerSecond > 0 else { throw ValidationError("--calls-per-second must be more than 0") }
        guard (0...1).contains(budgetShare), dailyCalls > 0, pollSeconds >= 0 else {
            throw ValidationError("--budget-share is between 0 and 1, --daily-calls more than 0, --poll-seconds 0 or more (0 checks without pause: for benchmarks)")
        }
    }

    var engineOptions: UploadEngine.Options {
        var options = UploadEngine.Options(mappingPath: mapping)
        options.allowSchemaChanges = allowSchemaDeletes
        options.pollSeconds = pollSeconds
        options.budgetShare = budgetShare
        options.dailyCalls = dailyCalls
        options.keepPayloadRuns = max(0, keepPayloads)
        options.keepRunDays = max(1, keepDays)
        if let ownerEmail { options.ownerEmail = ownerEmail }
        return options
    }

    /// The mapping, the export paths and the opened export.
    func openSource() throws -> (mapping: Mapping, paths: [String], export: Export) {
        let mappingFile = try Inputs.readMapping(mapping)
        let paths = try Inputs.exportPaths(export, mapping: mappingFile, mappingPath: mapping)
        return (mappingFile, paths, try Inputs.openExport(paths))
    }

    /// The journal beside the mapping and a client whose calls it records (unless `recordingCalls` is off).
    func connect(reporter: UploadReporter, recordingCalls: Bool = true) throws -> (GongClient, Journal) {
        let (baseURL, credentials) = try Inputs.gong(baseURL: baseURL)
        let journal: Journal
        do { journal = try Journal(path: engineOptions.stateFolder + "/journal.sqlite") } catch { throw UsageFailure("\(error)") }
        let client = GongClient(baseURL: baseURL, credentials: credentials, callsPerSecond: callsPerSecond) { event in
            if recordingCalls { journal.record(event) }
            reporter.report(event)
        }
        return (client, journal)
    }

    /// Ctrl-C, SIGTERM and a lost terminal cancel `task`: the current call ends and the run resumes next time.
    static func cancelling<T>(_ task: Task<T, any Error>) -> [DispatchSourceSignal] {
        [SIGINT, SIGTERM, SIGHUP].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number)
            source.setEventHandler { task.cancel() }
            source.resume()
            return source
        }
    }
}
