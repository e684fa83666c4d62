import CRMExport
import Foundation
import Mapping
import Testing
import TerminalUI
@testable import Wizard

/// Nested in the sample's suite: its tests set XDG_STATE_HOME, so they must not run beside it.
extension WizardFlowTests {
    /// Opening an export bigger than the first rows the wizard profiles before its first screen: the
    /// files and a suggestion come from those rows, the full profile follows in the background, and
    /// Esc stops it.
    @Suite("Wizard on a big export", .serialized)
    struct BigExportTests {
        static let rows = 120_000

        /// An export of contacts and accounts in a temporary folder; contacts have `rows` rows.
        static func makeExport() throws -> String {
            let folder = NSTemporaryDirectory() + "gongmap-big-\(UUID().uuidString)"
            try FileManager.default.createDirectory(atPath: folder + "/export", withIntermediateDirectories: true)
            var contacts = "Id,AccountId,FirstName,LastName,Email,LastModifiedDate\n"
            contacts.reserveCapacity(rows * 80)
            for index in 0..<rows {
                contacts += "C\(index),A\(index % 500),Ana,Silva \(index % 97),ana\(index)@example.com,2024-05-\(index % 28 + 10)T10:00:00Z\n"
            }
            try contacts.write(toFile: folder + "/export/Contact.csv", atomically: true, encoding: .utf8)
            let accounts = "Id,Name,Website\n" + (0..<500).map { "A\($0),Company \($0),https://c\($0).example.com\n" }.joined()
            try accounts.write(toFile: folder + "/export/Account.csv", atomically: true, encoding: .utf8)
            setenv("XDG_STATE_HOME", folder + "/state", 1)
            return folder
        }

        static func openApp(_ folder: String) -> (WizardApp, Inbox<WizardMessage>) {
            var settings = UISettings()
            settings.themeName = "monochrome"
            settings.userThemeFolder = folder + "/themes"
            let inbox = Inbox<WizardMessage>()
            let app = WizardApp(settings: settings, inbox: inbox)
            _ = app.update(.resize(Size(width: 80, height: 24)))
            app.load(.newMapping([folder + "/export"]))
            return (app, inbox)
        }

        static func screen(_ app: WizardApp) -> String { app.view(size: Size(width: 80, height: 24)).lines().joined(separator: "\n") }

        /// Delivers messages one at a time until `done` holds, so a test can act between two of them.
        static func deliver(_ app: WizardApp, _ inbox: Inbox<WizardMessage>, until done: () -> Bool) throws {
            let deadline = Date().addingTimeInterval(60)
            var pending: [WizardMessage] = []
            while !done() {
                if pending.isEmpty { pending = inbox.drain() }
                if pending.isEmpty {
                    if Date() > deadline { throw CancellationError() }
                    Thread.sleep(forTimeInterval: 0.005)
                    continue
                }
                _ = app.receive(pending.removeFirst())
            }
        }

        @Test func theFilesShowFromTheFirstRowsAndTheFullProfileFollows() throws {
            let folder = try Self.makeExport()
            defer { try? FileManager.default.removeItem(atPath: folder) }
            let (app, inbox) = Self.openApp(folder)
            // Before any row is profiled: the files, with rows guessed from their first 64 KB.
            try Self.deliver(app, inbox) { Self.screen(app).contains("Opening 2 files") || app.context.session != nil }
            if app.context.session == nil {
                let opening = Self.screen(app)
                #expect(opening.contains("Contact.csv") && opening.contains("Account.csv"))
                #expect(opening.contains("~1"), "an estimate of the rows")
            }
            try Self.deliver(app, inbox) { app.context.session != nil }
            let first = try #require(app.context.session)
            let contacts = try #require(first.profile(of: "Contact.csv"))
            #expect(!contacts.complete && contacts.rows == Background.sampleRows, "the first screen comes from the first rows")
            #expect(first.profile(of: "Account.csv")?.complete == true, "a file shorter than the sample is whole at once")
            let estimate = try #require(contacts.estimatedRows)
            #expect(abs(estimate - Self.rows) < Self.rows / 10, "the estimate (\(estimate)) is near the real count")
            let guessed = try #require(contacts.file.estimatedRows)
            #expect(abs(guessed - Self.rows) < Self.rows / 10, "the first 64 KB guess (\(guessed)) too")
            #expect(first.profile(of: "Account.csv")?.file.estimatedRows == 500, "a file within 64 KB is counted by its lines")
            #expect(first.profiling?.isRunning == true)
            let screen = Self.screen(app)
            #expect(screen.contains("profiling"), "the step bar and the files panel say the profile runs")
            #expect(screen.contains("~" + estimate.formatted()))
            #expect(screen.contains("first 1,000 rows") || screen.contains("Columns of Account.csv"))
            #expect(first.mapping.sources.contains { $0.entity == .contact }, "suggestions start from the first rows")

            try Self.deliver(app, inbox) { app.context.session?.profiling?.phase == .complete }
            let session = try #require(app.context.session)
            #expect(session.profile(of: "Contact.csv")?.complete == true)
            #expect(session.profile(of: "Contact.csv")?.rows == Self.rows)
            #expect(session.mapping == session.suggestion?.mapping, "an unedited suggestion is the one from all rows")
            let done = Self.screen(app)
            #expect(done.contains(Self.rows.formatted()), "the rows are counted")
            #expect(!done.contains("profiling"))
            #expect(done.contains("Profiled all \((Self.rows + 500).formatted()) rows: suggestions"), "the refinement is said")

            _ = app.update(.key(.char("3")))
            let fields = Self.screen(app)
            #expect(fields.contains("→ to Gong"), "the preview column is in view at 80x24")
            #expect(fields.contains("Why: "), "the selected field's reason is beside the table")
        }

        @Test func escStopsTheFullProfileAndKeepsWhatWasRead() throws {
            let folder = try Self.makeExport()
            defer { try? FileManager.default.removeItem(atPath: folder) }
            let (app, inbox) = Self.openApp(folder)
            try Self.deliver(app, inbox) { app.context.session != nil }
            #expect(app.context.session?.profiling?.isRunning == true)
            _ = app.update(.key(.escape))
            #expect(Self.screen(app).contains("Stopping the profile"))
            try Self.deliver(app, inbox) { app.context.session?.profiling?.isRunning == false }
            let session = try #require(app.context.session)
            #expect(session.profiling?.phase == .stopped)
            let contacts = try #require(session.profile(of: "Contact.csv"))
            #expect(!contacts.complete && contacts.rows >= Background.sampleRows && contacts.rows < Self.rows)
            #expect(session.mapping.sources.contains { $0.entity == .contact }, "stopping never loses the suggestion")
            #expect(Self.screen(app).contains("profile stopped"))
            #expect(app.route == .step(.source), "Esc stopped the profile instead of going back")
        }

        /// An edit made while the profile runs is kept when the full profile arrives.
        @Test func editsMadeWhileProfilingAreKept() throws {
            let folder = try Self.makeExport()
            defer { try? FileManager.default.removeItem(atPath: folder) }
            var session = try SessionLoader.newMapping(exportPaths: [folder + "/export"], sampleRows: 100)
            let full = SessionLoader.profileFully(session, progress: ProfileProgress())
            #expect(!full.stopped && full.profiles.allSatisfy(\.complete))

            var untouched = session
            _ = untouched.adopt(full)
            #expect(untouched.mapping == full.suggestion?.mapping)
            #expect(untouched.profiling?.phase == .complete)

            session.mapping.sources.removeLast()
            let edited = session.mapping
            let (notice, changed) = session.adopt(full)
            #expect(session.mapping == edited && !changed)
            #expect(notice.contains("your edits are kept"))
        }
    }
}
