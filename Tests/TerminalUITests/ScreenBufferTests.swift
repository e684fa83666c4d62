import Testing
@testable import TerminalUI

@Suite("Screen buffer")
struct ScreenBufferTests {
    @Test func writesTextAndStopsAtTheEdge() {
        var buffer = ScreenBuffer(size: Size(width: 10, height: 2))
        let end = buffer.write("Accounts and contacts", x: 2, y: 0)
        #expect(end == 10)
        #expect(buffer.lines() == ["  Accounts", ""])
    }

    @Test func wideGraphemesTakeTwoCellsAndAreNeverHalfDrawn() {
        var buffer = ScreenBuffer(size: Size(width: 7, height: 3))
        buffer.write("東京ab", x: 0, y: 0)
        buffer.write("a東京", x: 3, y: 1)
        #expect(buffer.lines() == ["東京ab", "   a東", ""])
        #expect(buffer[x: 0, y: 0].width == 2 && buffer[x: 1, y: 0].isContinuation)
        // The second 京 needed columns 6 and 7 of a 7-wide row: a space instead.
        #expect(buffer[x: 4, y: 1] == Cell("東", width: 2) && buffer[x: 6, y: 1] == Cell(" "))
    }

    @Test func overwritingHalfAWideGraphemeBlanksTheOtherHalf() {
        var buffer = ScreenBuffer(size: Size(width: 6, height: 2))
        buffer.write("東京", x: 0, y: 0)
        buffer.write("x", x: 1, y: 0)
        buffer.write("東京", x: 0, y: 1)
        buffer.write("y", x: 2, y: 1)
        #expect(buffer.lines() == [" x京", "東y"])
        #expect(!buffer[x: 3, y: 1].isContinuation)
    }

    @Test func accentsCombineAndEmojiWithVS16TakeTwoCells() {
        var buffer = ScreenBuffer(size: Size(width: 12, height: 1))
        let end = buffer.write("e\u{301}té ☀\u{FE0F}!", x: 0, y: 0)
        #expect(end == 7)
        #expect(buffer[x: 0, y: 0].text == "e\u{301}")
        #expect(buffer[x: 4, y: 0].width == 2)
        #expect(buffer.lines() == ["e\u{301}té ☀\u{FE0F}!"])
    }

    @Test func zeroWidthJoinerSequencesShowTheirFirstScalar() {
        var buffer = ScreenBuffer(size: Size(width: 6, height: 1))
        buffer.write("👨‍👩‍👧x", x: 0, y: 0)
        #expect(buffer[x: 0, y: 0].text == "👨")
        #expect(buffer.lines() == ["👨x"])
    }

    @Test func controlCharactersAreShownNotSent() {
        var buffer = ScreenBuffer(size: Size(width: 12, height: 1))
        buffer.write("a\tb\nc\u{7}d\u{1B}[2J", x: 0, y: 0)
        #expect(buffer.lines() == ["a b↵c�d�[2J"])
    }

    @Test func boxesAndTitles() {
        var buffer = ScreenBuffer(size: Size(width: 16, height: 4))
        buffer.drawBox(Rect(x: 0, y: 0, width: 16, height: 4), style: .plain, symbols: .unicode, title: "Fields of CONTACT")
        buffer.write("objectId", x: 2, y: 1)
        #expect(buffer.lines() == [
            "┌ Fields of C… ┐",
            "│ objectId     │",
            "│              │",
            "└──────────────┘",
        ])
        var ascii = ScreenBuffer(size: Size(width: 8, height: 3))
        ascii.drawBox(ascii.area, style: .plain, symbols: .ascii, title: "Run 12")
        #expect(ascii.lines() == ["+ R... +", "|      |", "+------+"])
    }

    @Test func diffSendsOnlyChangedCells() {
        var old = ScreenBuffer(size: Size(width: 5, height: 2))
        old.write("abcde", x: 0, y: 0)
        var new = old
        new.write("x", x: 2, y: 0)
        new.write("東", x: 0, y: 1)
        #expect(new.diff(from: old) == [CellChange(x: 2, y: 0, cell: Cell("x")), CellChange(x: 0, y: 1, cell: Cell("東", width: 2))])
        #expect(new.diff(from: nil).count == 9, "every cell but the continuation")
        #expect(new.diff(from: ScreenBuffer(size: Size(width: 4, height: 2))).count == 9, "a new size repaints")
    }

    @Test func stylesAreKeptPerCell() {
        var buffer = ScreenBuffer(size: Size(width: 6, height: 1))
        let red = Style(foreground: .red, attributes: .bold)
        buffer.write([Span("ok "), Span("err", style: red)], x: 0, y: 0)
        buffer.apply(Style(background: .blue), to: Rect(x: 0, y: 0, width: 4, height: 1))
        #expect(buffer[x: 0, y: 0].style == Style(background: .blue))
        #expect(buffer[x: 3, y: 0].style == Style(foreground: .red, background: .blue, attributes: .bold))
        #expect(buffer[x: 4, y: 0].style == red)
    }

    @Test func rectanglesSplitByLengths() {
        let area = Rect(x: 0, y: 0, width: 100, height: 30)
        let columns = area.split(.horizontal, [.fixed(20), .fill(1), .fill(2), .percent(10)])
        #expect(columns.map(\.width) == [20, 23, 47, 10])
        #expect(columns.map(\.x) == [0, 20, 43, 90])
        let rows = area.split(.vertical, [.fixed(1), .fill(), .fixed(1)])
        #expect(rows.map(\.height) == [1, 28, 1])
        #expect(Rect(x: 0, y: 0, width: 10, height: 4).split(.horizontal, [.fixed(8), .fixed(8)]).map(\.width) == [8, 2])
    }
}
