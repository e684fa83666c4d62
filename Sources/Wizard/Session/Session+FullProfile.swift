import CRMExport
import Mapping

extension Session {
    /// Takes the profiles of every row in place of those of the first rows. A suggested mapping
    /// nobody edited yet is replaced by the suggestion from all rows; an edited one is kept.
    /// Returns what the notice says, and whether the mapping changed.
    mutating func adopt(_ full: SessionLoader.FullProfile) -> (notice: String, mappingChanged: Bool) {
        profiles = full.profiles
        unreadable = full.unreadable
        profiling?.phase = full.stopped ? .stopped : .complete
        let rows = full.profiles.reduce(0) { $0 + $1.rows }.formatted()
        let basis = full.stopped ? "Profile stopped at \(rows) rows" : "Profiled all \(rows) rows"
        guard let refined = full.suggestion, let sampled = suggestion else { return (basis, false) }
        guard mapping == sampled.mapping else {
            suggestion = refined
            return ("\(basis); your edits are kept (suggestions were from the first rows)", false)
        }
        let changes = Self.choiceChanges(from: sampled, to: refined)
        suggestion = refined
        mapping = refined.mapping
        if changes == 0 { return ("\(basis): suggestions confirmed", sampled.mapping != refined.mapping) }
        return ("\(basis): suggestions refined, \(changes) choice\(changes == 1 ? "" : "s") changed", true)
    }

    /// File and field choices that differ between two suggestions.
    static func choiceChanges(from old: Suggestion, to new: Suggestion) -> Int {
        func keys(_ suggestion: Suggestion) -> Set<String> {
            Set(suggestion.files.map { "\($0.file) \($0.entity?.rawValue ?? "-") \($0.isHistory)" }
                + suggestion.fields.map { "\($0.entity) \($0.file) \($0.field)=\($0.expression)" })
        }
        let before = keys(old), after = keys(new)
        return max(before.subtracting(after).count, after.subtracting(before).count)
    }
}
