import CRMExport
import GongCRM
import Mapping

/// Everything about a mapping that does not fit its export, found at once before any row is
/// read: files the export lacks, columns a file lacks, undefined value maps, lookups of fields
/// nothing provides, bad custom fields. Each problem names the mapping file, line and column.
public struct ConfigurationCheck {
    let export: Export
    let mapping: Mapping
    let mappingFile: String
    let context: ApplyContext

    public init(export: Export, mapping: Mapping, mappingFile: String, context: ApplyContext) {
        self.export = export
        self.mapping = mapping
        self.mappingFile = mappingFile
        self.context = context
    }

    /// One problem and what it is about, so that `suggest` can leave out exactly that part.
    public struct Problem: Sendable, CustomStringConvertible {
        public var message: String
        /// The source (by index) and field the problem is in, when it is in one.
        public var source: Int?
        public var field: String?
        /// The custom field declaration the problem is in.
        public var customField: (entity: EntityType, name: String)?

        /// The mapping file's line the problem is on (0 when it has none), to list them in file order.
        var line = 0

        public var description: String { message }
    }

    /// A problem placed where the mapping file wrote the part it is about.
    private func problem(_ message: String, at place: MappingPlace?, source: Int?, field: String? = nil) -> Problem {
        problem(MappingError(file: mappingFile, line: 0, column: 0, message: message).placed(at: place), source: source, field: field)
    }

    private func problem(_ error: MappingError, source: Int?, field: String?) -> Problem {
        Problem(message: error.description, source: source, field: field, line: error.line)
    }

    public func problems() -> [Problem] {
        var problems = missingFiles()
        problems += customFieldProblems()
        var columns: [Int: (header: [String], index: (String) -> Int?)] = [:]
        for (index, source) in mapping.sources.enumerated() {
            guard let (header, columnIndex) = open(source, number: index, problems: &problems) else { continue }
            if !source.isHistory { columns[index] = (header, columnIndex) }
            for field in source.fields {
                let single = SourceMapping(entity: source.entity, input: source.input, isHistory: source.isHistory, fields: [field])
                do {
                    _ = try CompiledSource(single, in: mapping, context: context, header: header, columnIndex: columnIndex, mappingFile: mappingFile)
                } catch {
                    problems.append(problem(error, source: index, field: field.target))
                }
            }
        }
        problems += lookupProblems(columns: columns)
        return problems.enumerated().sorted { ($0.element.line, $0.offset) < ($1.element.line, $1.offset) }.map(\.element)
    }

    private func missingFiles() -> [Problem] {
        mapping.referencedFiles.filter { export.file(named: $0) == nil }.map { name in
            let source = mapping.sources.firstIndex { $0.input.files.contains(name) }
            if let issue = export.issues.first(where: { $0.file == name && $0.severity == .error }) { return Problem(message: issue.description, source: source) }
            return problem("\(name) is named in the mapping but is not in the export (files: \(export.files.map(\.name).joined(separator: ", "))); fix the file name",
                           at: source.flatMap { mapping.sources[$0].place }, source: source)
        }
    }

    private func customFieldProblems() -> [Problem] {
        var problems: [Problem] = []
        for (entity, fields) in mapping.customFields.sorted(by: { $0.key < $1.key }) {
            var names: Set<String> = []
            for field in fields {
                problems += field.schemaProblems.map { Problem(message: "\(mappingFile): customFields.\(entity.rawValue): \($0)", customField: (entity, field.uniqueName)) }
                if !names.insert(field.uniqueName).inserted {
                    problems.append(Problem(message: "\(mappingFile): customFields.\(entity.rawValue) declares '\(field.uniqueName)' twice", customField: (entity, field.uniqueName)))
                }
            }
        }
        return problems
    }

    /// The header a source's fields are bound to; nil when its files are missing (reported already) or unreadable.
    private func open(_ source: SourceMapping, number: Int, problems: inout [Problem]) -> (header: [String], columnIndex: (String) -> Int?)? {
        switch source.input {
        case .file(let name):
            guard let file = export.file(named: name) else { return nil }
            do {
                let reader = try RowReader(file: file)
                if let incremental = source.incremental { problems += incrementalProblems(incremental, of: file, header: reader.header, source: number) }
                return (reader.header, { reader.registerColumn(named: $0) })
            } catch {
                problems.append(Problem(message: "\(name): \(error)", source: number))
                return nil
            }
        case .distinct(let parts):
            var complete = true
            for part in parts {
                guard let file = export.file(named: part.file), let reader = try? RowReader(file: file) else { complete = false; continue }
                for column in part.columns where reader.registerColumn(named: column) == nil {
                    complete = false
                    problems.append(problem("distinct: column '\(column)' is not in \(part.file); its columns are: \(reader.header.prefix(40).joined(separator: ", "))",
                                            at: source.place, source: number))
                }
            }
            guard complete, let header = parts.first?.columns else { return nil }
            return (header, { header.firstIndex(of: $0) })
        }
    }

    /// An incremental read needs a database table or query with the cursor column, and one cursor per file.
    private func incrementalProblems(_ incremental: IncrementalRead, of file: ExportFile, header: [String], source number: Int) -> [Problem] {
        let place = mapping.sources[number].place
        guard case .table(let location) = file.layout, location.readsByCursor else {
            return [problem("incremental: reads only changed rows of a database table or query; \(file.name) is \(file.layout.label), read whole on every upload: remove incremental:",
                            at: place, source: number)]
        }
        guard header.contains(incremental.column) else {
            return [problem("incremental: cursor column '\(incremental.column)' is not in \(file.name); its columns are: \(header.prefix(40).joined(separator: ", "))",
                            at: place, source: number)]
        }
        if let repeated = Self.repeatedName(incremental.column, in: header) {
            return [problem("incremental: cursor column '\(incremental.column)' is how gongmap shows a later column named \(repeated) in \(file.name), a name the database does not know; "
                            + "give it a name of its own in the query (… AS \(repeated.filter { $0.isLetter || $0.isNumber })_2) and use that", at: place, source: number)]
        }
        let other = mapping.sources.prefix(number).first { $0.input == mapping.sources[number].input && $0.incremental != nil && $0.incremental != incremental }
        if let other, let read = other.incremental {
            return [problem("\(file.name) is read by cursor \(read.column) every \(read.fullEvery) uploads in another entry; give every entry of a file the same incremental:",
                            at: place, source: number)]
        }
        return []
    }

    /// The name a column was renamed from because an earlier column has it (`id (2)` is the second
    /// `id`, see `PostgresText.uniqueNames`).
    static func repeatedName(_ column: String, in header: [String]) -> String? {
        guard column.hasSuffix(")"), let open = column.range(of: " (", options: .backwards),
              Int(column[open.upperBound..<column.index(before: column.endIndex)]).map({ $0 >= 2 }) == true else { return nil }
        let name = String(column[..<open.lowerBound])
        guard let first = header.firstIndex(of: name), let renamed = header.firstIndex(of: column), first < renamed else { return nil }
        return name
    }

    /// A lookup needs its field mapped by a source of the target entity, or a column of such a source.
    private func lookupProblems(columns: [Int: (header: [String], index: (String) -> Int?)]) -> [Problem] {
        LookupIndex.targets(of: mapping).flatMap { entity, field -> [Problem] in
            let targets = mapping.sources.indices.filter { mapping.sources[$0].entity == entity && !mapping.sources[$0].isHistory }
            // Every field that uses the lookup is named, so that each can be fixed or left out.
            let users = mapping.sources.indices.flatMap { index in
                mapping.sources[index].fields.filter { $0.expression.transforms.contains(.lookup(entity: entity, field: field)) }.map { (index, $0) }
            }
            func problems(_ message: String) -> [Problem] {
                users.map { problem(message, at: $0.1.place, source: $0.0, field: $0.1.target) }
            }
            guard !targets.isEmpty else {
                return problems("lookup(\(entity.rawValue).\(field)): the mapping has no \(entity.rawValue) source to look up in; map a file to \(entity.rawValue)")
            }
            let provided = targets.contains { index in
                columns[index].map { LookupKey(field: field, source: mapping.sources[index], columnIndex: $0.index) != nil } ?? true
            }
            guard !provided else { return [] }
            let header = targets.compactMap { columns[$0]?.header }.flatMap { $0 }
            return problems("lookup(\(entity.rawValue).\(field)): no \(entity.rawValue) source maps '\(field)' and no \(entity.rawValue) file has a column '\(field)'\(CompiledSource.suggestion(for: field, in: header)); its columns are: \(header.prefix(40).joined(separator: ", "))")
        }
    }
}
