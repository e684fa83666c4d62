import Testing
import TerminalUI

@Suite("Key maps")
struct KeyMapTests {
    enum Action: Hashable, Sendable { case save, quit, help, down }

    let map = KeyMap<Action>("Fields", [
        KeyBinding([.ctrl("s")], .save, hint: "save", help: "Save the mapping file"),
        KeyBinding([.down, .char("j")], .down, help: "Next field"),
        KeyBinding([.char("?")], .help, hint: "help", help: "Show the keys"),
        KeyBinding([.char("q")], .quit, hint: "quit", help: "Quit"),
    ])

    @Test func dispatchesByKey() {
        #expect(map.action(for: .char("j")) == .down)
        #expect(map.action(for: .ctrl("s")) == .save)
        #expect(map.action(for: .char("x")) == nil)
        #expect(map.conflicts.isEmpty)
    }

    @Test func hintsFitTheWidth() {
        #expect(map.hints(fitting: 80).map(\.hint) == ["save", "help", "quit"])
        #expect(map.hints(fitting: 21).map(\.keys) == ["Ctrl-S", "?"], "each hint costs its keys, a space, its word and two spaces")
        #expect(map.hints(fitting: 20).map(\.keys) == ["Ctrl-S"])
        #expect(map.bindings[1].keyNames() == "↓/j")
        #expect(map.bindings[1].keyNames(ascii: true) == "Down/j")
    }
}
