import Foundation
import GongClient
import Mapping
import Testing
import Upload
import TerminalUI
@testable import Wizard

/// The wizard on the bundled sample, driven by keys as a user would, with real loading,
/// validation (in the background) and saving.
@Suite("Wizard on the sample", .serialized)
struct WizardFlowTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..").standardized.path
    static let size = Size(width: 120, height: 36)

    /// A copy of the sample and its mapping in a temporary folder, opened in a wizard.
    static func openSample(ascii: Bool = false) throws -> (app: WizardApp, inbox: Inbox<WizardMessage>, folder: String) {
        let folder = NSTemporaryDirectory() + "gongmap-wizard-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: root + "/Samples/salesforce-small", toPath: folder + "/salesforce-small")
        try FileManager.default.copyItem(atPath: root + "/Samples/salesforce-small.mapping.yaml", toPath: folder + "/m.yaml")
        setenv("XDG_STATE_HOME", folder + "/state", 1)
        var settings = UISettings()
        settings.themeName = "monochrome"
        settings.userThemeFolder = folder + "/themes"
        settings.ascii = ascii
        let inbox = Inbox<WizardMessage>()
        let app = WizardApp(settings: settings, inbox: inbox)
        _ = app.update(.resize(size))
        app.load(.mapping(folder + "/m.yaml", export: []))
        try settle(app, inbox) { app.context.session?.validation.report != nil }
        return (app, inbox, folder)
    }

    /// Delivers background messages until `done` holds (at most 30 s).
    static func settle(_ app: WizardApp, _ inbox: Inbox<WizardMessage>, until done: () -> Bool) throws {
        let deadline = Date().addingTimeInterval(30)
        while !done() {
            for message in inbox.drain() { _ = app.receive(message) }
            if Date() > deadline { throw CancellationError() }
            Thread.sleep(forTimeInterval: 0.02)
        }
    }

    static func press(_ app: WizardApp, _ keys: Key...) { for key in keys { _ = app.update(.key(key)) } }
    static func type(_ app: WizardApp, _ text: String) { for character in text { _ = app.update(.key(.char(character))) } }
    static func screen(_ app: WizardApp) -> String { app.view(size: size).lines().joined(separator: "\n") }

    @Test func openingAMappingShowsItsFieldsAndValidatesInTheBackground() throws {
        let (app, _, folder) = try Self.openSample()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect(app.route == .step(.fields))
        #expect(Self.screen(app).contains("business users from User.csv"))
        let report = try #require(app.context.session?.validation.report)
        #expect(report.errors == 7, "the seven planted errors")
        Self.press(app, .char("5"))
        #expect(Self.screen(app).split(separator: "\n").contains { $0.contains("invalid-date") && $0.contains("DEAL.closeDate") })
        Self.press(app, .down, .down, .down, .down, .enter)
        #expect(Self.screen(app).contains("'2024-02-30' is not a real calendar date"))
        #expect(Self.screen(app).contains("CloseDate=2024-02-30"), "the source row, the offending cell marked")
        Self.press(app, .char("m"))
        #expect(app.route == .step(.fields))
        #expect(Self.screen(app).contains("deals from Opportunity.csv"), "m jumps to the mapping of the field")
    }

    @Test func editingAnExpressionChecksItAndUpdatesThePreview() throws {
        let (app, inbox, folder) = try Self.openSample()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        Self.press(app, .tab, .down, .down, .tab)
        #expect(Self.screen(app).contains("accounts from Account.csv"))
        Self.press(app, .down, .down, .down, .down)   // name
        Self.press(app, .enter, .ctrl("u"))
        Self.type(app, "Name | upper | nosuch")
        Self.press(app, .enter)
        #expect(Self.screen(app).contains("nosuch"), "an unknown transform is named")
        Self.press(app, .ctrl("u"))
        Self.type(app, "Name | upper")
        Self.press(app, .enter)
        let source = try #require(app.context.session?.mapping.sources.first { $0.entity == .account })
        #expect(source.field("name").map { ExpressionSyntax.render($0.expression) } == "Name | upper")
        #expect(Self.screen(app).contains("BLUEFIN LOGISTICS"), "the preview of row 1 follows")
        #expect(app.context.session?.isDirty == true)
        try Self.settle(app, inbox) { if case .done(_, _, let mapping, _)? = app.context.session?.validation { mapping == app.context.session?.mapping } else { false } }
    }

    /// `x` on a history file said "ignored" while the file still fed DEAL history.
    @Test func ignoringAHistoryFileStopsItFeedingHistory() throws {
        let (app, _, folder) = try Self.openSample()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        Self.press(app, .char("2"))
        let position = try #require(app.context.session?.profiles.firstIndex { $0.file.name == "OpportunityHistory.csv" })
        for _ in 0..<position { Self.press(app, .down) }
        #expect(app.context.session?.mapping.sources.contains { $0.isHistory } == true)
        Self.press(app, .char("x"))
        let mapping = try #require(app.context.session?.mapping)
        #expect(!mapping.sources.contains { $0.input.files.contains("OpportunityHistory.csv") })
        #expect(mapping.unassigned.contains("OpportunityHistory.csv"))
        #expect(Self.screen(app).contains("OpportunityHistory.csv is ignored"))
    }

    /// `:w` saves, as vim users type without thinking; `:wq` used to quit without saving.
    @Test func colonWSavesTheMapping() throws {
        let (app, _, folder) = try Self.openSample()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        Self.press(app, .char("2"), .char("x"), .char(":"))
        Self.type(app, "w")
        Self.press(app, .enter)
        #expect(app.context.session?.isDirty == false)
        #expect(try Mapping.read(path: folder + "/m.yaml").unassigned.contains("Account.csv"))
        #expect(CommandBar.parse("wq", themes: []) == .save(thenQuit: true))
        #expect(CommandBar.parse("q", themes: []) == .quit)
    }

    /// `--ascii` outputs ASCII only, on every step and overlay, data included.
    @Test func asciiModeDrawsOnlyASCII() throws {
        let (app, _, folder) = try Self.openSample(ascii: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for key in [Key.char("1"), .char("2"), .char("3"), .char("4"), .char("5"), .char("6"), .char("7"), .char("8"), .char("9"), .char("?")] {
            Self.press(app, key)
            let frame = app.view(size: Self.size)
            let strays = frame.cells.map(\.text).filter { !$0.utf8.allSatisfy { $0 < 0x80 } }
            #expect(strays.isEmpty, "\(key): \(Set(strays))")
            Self.press(app, .escape)
        }
    }

    /// `gongmap uploads` only views: a draft is not restored there, so quitting does not ask about it.
    @Test func viewingUploadsLeavesTheDraftForTheNextEdit() throws {
        let (app, inbox, folder) = try Self.openSample()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        Self.press(app, .char("2"), .char("x"))
        app.keepDraft()
        func reopen(uploads: Bool) throws -> WizardApp {
            let other = WizardApp(settings: app.context.settings, inbox: inbox)
            if uploads { other.afterLoad = .uploads }
            _ = other.update(.resize(Self.size))
            other.load(.mapping(folder + "/m.yaml", export: []))
            try Self.settle(other, inbox) { other.context.session != nil }
            return other
        }
        #expect(try reopen(uploads: true).context.session?.isDirty == false)
        #expect(try reopen(uploads: false).context.session?.isDirty == true, "the draft is still there for editing")
    }

    /// Uploads shows the schedule of `gongmap sync` from the journal: the last cycle, the next,
    /// failures in a row and the daily calls.
    @Test func uploadsShowTheSyncSchedule() throws {
        let (app, _, folder) = try Self.openSample()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let journal = try Journal(path: folder + "/.gongmap/journal.sqlite")
        let now = Date().timeIntervalSince1970
        let quiet = try journal.startCycle(mapping: folder + "/m.yaml", everySeconds: 300, callBudget: 5_000, at: now - 400)
        try journal.finishCycle(quiet, outcome: .unchanged, run: nil, sent: 0, leftOut: 0, message: "nothing changed", nextAt: now - 100, at: now - 399)
        let failed = try journal.startCycle(mapping: folder + "/m.yaml", everySeconds: 300, callBudget: 5_000, at: now - 100)
        try journal.finishCycle(failed, outcome: .failed, run: nil, sent: 0, leftOut: 0, message: "Gong unreachable", nextAt: now + 500, at: now - 90)
        Self.press(app, .char("9"))
        _ = app.update(.tick)
        let screen = Self.screen(app)
        #expect(screen.contains("Sync every 5m · not running · last "), "\(screen)")
        #expect(screen.contains(" failed"))
        #expect(screen.contains("1 failed in a row (backing off) · 0 of 5,000 daily calls"))
    }

    /// The base URL and owner email set in Upload come back with the mapping; the look is kept in
    /// the user's config folder.
    @Test func uploadTargetAndLookAreRemembered() throws {
        let (app, inbox, folder) = try Self.openSample()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        Self.press(app, .char("8"), .char("b"), .ctrl("u"))
        Self.type(app, "https://us-12345.api.gong.io")
        Self.press(app, .enter, .char("o"), .ctrl("u"))
        Self.type(app, "crm-admin@acme.example")
        Self.press(app, .enter)
        let other = WizardApp(settings: app.context.settings, inbox: inbox)
        _ = other.update(.resize(Self.size))
        other.load(.mapping(folder + "/m.yaml", export: []))
        try Self.settle(other, inbox) { other.context.session != nil }
        _ = other.update(.key(.char("8")))
        #expect(Self.screen(other).contains("https://us-12345.api.gong.io"))
        #expect(Self.screen(other).contains("crm-admin@acme.example"))

        let look = folder + "/config/settings.json"
        SavedSettings.saveLook(SavedSettings.Look(theme: "light", mouse: true), to: look)
        #expect(SavedSettings.readLook(from: look) == SavedSettings.Look(theme: "light", mouse: true))
        #expect(SavedSettings.readLook(from: folder + "/none.json") == SavedSettings.Look(), "nothing saved: the defaults")
    }

    /// Credentials typed in Upload go to a 0600 file; the secret never reaches the screen.
    @Test func credentialsAreEnteredInUploadAndNeverShown() throws {
        let (app, _, folder) = try Self.openSample()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let file = folder + "/config/gongmap/credentials"
        app.screens.upload.credentialsFile = file
        Self.press(app, .char("8"), .char("k"))
        #expect(Self.screen(app).contains("Access key:"))
        Self.type(app, "AKEY1234")
        Self.press(app, .enter)
        Self.type(app, "s3cret-value")
        #expect(Self.screen(app).contains("Secret:"))
        #expect(!Self.screen(app).contains("s3cret-value"), "the secret is masked while typed")
        Self.press(app, .enter)
        let mode = try #require(try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int)
        #expect(mode & 0o777 == 0o600)
        let loaded = try Credentials.load(environment: [:], file: file)
        #expect(loaded.accessKey == "AKEY1234")
        #expect(Self.screen(app).contains("Credentials written to"))
        #expect(!Self.screen(app).contains("s3cret-value"))
    }

    /// Save's R (pressed twice) goes back to the saved mapping.
    @Test func revertingThrowsAwayTheUnsavedChanges() throws {
        let (app, _, folder) = try Self.openSample()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        Self.press(app, .char("2"), .char("x"), .char("7"))
        #expect(app.context.session?.isDirty == true)
        Self.press(app, .char("R"))
        #expect(app.context.session?.isDirty == true, "one R only asks")
        #expect(Self.screen(app).contains("Press R again"))
        Self.press(app, .char("R"))
        #expect(app.context.session?.isDirty == false)
        #expect(app.context.session?.mapping == app.context.session?.saved)
    }

    @Test func savingWritesTheFileAtomicallyAndShowsTheDiffFirst() throws {
        let (app, inbox, folder) = try Self.openSample()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        Self.press(app, .char("2"))
        #expect(Self.screen(app).contains("Account.csv"))
        Self.press(app, .char("x"))   // ignore Account.csv, the first file
        #expect(app.context.session?.mapping.unassigned.contains("Account.csv") == true)
        Self.press(app, .char("7"))
        _ = app.update(.tick)
        try Self.settle(app, inbox) { app.context.session?.payloads != nil }
        let screen = Self.screen(app)
        #expect(screen.contains("changed since it was saved"))
        #expect(screen.contains("Records whose payload changes: 0 changed, 0 new, 79 no longer sent, 396 unchanged"), "the 79 valid accounts of Account.csv")
        #expect(screen.contains("- "), "removed lines are listed")
        Self.press(app, .char("s"))
        let written = try Mapping.read(path: folder + "/m.yaml")
        #expect(written == app.context.session?.mapping)
        #expect(written.export == "salesforce-small")
        #expect(app.context.session?.isDirty == false)
        #expect(Self.screen(app).contains("saved, no changes"))
    }

    @Test func relationshipsShowLinksOrphansAndATreeOfAccounts() throws {
        let (app, _, folder) = try Self.openSample()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        Self.press(app, .char("6"))
        let screen = Self.screen(app)
        #expect(screen.split(separator: "\n").contains { $0.contains("CONTACT.accountId → ACCOUNT") && $0.contains(" 198        2") })
        #expect(screen.contains("28 not linked"))
        Self.press(app, .tab, .right)
        #expect(Self.screen(app).contains("└─  deal Harborline Freight — renewal 2024"))
    }

    @Test func aColumnIsPickedByItsContent() throws {
        let (app, _, folder) = try Self.openSample()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        Self.press(app, .char(":"))
        Self.type(app, "accounts")
        Self.press(app, .enter, .down, .down, .down, .char("c"))   // url
        #expect(Self.screen(app).contains("Website — url: "), "columns are offered with their type and first values")
        Self.type(app, "webs")
        Self.press(app, .enter)
        let source = try #require(app.context.session?.mapping.sources.first { $0.entity == .account })
        #expect(source.field("url").map { ExpressionSyntax.render($0.expression) } == "Website")
    }

    @Test func uploadsRunFromTheSavedMappingOnly() throws {
        let (app, _, folder) = try Self.openSample()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        Self.press(app, .char("2"), .char("x"), .char("8"), .char("b"), .ctrl("u"))
        Self.type(app, "http://127.0.0.1:9")
        Self.press(app, .enter, .char("U"))
        #expect(Self.screen(app).contains("Save the mapping first (7)"))
        #expect(app.context.upload == nil, "nothing started")
        #expect(Self.screen(app).contains("Base URL:    http://127.0.0.1:9"))
    }

    @Test func unsavedEditsSurviveALostConnectionAsADraft() throws {
        let (app, inbox, folder) = try Self.openSample()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        Self.press(app, .char("2"), .char("x"))
        _ = app.update(.tick)
        let drafts = try FileManager.default.contentsOfDirectory(atPath: Drafts.folder())
        #expect(drafts.count == 1, "the edit is on disk at once")
        // The terminal went away; the next wizard on the same mapping gets the edit back.
        var settings = UISettings()
        settings.userThemeFolder = folder + "/themes"
        let again = WizardApp(settings: settings, inbox: inbox)
        _ = again.update(.resize(Self.size))
        again.load(.mapping(folder + "/m.yaml", export: []))
        try Self.settle(again, inbox) { again.context.session != nil }
        #expect(again.context.session?.mapping.unassigned.contains("Account.csv") == true)
        #expect(again.context.session?.isDirty == true)
        #expect(Self.screen(again).contains("Restored the changes you had not saved"))
        Self.press(again, .char("7"), .char("s"))
        _ = again.update(.tick)
        #expect(try FileManager.default.contentsOfDirectory(atPath: Drafts.folder()).isEmpty, "saving removes the draft")
        _ = app
    }

    @Test func quittingWithUnsavedChangesAsksFirst() throws {
        let (app, _, folder) = try Self.openSample()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        Self.press(app, .char("2"), .char("x"), .char("q"))
        #expect(!app.shouldQuit)
        #expect(Self.screen(app).contains("The mapping has changes that are not saved."))
        Self.press(app, .enter)
        #expect(!app.shouldQuit, "Enter on the safe default stays")
        Self.press(app, .char("q"), .char("q"))
        #expect(app.shouldQuit, "the button's letter quits")
    }

    @Test func aNewMappingIsSuggestedForAnExport() throws {
        let session = try SessionLoader.newMapping(exportPaths: [Self.root + "/Samples/salesforce-small"])
        #expect(session.mappingPath == nil && session.saved == nil && session.isDirty)
        #expect(session.mapping.sources.contains { $0.entity == .contact && $0.input == .file("Contact.csv") })
        #expect(session.fileChoice("Contact.csv")?.confidence ?? 0 > 0.5)
    }

    @Test func stageValuesAreMappedFromTheColumnsFrequencyTable() throws {
        let (app, _, folder) = try Self.openSample()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        Self.press(app, .char(":"))
        Self.type(app, "deals")
        Self.press(app, .enter)
        #expect(Self.screen(app).contains("deals from Opportunity.csv"), ":deals shows the deals' fields")
        for _ in 0..<10 { Self.press(app, .down) }   // stage
        Self.press(app, .char("v"))
        #expect(Self.screen(app).contains("Value map deal-stage for StageName"))
        #expect(Self.screen(app).contains("0 of 9 values mapped, 120 records unmapped"))
        #expect(Self.screen(app).split(separator: "\n").contains { $0.contains("Value Proposition") && $0.contains(" 17 unmapped") })
        Self.press(app, .char("a"))
        let map = try #require(app.context.session?.mapping.valueMaps["deal-stage"])
        #expect(map.lookup("Closed Won") == "Closed Won")
        // Enter offers Gong's stages as a list to pick from, filtered by typing: no free text to mistype.
        Self.press(app, .enter)
        #expect(Self.screen(app).contains("Needs Analysis"), "the stages are listed")
        Self.type(app, "prosp")
        Self.press(app, .enter)
        #expect(app.context.session?.mapping.valueMaps["deal-stage"]?.lookup("Value Proposition") == "Prospecting")
        Self.press(app, .escape)
        let stage = try #require(app.context.session?.mapping.sources.first { $0.entity == .deal && !$0.isHistory }?.field("stage"))
        #expect(ExpressionSyntax.render(stage.expression).contains("map(deal-stage)"), "the map comes before the lookup")
    }

    /// Looking at a field's values must change nothing: `v` then Esc on DEAL amount used to add an
    /// empty `map(deal-amount)` that made every deal invalid.
    @Test func openingAValueMapChangesNothingUntilAValueIsMapped() throws {
        let (app, _, folder) = try Self.openSample()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let before = try #require(app.context.session?.mapping)
        Self.press(app, .char(":"))
        Self.type(app, "deals")
        Self.press(app, .enter)
        for _ in 0..<11 { Self.press(app, .down) }   // amount
        Self.press(app, .char("v"))
        #expect(Self.screen(app).contains("Value map deal-amount for Amount"))
        Self.press(app, .escape)
        #expect(app.context.session?.mapping == before)
    }

    /// An expression naming a column the file lacks is refused where it is typed, with a guess.
    @Test func anExpressionWithAMissingColumnIsRefusedInTheEditor() throws {
        let (app, _, folder) = try Self.openSample()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let before = try #require(app.context.session?.mapping)
        Self.press(app, .char(":"))
        Self.type(app, "deals")
        Self.press(app, .enter)
        for _ in 0..<6 { Self.press(app, .down) }   // name
        Self.press(app, .enter, .ctrl("u"))
        Self.type(app, "Nmae | trim")
        Self.press(app, .enter)
        #expect(Self.screen(app).contains("column 'Nmae' is not in Opportunity.csv (did you mean 'Name'?)"))
        #expect(app.context.session?.mapping == before)
        Self.press(app, .ctrl("u"))
        Self.type(app, "Name | trim")
        Self.press(app, .enter)
        let name = try #require(app.context.session?.mapping.sources.first { $0.entity == .deal && !$0.isHistory }?.field("name"))
        #expect(ExpressionSyntax.render(name.expression) == "Name | trim")
    }

    @Test func anExportIsChosenFromAFolderListing() throws {
        let folder = NSTemporaryDirectory() + "gongmap-choose-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.copyItem(atPath: Self.root + "/Samples/salesforce-small", toPath: folder + "/crm")
        var settings = UISettings()
        settings.themeName = "monochrome"
        settings.userThemeFolder = folder + "/themes"
        let app = WizardApp(settings: settings)
        _ = app.update(.resize(Self.size))
        Self.press(app, .char("n"))
        #expect(app.route == .choose(.export), "n on the start screen asks for an export")
        #expect(Self.screen(app).contains("data files here. u uses this folder"))
        // Walk from the temporary folder: it holds one folder, crm/.
        var listing = FileChooserScreen(purpose: .export, folder: folder)
        var context = AppContext(settings: settings)
        #expect(listing.handle(.down, &context) && listing.handle(.enter, &context))
        #expect(listing.folder.hasSuffix("/crm"))
        #expect(listing.handle(.char("u"), &context))
        guard case .openExport(let paths)? = context.effects.last else { Issue.record("no export chosen"); return }
        #expect(paths == [listing.folder])
    }
}
