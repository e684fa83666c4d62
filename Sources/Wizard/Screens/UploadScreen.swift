import Foundation
import GongClient
import GongCRM
import TerminalUI
import Upload

/// Step 8: where to (the base URL; credentials from the environment or the 0600 file, never
/// shown), a dry run, then the upload with live progress per entity and Gong's errors as they
/// come. The upload goes on while you visit other steps.
public struct UploadScreen: WizardScreen {
    public enum Action: Hashable, Sendable { case editURL, editOwner, editCredentials, test, dryRun, upload }

    public static let keyMap = KeyMap<Action>("Upload", [
        KeyBinding([.char("b")], .editURL, hint: "base URL", help: "Change the Gong base URL (Enter keeps, Esc cancels)"),
        KeyBinding([.char("o")], .editOwner, help: "Change the owner email of the integration, used when gongmap registers one"),
        KeyBinding([.char("k")], .editCredentials, hint: "keys", help: "Enter Gong's access key and secret: written to the credentials file (mode 0600), never shown"),
        KeyBinding([.char("t")], .test, hint: "test", help: "Test the connection and see which integration an upload uses"),
        KeyBinding([.char("d")], .dryRun, hint: "dry run", help: "Rehearse: the same plan and checks, nothing sent"),
        KeyBinding([.char("U")], .upload, hint: "upload", help: "Upload what changed since the last run (saves nothing; save first)"),
    ])

    public var baseURL: String
    /// Gong allows one integration per company: an upload uses it, or registers `gongmap` owned by this address.
    public var ownerEmail = ProcessInfo.processInfo.environment["GONG_OWNER_EMAIL"] ?? "gongmap@localhost.example"
    private var urlField: TextField?
    private var ownerField: TextField?
    /// The access key being typed, then (masked) the secret with the key typed before it.
    private var keyField: TextField?
    private var secretField: (field: TextField, key: String)?
    /// Where typed credentials are written (the default file; tests use another).
    public var credentialsFile = Credentials.defaultFile
    /// Where the credentials come from, or why they cannot be used; read again every few
    /// seconds, not on every frame of an upload.
    private var credentialStatus: (text: String, role: ThemeRole)?
    private var credentialsCheckedAt: Double = 0

    static func checkCredentials() -> (text: String, role: ThemeRole) {
        switch Result(catching: { try Credentials.load() }) {
        case .success(let found): ("\(found) — from GONG_ACCESS_KEY / GONG_ACCESS_KEY_SECRET or \(Credentials.defaultFile)", .ok)
        case .failure(let error): ("\(error)", .warning)
        }
    }

    public mutating func tick(_ app: inout AppContext) -> Bool {
        guard app.now - credentialsCheckedAt >= 3 else { return false }
        credentialsCheckedAt = app.now
        let checked = Self.checkCredentials()
        defer { credentialStatus = checked }
        return credentialStatus.map { $0.text != checked.text } ?? true
    }

    public init(baseURL: String = ProcessInfo.processInfo.environment["GONG_BASE_URL"] ?? "") { self.baseURL = baseURL }

    public var location: String { "Upload" }

    public mutating func capture(_ key: Key, _ app: inout AppContext) -> Bool {
        if var field = keyField {
            switch field.edit(key) {
            case .submitted(let accessKey)?:
                keyField = nil
                if !accessKey.isEmpty {
                    var secret = TextField(placeholder: "the access key secret")
                    secret.masked = true
                    secretField = (secret, accessKey)
                }
            case .cancelled?: keyField = nil
            case nil: keyField = field
            }
            return true
        }
        if var open = secretField {
            switch open.field.edit(key) {
            case .submitted(let secret)?:
                secretField = nil
                guard !secret.isEmpty else { return true }
                do {
                    try Credentials.save(accessKey: open.key, secret: secret, to: credentialsFile)
                    credentialStatus = nil
                    credentialsCheckedAt = 0
                    app.notify("Credentials written to \(DisplayPath.short(credentialsFile)) (mode 0600); t tests them", level: .ok)
                } catch {
                    app.notify("Cannot write \(DisplayPath.short(credentialsFile)): \(error.localizedDescription)", level: .error)
                }
            case .cancelled?: secretField = nil
            case nil: secretField = open
            }
            return true
        }
        if var field = ownerField {
            switch field.edit(key) {
            case .submitted(let email)?:
                if !email.isEmpty { ownerEmail = email }
                ownerField = nil
            case .cancelled?: ownerField = nil
            case nil: ownerField = field
            }
            return true
        }
        guard var field = urlField else { return false }
        switch field.edit(key) {
        case .submitted(let url)?:
            if let problem = GongClient.problem(withBaseURL: url) {
                app.notify(problem, level: .error)
                urlField = field
            } else {
                baseURL = url
                urlField = nil
            }
        case .cancelled?: urlField = nil
        case nil: urlField = field
        }
        return true
    }

    public mutating func perform(_ action: Action, _ app: inout AppContext) {
        switch action {
        case .editURL: urlField = TextField(baseURL, placeholder: "https://us-12345.api.gong.io")
        case .editOwner: ownerField = TextField(ownerEmail)
        case .editCredentials: keyField = TextField(placeholder: "the access key (Gong: Company settings › API)")
        case .test:
            guard !baseURL.isEmpty else {
                app.notify("Set the base URL first (b): your Gong API host, or the emulator's", level: .warning)
                return
            }
            app.effects.append(.testConnection(baseURL: baseURL))
        case .dryRun, .upload:
            guard let session = app.session else { return }
            if case .running? = app.upload?.state {
                app.notify("An upload is running; see its progress here or in Uploads (9)", level: .warning)
                return
            }
            guard !baseURL.isEmpty else {
                app.notify("Set the base URL first (b): your Gong API host, or the emulator's", level: .warning)
                return
            }
            let unmapped = session.mapping.sources.flatMap { source in
                EntityCatalog.fields(of: source.entity).filter { $0.requirement == .mandatory && source.field($0.name) == nil }
                    .map { "\(source.entity.rawValue).\($0.name) (\(source.inputLabel))" }
            }
            guard unmapped.isEmpty else {
                app.notify("Gong rejects every record without \(unmapped.joined(separator: ", ")): map it in Fields (3) first", level: .error)
                return
            }
            guard session.mappingPath != nil, !session.isDirty else {
                app.notify("Save the mapping first (7): uploads run from the saved file, as scheduled runs do", level: .warning)
                return
            }
            app.effects.append(.upload(baseURL: baseURL, dryRun: action == .dryRun, ownerEmail: ownerEmail))
        }
    }

    public mutating func render(in area: Rect, into buffer: inout ScreenBuffer, _ app: AppContext) {
        let context = app.render
        let credentials = credentialStatus ?? Self.checkCredentials()
        credentialStatus = credentials
        let saved = app.session?.mappingPath.map { DisplayPath.short($0) + ((app.session?.isDirty ?? false) ? " (unsaved changes: save first)" : "") } ?? "not saved yet (7)"
        let owner = "the company's (one per company; t shows which), else gongmap registers one owned by \(ownerEmail) (o)"
        // Each row: a label and its value wrapped under it, or the field that edits it.
        let valueWidth = max(10, area.width - 17)
        var rows: [(label: String, lines: [Span], field: TextField?)] = [
            ("Base URL:", [Span(baseURL.isEmpty ? "(not set: b)" : baseURL, style: context[baseURL.isEmpty ? .warning : .accent])], urlField),
            ("Credentials:", TextWrap.lines(credentials.text + (credentials.role == .ok ? "" : " — or press k"), width: valueWidth).map { Span($0, style: context[credentials.role]) },
             keyField ?? secretField?.field),
            ("Mapping:", TextWrap.lines(saved, width: valueWidth).map { Span($0) }, nil),
            ("Integration:", TextWrap.lines(owner, width: valueWidth).map { Span($0, style: context[.muted]) }, ownerField),
        ]
        if keyField != nil { rows[1].label = "Access key:" } else if secretField != nil { rows[1].label = "Secret:" }
        let hint = TextWrap.lines("t tests the connection, d rehearses (nothing sent), U uploads what changed; quitting stops it, and the next upload resumes it.", width: area.width - 4)
        let height = rows.reduce(0) { $0 + ($1.field == nil ? $1.lines.count : 1) } + hint.count + 2
        let (top, rest) = area.splitTop(min(height, max(5, area.height / 2)))
        let head = Panel.render(in: top, into: &buffer, title: "Connection", focused: rows.contains { $0.field != nil }, context: context)
        var y = head.y
        for row in rows where y < head.maxY {
            buffer.write(row.label, x: head.x + 1, y: y, style: context[.text])
            if let field = row.field {
                field.render(in: Rect(x: head.x + 14, y: y, width: head.width - 15, height: 1), into: &buffer, focused: true, context: context)
                y += 1
                continue
            }
            for line in row.lines where y < head.maxY {
                buffer.write([line], x: head.x + 14, y: y, maxX: head.maxX)
                y += 1
            }
        }
        for line in hint where y < head.maxY {
            buffer.write(line, x: head.x + 1, y: y, style: context[.muted], maxX: head.maxX)
            y += 1
        }
        guard let activity = app.upload else {
            let inside = Panel.render(in: rest, into: &buffer, title: "Progress", focused: false, context: context)
            buffer.write("Nothing started yet.", x: inside.x + 1, y: inside.y, style: context[.muted])
            return
        }
        let state: String = switch activity.state {
        case .running: "running"
        case .finished(let text): text
        case .failed(let text): "stopped: " + text
        }
        let inside = Panel.render(in: rest, into: &buffer, title: "\(activity.kind): \(state)", focused: false, context: context)
        y = inside.y
        let progress = activity.progress
        for entity in progress.entities where y < inside.maxY {
            let detail = "\(entity.recordsConfirmed)/\(entity.records) confirmed" + (entity.recordsRejected > 0 ? ", \(entity.recordsRejected) rejected" : "")
            ProgressBar(label: entity.objectType, fraction: entity.fraction, detail: detail).render(
                in: Rect(x: inside.x + 1, y: y, width: inside.width - 2, height: 1), into: &buffer, labelWidth: 14, context: context)
            y += 1
        }
        if y < inside.maxY, !progress.entities.isEmpty {
            var totals = "\(progress.requests) requests · \(progress.retries) retries · \(progress.rateLimitWaits) rate-limit waits · \(progress.gongErrors) Gong errors"
            if let left = progress.secondsLeft(), progress.bytesSent < progress.bytes { totals += " · about \(ProgressBar.duration(left)) left" }
            buffer.write(totals, x: inside.x + 1, y: y, style: context[.muted], maxX: inside.maxX)
            y += 2
        }
        // Outcome and log lines wrap: the newest log lines that fit are shown whole.
        let width = max(10, inside.width - 2)
        for line in Self.outcomeLines(activity.result).flatMap({ TextWrap.lines($0, width: width) }) where y < inside.maxY {
            buffer.write(line, x: inside.x + 1, y: y, style: context[.warning], maxX: inside.maxX)
            y += 1
        }
        var logLines: [(String, Bool)] = []
        for line in activity.log.reversed() {
            let wrapped = TextWrap.lines(line, width: width).map { ($0, line.hasPrefix("  ")) }
            guard logLines.count + wrapped.count <= inside.maxY - y else { break }
            logLines.insert(contentsOf: wrapped, at: 0)
        }
        for (line, isError) in logLines {
            buffer.write(line, x: inside.x + 1, y: y, style: context[isError ? .error : .text], maxX: inside.maxX)
            y += 1
        }
    }

    /// What keeps records of the export out of Gong after an upload, and where to look.
    static func outcomeLines(_ result: UploadEngine.Result?) -> [String] {
        guard let result else { return [] }
        var lines: [String] = []
        let absent = result.dryRun ? "would not be" : "are not"
        if result.leftOut > 0 { lines.append("\(result.leftOut) records left out by validation \(absent) in Gong: Validate (5) lists them") }
        if result.rejected > 0 { lines.append("\(result.rejected) records rejected by Gong: Uploads (9) shows Gong's errors") }
        if result.unconfirmed > 0 { lines.append("\(result.unconfirmed) records not confirmed line by line: the next upload sends them again") }
        return lines
    }
}
