import CNCurses
import Foundation
import Testing
import TerminalUI
@testable import TerminalNCurses

/// Real ncurses on temporary files: recorded key bytes in, cells read back from ncurses' screen.
@Suite("ncurses backend", .serialized)
struct NCursesTerminalTests {
    static func withTerminal(input: String, term: String = "xterm-256color", environment: [String: String] = [:],
                             _ body: (NCursesTerminal) throws -> Void) throws {
        setenv("LINES", "12", 1)
        setenv("COLUMNS", "40", 1)
        let output = try #require(tmpfile()), keys = try #require(tmpfile())
        fputs(input, keys)
        rewind(keys)
        let terminal = try NCursesTerminal(termName: term, output: output, input: keys, environment: environment.merging(["TERM": term]) { $1 })
        defer {
            terminal.shutdown()
            fclose(output)
            fclose(keys)
        }
        try body(terminal)
    }

    static func events(_ terminal: NCursesTerminal) -> [Event] {
        var events: [Event] = []
        while let event = terminal.readEvent(timeoutMilliseconds: 30) { events.append(event) }
        return events
    }

    @Test func decodesKeysFromRecordedInput() throws {
        let bytes = "\u{1B}OA\u{1B}[B\u{1B}[15~\u{1B}[24~x\u{1B}[Z\u{1B}[H\u{1B}[F\u{1B}[5~\u{1B}[6~\u{1B}[3~\u{7F}\u{01}\r\t世é"
        try Self.withTerminal(input: bytes) { terminal in
            #expect(Self.events(terminal) == [
                .key(.up), .key(.down), .key(.function(5)), .key(.function(12)), .key(.char("x")), .key(.backTab), .key(.home), .key(.end),
                .key(.pageUp), .key(.pageDown), .key(.delete), .key(.backspace), .key(.ctrl("a")), .key(.enter), .key(.tab),
                .key(.char("世")), .key(.char("é")),
            ])
        }
    }

    @Test func escapeAloneAndAltCombinations() throws {
        try Self.withTerminal(input: "\u{1B}x\u{1B}\u{1B}") { terminal in
            #expect(Self.events(terminal) == [.key(.alt("x")), .key(.escape), .key(.escape)])
        }
    }

    @Test func decodesSequencesTerminfoDoesNotList() throws {
        try Self.withTerminal(input: "\u{1B}[A\u{1B}[1;5C\u{1B}[7~\u{1B}[2~\u{1B}OQ") { terminal in
            #expect(Self.events(terminal) == [.key(.up), .key(.right), .key(.home), .key(.insert), .key(.function(2))])
        }
    }

    @Test func decodesMouseReportsInOrder() throws {
        try Self.withTerminal(input: "\u{1B}[<0;3;5M\u{1B}[<0;3;5m\u{1B}[<64;7;2M\u{1B}[<65;7;2M") { terminal in
            #expect(Self.events(terminal) == [
                .mouse(Mouse(x: 2, y: 4, kind: .press(1))), .mouse(Mouse(x: 2, y: 4, kind: .release(1))),
                .mouse(Mouse(x: 6, y: 1, kind: .wheelUp)), .mouse(Mouse(x: 6, y: 1, kind: .wheelDown)),
            ])
        }
    }

    @Test func presentsCellsWithWideCharactersAndStyles() throws {
        try Self.withTerminal(input: "") { terminal in
            #expect(terminal.size == Size(width: 40, height: 12))
            #expect(terminal.colorDepth == .indexed256)
            var frame = ScreenBuffer(size: terminal.size)
            frame.write("東京 café", x: 1, y: 2, style: Style(foreground: .red, attributes: .bold))
            frame.write("e\u{301}!", x: 38, y: 11)
            terminal.present(frame)
            #expect(Self.cellText(x: 1, y: 2) == "東")
            #expect(Self.cellText(x: 3, y: 2) == "京")
            #expect(Self.cellText(x: 9, y: 2) == "é")
            #expect(Self.cellText(x: 38, y: 11) == "e\u{301}")
            #expect(Self.cellText(x: 39, y: 11) == "!", "the bottom-right cell is drawn")
            #expect(Self.cellAttributes(x: 1, y: 2) & cnc_a_bold() != 0)
        }
    }

    @Test func noColourMeansNoColourPairs() throws {
        try Self.withTerminal(input: "", environment: ["NO_COLOR": "1"]) { terminal in
            #expect(terminal.colorDepth == ColorDepth.none)
            var frame = ScreenBuffer(size: terminal.size)
            frame.write("x", x: 0, y: 0, style: Style(foreground: .red, background: .blue))
            terminal.present(frame)
            var text = [wchar_t](repeating: 0, count: 8), attributes: attr_t = 0, pair: Int16 = -1
            _ = cnc_get_cell(cnc_stdscr(), 0, 0, &text, &attributes, &pair)
            #expect(pair == 0)
        }
    }

    @Test(arguments: ["screen", "tmux-256color", "xterm-256color", "linux", "vt100"])
    func commonTerminalsOpen(_ term: String) throws {
        try Self.withTerminal(input: "q", term: term) { terminal in
            var frame = ScreenBuffer(size: terminal.size)
            frame.write("┌ gongmap ┐", x: 0, y: 0)
            terminal.present(frame)
            #expect(Self.cellText(x: 0, y: 0) == "┌")
            #expect(Self.events(terminal) == [.key(.char("q"))])
        }
    }

    @Test func anUnknownTerminalIsAnErrorNotAnAbort() throws {
        let output = try #require(tmpfile()), keys = try #require(tmpfile())
        defer { fclose(output); fclose(keys) }
        #expect(throws: TerminalError.self) { try NCursesTerminal(termName: "no-such-terminal", output: output, input: keys) }
    }

    static func cellText(x: Int32, y: Int32) -> String {
        var text = [wchar_t](repeating: 0, count: 8), attributes: attr_t = 0, pair: Int16 = 0
        guard cnc_get_cell(cnc_stdscr(), y, x, &text, &attributes, &pair) != ERR else { return "?" }
        return String(String.UnicodeScalarView(text.prefix { $0 != 0 }.compactMap { Unicode.Scalar(UInt32(bitPattern: $0)) }))
    }

    static func cellAttributes(x: Int32, y: Int32) -> attr_t {
        var text = [wchar_t](repeating: 0, count: 8), attributes: attr_t = 0, pair: Int16 = 0
        _ = cnc_get_cell(cnc_stdscr(), y, x, &text, &attributes, &pair)
        return attributes
    }
}
