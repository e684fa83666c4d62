import CRMExport
import Testing

/// The byte test that spares right text from decoding must never miss damaged text.
@Suite("Damaged text")
struct DirtyTextTests {
    static let damaged = ["CafÃ©", "MÃ¼ller GmbH", "SociÃƒÂ©tÃƒÂ©", "donâ€™t", "Å’uvre", "Ã…ngstrÃ¶m", "ðŸšš",
                          "Acme\u{200B}", "\u{FEFF}Acme", "A\u{2060}B", "\u{00A0}Acme", "Acme\u{00A0}", "Acme\u{202F}"]
    static let right = ["Müller", "Chloé", "株式会社 🚚", "Zoë Bäcker", "São Paulo", "naïve café", "Ørsted", "Ñandú", "A\u{00A0}B", "plain"]

    @Test(arguments: damaged)
    func damageIsFoundAndRepaired(text: String) {
        var copy = text
        let flagged = copy.withUTF8(DirtyText.mayBeDirty)
        #expect(flagged)
        #expect(DirtyText.damage(in: text) != nil)
        #expect(DirtyText.damage(in: DirtyText.repair(text)) == nil)
    }

    @Test(arguments: right)
    func rightTextPassesWithoutDecoding(text: String) {
        var copy = text
        let flagged = copy.withUTF8(DirtyText.mayBeDirty)
        #expect(!flagged)
        #expect(DirtyText.damage(in: text) == nil)
    }
}
