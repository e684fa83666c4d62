import CRMExport
import GongCRM

/// Exports without id columns (Dynamics 365 views, warehouse tables) still need an objectId per
/// record, and links between records by name.
extension Suggester.State {
    /// A natural key when one is unique (a person's email, an account's or user's name), else a
    /// stable hash of the columns that identify the record, said as such.
    mutating func deriveObjectId(_ source: inout SourceMapping, profile: FileProfile) {
        func mapped(_ field: String) -> ColumnProfile? {
            guard case .column(let name)? = source.field(field)?.expression.source else { return nil }
            return profile.column(named: name)
        }
        let entity = source.entity
        let naturalKey: (column: ColumnProfile, transforms: [Transform], what: String)? = switch entity {
        case .businessUser, .contact, .lead:
            mapped("emailAddress").map { ($0, [.trim, .lower], "email") } ?? (entity == .businessUser ? nameColumn(of: profile).map { ($0, [.trim, .slug], "name") } : nil)
        case .account: mapped("name").map { ($0, [.trim, .slug], "name") }
        case .stage: mapped("name").map { ($0, [.trim, .slug], "name") }
        case .deal: nil
        }
        if let key = naturalKey, Self.isUnique(key.column, rows: profile.rows) {
            source.fields.insert(FieldMapping(target: "objectId", expression: .column(key.column.name, key.transforms),
                                              note: "0.75 no id column: each \(entity.singularName) has its own \(key.what), used as its id (a changed \(key.what) makes a new record in Gong)"),
                                 at: 0)
            notes.append("\(source.inputLabel) has no id column: objectId is each \(entity.singularName)'s \(key.what) (\(key.column.name)), unique in this export; a changed \(key.what) makes a new record in Gong")
            return
        }
        var identifying = ["name", "firstName", "lastName", "emailAddress", "accountId", "createdDate"].compactMap { mapped($0)?.name }
        // Companies share names across cities (two "Fourth Coffee"s): the city tells them apart.
        if entity == .account, let city = profile.columns.first(where: { Synonyms.key($0.name).contains("city") && $0.nonEmpty > 0 }) { identifying.append(city.name) }
        // A column empty in some rows would change the id once the CRM fills it in: only full columns, where there are some.
        let full = identifying.filter { profile.column(named: $0).map { $0.nonEmpty == profile.rows } ?? false }
        if !full.isEmpty { identifying = full }
        guard !identifying.isEmpty else { return }
        source.fields.insert(FieldMapping(target: "objectId", expression: Expression(source: .hash(identifying)),
                                          note: "0.65 no id column and no unique key: a stable hash of \(identifying.joined(separator: ", ")) (a change to any of them makes a new record in Gong)"),
                             at: 0)
        notes.append("\(source.inputLabel) has no id column: objectId is hash(\(identifying.joined(separator: ", "))); if the CRM has a record id, export it and map it instead")
    }

    /// A column of full names in a users file: Dynamics 365's "Full Name", a warehouse's `name`.
    func nameColumn(of profile: FileProfile) -> ColumnProfile? {
        let keys = ["fullname", "name", "username", "displayname", "ownername", "user", "salesrep"]
        return keys.lazy.compactMap { key in profile.columns.first { Synonyms.key($0.name) == key && $0.kind == .text } }.first
    }

    /// Every row has a value and no value occurs twice (estimated past the profile's table of values).
    static func isUnique(_ column: ColumnProfile, rows: Int) -> Bool {
        guard column.nonEmpty == rows, rows > 0 else { return false }
        if column.frequenciesComplete { return column.frequencies.values.allSatisfy { $0 == 1 } }
        return Double(column.distinctEstimate) >= Double(column.nonEmpty) * 0.98
    }

    /// Values that occur more than once in a column: names that cannot say which record they mean.
    static func repeatedValues(_ column: ColumnProfile) -> [String] {
        column.frequencies.filter { $0.value > 1 && !$0.key.trimmed.isEmpty }.keys.sorted()
    }

    /// A note on names that a lookup cannot resolve because several records have them.
    mutating func noteAmbiguous(_ column: ColumnProfile, file: String, entity: EntityType) {
        let repeated = Self.repeatedValues(column)
        guard !repeated.isEmpty else { return }
        notes.append("\(repeated.count) \(column.name) value(s) of \(file) name more than one \(entity.singularName) (\(repeated.prefix(3).map { "'\($0)'" }.joined(separator: ", "))); records that name them are not linked (lookup-ambiguous): make the names unique in the CRM or link by an id")
    }

    /// Owners written as "First Last" where the users file has the two names in two columns.
    func userNamesHolding(_ owners: Set<String>, users: FileProfile) -> (first: String, last: String, overlap: Double)? {
        guard !owners.isEmpty,
              let first = users.columns.first(where: { ["firstname", "givenname"].contains(Synonyms.key($0.name)) }),
              let last = users.columns.first(where: { ["lastname", "surname", "familyname"].contains(Synonyms.key($0.name)) }) else { return nil }
        let firsts = Set(first.frequencies.keys.map { $0.trimmed.lowercased() }), lasts = Set(last.frequencies.keys.map { $0.trimmed.lowercased() })
        let found = owners.filter { owner in
            let words = owner.trimmed.lowercased().split(separator: " ").map(String.init)
            return words.count >= 2 && firsts.contains(words[0]) && lasts.contains(words.dropFirst().joined(separator: " "))
        }.count
        let share = Double(found) / Double(owners.count)
        return share >= 0.5 ? (first.name, last.name, share) : nil
    }

    /// Owners written as names, found in a column of the users file: `Owner | lookup(BUSINESS_USER.Full Name)`.
    func userColumnHolding(_ owners: Set<String>, users: FileProfile) -> (column: ColumnProfile, overlap: Double)? {
        users.columns.filter { $0.kind == .text || $0.kind == .email }
            .map { ($0, overlap(owners, Set($0.frequencies.keys))) }
            .filter { $0.1 >= 0.5 }
            .max { $0.1 < $1.1 }
    }
}
