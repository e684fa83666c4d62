import Testing
@testable import TerminalUI

/// `#expect` for conditions that change state (the macro cannot take mutating calls).
func check(_ condition: Bool, _ comment: Comment? = nil, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(condition, comment, sourceLocation: sourceLocation)
}

@Suite("Widgets")
struct WidgetTests {
    let context = RenderContext(theme: ThemeCatalog.builtin("monochrome")!, symbols: .unicode)

    func buffer(_ width: Int, _ height: Int) -> ScreenBuffer { ScreenBuffer(size: Size(width: width, height: height)) }

    @Test func tableDrawsOnlyVisibleRowsOfMillionsWithAFrozenFirstColumn() {
        let columns = [Table.Column("objectId", width: 9), Table.Column("Name", width: 6), Table.Column("Stage", width: 6), Table.Column("Amount", width: 7, alignment: .right)]
        var asked: Set<Int> = []
        let table = Table(columns: columns, rowCount: 2_000_000) { row, column in
            asked.insert(row)
            return Span(["d-\(row)", "Deal \(row % 10)", "Won", "\(row * 10)"][column])
        }
        var state = Table.State()
        var screen = buffer(25, 4)
        check(state.handle(.end, rowCount: table.rowCount, visibleRows: 3, scrollableColumns: 3))
        table.render(in: screen.area, into: &screen, state: &state, context: context)
        #expect(screen.lines() == [
            "objectId  Name   Stage",
            "d-1999997 Deal 7 Won    │",
            "d-1999998 Deal 8 Won    │",
            "d-1999999 Deal 9 Won    █",
        ])
        #expect(asked == [1_999_997, 1_999_998, 1_999_999])
        #expect(screen[x: 0, y: 3].style.attributes.contains(.reverse), "the selected row")
        check(state.handle(.right, rowCount: table.rowCount, visibleRows: 3, scrollableColumns: 3))
        check(state.handle(.home, rowCount: table.rowCount, visibleRows: 3, scrollableColumns: 3))
        var scrolled = buffer(25, 2)
        table.render(in: scrolled.area, into: &scrolled, state: &state, context: context)
        #expect(scrolled.lines() == ["objectId  Stage   Amount", "d-0       Won          0█"], "numbers align right, headers too")
    }

    @Test func filterListFiltersAsYouTypeAndHighlights() {
        var list = FilterList(["Prospecting", "Qualification", "Closed Won", "Closed Lost"])
        check(list.handle(.char("/"), visible: 4))
        for character in "clo" { check(list.handle(.char(character), visible: 4)) }
        #expect(list.matches == [2, 3])
        check(list.handle(.down, visible: 4))
        #expect(list.selectedItem == 3)
        check(list.handle(.enter, visible: 4))
        var screen = buffer(20, 4)
        list.render(in: screen.area, into: &screen, focused: true, context: context)
        #expect(screen.lines() == ["  Closed Won", "▶ Closed Lost", "", "filter: clo"])
        #expect(screen[x: 2, y: 0].style == context[.highlight], "the match is highlighted")
        check(list.handle(.escape, visible: 4))
        #expect(list.matches.count == 4)
        #expect(list.selectedItem == 3, "the selection stays on the same item")
    }

    @Test func textFieldEditsLikeAShell() {
        var field = TextField("Account Name")
        for key: Key in [.home, .right, .right, .right, .right, .right, .right, .right, .char("-"), .ctrl("e"), .ctrl("w"), .char("X")] { _ = field.handle(key) }
        #expect(field.value == "Account- X", "Ctrl-W takes the word before the cursor, not the space")
        _ = field.handle(.ctrl("u"))
        #expect(field.value == "" && field.cursor == 0)
        field.set("a long value that scrolls")
        var screen = buffer(10, 1)
        field.render(in: screen.area, into: &screen, focused: true, context: context)
        #expect(screen.lines() == ["t scrolls"])
        #expect(screen[x: 9, y: 0].style.attributes.contains(.reverse), "the cursor after the last character")
    }

    @Test func pickerOpensFiltersAndChooses() {
        var picker = Picker(["STRING", "NUMBER", "DATE", "PICKLIST"], chosen: 0)
        var changed = false
        check(!picker.handle(.down, changed: &changed), "closed, it leaves arrows to the screen")
        check(picker.handle(.enter, changed: &changed) && picker.isOpen)
        for character in "pick" { _ = picker.handle(.char(character), changed: &changed) }
        _ = picker.handle(.enter, changed: &changed)
        #expect(!picker.isOpen && changed && picker.value == "PICKLIST")
        var screen = buffer(20, 1)
        picker.render(in: Rect(x: 0, y: 0, width: 12, height: 1), into: &screen, focused: false, screen: screen.area, context: context)
        #expect(screen.lines() == ["PICKLIST   ▾"])
    }

    @Test func confirmationDefaultsToTheSafeButton() {
        var dialog = Dialog.confirm("Delete field", "Removing tier deletes its values in Gong.", yes: "Delete", no: "Keep", isDangerous: true)
        check(dialog.handle(.enter) == .pressed(1))
        check(dialog.handle(.left) == nil)
        check(dialog.handle(.enter) == .pressed(0))
        check(dialog.handle(.char("k")) == .pressed(1))
        check(dialog.handle(.escape) == .cancelled)
        var screen = buffer(50, 9)
        Dialog.confirm("Quit", "An upload is running. It goes on in the background.", yes: "Quit", no: "Stay").render(in: screen.area, into: &screen, context: context)
        #expect(screen.lines() == [
            "",
            "  ┌ Quit ──────────────────────────────────────┐",
            "  │                                            │",
            "  │ An upload is running. It goes on in the    │",
            "  │ background.                                │",
            "  │                                            │",
            "  │             [ Quit ]  [ Stay ]             │",
            "  └────────────────────────────────────────────┘",
            "",
        ])
    }

    @Test func progressBarShowsShareRateAndTimeLeft() {
        var screen = buffer(50, 1)
        ProgressBar(label: "CONTACT", fraction: 0.5, detail: ProgressBar.rate(12_345, per: 1) + ", " + ProgressBar.duration(125) + " left")
            .render(in: screen.area, into: &screen, context: context)
        #expect(screen.lines() == ["CONTACT [███████░░░░░░░]  50%  12,345/s, 2:05 left"])
        #expect(ProgressBar.duration(3725) == "1:02:05")
    }

    @Test func stepBarNumbersStepsWhenNamesDoNotFit() {
        let steps = ["Source", "Entities", "Fields", "Custom fields", "Validate", "Relationships", "Save", "Upload", "Uploads"]
        var wide = buffer(120, 1)
        StepBar(steps: steps, current: 2, done: [0, 1]).render(in: wide.area, into: &wide, context: context)
        #expect(wide.lines() == ["1 Source✓ › 2 Entities✓ ›  3 Fields  › 4 Custom fields › 5 Validate › 6 Relationships › 7 Save › 8 Upload › 9 Uploads"])
        var narrow = buffer(60, 1)
        StepBar(steps: steps, current: 2, done: [0, 1]).render(in: narrow.area, into: &narrow, context: context)
        #expect(narrow.lines() == ["1✓ › 2✓ ›  3 Fields  › 4 › 5 › 6 › 7 › 8 › 9"])
    }

    @Test func statusBarShowsWhereAndTheKeysThatFit() {
        enum Action: Hashable, Sendable { case save, help, quit }
        let keys = KeyMap<Action>("Fields", [KeyBinding([.ctrl("s")], .save, hint: "save", help: "Save"),
                                             KeyBinding([.char("?")], .help, hint: "help", help: "Keys"),
                                             KeyBinding([.char("q")], .quit, hint: "quit", help: "Quit")])
        var screen = buffer(50, 1)
        StatusBar(location: "Fields · CONTACT", keyMap: keys, width: 50, ascii: false).render(in: screen.area, into: &screen, context: context)
        #expect(screen.lines() == [" Fields · CONTACT     Ctrl-S save  ? help  q quit"])
        var help = HelpOverlay(sections: [HelpOverlay.Section(keys, ascii: true)])
        #expect(help.lines.map(\.keys) == ["Fields", "Ctrl-S", "?", "q"])
        var overlay = buffer(40, 10)
        help.render(in: overlay.area, into: &overlay, context: context)
        #expect(overlay.lines()[2...5] == ["  │ Fields                           │", "  │  Ctrl-S  Save                    │",
                                            "  │  ?       Keys                    │", "  │  q       Quit                    │"])
    }

    @Test func noticesExpireErrorsLast() {
        var notices = Notices()
        notices.post("Saved contacts.mapping.yaml", level: .ok, at: 100)
        notices.post("Theme broken", level: .error, at: 100)
        var screen = buffer(40, 1)
        notices.render(in: screen.area, into: &screen, context: context)
        #expect(screen.lines() == [" ! Theme broken  (+1, :messages)"])

        check(notices.prune(at: 105))
        #expect(notices.items.map(\.text) == ["Theme broken"])
        check(notices.prune(at: 112) && notices.current == nil)
        notices.post("theme /home/ann/.config/gongmap/themes/dusk.yaml:3: title: unknown colour `sparkly`; using the default", level: .warning, at: 200)
        var three = buffer(40, 3)
        #expect(notices.render(in: three.area, into: &three, context: context) == 3, "long notices wrap over up to three rows")
        #expect(three.lines() == [" ! theme", "   /home/ann/.config/gongmap/themes/dus", "   k.yaml:3: title: unknown colour …"])
    }

    @Test func treeFoldsAndDrawsBranches() {
        let tree = TreeView(roots: [
            .init(id: "acc-1", label: ["Acme"], children: [
                .init(id: "c-1", label: ["Ann (contact)"]),
                .init(id: "d-1", label: ["Renewal (deal)"], children: [.init(id: "u-1", label: ["owner Bo"])]),
            ]),
            .init(id: "acc-2", label: ["Globex"]),
        ])
        var state = TreeView.State()
        check(tree.handle(.right, state: &state, visible: 5))
        check(tree.handle(.down, state: &state, visible: 5) && tree.handle(.down, state: &state, visible: 5))
        check(tree.handle(.enter, state: &state, visible: 5))
        var screen = buffer(24, 5)
        tree.render(in: screen.area, into: &screen, state: &state, focused: true, context: context)
        #expect(screen.lines() == ["▾ Acme", "├─  Ann (contact)", "└─▾ Renewal (deal)", "  └─  owner Bo", "  Globex"])
        check(tree.handle(.down, state: &state, visible: 5) && tree.handle(.left, state: &state, visible: 5))
        #expect(state.selection.selected == 2, "← on a leaf goes to its parent")
    }

    @Test func tooSmallSaysWhatIsNeeded() {
        let screen = TooSmallScreen.render(size: Size(width: 60, height: 5), context: context)
        #expect(screen.lines() == ["", "                     Terminal too small", "                 60x5; gongmap needs 80x24.", "          Enlarge the window, or press q to quit.", ""])
    }

    @Test func textWrapsAtSpacesAndInsideLongWords() {
        #expect(TextWrap.lines("Removing a field deletes its values", width: 12) == ["Removing a", "field", "deletes its", "values"])
        #expect(TextWrap.lines("https://example.com/a/very/long/path ok", width: 12) == ["https://exam", "ple.com/a/ve", "ry/long/path", "ok"])
        #expect(TextWrap.lines("one\n\ntwo", width: 12) == ["one", "", "two"])
    }

    @Test func svgKeepsTheGridAndEscapes() {
        var screen = buffer(6, 1)
        screen.write("<東>", x: 0, y: 0, style: Style(foreground: .red, background: .blue, attributes: .bold))
        let svg = SVGRenderer.render(screen)
        #expect(svg.contains(##"<text x="0" y="14" fill="#cd3131" font-weight="bold">&lt;</text>"##))
        #expect(svg.contains(##"<text x="9" y="14" fill="#cd3131" font-weight="bold" textLength="18" lengthAdjust="spacingAndGlyphs">東</text>"##))
        #expect(svg.contains(##"<rect x="0" y="0" width="36" height="18" fill="#2472c8"/>"##), "one rect for the run of blue")
    }
}
