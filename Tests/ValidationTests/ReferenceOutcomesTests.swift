import Testing
@testable import Validation

/// A row carries the outcome of each reference in two bits; an entity with more references than
/// fit keeps the rest aside.
@Suite("Reference outcomes")
struct ReferenceOutcomesTests {
    @Test func everyPositionKeepsItsOwnOutcome() {
        let all: [ReferenceOutcomes.Outcome] = [.empty, .linked, .missing, .deferred]
        var outcomes = ReferenceOutcomes()
        for position in 0..<40 { outcomes[position] = all[(position * 7 + 3) % 4] }
        outcomes[5] = .linked
        for position in 0..<40 {
            #expect(outcomes[position] == (position == 5 ? .linked : all[(position * 7 + 3) % 4]), "position \(position)")
        }
        #expect(outcomes[60] == .empty)
    }
}
