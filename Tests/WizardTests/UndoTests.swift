import Foundation
import Mapping
import Testing
import TerminalUI
@testable import Wizard

/// Nested in the sample's suite: its tests set XDG_STATE_HOME, so they must not run beside it.
extension WizardFlowTests {
    /// Every mapping edit can be undone (`u`, `:undo`) and redone (Ctrl-R, `:redo`), across steps,
    /// with the change named in a notice.
    @Suite("Undo and redo", .serialized)
    struct UndoTests {
        typealias Flow = WizardFlowTests

        @Test func anExpressionEditIsUndoneAndRedoneFromAnotherStep() throws {
            let (app, _, folder) = try Flow.openSample()
            defer { try? FileManager.default.removeItem(atPath: folder) }
            let opened = try #require(app.context.session?.mapping)
            Flow.press(app, .tab, .down, .down, .tab, .down, .down, .down, .down)   // ACCOUNT name
            Flow.press(app, .enter, .ctrl("u"))
            Flow.type(app, "Name | upper")
            Flow.press(app, .enter)
            let edited = try #require(app.context.session?.mapping)
            #expect(edited != opened)
            #expect(app.edits.undoable.map(\.name) == ["ACCOUNT.name: Name → Name | upper"])

            Flow.press(app, .char("5"), .char("u"))
            #expect(app.context.session?.mapping == opened, "undone on another step")
            #expect(Flow.screen(app).contains("Undone: ACCOUNT.name: Name → Name | upper"))
            #expect(app.context.session?.isDirty == false)

            Flow.press(app, .ctrl("r"))
            #expect(app.context.session?.mapping == edited)
            #expect(Flow.screen(app).contains("Redone: ACCOUNT.name"))

            Flow.press(app, .char(":"))
            Flow.type(app, "undo")
            Flow.press(app, .enter)
            #expect(app.context.session?.mapping == opened, ":undo")
            Flow.press(app, .char("u"))
            #expect(Flow.screen(app).contains("Nothing to undo"))
        }

        @Test func ignoringAFileAndRemovingACustomFieldAreUndoable() throws {
            let (app, _, folder) = try Flow.openSample()
            defer { try? FileManager.default.removeItem(atPath: folder) }
            let opened = try #require(app.context.session?.mapping)
            Flow.press(app, .char("2"), .char("x"))
            #expect(Flow.screen(app).contains("Account.csv is ignored (u undoes)"))
            Flow.press(app, .char("u"))
            #expect(app.context.session?.mapping == opened)
            #expect(Flow.screen(app).contains("Undone: Account.csv no longer ACCOUNT"))

            Flow.press(app, .char("4"))
            let customBefore = opened.customFields.values.reduce(0) { $0 + $1.count }
            #expect(customBefore > 0)
            Flow.press(app, .char("x"))
            #expect(app.context.session?.mapping.customFields.values.reduce(0) { $0 + $1.count } == customBefore - 1)
            #expect(Flow.screen(app).contains("(u undoes)"))
            Flow.press(app, .char("u"))
            #expect(app.context.session?.mapping == opened, "the field and its mapping are back")
            #expect(Flow.screen(app).contains("removed"))
        }

        /// A new edit after an undo drops the redo; many edits undo one by one.
        @Test func historyIsLinear() {
            var history = EditHistory()
            var a = Mapping(), b = Mapping(), c = Mapping()
            a.unassigned = ["a"]
            b.unassigned = ["b"]
            c.unassigned = ["c"]
            history.record(from: a, to: b)
            history.record(from: b, to: c)
            #expect(history.undo()?.before == b)
            history.record(from: b, to: a)
            #expect(history.redo() == nil, "a new edit drops the redo")
            #expect(history.undo()?.before == b)
            #expect(history.undo()?.before == a)
            #expect(history.undo() == nil)
        }
    }
}
