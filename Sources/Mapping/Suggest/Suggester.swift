import CRMExport
import Foundation
import GongCRM

/// Proposes a mapping for an export: files to entities, columns to fields, stages and users
/// derived when the export has no file for them, references by name resolved through lookups,
/// and the remaining columns as typed custom fields. Every choice carries a confidence and reason.
public enum Suggester {
    public static func suggest(profiles: [FileProfile], exportPath: String?) -> Suggestion {
        var state = State(profiles: profiles)
        // A mapping file never holds a database password (PGPASSWORD or ~/.pgpass give it).
        state.mapping.export = exportPath.map { PostgresLocation.isPostgresURL($0) ? PostgresLocation.redacted($0) : $0 }
        state.assignFiles()
        state.decideDateOrder()
        for entity in EntityType.uploadOrder {
            for index in state.files.indices where state.files[index].entity == entity && !state.files[index].isHistory {
                state.mapCurrent(fileIndex: index)
            }
        }
        state.linkStages()
        state.linkUsers()
        state.linkByName()
        state.fillModifiedDate()
        for index in state.files.indices where state.files[index].isHistory { state.mapHistory(fileIndex: index) }
        state.proposeCustomFields()
        state.orderSources()
        var seen: Set<String> = []
        let notes = state.notes.filter { seen.insert($0).inserted }
        return Suggestion(mapping: state.mapping, files: state.files, fields: state.fieldChoices(), notes: notes)
    }

    /// The standard fields of one file read as `entity` (when the user assigns a file to another
    /// entity than the suggested one): columns matched by name and values, with their reasons.
    public static func source(for profile: FileProfile, as entity: EntityType) -> SourceMapping? {
        var state = State(profiles: [profile])
        state.files = [.init(file: profile.file.name, entity: entity, isHistory: false, confidence: 1, reason: "chosen by you")]
        state.mapCurrent(fileIndex: 0)
        state.fillModifiedDate()
        return state.mapping.sources.first
    }

    struct State {
        let profiles: [FileProfile]
        var mapping = Mapping()
        var files: [Suggestion.FileChoice] = []
        var notes: [String] = []
        /// Source index per profile index.
        var sourceOfFile: [Int: Int] = [:]

        init(profiles: [FileProfile]) { self.profiles = profiles }

        func profile(_ name: String) -> FileProfile? { profiles.first { $0.file.name == name } }

        mutating func assignFiles() {
            for profile in profiles {
                let verdict = FileClassifier.classify(profile)
                files.append(.init(file: profile.file.name, entity: verdict.entity, isHistory: verdict.isHistory, confidence: verdict.confidence, reason: verdict.reason))
                if verdict.entity == nil { mapping.unassigned.append(profile.file.name) }
            }
        }

        /// Numeric dates (01/02/2024) take their day/month order from the evidence of the whole export.
        mutating func decideDateOrder() {
            var dayFirst: [String] = [], monthFirst: [String] = [], ambiguous = 0
            for profile in profiles {
                for column in profile.columns {
                    let evidence = column.dateOrderEvidence
                    if evidence.dayFirst > 0 { dayFirst.append("\(profile.file.name):\(column.name)") }
                    if evidence.monthFirst > 0 { monthFirst.append("\(profile.file.name):\(column.name)") }
                    ambiguous += evidence.ambiguous
                }
            }
            switch (dayFirst.isEmpty, monthFirst.isEmpty) {
            case (true, false):
                mapping.options.dateOrder = .monthFirst
                notes.append("numeric dates are month first (MM/DD/YYYY), seen in \(monthFirst.prefix(3).joined(separator: ", ")); options.dateOrder is MDY")
            case (false, true):
                mapping.options.dateOrder = .dayFirst
                notes.append("numeric dates are day first (DD/MM/YYYY), seen in \(dayFirst.prefix(3).joined(separator: ", ")); options.dateOrder is DMY")
            case (false, false):
                notes.append("numeric dates mix day-first (\(dayFirst.prefix(2).joined(separator: ", "))) and month-first (\(monthFirst.prefix(2).joined(separator: ", "))); give those columns explicit formats such as date(dd/MM/yyyy)")
            case (true, true):
                if ambiguous > 0 {
                    notes.append("\(ambiguous) numeric dates read both as day/month and month/day and nothing in the export decides; set options.dateOrder to MDY or DMY before uploading")
                }
            }
        }

        // MARK: Standard fields

        mutating func mapCurrent(fileIndex: Int) {
            let choice = files[fileIndex]
            guard let entity = choice.entity, let profile = profile(choice.file) else { return }
            let matches = ColumnMatcher(entity: entity, profile: profile, isHistory: false).matches()
            var source = SourceMapping(entity: entity, input: .file(choice.file), note: "\(choice.file) → \(entity.rawValue): " + describe(choice.confidence, choice.reason))
            for field in EntityCatalog.fields(of: entity) {
                guard let match = matches.first(where: { $0.field == field.name }) else { continue }
                source.fields.append(FieldMapping(target: field.name, expression: expression(for: match, field: field, profile: profile),
                                                  note: describe(match.confidence, match.reason)))
            }
            refineFields(&source, profile: profile)
            if source.field("objectId") == nil { deriveObjectId(&source, profile: profile) }
            if entity == .deal && source.field("status") == nil { addDealStatusFromFlags(&source, profile: profile) }
            if entity == .deal, let status = source.field("status"), case .column(let column) = status.expression.source { mapStatusValues(&source, column: column, profile: profile) }
            if entity == .deal { addDealStatusFromStage(&source, profile: profile) }
            sourceOfFile[fileIndex] = mapping.sources.count
            mapping.sources.append(source)
        }

        func expression(for match: ColumnMatcher.Match, field: StandardField, profile: FileProfile) -> Expression {
            let column = profile.column(named: match.column)
            switch field.kind {
            case .stringArray where field.name == "domains": return .column(match.column, [.domain])
            case .email: return .column(match.column, [.trim])
            case .datetime where column?.kind == .date: return .column(match.column, [.datetime(format: nil)])
            case .number where column.map({ $0.share(.currency) > 0.2 || $0.share(.decimal) > 0.2 }) == true: return .column(match.column, [.number(.auto)])
            default: return .column(match.column)
            }
        }

        /// Salesforce has IsClosed/IsWon (HubSpot "Is Closed Won"/"Is closed lost") instead of a status:
        /// both combine into WON, LOST or OPEN. The map has an entry for every pair of the values the
        /// two columns hold (`true`/`false`, Data Export's `1`/empty, `Y`/`N`, …), so no closed deal is
        /// left out for a missing entry; both empty is OPEN.
        mutating func addDealStatusFromFlags(_ source: inout SourceMapping, profile: FileProfile) {
            let pairs: [(String, String, (Bool, Bool) -> String)] = [
                ("isclosed", "iswon", { closed, won in !closed ? "OPEN" : won ? "WON" : "LOST" }),
                ("isclosedwon", "isclosedlost", { won, lost in won ? "WON" : lost ? "LOST" : "OPEN" }),
            ]
            for (firstKey, secondKey, verdict) in pairs {
                guard let first = profile.header.first(where: { Synonyms.key($0) == firstKey }),
                      let second = profile.header.first(where: { Synonyms.key($0) == secondKey }) else { continue }
                var entries: [(String, String)] = []
                var unknown: [String] = []
                var bothEmpty: String?
                for firstValue in Self.values(of: first, in: profile) {
                    for secondValue in Self.values(of: second, in: profile) {
                        let key = (firstValue + "/" + secondValue).lowercased()
                        guard let one = Self.flag(firstValue), let other = Self.flag(secondValue) else {
                            unknown.append(key)
                            continue
                        }
                        // Two empty cells make an empty template, which no map entry can match.
                        if firstValue.trimmed.isEmpty && secondValue.trimmed.isEmpty { bothEmpty = verdict(one, other) } else { entries.append((key, verdict(one, other))) }
                    }
                }
                let order = ["WON": 0, "LOST": 1, "OPEN": 2]
                mapping.valueMaps["dealStatus"] = ValueMap(entries.sorted { (order[$0.1]!, $0.0) < (order[$1.1]!, $1.0) })
                if !unknown.isEmpty {
                    notes.append("\(first)/\(second) values \(unknown.prefix(5).map { "'\($0)'" }.joined(separator: ", ")) are not yes/no: give them WON, LOST or OPEN in valueMaps.dealStatus")
                }
                var transforms: [Transform] = [.lower, .map(name: "dealStatus", otherwise: .error)]
                if let bothEmpty { transforms.append(.defaultValue(bothEmpty)) }
                source.fields.append(FieldMapping(target: "status", expression: Expression(source: .template([.column(first), .literal("/"), .column(second)]), transforms: transforms),
                                                  note: "0.90 \(first) and \(second) combine into WON/LOST/OPEN"))
                return
            }
        }

        /// A status column with the CRM's words (won, lost, open, …) maps through a value map.
        mutating func mapStatusValues(_ source: inout SourceMapping, column: String, profile: FileProfile) {
            guard let values = profile.column(named: column)?.frequencyTable, !values.isEmpty,
                  !values.allSatisfy({ ["WON", "LOST", "OPEN"].contains($0.value) }) else { return }
            var entries: [(String, String)] = []
            var unknown: [String] = []
            for (value, _) in values {
                let word = value.lowercased()
                if word.contains("won") || word == "win" || word == "1" { entries.append((value, "WON")) }
                else if word.contains("lost") || word.contains("lose") || word == "2" { entries.append((value, "LOST")) }
                else if word.contains("open") || word.contains("progress") || word == "0" || word == "active" { entries.append((value, "OPEN")) }
                else { unknown.append(value) }
            }
            mapping.valueMaps["dealStatus"] = ValueMap(entries)
            if let index = source.fields.firstIndex(where: { $0.target == "status" }) {
                source.fields[index].expression.transforms.append(.map(name: "dealStatus", otherwise: .error))
            }
            if !unknown.isEmpty { notes.append("deal status values \(unknown.prefix(5).map { "'\($0)'" }.joined(separator: ", ")) have no WON/LOST/OPEN entry in valueMaps.dealStatus yet") }
        }

        /// The distinct values of a column, the empty one included when some rows have it.
        static func values(of column: String, in profile: FileProfile) -> [String] {
            guard let profiled = profile.column(named: column) else { return [] }
            return profiled.frequencyTable.map(\.value) + (profiled.nonEmpty < profile.rows ? [""] : [])
        }

        /// A yes/no value as Salesforce and others write it; empty is no.
        static func flag(_ value: String) -> Bool? { value.trimmed.isEmpty ? false : BooleanParser.parse(value) }

        // MARK: Relationships

        func sourceIndex(of entity: EntityType) -> Int? { mapping.sources.firstIndex { $0.entity == entity && !$0.isHistory } }

        func column(_ source: SourceMapping, _ field: String) -> String? {
            if case .column(let name)? = source.field(field)?.expression.source { return name }
            return nil
        }

        func values(_ file: String, _ column: String) -> Set<String> {
            Set(profile(file)?.column(named: column)?.frequencies.keys.map { $0 } ?? [])
        }

        /// Deal stages point at STAGE objectIds: directly, through a lookup of stage names, or to
        /// stages derived from the distinct values when the export has no stage file.
        mutating func linkStages() {
            guard let dealIndex = sourceIndex(of: .deal), let stageColumn = column(mapping.sources[dealIndex], "stage"),
                  case .file(let dealFile) = mapping.sources[dealIndex].input else { return }
            let dealStages = values(dealFile, stageColumn)
            if let stageIndex = sourceIndex(of: .stage), case .file(let stageFile) = mapping.sources[stageIndex].input {
                let stageSource = mapping.sources[stageIndex]
                let ids = column(stageSource, "objectId").map { values(stageFile, $0) } ?? []
                let names = column(stageSource, "name").map { values(stageFile, $0) } ?? []
                let idOverlap = overlap(dealStages, ids), nameOverlap = overlap(dealStages, names)
                let field = mapping.sources[dealIndex].fields.firstIndex { $0.target == "stage" }!
                if nameOverlap > idOverlap && nameOverlap > 0 {
                    mapping.sources[dealIndex].fields[field].expression.transforms = [.trim, .lookup(entity: .stage, field: "name")]
                    mapping.sources[dealIndex].fields[field].note = describe(0.9, "values are stage names of \(stageFile) (\(Int(nameOverlap * 100))% found); looked up to the stage's objectId")
                    let missing = dealStages.subtracting(names).sorted()
                    if !missing.isEmpty { notes.append("deal stages \(missing.prefix(5).map { "'\($0)'" }.joined(separator: ", ")) are not in \(stageFile); those deals will have no stage") }
                }
                return
            }
            guard !dealStages.isEmpty else { return }
            // Several pipelines (HubSpot, Pipedrive) reuse stage names: a stage is a pipeline's stage.
            if let pipeline = profile(dealFile)?.columns.first(where: { Synonyms.key($0.name) == "pipeline" && $0.name != stageColumn && $0.distinctEstimate > 1 }) {
                deriveStages(dealIndex: dealIndex, from: dealFile, columns: [stageColumn, pipeline.name], fields: [
                    FieldMapping(target: "objectId", expression: Expression(source: .template([.column(pipeline.name), .literal(" "), .column(stageColumn)]), transforms: [.slug]),
                                 note: "0.80 pipeline and stage made into an id: pipelines share stage names"),
                    FieldMapping(target: "name", expression: Expression(source: .template([.column(stageColumn), .literal(" ("), .column(pipeline.name), .literal(")")])),
                                 note: "0.80 the stage with its pipeline as its name"),
                ], note: "no stage file: stages derived from the distinct pipelines and stages of \(dealFile) (\(pipeline.name), \(stageColumn))")
            } else if dealStages.allSatisfy({ Self.numberedStage($0) != nil }) {
                // Dynamics 365 numbers its pipeline phases ("3-Propose"): the number is the stage's order.
                deriveStages(dealIndex: dealIndex, from: dealFile, columns: [stageColumn], fields: [
                    FieldMapping(target: "objectId", expression: .column(stageColumn, [.slug]), note: "0.80 stage names made into ids"),
                    FieldMapping(target: "name", expression: .column(stageColumn, [.split(separator: "-", index: 1)]), note: "0.80 the stage's name after its number"),
                    FieldMapping(target: "sortOrder", expression: .column(stageColumn, [.split(separator: "-", index: 0)]), note: "0.80 the stage's number is its order"),
                ], note: "no stage file: \(dealStages.count) numbered stages derived from the distinct values of \(dealFile) \(stageColumn)")
            } else {
                let looksLikeIds = dealStages.allSatisfy { ObjectIdRule.problem(with: $0) == nil && !$0.contains(" ") }
                deriveStages(dealIndex: dealIndex, from: dealFile, columns: [stageColumn], fields: [
                    FieldMapping(target: "objectId", expression: looksLikeIds ? .column(stageColumn, [.trim]) : .column(stageColumn, [.slug]),
                                 note: looksLikeIds ? "0.80 the stage values are usable ids" : "0.80 stage names made into ids"),
                    FieldMapping(target: "name", expression: .column(stageColumn, [.trim]), note: "0.80 the stage value as its name"),
                ], note: "no stage file: \(dealStages.count) stages derived from the distinct values of \(dealFile) \(stageColumn)")
            }
        }

        /// A STAGE source of the distinct values of deal columns; the deal's stage becomes the same
        /// expression as the stage's objectId (the first of `fields`), so each deal names its stage.
        mutating func deriveStages(dealIndex: Int, from dealFile: String, columns: [String], fields: [FieldMapping], note: String) {
            let now = FieldMapping(target: "modifiedDate", expression: Expression(source: .now), note: "0.70 no stage file: the time of the run")
            mapping.sources.append(SourceMapping(entity: .stage, input: .distinct([DistinctColumns(file: dealFile, columns: columns)]), fields: fields + [now], note: note))
            let field = mapping.sources[dealIndex].fields.firstIndex { $0.target == "stage" }!
            mapping.sources[dealIndex].fields[field].expression = fields[0].expression
        }

        /// "3-Propose" → (3, "Propose").
        static func numberedStage(_ value: String) -> (Int, String)? {
            let parts = value.split(separator: "-", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, let number = Int(parts[0]), !parts[1].isEmpty else { return nil }
            return (number, parts[1])
        }

        /// Deal owners point at BUSINESS_USER objectIds; without a user file, users are derived
        /// from the owner column (with an owner email column when the export has one).
        mutating func linkUsers() {
            guard let dealIndex = sourceIndex(of: .deal), let ownerColumn = column(mapping.sources[dealIndex], "ownerId"),
                  case .file(let dealFile) = mapping.sources[dealIndex].input, let dealProfile = profile(dealFile),
                  let owner = dealProfile.column(named: ownerColumn) else { return }
            let field = mapping.sources[dealIndex].fields.firstIndex { $0.target == "ownerId" }!
            if let userIndex = sourceIndex(of: .businessUser) {
                let userSource = mapping.sources[userIndex]
                let owners = values(dealFile, ownerColumn)
                let ids = column(userSource, "objectId").flatMap { id in userSource.input.files.first.map { values($0, id) } } ?? []
                if owner.kind == .email, column(userSource, "emailAddress") != nil, overlap(owners, ids) < 0.5 {
                    mapping.sources[dealIndex].fields[field].expression = .column(ownerColumn, [.trim, .lookup(entity: .businessUser, field: "emailAddress")])
                    mapping.sources[dealIndex].fields[field].note = describe(0.85, "owners are emails; looked up to the user's objectId")
                } else if overlap(owners, ids) < 0.5, case .file(let userFile) = userSource.input, let users = profile(userFile) {
                    // Gong's users have no name field: the lookup reads the users file's own column,
                    // or its first and last names joined.
                    if let (names, found) = userColumnHolding(owners, users: users) {
                        let target = column(userSource, "emailAddress") == names.name ? "emailAddress" : names.name
                        mapping.sources[dealIndex].fields[field].expression = .column(ownerColumn, [.trim, .lookup(entity: .businessUser, field: target)])
                        mapping.sources[dealIndex].fields[field].note = describe(0.8, "owners are \(names.name) values of \(userFile) (\(Int(found * 100))% of the distinct owners found); looked up to the user's objectId")
                        noteAmbiguous(names, file: userFile, entity: .businessUser)
                    } else if let (first, last, found) = userNamesHolding(owners, users: users) {
                        let template = "{\(first)} {\(last)}"
                        mapping.sources[dealIndex].fields[field].expression = .column(ownerColumn, [.trim, .lookup(entity: .businessUser, field: template)])
                        mapping.sources[dealIndex].fields[field].note = describe(0.75, "owners are the first and last names of \(userFile) (\(Int(found * 100))% of the distinct owners found); looked up to the user's objectId")
                    }
                }
                return
            }
            if owner.kind == .email {
                mapping.sources.append(SourceMapping(entity: .businessUser, input: .distinct([DistinctColumns(file: dealFile, columns: [ownerColumn])]), fields: [
                    FieldMapping(target: "objectId", expression: .column(ownerColumn, [.trim, .lower]), note: "0.80 the owner's email is the user's id"),
                    FieldMapping(target: "emailAddress", expression: .column(ownerColumn, [.trim, .lower]), note: "0.85 owner emails"),
                    FieldMapping(target: "modifiedDate", expression: Expression(source: .now), note: "0.70 no user file: the time of the run"),
                ], note: "no user file: business users derived from the distinct owners of \(dealFile) \(ownerColumn)"))
                mapping.sources[dealIndex].fields[field].expression = .column(ownerColumn, [.trim, .lower])
                return
            }
            let emailColumn = dealProfile.columns.first { $0.name != ownerColumn && $0.kind == .email && Synonyms.key($0.name).contains("owner") }?.name
            var fields = [FieldMapping(target: "objectId", expression: .column(ownerColumn, owner.kind == .text ? [.slug] : [.trim]), note: "0.75 the owner column")]
            var columns = [ownerColumn]
            if let emailColumn {
                columns.append(emailColumn)
                fields.append(FieldMapping(target: "emailAddress", expression: .column(emailColumn, [.trim, .lower]), note: "0.85 owner emails"))
            } else {
                notes.append("business users are derived from \(dealFile) \(ownerColumn), which holds no emails; Gong needs each user's email: add a user file or an owner-email column")
            }
            fields.append(FieldMapping(target: "modifiedDate", expression: Expression(source: .now), note: "0.70 no user file: the time of the run"))
            mapping.sources.append(SourceMapping(entity: .businessUser, input: .distinct([DistinctColumns(file: dealFile, columns: columns)]), fields: fields,
                                                 note: "no user file: business users derived from the distinct owners of \(dealFile)"))
            if owner.kind == .text { mapping.sources[dealIndex].fields[field].expression = .column(ownerColumn, [.slug]) }
        }

        /// References holding names or emails instead of ids become lookups.
        mutating func linkByName() {
            let references: [(EntityType, String, EntityType, String)] = [
                (.contact, "accountId", .account, "name"), (.deal, "accountId", .account, "name"),
                (.lead, "convertedToAccountId", .account, "name"), (.lead, "convertedToContactId", .contact, "emailAddress"),
            ]
            for (entity, field, target, targetField) in references {
                guard let index = sourceIndex(of: entity), let columnName = column(mapping.sources[index], field),
                      case .file(let file) = mapping.sources[index].input, let column = profile(file)?.column(named: columnName),
                      let targetIndex = sourceIndex(of: target), let targetColumn = self.column(mapping.sources[targetIndex], targetField),
                      case .file(let targetFile) = mapping.sources[targetIndex].input else { continue }
                // The values decide when they can: found among the target's ids, or among its names.
                let referenced = values(file, columnName)
                let idOverlap = self.column(mapping.sources[targetIndex], "objectId").map { overlap(referenced, values(targetFile, $0)) } ?? 0
                let keyOverlap = overlap(referenced, values(targetFile, targetColumn))
                let byName: Bool
                if self.column(mapping.sources[targetIndex], "objectId") == targetColumn {
                    // The target's id is made from its name (an export without ids): names are looked up to it.
                    byName = keyOverlap > 0 || column.kind == .text
                } else if idOverlap > 0 || keyOverlap > 0 {
                    byName = keyOverlap > idOverlap
                } else {
                    byName = targetField == "name" ? column.kind == .text && column.share(.identifierLike) < 0.5 : column.kind == .email
                }
                guard byName else { continue }
                if let targetProfile = profile(targetFile)?.column(named: targetColumn) { noteAmbiguous(targetProfile, file: targetFile, entity: target) }
                let position = mapping.sources[index].fields.firstIndex { $0.target == field }!
                mapping.sources[index].fields[position].expression = .column(columnName, [.trim, .lookup(entity: target, field: targetField)])
                mapping.sources[index].fields[position].note = describe(0.8, "values are \(targetField == "name" ? "names" : "emails"), not ids; looked up to the \(target.rawValue) objectId")
            }
        }

        /// Gong requires modifiedDate; without a column for it, the time of the run is sent (its own advice).
        mutating func fillModifiedDate() {
            for index in mapping.sources.indices where mapping.sources[index].field("modifiedDate") == nil && !mapping.sources[index].isHistory {
                mapping.sources[index].fields.insert(FieldMapping(target: "modifiedDate", expression: Expression(source: .now),
                                                                  note: "0.60 no modification time found: the time of the run, as Gong advises"),
                                                     at: min(1, mapping.sources[index].fields.count))
                notes.append("\(mapping.sources[index].inputLabel) has no modification time; modifiedDate is the time of the run that sends a \(mapping.sources[index].entity.rawValue) record, which happens when its content changes")
            }
        }

        // MARK: History

        mutating func mapHistory(fileIndex: Int) {
            let choice = files[fileIndex]
            guard let entity = choice.entity, let profile = profile(choice.file) else { return }
            let matches = ColumnMatcher(entity: entity, profile: profile, isHistory: true).matches()
            guard matches.contains(where: { $0.field == "objectId" }), matches.contains(where: { $0.field == "modifiedDate" }) else {
                files[fileIndex].entity = nil
                files[fileIndex].reason += "; but no record id and version time columns were found, so it is left unassigned"
                mapping.unassigned.append(choice.file)
                return
            }
            var source = SourceMapping(entity: entity, input: .file(choice.file), isHistory: true,
                                       note: "\(choice.file) → \(entity.rawValue) history (past versions, sent oldest first before the current state): " + describe(choice.confidence, choice.reason))
            let current = sourceIndex(of: entity).map { mapping.sources[$0] }
            for field in EntityCatalog.fields(of: entity) {
                guard let match = matches.first(where: { $0.field == field.name }) else { continue }
                var expression = expression(for: match, field: field, profile: profile)
                if let currentField = current?.field(field.name), case .column(let name) = currentField.expression.source,
                   Synonyms.key(name) == Synonyms.key(match.column), field.name != "objectId", field.name != "modifiedDate" {
                    expression.transforms = currentField.expression.transforms
                }
                source.fields.append(FieldMapping(target: field.name, expression: expression, note: describe(match.confidence, match.reason)))
            }
            sourceOfFile[fileIndex] = mapping.sources.count
            mapping.sources.append(source)
        }

        // MARK: Custom fields

        mutating func proposeCustomFields() {
            for (fileIndex, sourceIndex) in sourceOfFile.sorted(by: { $0.value < $1.value }) {
                let source = mapping.sources[sourceIndex]
                guard source.entity.acceptsCustomFields, let profile = profile(files[fileIndex].file) else { continue }
                let used = Set(source.fields.flatMap(\.expression.columns))
                if source.isHistory {
                    // A history column named like one the current file maps to a custom field feeds that field.
                    for field in mapping.customFields[source.entity] ?? [] {
                        guard let current = self.sourceIndex(of: source.entity), let currentField = mapping.sources[current].field(field.uniqueName),
                              case .column(let name) = currentField.expression.source, profile.column(named: name) != nil, !used.contains(name) else { continue }
                        mapping.sources[sourceIndex].fields.append(FieldMapping(target: field.uniqueName, expression: currentField.expression, note: "0.80 same column as in the current file"))
                    }
                    continue
                }
                var taken = Set((mapping.customFields[source.entity] ?? []).map(\.uniqueName))
                for column in profile.columns where !used.contains(column.name) {
                    guard let proposal = CustomFieldProposer.propose(column, entity: source.entity, taken: taken) else { continue }
                    taken.insert(proposal.field.uniqueName)
                    mapping.customFields[source.entity, default: []].append(proposal.field)
                    var field = FieldMapping(target: proposal.field.uniqueName, expression: proposal.expression, note: "0.60 " + proposal.reason)
                    // A REFERENCE names its target as the target's objectId is written: the same prefix taken off.
                    if proposal.field.type == .reference { adaptIds(&field, entity: source.entity, profile: profile, isReference: true) }
                    mapping.sources[sourceIndex].fields.append(field)
                }
            }
        }

        mutating func orderSources() {
            mapping.sources = mapping.sources.enumerated().sorted {
                ($0.element.entity.orderIndex, $0.element.isHistory ? 1 : 0, $0.offset) < ($1.element.entity.orderIndex, $1.element.isHistory ? 1 : 0, $1.offset)
            }.map(\.element)
        }

        func overlap(_ values: Set<String>, _ targets: Set<String>) -> Double {
            guard !values.isEmpty else { return 0 }
            let folded = Set(targets.map { $0.lowercased() })
            return Double(values.filter { folded.contains($0.lowercased()) }.count) / Double(values.count)
        }

        func fieldChoices() -> [Suggestion.FieldChoice] {
            mapping.sources.flatMap { source in
                source.fields.map { field in
                    let parts = (field.note ?? "").split(separator: " ", maxSplits: 1).map(String.init)
                    return Suggestion.FieldChoice(entity: source.entity, file: source.inputLabel, field: field.target, expression: ExpressionSyntax.render(field.expression),
                                                  confidence: Double(parts.first ?? "") ?? 1, reason: parts.count > 1 ? parts[1] : "",
                                                  isCustom: EntityCatalog.field(field.target, of: source.entity) == nil)
                }
            }
        }
    }
}
