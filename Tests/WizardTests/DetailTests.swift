import Foundation
import Mapping
import Testing
import TerminalUI
@testable import Wizard

/// Nested in the sample's suite: its tests set XDG_STATE_HOME, so they must not run beside it.
extension WizardFlowTests {
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

        /// `/` filters the focused list on every step; on Custom fields `/lead` used to type `l` and
        /// open the label editor.
        @Test func slashFiltersTheFocusedList() throws {
            let (app, _, folder) = try Flow.openSample()
            defer { try? FileManager.default.removeItem(atPath: folder) }
            _ = app.update(.resize(Self.narrow))
            Flow.press(app, .char("4"), .char("/"))
            Flow.type(app, "lead")
            Flow.press(app, .enter)
            let rows = Self.screen(app).split(separator: "\n")
            #expect(rows.contains { $0.contains("LEAD ") && $0.contains("company") })
            #expect(!rows.contains { $0.contains("ACCOUNT ") && $0.contains("billingStreet") }, "rows without 'lead' are hidden")
            #expect(Self.screen(app).contains("Custom fields /lead"), "the status bar says a filter is on")
            Flow.press(app, .down, .down)
            let selected = try #require(app.screens.customFields.table.selection.matches)
            #expect(selected.contains(app.screens.customFields.table.selection.selected), "moving stays among the matches")
            Flow.press(app, .char("/"), .escape)
            #expect(app.screens.customFields.table.selection.filter.isEmpty)
            #expect(Self.screen(app).split(separator: "\n").contains { $0.contains("DEAL ") }, "Esc clears it: the other rows are back")

            Flow.press(app, .char("5"), .char("/"))
            Flow.type(app, "ownerId")
            let groups = Self.screen(app).split(separator: "\n").filter { $0.contains("warning ") || $0.contains("error ") }
            #expect(!groups.isEmpty && groups.allSatisfy { $0.contains("ownerId") }, "filtered as it is typed")
        }

        /// A schema change that deletes data in Gong says so whole at 80 columns: the line wraps.
        @Test func schemaChangesWrapAt80Columns() throws {
            let (app, _, folder) = try Flow.openSample()
            defer { try? FileManager.default.removeItem(atPath: folder) }
            _ = app.update(.resize(Self.narrow))
            Flow.press(app, .char("4"), .char("t"))
            Flow.type(app, "STRING")
            Flow.press(app, .enter)
            app.dismissNotices()   // they draw over the bottom rows
            let screen = Self.screen(app)
            #expect(screen.contains("ACCOUNT.type PICKLIST → STRING: Gong replaces the field and deletes its"))
            #expect(screen.split(separator: "\n").contains { $0.hasPrefix("│  values ") }, "the end of the warning, on a line of its own")
        }
    }
}
