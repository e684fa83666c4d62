import CRMExport
import Foundation
import GongCRM
import Yams

extension Mapping {
    /// Reads a mapping file; every error names the line and says what to write instead.
    public static func read(yaml text: String, fileName: String) throws(MappingError) -> Mapping {
        let reader = MappingReader(fileName: fileName)
        return try reader.read(text)
    }

    public static func read(path: String) throws(MappingError) -> Mapping {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw MappingError(file: path, line: 0, column: 0, message: "cannot read the mapping file; check the path (create one with `gongmap suggest EXPORT -o \(path)`)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw MappingError(file: path, line: 0, column: 0, message: "mapping file is not UTF-8 text")
        }
        return try read(yaml: text, fileName: path)
    }
}

struct MappingReader {
    let fileName: String

    func place(_ node: Node?) -> MappingPlace? { node?.mark.map { MappingPlace(line: $0.line, column: $0.column) } }

    func fail(_ node: Node?, _ message: String) -> MappingError {
        MappingError(file: fileName, line: node?.mark?.line ?? 0, column: node?.mark?.column ?? 0, message: message)
    }

    func read(_ text: String) throws(MappingError) -> Mapping {
        let root: Node
        do {
            guard let composed = try Yams.compose(yaml: text) else { throw fail(nil, "mapping file is empty; start from `gongmap suggest EXPORT -o FILE`") }
            root = composed
        } catch let error as MappingError {
            throw error
        } catch let error as YamlError {
            throw yamlFailure(error)
        } catch {
            throw fail(nil, "\(error)")
        }
        let top = try pairs(root, "the mapping file", allowed: ["gongmap", "export", "options", "entities", "customFields", "valueMaps", "unassigned"])
        var mapping = Mapping()
        guard let versionNode = top["gongmap"] else {
            throw fail(root, "missing 'gongmap: \(Mapping.currentVersion)' at the top; it tells which version of the format this file uses")
        }
        guard let version = versionNode.int, version >= 1 else { throw fail(versionNode, "'gongmap' must be a format version number such as \(Mapping.currentVersion)") }
        guard version <= Mapping.currentVersion else {
            throw fail(versionNode, "this file uses mapping format \(version), newer than this gongmap understands (\(Mapping.currentVersion)); update gongmap")
        }
        mapping.version = version
        if let export = top["export"] { mapping.export = try string(export, "export") }
        if let options = top["options"] { mapping.options = try readOptions(options) }
        // Past a problem in one entry the others are still read, so that all are reported at once.
        var errors: [MappingError] = []
        func keep(_ body: () throws -> Void) {
            do { try body() } catch let error as MappingError { errors += error.all } catch { errors.append(fail(nil, "\(error)")) }
        }
        if let maps = top["valueMaps"] {
            keep {
                for (key, value) in try orderedPairs(maps, "valueMaps") {
                    keep { mapping.valueMaps[key.text] = try readValueMap(value, name: key.text) }
                }
            }
        }
        if let custom = top["customFields"] {
            keep {
                for (key, value) in try orderedPairs(custom, "customFields") {
                    keep {
                        guard let entity = EntityType(loose: key.text), entity.acceptsCustomFields else {
                            throw fail(key.node, "custom fields can be declared for ACCOUNT, CONTACT, DEAL and LEAD, not '\(key.text)'")
                        }
                        for node in try sequence(value, "customFields.\(entity.rawValue)") {
                            keep { mapping.customFields[entity, default: []].append(try readCustomField(node, entity: entity)) }
                        }
                    }
                }
            }
        }
        if let entities = top["entities"] {
            keep {
                for node in try sequence(entities, "entities") {
                    keep { mapping.sources.append(try readSource(node, mapping: mapping)) }
                }
            }
        }
        if let unassigned = top["unassigned"] {
            keep { mapping.unassigned = try sequence(unassigned, "unassigned").map { node throws(MappingError) in try string(node, "unassigned file") } }
        }
        if let error = MappingError.combined(errors) { throw error }
        return mapping
    }

    func yamlFailure(_ error: YamlError) -> MappingError {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
            return MappingError(file: fileName, line: mark.line, column: mark.column, message: "YAML syntax: \(problem); check indentation and quote values that contain ': ' or start with { [ @ * &")
        case .duplicatedKeysInMapping(let duplicates, let context):
            return MappingError(file: fileName, line: context.mark.line, column: context.mark.column,
                                message: "a key appears twice in this mapping: \(duplicates.joined(separator: ", ")); keep one")
        default:
            return fail(nil, "YAML: \(error)")
        }
    }

    // MARK: Sections

    func readOptions(_ node: Node) throws(MappingError) -> MappingOptions {
        let map = try pairs(node, "options", allowed: ["timeZone", "dateOrder", "decimalMark", "deletions", "objectIdPunctuation"])
        var options = MappingOptions()
        if let zone = map["timeZone"] {
            options.timeZone = try string(zone, "timeZone")
            guard TimeZone(identifier: options.timeZone) != nil else {
                throw fail(zone, "unknown time zone '\(options.timeZone)'; use an IANA name such as UTC, Europe/Berlin or America/New_York")
            }
        }
        if let order = map["dateOrder"] { options.dateOrder = try choice(order, "dateOrder", DateOrder.self) }
        if let mark = map["decimalMark"] { options.decimalMark = try choice(mark, "decimalMark", NumberParser.DecimalMark.self) }
        if let deletions = map["deletions"] { options.deletions = try choice(deletions, "deletions", MappingOptions.DeletionMode.self) }
        if let strictness = map["objectIdPunctuation"] { options.objectIdPunctuation = try choice(strictness, "objectIdPunctuation", MappingOptions.Strictness.self) }
        return options
    }

    func readValueMap(_ node: Node, name: String) throws(MappingError) -> ValueMap {
        ValueMap(try orderedPairs(node, "valueMaps.\(name)").map { key, value throws(MappingError) in (key.text, try string(value, "value of '\(key.text)' in valueMaps.\(name)")) })
    }

    func readCustomField(_ node: Node, entity: EntityType) throws(MappingError) -> CustomField {
        let map = try pairs(node, "a custom field", allowed: ["uniqueName", "label", "type", "referenceTo", "values"])
        guard let nameNode = map["uniqueName"] else { throw fail(node, "custom field needs a uniqueName (the key used in records)") }
        let name = try string(nameNode, "uniqueName")
        guard let typeNode = map["type"] else { throw fail(node, "custom field '\(name)' needs a type: \(CustomFieldType.allCases.map(\.rawValue).joined(separator: ", "))") }
        let typeText = try string(typeNode, "type")
        guard let type = CustomFieldType(rawValue: typeText.uppercased()) else {
            let hint = typeText.uppercased() == "STRINGARRAY" ? "STRINGARRAY is reserved for Gong's own fields; " : ""
            throw fail(typeNode, "\(hint)unknown field type '\(typeText)'; use one of \(CustomFieldType.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        var field = CustomField(uniqueName: name, label: try map["label"].map { n throws(MappingError) in try string(n, "label") } ?? name, type: type)
        if let reference = map["referenceTo"] {
            let text = try string(reference, "referenceTo")
            guard let target = EntityType(loose: text), target != .stage else { throw fail(reference, "referenceTo must be ACCOUNT, CONTACT, DEAL, LEAD or USER") }
            field.referenceTo = target
        }
        if let values = map["values"] {
            field.orderedValueList = try sequence(values, "values").map { n throws(MappingError) in try string(n, "picklist value") }
        }
        if let problem = field.schemaProblems.first { throw fail(node, problem) }
        if EntityCatalog.field(name, of: entity) != nil {
            throw fail(nameNode, "'\(name)' is a standard \(entity.rawValue) field; map it under entities instead of declaring it as a custom field")
        }
        return field
    }

    /// Where a source's rows come from: `file:`, `query:` (a file of the export named
    /// `query: SELECT …`) or `distinct:`.
    func readInput(_ map: [String: Node], of entity: EntityType, at node: Node) throws(MappingError) -> SourceInput {
        if let query = map["query"] {
            guard map["file"] == nil && map["distinct"] == nil else { throw fail(node, "\(entity.rawValue) entry has 'query:' and 'file:' or 'distinct:'; keep one") }
            let sql = try string(query, "query").trimmingCharacters(in: .whitespacesAndNewlines)
            guard !sql.isEmpty else { throw fail(query, "query: needs a SELECT on the export's database") }
            return .file(ExportFile.queryPrefix + sql)
        }
        switch (map["file"], map["distinct"]) {
        case (let file?, nil): return .file(try string(file, "file"))
        case (nil, let distinct?):
            let parts = try sequence(distinct, "distinct").map { part throws(MappingError) -> DistinctColumns in
                let fields = try pairs(part, "a distinct source", allowed: ["file", "columns"])
                guard let file = fields["file"], let columns = fields["columns"] else { throw fail(part, "each distinct source needs file: and columns: [..]") }
                let names = try sequence(columns, "columns").map { n throws(MappingError) in try string(n, "column") }
                guard !names.isEmpty else { throw fail(columns, "list at least one column") }
                return DistinctColumns(file: try string(file, "file"), columns: names)
            }
            guard !parts.isEmpty else { throw fail(distinct, "list at least one file and its columns") }
            return .distinct(parts)
        case (nil, nil): throw fail(node, "\(entity.rawValue) entry needs 'file:' (a file of the export), 'query:' (a SELECT on the export's database) or 'distinct:' (values of columns)")
        case (_?, _?): throw fail(node, "\(entity.rawValue) entry has both 'file:' and 'distinct:'; keep one")
        }
    }

    func readSource(_ node: Node, mapping: Mapping) throws(MappingError) -> SourceMapping {
        let map = try pairs(node, "an entity source", allowed: ["entity", "file", "query", "distinct", "history", "incremental", "fields"])
        guard let entityNode = map["entity"] else { throw fail(node, "each entry under entities needs 'entity:' (\(EntityType.allCases.map(\.rawValue).joined(separator: ", ")))") }
        let entityText = try string(entityNode, "entity")
        guard let entity = EntityType(loose: entityText) else {
            throw fail(entityNode, "unknown entity '\(entityText)'; use one of \(EntityType.allCases.map(\.rawValue).joined(separator: ", ")), or list the file under unassigned")
        }
        let input = try readInput(map, of: entity, at: node)
        var source = SourceMapping(entity: entity, input: input)
        source.place = place(map["file"] ?? map["query"] ?? map["distinct"])
        if let history = map["history"] {
            guard let flag = history.bool else { throw fail(history, "history is true or false") }
            guard !flag || entity.acceptsHistory else { throw fail(history, "Gong takes change history for ACCOUNT, CONTACT, DEAL and LEAD only") }
            source.isHistory = flag
        }
        if let incremental = map["incremental"] {
            source.incremental = try readIncremental(incremental, of: source)
        }
        guard let fields = map["fields"] else { throw fail(node, "\(entity.rawValue) entry from \(source.inputLabel) maps no fields; add fields: with at least objectId") }
        var errors: [MappingError] = []
        var written: Set<String> = []
        for (key, value) in try orderedPairs(fields, "fields") {
            let target = key.text
            written.insert(target)
            if EntityCatalog.field(target, of: entity) == nil && mapping.customField(target, of: entity) == nil {
                let known = EntityCatalog.fields(of: entity).map(\.name).joined(separator: ", ")
                let hint = entity.acceptsCustomFields ? ", or declare '\(target)' under customFields.\(entity.rawValue)" : ""
                errors.append(fail(key.node, "'\(target)' is not a field of \(entity.rawValue); standard fields are \(known)\(hint)"))
                continue
            }
            if source.field(target) != nil {
                errors.append(fail(key.node, "field '\(target)' is mapped twice in this entry"))
                continue
            }
            do {
                source.fields.append(FieldMapping(target: target, expression: try readExpression(value), place: place(value)))
            } catch {
                errors.append(error)
            }
        }
        if !written.contains("objectId") {
            errors.append(fail(fields, "\(entity.rawValue) entry from \(source.inputLabel) must map objectId"))
        }
        if let error = MappingError.combined(errors) { throw error }
        return source
    }

    func readIncremental(_ node: Node, of source: SourceMapping) throws(MappingError) -> IncrementalRead {
        guard case .file = source.input, !source.isHistory else {
            throw fail(node, "incremental: reads changed rows of a file: or query: entry; \(source.isHistory ? "history is read whole" : "distinct: reads its files whole")")
        }
        let map = try pairs(node, "incremental", allowed: ["cursor", "fullEvery"])
        guard let cursor = map["cursor"] else { throw fail(node, "incremental needs cursor: COLUMN, a column whose value grows when a row changes (a modification time)") }
        var read = IncrementalRead(column: try string(cursor, "cursor"))
        if let every = map["fullEvery"] {
            guard let count = every.int, count >= 1 else { throw fail(every, "fullEvery is a number of uploads (1 reads every upload whole)") }
            read.fullEvery = count
        }
        return read
    }

    func readExpression(_ node: Node) throws(MappingError) -> Expression {
        if let text = node.scalar?.string {
            do { return try ExpressionSyntax.parse(text) } catch { throw fail(node, error.message) }
        }
        let map = try pairs(node, "a field", allowed: ["column", "template", "constant", "transforms"])
        let source: ValueSource
        switch (map["column"], map["template"], map["constant"]) {
        case (let column?, nil, nil): source = .column(try string(column, "column"))
        case (nil, let template?, nil):
            let text = try string(template, "template")
            do { source = .template(try ExpressionSyntax.parseTemplate(text)) } catch { throw fail(template, error.message) }
        case (nil, nil, let constant?): source = .constant(try string(constant, "constant"))
        default: throw fail(node, "a field takes exactly one of column:, template: or constant:")
        }
        var transforms: [Transform] = []
        if let list = map["transforms"] {
            for item in try sequence(list, "transforms") {
                let text = try string(item, "transform")
                do { transforms.append(try ExpressionSyntax.parseTransform(text)) } catch { throw fail(item, error.message) }
            }
        }
        return Expression(source: source, transforms: transforms)
    }

    // MARK: Node helpers

    struct Key { var text: String; var node: Node }

    func orderedPairs(_ node: Node, _ what: String) throws(MappingError) -> [(Key, Node)] {
        guard let mapping = node.mapping else { throw fail(node, "\(what) must be a mapping of key: value lines") }
        var result: [(Key, Node)] = []
        for (key, value) in mapping {
            guard let text = key.scalar?.string else { throw fail(key, "keys of \(what) must be plain text") }
            result.append((Key(text: text, node: key), value))
        }
        return result
    }

    func pairs(_ node: Node, _ what: String, allowed: Set<String>) throws(MappingError) -> [String: Node] {
        var result: [String: Node] = [:]
        for (key, value) in try orderedPairs(node, what) {
            guard allowed.contains(key.text) else {
                throw fail(key.node, "unknown key '\(key.text)' in \(what); expected one of \(allowed.sorted().joined(separator: ", "))")
            }
            result[key.text] = value
        }
        return result
    }

    func sequence(_ node: Node, _ what: String) throws(MappingError) -> [Node] {
        if node.scalar?.string.isEmpty == true && node.tag == .init(.null) { return [] }
        guard let sequence = node.sequence else { throw fail(node, "\(what) must be a list (lines starting with '- ' or [a, b])") }
        return Array(sequence)
    }

    func string(_ node: Node, _ what: String) throws(MappingError) -> String {
        guard let scalar = node.scalar else { throw fail(node, "\(what) must be a single value") }
        return scalar.string
    }

    func choice<T: RawRepresentable & CaseIterable>(_ node: Node, _ what: String, _ type: T.Type) throws(MappingError) -> T where T.RawValue == String {
        let text = try string(node, what)
        guard let value = T(rawValue: text) else {
            throw fail(node, "\(what) is one of \(T.allCases.map(\.rawValue).joined(separator: ", ")), not '\(text)'")
        }
        return value
    }
}
