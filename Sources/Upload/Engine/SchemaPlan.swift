import GongCRM
import Mapping

/// What to send for one entity's schema, from the mapping's custom fields, what Gong lists, and
/// the fields gongmap registered before (the journal's). Gong wants every earlier field in each
/// request (gong-crm-api.md §2.5), so fields gongmap does not manage are sent back as Gong listed
/// them; only managed fields can be removed or retyped, and that needs consent because Gong
/// deletes the field's values.
public struct SchemaPlan: Sendable, Equatable {
    /// The request, or empty when Gong's schema already matches the mapping.
    public private(set) var request: [GongAPI.SchemaField] = []
    public private(set) var added: [String] = []
    public private(set) var changed: [String] = []
    /// Managed fields the mapping no longer has: sent with `isDeleted: true`.
    public private(set) var removed: [String] = []
    /// Managed fields with a new type: Gong makes a new field and deletes the old one's values.
    public private(set) var retyped: [String] = []
    /// Listed by Gong, not registered by gongmap: left as they are.
    public private(set) var unmanaged: [String] = []
    /// Problems that stop the upload whatever the consent, each a sentence.
    public private(set) var conflicts: [String] = []

    public var losesData: Bool { !(removed.isEmpty && retyped.isEmpty) }
    public var needsUpload: Bool { !(added.isEmpty && changed.isEmpty && removed.isEmpty && retyped.isEmpty) }

    public init(type: EntityType, mapping fields: [CustomField], remote: [GongAPI.SchemaField], managed: [String: String]) {
        self.init(type: type, wanted: fields.map(Self.schemaField), remote: remote, managed: managed)
    }

    static func schemaField(_ field: CustomField) -> GongAPI.SchemaField {
        GongAPI.SchemaField(uniqueName: field.uniqueName, label: field.label, type: field.type.rawValue, referenceTo: field.referenceTo?.referenceName,
                            orderedValueList: field.orderedValueList)
    }

    public init(type: EntityType, wanted: [GongAPI.SchemaField], remote: [GongAPI.SchemaField], managed: [String: String]) {
        let live = remote.filter { $0.isDeleted != true }
        let liveByName = Dictionary(live.map { ($0.uniqueName, $0) }, uniquingKeysWith: { first, _ in first })
        let wantedNames = Set(wanted.map(\.uniqueName))
        for field in wanted {
            guard let current = liveByName[field.uniqueName] else {
                added.append(field.uniqueName)
                continue
            }
            if current.type != field.type {
                if managed[field.uniqueName] != nil {
                    retyped.append(field.uniqueName)
                } else {
                    conflicts.append("Gong already has the \(type.rawValue) field \(field.uniqueName), of type \(current.type) that gongmap did not register; "
                                     + "the mapping wants \(field.type). Give the custom field another uniqueName, or change its type to \(current.type)")
                }
            } else if current.label != field.label || current.referenceTo != field.referenceTo
                        || (current.orderedValueList != nil && current.orderedValueList != field.orderedValueList) {
                changed.append(field.uniqueName)
            }
        }
        var keep: [GongAPI.SchemaField] = []
        var drop: [GongAPI.SchemaField] = []
        for field in live where !wantedNames.contains(field.uniqueName) {
            if managed[field.uniqueName] != nil {
                removed.append(field.uniqueName)
                var deletion = field
                deletion.isDeleted = true
                drop.append(deletion)
            } else {
                unmanaged.append(field.uniqueName)
                if field.type == "PICKLIST" && (field.orderedValueList ?? []).isEmpty {
                    conflicts.append("Gong lists the \(type.rawValue) PICKLIST field \(field.uniqueName) without its values, so gongmap cannot send it back unchanged "
                                     + "(Gong wants every earlier field in a schema request); add it to the mapping's customFields with its values")
                }
                var unchanged = field
                unchanged.isDeleted = nil
                keep.append(unchanged)
            }
        }
        if needsUpload { request = wanted + keep + drop }
    }

    /// The fields Gong lists that gongmap leaves alone, in words.
    public var unmanagedSummary: String {
        let names = unmanaged.joined(separator: ", ")
        return unmanaged.count == 1 ? "\(names) is not managed by this mapping and is left as it is"
            : "\(unmanaged.count) fields not managed by this mapping are left as they are: \(names)"
    }

    /// One line for the log, e.g. "2 to add, 1 to remove (deletes its values in Gong)".
    public var summary: String {
        var parts: [String] = []
        if !added.isEmpty { parts.append("\(added.count) to add") }
        if !changed.isEmpty { parts.append("\(changed.count) to change") }
        if !removed.isEmpty { parts.append("\(removed.count) to remove (\(removed.joined(separator: ", ")))") }
        if !retyped.isEmpty { parts.append("\(retyped.count) to retype (\(retyped.joined(separator: ", ")))") }
        return parts.isEmpty ? "unchanged" : parts.joined(separator: ", ")
    }
}
