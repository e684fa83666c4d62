import Foundation
import Testing
@testable import TerminalUI

@_silgen_name("wcwidth") private func systemWidth(_ character: Int32) -> Int32

@Suite("Display width")
struct DisplayWidthTests {
    @Test(arguments: [("a", 1), ("é", 1), ("e\u{301}", 1), ("東", 2), ("한", 2), ("😀", 2), ("☀\u{FE0F}", 2), ("☀", 1), ("\u{200B}", 0), ("\u{FFFD}", 1)])
    func graphemes(_ text: String, _ width: Int) {
        #expect(DisplayWidth.of(Character(text)) == width)
    }

    @Test func agreesWithGlibcOnEveryScalar() {
        setlocale(LC_CTYPE, "C.UTF-8")
        var differences: [String] = []
        for value in UInt32(0x20)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let expected = Int(systemWidth(Int32(bitPattern: value)))
            if DisplayWidth.of(scalar) != expected { differences.append(String(format: "U+%04X: ours %d, glibc %d", value, DisplayWidth.of(scalar), expected)) }
        }
        #expect(differences.isEmpty, "\(differences.prefix(10))")
    }

    @Test func truncatesAndPadsByColumns() {
        #expect(DisplayWidth.truncate("Kontakte東京", to: 9) == "Kontakte…")
        #expect(DisplayWidth.truncate("東京都", to: 5) == "東京…")
        #expect(DisplayWidth.truncate("東京都", to: 5, ellipsis: "...") == "東...")
        #expect(DisplayWidth.truncate("東京都", to: 4, ellipsis: "...") == "...")
        #expect(DisplayWidth.pad("東", to: 4) == "東  ")
        #expect(DisplayWidth.of("東京 ok") == 7)
    }

    @Test func aCutNameKeepsWhatTellsItApart() {
        #expect(DisplayWidth.truncateKeepingLastPart("Salesforce.xlsx#OpportunityStage", to: 24) == "Salesf…#OpportunityStage")
        #expect(DisplayWidth.truncateKeepingLastPart("crm/2024-11/Contact.csv", to: 16) == "crm…/Contact.csv")
        #expect(DisplayWidth.truncateKeepingLastPart("Book.xlsx#東京", to: 8) == "Bo…#東京", "by columns: 東京 takes four")
        #expect(DisplayWidth.truncateKeepingLastPart("Book.xlsx#A very long sheet name", to: 12) == "…#A very lo…", "a last part too long for the room is cut at its end")
        #expect(DisplayWidth.truncateKeepingLastPart("Book.xlsx#Kontakte東京", to: 14, ellipsis: "...") == "...#Kontakt...")
        #expect(DisplayWidth.truncateKeepingLastPart("Account.csv", to: 8) == "Account…", "no # or /: cut at the end")
        #expect(DisplayWidth.truncateKeepingLastPart("Book.xlsx#Users", to: 15) == "Book.xlsx#Users", "what fits is not cut")
    }
}
