import CRMExport
import Foundation
import GongCRM
import Mapping

extension Suggester {
    /// The suggestion for `export`, checked against it: what `validate` would refuse is left out and said.
    public static func suggest(profiles: [FileProfile], exportPath: String?, export: Export) -> Suggestion {
        var suggestion = suggest(profiles: profiles, exportPath: exportPath)
        suggestion.notes += SuggestionRepair.leaveOutRefused(&suggestion.mapping, export: export)
        return suggestion
    }
}

/// A suggested mapping must be one that `validate` accepts. What the export refuses (a lookup
/// nothing provides, a custom field Gong would refuse, a source without objectId) is left out of
/// it, and each omission is said as a note, so that the admin decides that part.
public enum SuggestionRepair {
    public static func leaveOutRefused(_ mapping: inout Mapping, export: Export) -> [String] {
        var notes: [String] = []
        for index in mapping.sources.indices.reversed() where mapping.sources[index].field("objectId") == nil {
            let source = leaveOut(index, of: &mapping)
            notes.append("\(source.inputLabel) has no column that identifies its \(source.entity.displayName) (no id, no unique email or name); it is left unassigned: give it an objectId (e.g. hash(ColumnA, ColumnB)) and map it under entities")
        }
        // Leaving out one part can leave another without what it needs (a lookup of a dropped source): a few rounds settle it.
        for _ in 0..<4 {
            let context = ApplyContext(options: mapping.options, runTimestamp: GongTimestamp(secondsSinceEpoch: Int(Date().timeIntervalSince1970)))
            let problems = ConfigurationCheck(export: export, mapping: mapping, mappingFile: "suggested mapping", context: context).problems()
            guard !problems.isEmpty else { break }
            for problem in problems { notes.append("left out: \(problem.message)") }
            for (entity, name) in problems.compactMap(\.customField) {
                mapping.customFields[entity]?.removeAll { $0.uniqueName == name }
                for index in mapping.sources.indices where mapping.sources[index].entity == entity { mapping.sources[index].fields.removeAll { $0.target == name } }
            }
            var droppedSources: Set<Int> = []
            for problem in problems {
                guard let index = problem.source else { continue }
                if let field = problem.field, field != "objectId" {
                    mapping.sources[index].fields.removeAll { $0.target == field }
                } else {
                    droppedSources.insert(index)
                }
            }
            for index in droppedSources.sorted(by: >) { leaveOut(index, of: &mapping) }
        }
        return notes
    }

    /// Removes a source; its files that nothing else reads become unassigned.
    @discardableResult
    private static func leaveOut(_ index: Int, of mapping: inout Mapping) -> SourceMapping {
        let source = mapping.sources.remove(at: index)
        mapping.unassigned += source.input.files.filter { file in !mapping.unassigned.contains(file) && !mapping.sources.contains { $0.input.files.contains(file) } }
        return source
    }
}
