import CRMExport
import Foundation
import GongClient
import Upload

/// The systemd service and timer, or the crontab line, that run `gongmap sync --once` for a
/// mapping: absolute paths, the mapping's folder as working folder, the credentials file this
/// user's gongmap reads (the secret itself never goes into a unit), and the options given.
struct SyncUnits {
    /// `gongmap-<mapping name>`.
    let name: String
    let mappingPath: String
    let folder: String
    let every: TimeInterval
    /// `gongmap sync --once …` with absolute paths.
    let command: [String]
    let user: String
    let configHome: String?
    let credentialsFile: String
    private(set) var warnings: [String] = []

    init(run: GongRunOptions, schedule: SyncSchedule) throws {
        mappingPath = Self.absolute(run.mapping)
        guard FileManager.default.fileExists(atPath: mappingPath) else { throw UsageFailure("\(run.mapping): no such mapping file") }
        folder = (mappingPath as NSString).deletingLastPathComponent
        every = schedule.every ?? 300
        let stem = ((mappingPath as NSString).lastPathComponent as NSString).deletingPathExtension
        name = "gongmap-" + String(stem.lowercased().map { $0.isLetter || $0.isNumber ? $0 : "-" })
        let environment = ProcessInfo.processInfo.environment
        user = environment["USER"].flatMap { $0.isEmpty ? nil : $0 } ?? NSUserName()
        configHome = environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 }
        credentialsFile = Credentials.defaultFile
        var command = [Self.binary, "sync", "--once", "--every", SyncSchedule.label(every), "--mapping", mappingPath]
        if let baseURL = run.baseURL ?? environment["GONG_BASE_URL"], !baseURL.isEmpty {
            command += ["--base-url", baseURL]
        } else {
            warnings.append("no base URL: add --base-url (or set GONG_BASE_URL) so the unit knows which Gong to send to")
        }
        // A database URL goes in without its password (PGPASSWORD or ~/.pgpass give it).
        command += run.export.map { PostgresLocation.isPostgresURL($0) ? PostgresLocation.redacted($0) : Self.absolute($0) }
        if schedule.maxBackoff != 3600 { command += ["--max-backoff", SyncSchedule.label(schedule.maxBackoff)] }
        if let owner = run.ownerEmail { command += ["--owner-email", owner] }
        if run.allowSchemaDeletes { command.append("--allow-schema-deletes") }
        if run.budgetShare != 0.5 { command += ["--budget-share", "\(run.budgetShare)"] }
        if run.dailyCalls != 10_000 { command += ["--daily-calls", "\(run.dailyCalls)"] }
        if run.keepPayloads != 0 { command += ["--keep-payloads", "\(run.keepPayloads)"] }
        if run.keepDays != 30 { command += ["--keep-days", "\(run.keepDays)"] }
        if run.callsPerSecond != 2.9 { command += ["--calls-per-second", "\(run.callsPerSecond)"] }
        if run.pollSeconds != 1 { command += ["--poll-seconds", "\(run.pollSeconds)"] }
        self.command = command
        if !FileManager.default.fileExists(atPath: credentialsFile) {
            warnings.append("the unit reads Gong's credentials from \(credentialsFile), which does not exist: write it (mode 0600) with the lines access_key = … and access_key_secret = … (or type them in the wizard's Upload step with k)")
        }
    }

    func service() -> String {
        var lines = [
            "[Unit]",
            "Description=gongmap sync of \(mappingPath) to Gong",
            "Wants=network-online.target",
            "After=network-online.target",
            "",
            "[Service]",
            "Type=oneshot",
            "User=\(user)",
            "WorkingDirectory=\(Self.systemdQuoted(folder))",
        ]
        if let configHome { lines.append("Environment=\(Self.systemdQuoted("XDG_CONFIG_HOME=" + configHome))") }
        lines += [
            "# Gong's access key and secret are read from \(credentialsFile) (mode 0600), never written here.",
            "ExecStart=" + command.map(Self.systemdQuoted).joined(separator: " "),
            "# Exit 1: records are not in Gong (gongmap status tells which); 3: stopped or backing off, resumes next time.",
            "TimeoutStopSec=60",
            "",
        ]
        return lines.joined(separator: "\n")
    }

    func timer() -> String {
        [
            "[Unit]",
            "Description=gongmap sync of \(mappingPath) every \(SyncSchedule.label(every))",
            "",
            "[Timer]",
            "OnBootSec=1min",
            "OnUnitInactiveSec=\(Int(every.rounded()))s",
            "AccuracySec=5s",
            "Unit=\(name).service",
            "",
            "[Install]",
            "WantedBy=timers.target",
            "",
        ].joined(separator: "\n")
    }

    /// `*/5 * * * * cd … && gongmap sync --once … >> .gongmap/sync.log 2>&1`.
    func crontabLine() throws -> String {
        let minutes = Int(every.rounded()) / 60
        let schedule: String
        if Int(every.rounded()) % 60 != 0 || minutes == 0 {
            throw UsageFailure("cron starts jobs on whole minutes; give --every in minutes (1m to 60m) or use --print-unit systemd")
        } else if minutes < 60, 60 % minutes == 0 {
            schedule = minutes == 1 ? "* * * * *" : "*/\(minutes) * * * *"
        } else if minutes % 60 == 0, 24 % (minutes / 60) == 0 {
            schedule = minutes == 60 ? "0 * * * *" : "0 */\(minutes / 60) * * *"
        } else {
            throw UsageFailure("cron cannot start a job every \(SyncSchedule.label(every)); give --every that divides an hour (5m, 10m, 15m…) or a day, or use --print-unit systemd")
        }
        let environment = configHome.map { "XDG_CONFIG_HOME=\(Self.shellQuoted($0)) " } ?? ""
        let log = Self.shellQuoted(folder + "/.gongmap/sync.log")
        let line = "\(schedule) cd \(Self.shellQuoted(folder)) && \(environment)\(command.map(Self.shellQuoted).joined(separator: " ")) >> \(log) 2>&1"
        // cron turns an unescaped % into a new line.
        return line.replacingOccurrences(of: "%", with: "\\%")
    }

    static func absolute(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.path
    }

    /// This binary's path, through symbolic links.
    static var binary: String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? absolute(CommandLine.arguments[0])
    }

    static func shellQuoted(_ text: String) -> String {
        let plain = text.allSatisfy { $0.isLetter || $0.isNumber || "-_./:=@,+".contains($0) }
        return plain && !text.isEmpty ? text : "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// systemd's quoting: double quotes, `$` and `%` doubled.
    static func systemdQuoted(_ text: String) -> String {
        var escaped = text.replacingOccurrences(of: "%", with: "%%").replacingOccurrences(of: "$", with: "$$")
        guard escaped.contains(where: { $0 == " " || $0 == "\"" || $0 == "\\" || $0 == "'" || $0 == ";" }) else { return escaped }
        escaped = escaped.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        return "\"" + escaped + "\""
    }
}
