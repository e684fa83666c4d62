import GongCRM
import Mapping

/// The mapping edits of a session, to undo and redo: each step is the mapping before an edit with
/// what the edit did.
public struct EditHistory: Sendable {
    public struct Edit: Sendable {
        public var before: Mapping
        public var after: Mapping
        public var name: String
    }

    public static let limit = 200
    public private(set) var undoable: [Edit] = []
    public private(set) var redoable: [Edit] = []

    public init() {}

    /// Remembers an edit; a new edit drops what could be redone.
    public mutating func record(from before: Mapping, to after: Mapping) {
        guard before != after else { return }
        undoable.append(Edit(before: before, after: after, name: MappingChange.describe(from: before, to: after)))
        if undoable.count > Self.limit { undoable.removeFirst() }
        redoable.removeAll()
    }

    /// The edit to take back, if any; `current` must be where it left the mapping.
    public mutating func undo() -> Edit? {
        guard let edit = undoable.popLast() else { return nil }
        redoable.append(edit)
        return edit
    }

    public mutating func redo() -> Edit? {
        guard let edit = redoable.popLast() else { return nil }
        undoable.append(edit)
        return edit
    }
}

/// One line naming what changed between two mappings, for notices: `CONTACT.email: Email → Email | lower`.
public enum MappingChange {
    public static func describe(from old: Mapping, to new: Mapping) -> String {
        var changes: [String] = []
        for entity in Set(old.customFields.keys).union(new.customFields.keys).sorted(by: { $0.rawValue < $1.rawValue }) {
            let before = old.customFields[entity] ?? [], after = new.customFields[entity] ?? []
            for field in after where !before.contains(field) {
                if let was = before.first(where: { $0.uniqueName == field.uniqueName }) {
                    changes.append("custom field \(entity.rawValue).\(field.uniqueName)" + (was.type != field.type ? " type \(was.type.rawValue) → \(field.type.rawValue)" : " changed"))
                } else if !before.contains(where: { $0.label == field.label && $0.type == field.type }) {
                    changes.append("custom field \(entity.rawValue).\(field.uniqueName) added")
                } else {
                    changes.append("custom field renamed \(entity.rawValue).\(field.uniqueName)")
                }
            }
            for field in before where !after.contains(where: { $0.uniqueName == field.uniqueName || $0.label == field.label && $0.type == field.type }) {
                changes.append("custom field \(entity.rawValue).\(field.uniqueName) removed")
            }
        }
        let oldSources = Dictionary(old.sources.map { (key($0), $0) }, uniquingKeysWith: { first, _ in first })
        let newSources = Dictionary(new.sources.map { (key($0), $0) }, uniquingKeysWith: { first, _ in first })
        for source in new.sources where oldSources[key(source)] == nil {
            changes.append("\(source.inputLabel) → \(label(source))")
        }
        for source in old.sources where newSources[key(source)] == nil {
            changes.append("\(source.inputLabel) no longer \(label(source))")
        }
        for source in new.sources {
            guard let before = oldSources[key(source)], before.fields != source.fields else { continue }
            changes += fieldChanges(source.entity, from: before.fields, to: source.fields)
        }
        for name in Set(old.valueMaps.keys).union(new.valueMaps.keys).sorted() where old.valueMaps[name] != new.valueMaps[name] {
            changes.append(new.valueMaps[name] == nil ? "value map \(name) removed" : "value map \(name)")
        }
        if old.options != new.options { changes.append("options") }
        if old.unassigned != new.unassigned && changes.isEmpty { changes.append("unassigned files") }
        guard let first = changes.first else { return "an edit" }
        return changes.count == 1 ? first : "\(first) (+\(changes.count - 1) more)"
    }

    private static func key(_ source: SourceMapping) -> String { "\(source.entity.rawValue) \(source.isHistory) \(source.inputLabel)" }

    private static func label(_ source: SourceMapping) -> String { source.entity.rawValue + (source.isHistory ? " history" : "") }

    private static func fieldChanges(_ entity: EntityType, from old: [FieldMapping], to new: [FieldMapping]) -> [String] {
        var changes: [String] = []
        for field in new {
            let before = old.first { $0.target == field.target }
            guard before?.expression != field.expression else { continue }
            let text = ExpressionSyntax.render(field.expression)
            changes.append("\(entity.rawValue).\(field.target): " + (before.map { "\(ExpressionSyntax.render($0.expression)) → \(text)" } ?? "← \(text)"))
        }
        for field in old where !new.contains(where: { $0.target == field.target }) {
            changes.append("\(entity.rawValue).\(field.target) unmapped")
        }
        return changes
    }
}
