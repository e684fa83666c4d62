import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

// Benchmark of the core pipeline: generates a large Salesforce-shaped export (unless present),
// runs `gongmap suggest`, `validate` and `plan` on it as separate processes, and prints wall time,
// records/s, MB/s and peak RSS of each; with DuckDB installed (pip package duckdb) it also times
// DuckDB's plain CSV→NDJSON conversion of the same files and prints the ratio; `gongmap profile`
// side by side with DuckDB's SUMMARIZE; and the wizard's first screen on the export.
// Run it with scripts/bench.

struct Options {
    var folder = "bench-data"
    var scale = 1.0
    var regenerate = false
    var gongmap = ""
    var upload = false
    var framesOnly = false
    /// Only the sync cycle on the export (after generating it and suggesting its mapping).
    var syncOnly = false
    /// Only a 100,000-row sheet against the same rows as CSV.
    var xlsxOnly = false
    /// Rounds of validate, plan and DuckDB, one after the other: one round's ratio is as noisy as
    /// the machine, the median of several is not.
    var rounds = 3
}

var options = Options()
var arguments = CommandLine.arguments.dropFirst()
while let argument = arguments.popFirst() {
    switch argument {
    case "--folder": options.folder = arguments.popFirst() ?? options.folder
    case "--scale": options.scale = Double(arguments.popFirst() ?? "1") ?? 1
    case "--regenerate": options.regenerate = true
    case "--gongmap": options.gongmap = arguments.popFirst() ?? ""
    case "--upload": options.upload = true
    case "--frames": options.framesOnly = true
    case "--sync": options.syncOnly = true
    case "--xlsx": options.xlsxOnly = true
    case "--rounds": options.rounds = max(1, Int(arguments.popFirst() ?? "3") ?? 3)
    default:
        print("usage: gongmap-bench [--folder DIR] [--scale 1.0] [--regenerate] [--gongmap PATH] [--rounds 3] [--upload] [--sync] [--xlsx] [--frames]")
        exit(2)
    }
}
if options.gongmap.isEmpty {
    options.gongmap = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("gongmap").path
}

if options.framesOnly {
    FrameBench.run()
    exit(0)
}

let export = options.folder + "/export"
let counts = (users: Int(2_000 * options.scale), accounts: Int(100_000 * options.scale), contacts: Int(1_000_000 * options.scale),
              deals: Int(300_000 * options.scale), leads: Int(200_000 * options.scale))
let totalRecords = counts.users + counts.accounts + counts.contacts + counts.deals + counts.leads + 9

if options.regenerate || !FileManager.default.fileExists(atPath: export + "/Contact.csv") {
    let started = Date()
    try? FileManager.default.removeItem(atPath: export)
    try FileManager.default.createDirectory(atPath: export, withIntermediateDirectories: true)
    try Generator(folder: export, counts: counts).run()
    print(String(format: "generated %@ in %.1f s", export, Date().timeIntervalSince(started)))
}
let exportBytes = (try FileManager.default.contentsOfDirectory(atPath: export)).reduce(0) {
    $0 + ((try? FileManager.default.attributesOfItem(atPath: export + "/" + $1)[.size] as? Int) ?? 0)
}
print(String(format: "export: %d records, %.1f MB of CSV\n", totalRecords, Double(exportBytes) / 1e6))

struct Measurement {
    var name: String
    var seconds: Double
    var peakRSSMegabytes: Double
    var status: Int32
}

/// Runs a command and measures its wall time and peak resident memory. The peak is the child's
/// own VmHWM, read from /proc every 5 ms until it exits: wait4's ru_maxrss would also count this
/// process's peak, which the kernel carries into a child started by posix_spawn across exec.
func measure(_ name: String, _ executable: String, _ arguments: [String]) -> Measurement {
    let started = Date()
    var pid: pid_t = 0
    let argv = ([executable] + arguments).map { strdup($0) } + [nil]
    var actions: posix_spawn_file_actions_t = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
    let spawned = posix_spawn(&pid, executable, &actions, nil, argv, environ)
    guard spawned == 0 else {
        print("cannot start \(executable): \(String(cString: strerror(spawned)))")
        exit(2)
    }
    var status: Int32 = 0
    var usage = rusage()
    var peakKilobytes = 0
    while wait4(pid, &status, WNOHANG, &usage) == 0 {
        peakKilobytes = max(peakKilobytes, highWaterMark(of: pid) ?? 0)
        usleep(5000)
    }
    let seconds = Date().timeIntervalSince(started)
    // A process gone within 5 ms: only wait4's figure is left.
    let kilobytes = peakKilobytes > 0 ? peakKilobytes : usage.ru_maxrss
    return Measurement(name: name, seconds: seconds, peakRSSMegabytes: Double(kilobytes) / 1024, status: (status >> 8) & 0xFF)
}

/// VmHWM of a running process, in kB.
func highWaterMark(of pid: pid_t) -> Int? {
    guard let text = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
          let line = text.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }) else { return nil }
    return Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "")
}

let mapping = options.folder + "/mapping.yaml"
let planFolder = options.folder + "/plan"
var results: [Measurement] = []
results.append(measure("suggest", options.gongmap, ["suggest", export, "-o", mapping, "--force"]))
if options.xlsxOnly {
    try XLSXBench.run(export: export, folder: options.folder, rounds: options.rounds)
    exit(0)
}
if options.syncOnly {
    try SyncBench.run(export: export, mapping: mapping, folder: options.folder)
    exit(0)
}

let hasDuckDB = measure("probe", "/usr/bin/env", ["python3", "-c", "import duckdb"]).status == 0
let duckdbScript = """
import duckdb, glob, os
os.makedirs('\(options.folder)/duckdb', exist_ok=True)
con = duckdb.connect()
for path in sorted(glob.glob('\(export)/*.csv')):
    out = '\(options.folder)/duckdb/' + os.path.basename(path) + '.ndjson'
    con.execute(f"COPY (SELECT * FROM read_csv('{path}')) TO '{out}' (FORMAT JSON)")
"""
/// Each round: validate, plan, then DuckDB's conversion, so each ratio compares neighbours in time.
var rounds: [(validate: Measurement, plan: Measurement, duckdb: Measurement?)] = []
for _ in 0..<options.rounds {
    let validate = measure("validate", options.gongmap, ["validate", export, "--mapping", mapping])
    let plan = measure("plan", options.gongmap, ["plan", export, "--mapping", mapping, "--out", planFolder])
    let duckdb = hasDuckDB ? measure("duckdb csv→ndjson", "/usr/bin/env", ["python3", "-c", duckdbScript]) : nil
    rounds.append((validate, plan, duckdb))
    results += [validate, plan] + (duckdb.map { [$0] } ?? [])
}

print("step                    seconds   records/s        MB/s   peak RSS MB   exit")
for result in results {
    let name = result.name.padding(toLength: 22, withPad: " ", startingAt: 0)
    print(name + String(format: " %8.2f %11.0f %11.1f %13.1f %6d", result.seconds, Double(totalRecords) / result.seconds,
                        Double(exportBytes) / 1e6 / result.seconds, result.peakRSSMegabytes, result.status))
}
func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
}
let sums = rounds.map { $0.validate.seconds + $0.plan.seconds }
print(String(format: "\nvalidate + plan: %@ s", sums.map { String(format: "%.2f", $0) }.joined(separator: ", ")))
if hasDuckDB {
    let ratios = rounds.map { ($0.validate.seconds + $0.plan.seconds) / $0.duckdb!.seconds }
    print("ratio (validate + plan) / DuckDB conversion, per round: " + ratios.map { String(format: "%.2f", $0) }.joined(separator: ", "))
    print(String(format: "median ratio: %.2f (target ≤ 1.0)", median(ratios)))
} else {
    print("DuckDB not installed (pip install duckdb): no ratio")
}
// Profiling, side by side with DuckDB's SUMMARIZE of the same files (per-column statistics).
let summarizeScript = """
import duckdb, glob
con = duckdb.connect()
for path in sorted(glob.glob('\(export)/*.csv')):
    con.sql(f"SUMMARIZE SELECT * FROM read_csv('{path}')").fetchall()
"""
var profileRounds: [(profile: Measurement, duckdb: Measurement?)] = []
for _ in 0..<options.rounds {
    let profile = measure("profile", options.gongmap, ["profile", export])
    let summarize = hasDuckDB ? measure("duckdb summarize", "/usr/bin/env", ["python3", "-c", summarizeScript]) : nil
    profileRounds.append((profile, summarize))
    results += [profile] + (summarize.map { [$0] } ?? [])
}
print("")
for result in results.suffix(profileRounds.count * (hasDuckDB ? 2 : 1)) {
    print(result.name.padding(toLength: 22, withPad: " ", startingAt: 0) + String(format: " %8.2f %11.0f %11.1f %13.1f %6d", result.seconds,
          Double(totalRecords) / result.seconds, Double(exportBytes) / 1e6 / result.seconds, result.peakRSSMegabytes, result.status))
}
if hasDuckDB {
    let ratios = profileRounds.map { $0.profile.seconds / $0.duckdb!.seconds }
    print("ratio profile / DuckDB SUMMARIZE, per round: " + ratios.map { String(format: "%.2f", $0) }.joined(separator: ", "))
    print(String(format: "median profile ratio: %.2f (target ≤ 1.0)", median(ratios)))
}

// The wizard on the same export: the first screen, and the full profile behind it.
let screens = (0..<options.rounds).map { _ in FirstScreenBench.run(export: export, firstFile: "Contact.csv") }
print(String(format: "\nwizard first screen (files listed, 80x24): %@ ms; median %.0f ms (target ≤ 100 ms)",
             screens.map { String(format: "%.0f", $0.firstScreen * 1000) }.joined(separator: ", "), median(screens.map(\.firstScreen)) * 1000))
print(String(format: "wizard columns and suggestion from the first rows: %@ ms", screens.map { String(format: "%.0f", $0.suggested * 1000) }.joined(separator: ", ")))
print(String(format: "wizard full profile in the background: %@ s; validated by: %@ s", screens.map { String(format: "%.2f", $0.fullProfile) }.joined(separator: ", "),
             screens.map { String(format: "%.2f", $0.validated) }.joined(separator: ", ")))

try XLSXBench.run(export: export, folder: options.folder, rounds: options.rounds)

let peak = results.filter { !$0.name.hasPrefix("duckdb") }.map(\.peakRSSMegabytes).max() ?? 0
print(String(format: "peak RSS of gongmap: %.1f MB (target < 200 MB)", peak))
FrameBench.run()

/// Runs `gongmap upload` against an emulator started with `emulatorArguments`; returns the
/// measurement and the emulator's stats afterwards.
@MainActor func measureUpload(_ name: String, emulatorArguments: [String], uploadArguments: [String]) throws -> (Measurement, [String: Any]) {
    let emulator = Process()
    emulator.executableURL = URL(fileURLWithPath: options.gongmap)
    emulator.arguments = ["emulator", "--port", "0"] + emulatorArguments
    let banner = Pipe()
    emulator.standardOutput = banner
    try emulator.run()
    defer {
        emulator.interrupt()
        emulator.waitUntilExit()
    }
    let firstLine = String(decoding: banner.fileHandleForReading.availableData, as: UTF8.self).split(separator: "\n").first ?? ""
    let baseURL = String(firstLine.split(separator: " ").last ?? "")
    setenv("GONG_ACCESS_KEY", "demo-access-key", 1)
    setenv("GONG_ACCESS_KEY_SECRET", "demo-secret", 1)
    let upload = measure(name, options.gongmap, ["upload"] + uploadArguments + ["--base-url", baseURL])
    return (upload, fetchJSON(baseURL + "/_emulator/stats"))
}

func fetchJSON(_ url: String) -> [String: Any] {
    let done = DispatchSemaphore(value: 0)
    nonisolated(unsafe) var body = Data()
    URLSession.shared.dataTask(with: URL(string: url)!) { data, _, _ in
        body = data ?? Data()
        done.signal()
    }.resume()
    done.wait()
    return (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] ?? [:]
}

if options.upload {
    // A first, full upload of the whole export, the limits of both sides lifted.
    try? FileManager.default.removeItem(atPath: options.folder + "/.gongmap")
    let (upload, _) = try measureUpload("upload (no rate limit)", emulatorArguments: ["--no-rate-limit", "--processing-seconds", "0", "--lenient-ids"],
                                        uploadArguments: [export, "--mapping", mapping, "--poll-seconds", "0.05", "--calls-per-second", "1000"])
    let name = upload.name.padding(toLength: 22, withPad: " ", startingAt: 0)
    print("\n" + name + String(format: " %8.2f %11.0f %11.1f %13.1f %6d", upload.seconds, Double(totalRecords) / upload.seconds,
                                     Double(exportBytes) / 1e6 / upload.seconds, upload.peakRSSMegabytes, upload.status))

    // Gong's limits on: the sample uploaded with slow processing and status polled without pause,
    // so the client always has a call to make and only its rate limiter holds it back.
    let sample = options.folder + "/rate-limited"
    try? FileManager.default.removeItem(atPath: sample)
    try FileManager.default.createDirectory(atPath: sample, withIntermediateDirectories: true)
    try FileManager.default.copyItem(atPath: "Samples/salesforce-small", toPath: sample + "/salesforce-small")
    try FileManager.default.copyItem(atPath: "Samples/salesforce-small.mapping.yaml", toPath: sample + "/m.yaml")
    let (limited, stats) = try measureUpload("upload (rate limited)", emulatorArguments: ["--processing-seconds", "4"],
                                             uploadArguments: ["--mapping", sample + "/m.yaml", "--poll-seconds", "0"])
    let calls = stats["requestsReceived"] as? Int ?? 0, refused = stats["rateLimited"] as? Int ?? 0
    let perSecond = Double(calls - refused) / limited.seconds
    print(String(format: "upload (rate limited): %d calls in %.1f s = %.2f calls/s, %.1f%% of Gong's 3/s (target ≥ 95%%), %d answered 429 (target 0), exit %d",
                 calls, limited.seconds, perSecond, perSecond / 3 * 100, refused, limited.status))
    try SyncBench.run(export: export, mapping: mapping, folder: options.folder)
}
