import Foundation
import Mapping
import Testing
import TerminalUI
@testable import Wizard

/// Space shows the selected row whole; `:messages` lists the session's notices; the `?` overlay
/// wraps at 80 columns instead of cutting words.
@Suite("Details and messages", .serialized)
struct DetailTests {
    typealias Flow = WizardFlowTests
    static let narrow = Size(width: 80, height: 24)

    static func screen(_ app: WizardApp) -> String { app.view(size: narrow).lines().joined(separator: "\n") }

    @Test func spaceShowsTheSelectedRowWhole() throws {
        let (app, _, folder) = try Flow.openSample()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        _ = app.update(.resize(Self.narrow))
        Flow.press(app, .char("5"), .down, .down, .down, .down, .char(" "))
        let group = Self.screen(app)
        #expect(group.contains("Problem group"))
        #expect(group.contains("'2024-02-30' is not a real calendar date"), "the example the table cuts, whole")
        Flow.press(app, .escape)
        #expect(!Self.screen(app).contains("Problem group"), "any other key closes it")

        Flow.press(app, .char("1"), .tab, .char(" "))
        #expect(Self.screen(app).contains("Column Id of"), "a column's profile")
        #expect(Self.screen(app).contains("Kind: identifier"))
        Flow.press(app, .escape)

        Flow.press(app, .char("3"), .char(" "))
        #expect(Self.screen(app).contains("From: Id"), "a field's mapping whole")
    }

    @Test func messagesListEveryNoticeOfTheSession() throws {
        let (app, _, folder) = try Flow.openSample()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        _ = app.update(.resize(Self.narrow))
        Flow.press(app, .char("2"), .char("x"), .char("u"))
        #expect(Self.screen(app).contains(":messages"), "the notice line says where the others are")
        Flow.press(app, .char(":"))
        Flow.type(app, "messages")
        Flow.press(app, .enter)
        let log = Self.screen(app)
        #expect(log.contains("Messages of this session"))
        #expect(log.contains("Opened"))
        #expect(log.contains("is ignored (u undoes)"))
        #expect(log.contains("Undone:"))
    }

    @Test func theKeysOverlayWrapsAt80Columns() throws {
        let (app, _, folder) = try Flow.openSample()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        _ = app.update(.resize(Self.narrow))
        Flow.press(app, .char("8"), .char("?"))
        let keys = Self.screen(app)
        // The longest help of the Upload keys, wrapped onto a second line instead of cut.
        #expect(keys.contains("Enter Gong's access key and secret: written to the"))
        #expect(keys.contains("file (mode 0600), never shown"), "the rest on the next line, not cut")
    }

    /// `o` never replaces an earlier orphans.csv, and counts read right.
    @Test func orphansAreWrittenBesideTheMappingWithoutReplacingAnEarlierList() throws {
        let (app, _, folder) = try Flow.openSample()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        Flow.press(app, .char("6"), .char("o"))
        #expect(FileManager.default.fileExists(atPath: folder + "/orphans.csv"))
        Flow.press(app, .char("o"))
        #expect(FileManager.default.fileExists(atPath: folder + "/orphans-2.csv"), "the first list is kept")
        #expect(Flow.screen(app).contains("orphans-2.csv"))
        #expect(counted(1, "contacts") == "1 contact" && counted(2, "contacts") == "2 contacts" && counted(1, "entities") == "1 entity")
    }
}
