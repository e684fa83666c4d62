import Foundation

/// The cycle of `gongmap sync` on the big export once it is all in Gong (the emulator): 0.1% of
/// the contacts changed before each cycle, the cycle's time and peak memory side by side with
/// `gongmap validate` of the same export, the records it sent against the records changed, a
/// cycle that finds nothing changed, and the size of `.gongmap/` after several cycles.
@MainActor
enum SyncBench {
    static let changedShare = 1000

    static func run(export: String, mapping: String, folder: String, cycles: Int = 4) throws {
        let workspace = folder + "/sync"
        try? FileManager.default.removeItem(atPath: workspace)
        try FileManager.default.createDirectory(atPath: workspace, withIntermediateDirectories: true)
        let copy = workspace + "/export"
        try FileManager.default.copyItem(atPath: export, toPath: copy)
        try FileManager.default.copyItem(atPath: mapping, toPath: workspace + "/m.yaml")
        let emulator = try EmulatorProcess(["--no-rate-limit", "--processing-seconds", "0", "--lenient-ids"])
        defer { emulator.stop() }
        let sync = ["sync", "--once", copy, "--mapping", workspace + "/m.yaml", "--base-url", emulator.baseURL, "--poll-seconds", "0.05", "--calls-per-second", "1000"]

        print("\nsync on the export, every record already in Gong, 0.1% of contacts changed before each cycle")
        let first = measure("first cycle (full upload)", options.gongmap, sync)
        print(line(first))
        var ratios: [Double] = []
        for cycle in 1...cycles {
            let changed = try changeContacts(copy + "/Contact.csv", cycle: cycle)
            let before = emulator.linesProcessed()
            let validate = measure("validate", options.gongmap, ["validate", copy, "--mapping", workspace + "/m.yaml"])
            let measured = measure("sync cycle \(cycle)", options.gongmap, sync)
            let after = emulator.linesProcessed()
            let sent = after.values.reduce(0, +) - before.values.reduce(0, +)
            let contacts = (after["CONTACT"] ?? 0) - (before["CONTACT"] ?? 0)
            ratios.append(measured.seconds / validate.seconds)
            print(line(validate))
            print(line(measured) + String(format: "   sent %d records (%d contacts) for %d changed: %@; cycle/validate %.2f",
                                          sent, contacts, changed, sent == changed ? "exactly the changed" : "NOT the changed ones", measured.seconds / validate.seconds))
        }
        let before = emulator.requestsReceived()
        let quiet = measure("cycle, nothing changed", options.gongmap, sync)
        print(line(quiet) + "   calls to Gong: \(emulator.requestsReceived() - before)")
        let stateBytes = folderBytes(workspace + "/.gongmap"), exportBytes = folderBytes(copy)
        print(String(format: "median cycle / validate: %.2f (target ≤ 2.0)", median(ratios)))
        print(String(format: ".gongmap/ after %d cycles: %.1f MB, %.0f%% of the export's %.1f MB (target < 50%%)", cycles + 2, Double(stateBytes) / 1e6,
                     Double(stateBytes) / Double(exportBytes) * 100, Double(exportBytes) / 1e6))
    }

    static func line(_ measurement: Measurement) -> String {
        measurement.name.padding(toLength: 28, withPad: " ", startingAt: 0)
            + String(format: " %7.2f s %8.1f MB RSS  exit %d", measurement.seconds, measurement.peakRSSMegabytes, measurement.status)
    }

    /// Gives every 1000th contact (a different one each cycle) a new title; returns how many changed.
    /// Streams the file a megabyte at a time: a child started by posix_spawn reports this process's
    /// peak memory as its own (the kernel keeps the high-water mark across exec), so the bench
    /// must never hold the file whole.
    static func changeContacts(_ path: String, cycle: Int) throws -> Int {
        guard let input = FileHandle(forReadingAtPath: path) else { throw CocoaError(.fileNoSuchFile) }
        defer { try? input.close() }
        let temporary = path + ".changing"
        FileManager.default.createFile(atPath: temporary, contents: nil)
        guard let output = FileHandle(forWritingAtPath: temporary) else { throw CocoaError(.fileWriteUnknown) }
        var changed = 0
        var lineNumber = 0
        var pending = Data()
        func emit(_ line: Data) throws {
            var line = line
            if lineNumber > 0, lineNumber % changedShare == cycle % changedShare {
                var cells = String(decoding: line, as: UTF8.self).components(separatedBy: "\",\"")
                if cells.count > 5 {
                    cells[5] = cells[5].components(separatedBy: " v").first! + " v\(cycle)"
                    line = Data(cells.joined(separator: "\",\"").utf8)
                    changed += 1
                }
            }
            var out = Data(line)
            out.append(UInt8(ascii: "\n"))
            try output.write(contentsOf: out)
            lineNumber += 1
        }
        while let chunk = try input.read(upToCount: 1 << 20), !chunk.isEmpty {
            pending.append(chunk)
            var start = pending.startIndex
            var batch = Data()
            while let end = pending[start...].firstIndex(of: UInt8(ascii: "\n")) {
                let line = pending[start..<end]
                if lineNumber > 0, lineNumber % changedShare == cycle % changedShare {
                    if !batch.isEmpty { try output.write(contentsOf: batch); batch.removeAll(keepingCapacity: true) }
                    try emit(Data(line))
                } else {
                    batch.append(line)
                    batch.append(UInt8(ascii: "\n"))
                    lineNumber += 1
                }
                start = pending.index(after: end)
            }
            if !batch.isEmpty { try output.write(contentsOf: batch) }
            pending = Data(pending[start...])
        }
        if !pending.isEmpty { try emit(pending) }
        try output.close()
        guard rename(temporary, path) == 0 else { throw CocoaError(.fileWriteUnknown) }
        return changed
    }

    static func folderBytes(_ path: String) -> Int {
        guard let walker = FileManager.default.enumerator(atPath: path) else { return 0 }
        var total = 0
        while let name = walker.nextObject() as? String {
            total += (try? FileManager.default.attributesOfItem(atPath: path + "/" + name)[.size] as? Int) ?? 0
        }
        return total
    }
}

/// `gongmap emulator` as a process on a free port, with the demo credentials set for the commands.
@MainActor
final class EmulatorProcess {
    let process = Process()
    let baseURL: String

    init(_ arguments: [String]) throws {
        process.executableURL = URL(fileURLWithPath: options.gongmap)
        process.arguments = ["emulator", "--port", "0"] + arguments
        let banner = Pipe()
        process.standardOutput = banner
        try process.run()
        let firstLine = String(decoding: banner.fileHandleForReading.availableData, as: UTF8.self).split(separator: "\n").first ?? ""
        baseURL = String(firstLine.split(separator: " ").last ?? "")
        setenv("GONG_ACCESS_KEY", "demo-access-key", 1)
        setenv("GONG_ACCESS_KEY_SECRET", "demo-secret", 1)
    }

    var stats: [String: Any] { fetchJSON(baseURL + "/_emulator/stats") }
    func linesProcessed() -> [String: Int] { stats["linesProcessed"] as? [String: Int] ?? [:] }
    func requestsReceived() -> Int { stats["requestsReceived"] as? Int ?? 0 }

    func stop() {
        guard process.isRunning else { return }
        process.interrupt()
        process.waitUntilExit()
    }
}
