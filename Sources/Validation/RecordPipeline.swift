import CRMExport
import Foundation
import GongCRM
import Mapping

/// One streaming pass over an export through a mapping: rows become records, records are
/// checked on their own and against the records before them, diagnostics stream out, and valid
/// records go to a sink in upload order. `gongmap validate`, `plan` and `upload` all run it, so the
/// preview and the upload can never disagree.
public final class RecordPipeline {
    public let export: Export
    public let mapping: Mapping
    public let mappingFile: String
    public let context: ApplyContext
    public var progress: ((PipelineProgress) -> Void)?
    /// Files that entries with `incremental:` read only as their changed rows, by the mapping's name
    /// of the file (the upload sets them; lookups and other entries read the whole file).
    public var changedRowFiles: [String: ExportFile] = [:]

    private let checker: RecordChecker
    // The state below is touched only by the thread that runs the pass (the preparing threads
    // get copies), on every row: no run-time exclusivity checks.
    /// objectIds per entity, by upload order.
    @exclusivity(unchecked) private var registries = [IdRegistry](repeating: IdRegistry(), count: EntityType.allCases.count)
    @exclusivity(unchecked) fileprivate var userEmails: [UInt64: String] = [:]
    private var lookups = LookupIndex()
    @exclusivity(unchecked) fileprivate var report = ValidationReport()
    @exclusivity(unchecked) private var deferredReferences: [DeferredReference] = []
    @exclusivity(unchecked) fileprivate var emit: (Diagnostic) -> Void = { _ in }
    /// The first file of each source, by source number, for "already used at row N of FILE".
    @exclusivity(unchecked) fileprivate var sourceLabels: [String] = []
    private var fileRowCounts: [String: Int] = [:]
    private var reportedIssues: Set<String> = []

    private struct DeferredReference {
        var target: EntityType
        var hash: UInt64
        var relationship: Int
        var diagnostic: Diagnostic
    }

    public init(export: Export, mapping: Mapping, mappingFile: String, context: ApplyContext) {
        self.export = export
        self.mapping = mapping
        self.mappingFile = mappingFile
        self.context = context
        checker = RecordChecker(mapping: mapping)
    }

    /// Runs the pass. Configuration problems (a file or column the mapping names that the export
    /// lacks) throw; everything about the data becomes a diagnostic.
    public func run(sink: (any RecordSink)?, diagnostics: @escaping (Diagnostic) -> Void) throws(PipelineError) -> ValidationReport {
        emit = { [unowned self] diagnostic in
            self.report.summary.add(diagnostic)
            diagnostics(diagnostic)
        }
        try checkConfiguration()
        reportExportIssues()
        prepareRelationships()
        if !LookupIndex.targets(of: mapping).isEmpty { try buildLookups() }
        for entity in EntityType.uploadOrder {
            let current = mapping.sources.filter { $0.entity == entity && !$0.isHistory }
            let history = mapping.sources.filter { $0.entity == entity && $0.isHistory }
            guard !current.isEmpty || !history.isEmpty else { continue }
            var currentRecords: [String: GongRecord]? = history.isEmpty ? nil : [:]
            for source in current {
                try process(source, number: mapping.sources.firstIndex(of: source) ?? 0, sink: sink, keep: &currentRecords)
            }
            if !history.isEmpty { try processHistory(history, of: entity, current: currentRecords ?? [:], sink: sink) }
        }
        resolveDeferredReferences()
        tallyFiles()
        return report
    }

    /// The lookups of the mapping, resolved against the export (after `run`), for previews of single rows.
    public var lookupResolver: any LookupResolver & Sendable { lookups }

    /// True when the export had a record of `type` with this objectId, valid or not (after `run`).
    public func sawObjectId(_ id: String, of type: EntityType) -> Bool {
        registries[type.orderIndex].contains(IdHash.hash(id))
    }

    // MARK: Configuration

    /// Every configuration problem at once, one per line, so a mapping is fixed in one round.
    private func checkConfiguration() throws(PipelineError) {
        let problems = ConfigurationCheck(export: export, mapping: mapping, mappingFile: mappingFile, context: context).problems().map(\.message)
        if problems.count == 1 { throw PipelineError(problems[0]) }
        if problems.count > 1 { throw PipelineError("\(problems.count) problems in the mapping:\n" + problems.joined(separator: "\n")) }
        sourceLabels = mapping.sources.map { $0.input.files.first ?? $0.inputLabel }
    }

    private func reportExportIssues() {
        let referenced = Set(mapping.referencedFiles)
        for issue in export.issues {
            let severity: Severity = issue.severity == .error && referenced.contains(issue.file) ? .error : .warning
            emit(diagnostic(from: issue, severity: severity))
        }
    }

    /// A file that feeds two sources (deals and the stages derived from them) is read twice; its problems are told once.
    private func emitOnce(_ issue: ReadIssue) {
        guard reportedIssues.insert("\(issue.file):\(issue.line):\(issue.code)").inserted else { return }
        emit(diagnostic(from: issue))
    }

    private func diagnostic(from issue: ReadIssue, severity: Severity? = nil) -> Diagnostic {
        let rule: Rule = switch issue.code {
        case "empty-file": .emptyFile
        case "binary-file": .binaryFile
        case "missing-header": .missingHeader
        case "ragged-row": .raggedRow
        case "unterminated-quote": .unterminatedQuote
        case "row-too-long": .rowTooLong
        case "report-footer": .reportFooter
        case "malformed-json": .malformedJSON
        case "encoding-fallback": .encodingFallback
        case "text-after-quote": .textAfterQuote
        case "empty-header", "duplicate-header": .headerNames
        default: .unreadableFile
        }
        let defaultSeverity: Severity = issue.severity == .error ? .error : .warning
        return Diagnostic(severity ?? defaultSeverity, rule, file: issue.file, line: issue.line, column: issue.column.map { "character \($0)" }, message: issue.message)
    }

    private func prepareRelationships() {
        for entity in EntityType.uploadOrder where mapping.sources.contains(where: { $0.entity == entity }) {
            let mapped = Set(mapping.sources.filter { $0.entity == entity }.flatMap { $0.fields.map(\.target) })
            for field in EntityCatalog.fields(of: entity) {
                if case .reference(let target) = field.kind, mapped.contains(field.name) { addRelationship(entity, field.name, target) }
            }
            for field in mapping.customFields[entity] ?? [] where field.type == .reference && mapped.contains(field.uniqueName) {
                addRelationship(entity, field.uniqueName, field.referenceTo ?? .account)
            }
        }
    }

    private func addRelationship(_ entity: EntityType, _ field: String, _ target: EntityType) {
        report.relationships.append(.init(entity: entity, field: field, target: target))
    }

    // MARK: Rows

    /// Rows of a file or of a distinct: input, behind one interface.
    private enum Rows {
        case file(RowReader)
        case distinct(DistinctRows, position: Int)
    }

    private func open(_ source: SourceMapping) throws(PipelineError) -> (Rows, header: [String], columnIndex: (String) -> Int?) {
        switch source.input {
        case .file(let name):
            let file = (source.incremental != nil ? changedRowFiles[name] : nil) ?? export.file(named: name)!
            let reader: RowReader
            do { reader = try RowReader(file: file) } catch { throw PipelineError("\(name): \(error)") }
            return (.file(reader), reader.header, { reader.registerColumn(named: $0) })
        case .distinct(let parts):
            let rows = try DistinctRows(parts, export: export)
            let header = rows.header
            return (.distinct(rows, position: 0), header, { header.firstIndex(of: $0) })
        }
    }

    private func next(_ rows: inout Rows, into row: inout SourceRow) throws(PipelineError) -> Bool {
        switch rows {
        case .file(let reader):
            do { return try reader.next(into: &row) } catch { throw PipelineError("\(reader.file.name): \(error)") }
        case .distinct(let distinct, let position):
            guard position < distinct.rows.count else { return false }
            row = distinct.rows[position]
            rows = .distinct(distinct, position: position + 1)
            return true
        }
    }

    private func place(_ rows: Rows, _ row: SourceRow) -> (file: String, row: Int, line: Int) {
        switch rows {
        case .file(let reader): return (reader.file.name, row.number, row.line)
        case .distinct(let distinct, _):
            let origin = distinct.origins[row.number - 1]
            return (origin.file, origin.row, origin.line)
        }
    }

    private func drainIssues(_ rows: Rows) {
        switch rows {
        case .file(let reader): for issue in reader.takeIssues() { emitOnce(issue) }
        case .distinct(let distinct, _): for issue in distinct.issues { emitOnce(issue) }
        }
    }

    private func compile(_ source: SourceMapping, header: [String], columnIndex: (String) -> Int?, context: ApplyContext? = nil) throws(PipelineError) -> CompiledSource {
        do {
            return try CompiledSource(source, in: mapping, context: context ?? self.context, header: header, columnIndex: columnIndex, mappingFile: mappingFile)
        } catch {
            throw PipelineError(error.description)
        }
    }

    // MARK: Lookups

    private func buildLookups() throws(PipelineError) {
        let targets = LookupIndex.targets(of: mapping)
        for entity in Set(targets.map(\.entity)).sorted() {
            let fields = targets.filter { $0.entity == entity }.map(\.field)
            for source in mapping.sources where source.entity == entity && !source.isHistory {
                var (rows, header, columnIndex) = try open(source)
                let compiled = try compile(source, header: header, columnIndex: columnIndex)
                let keys = fields.map { LookupKey(field: $0, source: source, columnIndex: columnIndex) }
                var row = SourceRow()
                var ignored: [FieldProblem] = []
                while try next(&rows, into: &row) {
                    let record = compiled.record(from: row, lookups: nil, problems: &ignored)
                    ignored.removeAll(keepingCapacity: true)
                    guard let id = record.objectId else { continue }
                    for (field, key) in zip(fields, keys) {
                        if let value = key?.value(in: row, record: record) { lookups.add(entity: entity, field: field, value: value, objectId: id) }
                    }
                }
                if case .file(let reader) = rows { _ = reader.takeIssues() }
            }
        }
    }

    // MARK: Current records

    /// Files at least this big are prepared on all cores; smaller ones are not worth the threads.
    public var parallelThreshold = 4 << 20
    /// Write LDJSON straight from rows where possible (off only to test that both ways agree).
    public var directLines = true

    private func process(_ source: SourceMapping, number sourceNumber: Int, sink: (any RecordSink)?, keep currentRecords: inout [String: GongRecord]?) throws(PipelineError) {
        var (rows, header, columnIndex) = try open(source)
        let entity = source.entity
        let encode = sink?.takesEncodedRecords ?? false
        // Records are built only for what needs them: sinks that take records, history merges,
        // business users (their emails) and stages (their sort order).
        let direct = directLines && (sink == nil || encode) && currentRecords == nil && entity != .businessUser && entity != .stage
        let relationships = report.relationships.filter { $0.entity == entity }
        let picking = relationships.map(\.field)
        // Entities go in upload order, so the objectIds of an earlier one are complete and fixed.
        let targets = relationships.map { $0.target.orderIndex < entity.orderIndex ? registries[$0.target.orderIndex] : nil }
        func preparer() throws(PipelineError) -> RowPreparer {
            // Each thread gets its own compiled source: the time-zone cache is not shared.
            let compiled = try compile(source, header: header, columnIndex: columnIndex,
                                       context: ApplyContext(options: context.options, runTimestamp: context.runTimestamp))
            return RowPreparer(compiled: compiled, checker: checker.copy(), lookups: lookups, encode: encode, direct: direct, picking: picking, targets: targets)
        }
        var consumer = RowConsumer(pipeline: self, entity: entity, sourceNumber: sourceNumber, compiled: try compile(source, header: header, columnIndex: columnIndex), sink: sink,
                                   fileLabel: source.input.files.first ?? source.inputLabel)
        // Taken out while filled, so the array does not share (and copy) its storage.
        consumer.registry = registries[entity.orderIndex]
        registries[entity.orderIndex] = IdRegistry()
        consumer.tally = report.entities[entity] ?? .init()
        drainIssues(rows)
        defer {
            registries[entity.orderIndex] = consumer.registry
            report.entities[entity] = consumer.tally
        }
        let cores = ProcessInfo.processInfo.activeProcessorCount
        if case .file(let reader) = rows, reader.file.size >= parallelThreshold, cores > 1 {
            let parallel = ParallelRows(reader: reader, preparers: try (0..<cores).map { _ throws(PipelineError) in try preparer() })
            var lastRow = 0
            do {
                while let batch = try parallel.next() {
                    for issue in batch.issues { emitOnce(issue) }
                    let prepared = batch.prepared
                    if lastRow == 0, batch.endOffset > 0 {
                        // Room for the whole file's ids, judged from the first rows' length.
                        consumer.registry.reserve(prepared.rows.count * (reader.file.size / batch.endOffset + 1))
                    }
                    let hashes = prepared.rows.map { $0.objectIdHash }
                    hashes.withUnsafeBufferPointer { consumer.registry.warm($0) }
                    for index in prepared.rows.indices { try consumer.consume(index, in: prepared, keep: &currentRecords) }
                    lastRow = max(lastRow, batch.lastRowNumber)
                }
            } catch let error as PipelineError {
                parallel.cancel()
                throw error
            } catch {
                parallel.cancel()
                throw PipelineError("\(reader.file.name): \(error)")
            }
            fileRowCounts[reader.file.name] = max(fileRowCounts[reader.file.name] ?? 0, lastRow)
            return
        }
        let single = try preparer()
        var row = SourceRow()
        let prepared = PreparedBatch(lineCapacity: 4096)
        while try next(&rows, into: &row) {
            let where_ = place(rows, row)
            prepared.removeAll()
            prepared.file = where_.file
            single.prepare(&row, dataRow: where_.row, line: where_.line, into: prepared)
            single.resolveReferences(in: prepared)
            try consumer.consume(0, in: prepared, keep: &currentRecords)
            if consumer.tally.read % 4096 == 0 { drainIssues(rows) }
        }
        drainIssues(rows)
        countRows(of: rows, lastRow: row)
    }

    /// The part of processing that needs the records before: duplicates, references, the sink.
    private struct RowConsumer {
        let pipeline: RecordPipeline
        let entity: EntityType
        let sourceNumber: Int
        let compiled: CompiledSource
        let sink: (any RecordSink)?
        /// The sink takes LDJSON lines rather than records.
        let encode: Bool
        let fileLabel: String
        let relations: [Int]
        var registry = IdRegistry()
        var tally = ValidationReport.EntityTally()

        init(pipeline: RecordPipeline, entity: EntityType, sourceNumber: Int, compiled: CompiledSource, sink: (any RecordSink)?, fileLabel: String) {
            self.pipeline = pipeline
            self.entity = entity
            self.sourceNumber = sourceNumber
            self.compiled = compiled
            self.sink = sink
            encode = sink?.takesEncodedRecords ?? false
            self.fileLabel = fileLabel
            relations = pipeline.report.relationships.indices.filter { pipeline.report.relationships[$0].entity == entity }
        }

        mutating func consume(_ index: Int, in batch: PreparedBatch, keep currentRecords: inout [String: GongRecord]?) throws(PipelineError) {
            tally.read += 1
            if !relations.isEmpty { pipeline.checkReferences(of: index, in: batch, relations: relations, compiled: compiled) }
            var valid = !batch.findings(ofRow: index).contains { $0.severity == .error }
            let prepared = batch.rows[index]
            if batch.hasObjectId(prepared) {
                if let earlier = registry.insert(prepared.objectIdHash, source: sourceNumber, row: prepared.row, valid: valid) {
                    let id = batch.objectId(of: prepared) ?? ""
                    let earlierFile = earlier.source < pipeline.sourceLabels.count ? pipeline.sourceLabels[earlier.source] : fileLabel
                    batch.add(Finding(.error, .duplicateObjectId, "objectId", id,
                                      "objectId '\(id)' is already used by row \(earlier.row) of \(earlierFile); this row is left out. Keep one record per id, or map another column to objectId"), to: index)
                    valid = false
                }
                if entity == .businessUser, valid, case .string(let email)? = batch.record(at: index)?["emailAddress"], let id = batch.objectId(of: prepared) {
                    let emailHash = IdHash.hash(email.lowercased())
                    if let other = pipeline.userEmails[emailHash], other != id {
                        batch.add(Finding(.warning, .duplicateUserEmail, "emailAddress", email, "business users '\(other)' and '\(id)' share the email \(email); Gong maps only one of them"), to: index)
                    } else {
                        pipeline.userEmails[emailHash] = id
                    }
                }
            }
            let findings = batch.findings(ofRow: index)
            if !findings.isEmpty {
                let objectId = batch.objectId(of: prepared)
                for finding in findings {
                    pipeline.emit(Diagnostic(finding.severity, finding.rule, entity: entity, field: finding.field, file: batch.file, row: prepared.row, line: prepared.line,
                                             column: finding.field.flatMap { compiled.column(of: $0) }, value: finding.value, objectId: objectId, message: finding.message))
                }
            }
            if valid {
                tally.valid += 1
                if findings.contains(where: { $0.severity == .warning }) { tally.withWarnings += 1 }
                if let sink {
                    do {
                        if encode {
                            try sink.accept(encoded: batch.lines[prepared.encoded], type: entity, objectId: batch.texts.bytes(prepared.firstSlot),
                                            origin: RecordOrigin(file: batch.file, row: prepared.row))
                        } else if let record = batch.record(at: index) {
                            try sink.accept(record, origin: RecordOrigin(file: batch.file, row: prepared.row))
                        }
                    } catch {
                        // A write fails on the writing thread and shows up at a later record: the error names its own file.
                        throw PipelineError("writing the plan: \(error)")
                    }
                }
                if currentRecords != nil, let record = batch.record(at: index), let id = record.objectId { currentRecords![id] = record }
            } else {
                tally.invalid += 1
            }
            if tally.read % 50_000 == 0 { pipeline.progress?(PipelineProgress(entity: entity, file: fileLabel, rows: tally.read, totalRows: 0)) }
        }
    }

    private func countRows(of rows: Rows, lastRow: SourceRow) {
        switch rows {
        case .file(let reader): fileRowCounts[reader.file.name] = max(fileRowCounts[reader.file.name] ?? 0, lastRow.number)
        case .distinct(let distinct, _): for (file, count) in distinct.rowsRead { fileRowCounts[file] = max(fileRowCounts[file] ?? 0, count) }
        }
    }

    /// A value that could not be converted also shows up as "missing"; report only the cause.
    static func dropEchoes(_ findings: inout [Finding], problems: [FieldProblem]) {
        guard !problems.isEmpty else { return }
        let failed = Set(problems.map(\.field))
        findings.removeAll { ($0.rule == .missingRequired || $0.rule == .missingRecommended) && $0.field.map(failed.contains) == true }
    }

    static func finding(for problem: FieldProblem, entity: EntityType) -> Finding {
        let (severity, rule): (Severity, Rule) = switch problem.kind {
        // Gong matches users by email: a bad one makes the user useless. Elsewhere it only fails to match.
        case .invalidEmail: (entity == .businessUser ? .error : .warning, .invalidEmail)
        case .invalidURL: (.error, .invalidURL)
        case .invalidDate: (.error, .invalidDate)
        case .ambiguousDate: (.error, .ambiguousDate)
        case .invalidType: (.error, .invalidType)
        case .invalidValue: (.error, .invalidValue)
        case .unmappedValue: (.error, .unmappedValue)
        case .lookupNotFound: (.warning, .lookupNotFound)
        case .lookupAmbiguous: (.warning, .lookupAmbiguous)
        case .mojibake: (.warning, .mojibake)
        case .invisibleCharacters: (.warning, .invisibleCharacters)
        }
        var message = problem.message
        if problem.kind == .invalidEmail { message += severity == .error ? "; Gong matches business users by email" : "; Gong will not match activity to it" }
        return Finding(severity, rule, problem.field, problem.value, message)
    }

    /// Tallies the references the preparer looked up, and describes those that name nothing.
    /// References to the same or a later entity wait for the end. `relations` are the indexes of
    /// the entity's relationships, in the order of the preparer's picked fields.
    fileprivate func checkReferences(of rowIndex: Int, in batch: PreparedBatch, relations: [Int], compiled: CompiledSource) {
        let prepared = batch.rows[rowIndex]
        for (position, index) in relations.enumerated() {
            switch batch.outcome(row: rowIndex, position) {
            case .empty:
                // A lookup that found nothing (or several) left the field empty, but the record did name a target: missing.
                let field = report.relationships[index].field
                if prepared.findings != PreparedRow.noFindings,
                   batch.findings(ofRow: rowIndex).contains(where: { ($0.rule == .lookupNotFound || $0.rule == .lookupAmbiguous) && $0.field == field }) {
                    report.relationships[index].missing += 1
                } else {
                    report.relationships[index].empty += 1
                }
            case .linked: report.relationships[index].linked += 1
            case .missing:
                let relationship = report.relationships[index]
                let id = batch.picked(prepared, position) ?? ""
                report.relationships[index].missing += 1
                let earlier = registries[relationship.target.orderIndex].place(of: IdHash.hash(id))
                batch.add(Finding(.warning, .missingReference, relationship.field, id, referenceMessage(relationship, id: id, place: earlier)), to: rowIndex)
            case .deferred:
                let relationship = report.relationships[index]
                let id = batch.picked(prepared, position) ?? ""
                let message = "\(relationship.field) '\(id)' names no \(relationship.target.rawValue) in the upload"
                deferredReferences.append(DeferredReference(target: relationship.target, hash: IdHash.hash(id), relationship: index, diagnostic: Diagnostic(
                    .warning, .missingReference, entity: compiled.entity, field: relationship.field, file: batch.file, row: prepared.row, line: prepared.line,
                    column: compiled.column(of: relationship.field), value: id, objectId: batch.objectId(of: prepared), message: message)))
            }
        }
    }

    private func referenceMessage(_ relationship: ValidationReport.RelationshipTally, id: String, place: IdRegistry.Place?) -> String {
        let consequence: String = switch (relationship.entity, relationship.field) {
        case (.contact, "accountId"): "activity cannot be linked from this contact to an account"
        case (.deal, "accountId"): "the deal will not appear in Gong"
        case (.deal, "ownerId"): "the deal will be missing from the deal board"
        case (.deal, "stage"): "Gong cannot always associate activities with the deal"
        default: "the link will be missing in Gong"
        }
        if let place {
            let file = place.source < sourceLabels.count ? sourceLabels[place.source] : "its file"
            return "\(relationship.field) '\(id)' names the \(relationship.target.rawValue) at row \(place.row) of \(file), which is left out for its errors; \(consequence)"
        }
        return "\(relationship.field) '\(id)' names no \(relationship.target.rawValue) in the export; \(consequence). Add the record or fix the id"
    }

    private func resolveDeferredReferences() {
        for reference in deferredReferences {
            if registries[reference.target.orderIndex].isInUpload(reference.hash) {
                report.relationships[reference.relationship].linked += 1
            } else {
                report.relationships[reference.relationship].missing += 1
                emit(reference.diagnostic)
            }
        }
        deferredReferences.removeAll()
    }

    // MARK: History

    private func processHistory(_ sources: [SourceMapping], of entity: EntityType, current: [String: GongRecord], sink: (any RecordSink)?) throws(PipelineError) {
        var versions: [String: [(record: GongRecord, origin: RecordOrigin)]] = [:]
        var tally = report.entities[entity] ?? .init()
        defer { report.entities[entity] = tally }
        for source in sources {
            var (rows, header, columnIndex) = try open(source)
            let compiled = try compile(source, header: header, columnIndex: columnIndex)
            var row = SourceRow()
            var problems: [FieldProblem] = []
            var findings: [Finding] = []
            while try next(&rows, into: &row) {
                problems.removeAll(keepingCapacity: true)
                findings.removeAll(keepingCapacity: true)
                let partial = compiled.record(from: row, lookups: lookups, problems: &problems)
                for problem in problems { findings.append(Self.finding(for: problem, entity: entity)) }
                var merged = partial
                if let id = partial.objectId, let base = current[id] {
                    merged = base
                    // Fields the history file maps come from the version (empty means it had none then);
                    // the rest come from the current record.
                    for mapped in source.fields.map(\.target) { merged[mapped] = partial[mapped] }
                    // A past version's status is not today's: a deal lost now was open at an early stage.
                    if entity == .deal && source.field("status") == nil { merged["status"] = nil }
                    checker.check(merged, into: &findings)
                    Self.dropEchoes(&findings, problems: problems)
                } else if let id = partial.objectId {
                    let why = registries[entity.orderIndex].contains(IdHash.hash(id)) ? "whose current record is left out for its errors" : "which is not in the current export"
                    findings.append(Finding(.error, .historyWithoutCurrent, "objectId", id, "history of \(entity.rawValue) '\(id)', \(why); the version is left out"))
                } else {
                    checker.check(merged, into: &findings)
                }
                let where_ = place(rows, row)
                for finding in findings {
                    emit(Diagnostic(finding.severity, finding.rule, entity: entity, field: finding.field, file: where_.file, row: where_.row, line: where_.line,
                                    column: finding.field.flatMap { compiled.column(of: $0) }, value: finding.value, objectId: partial.objectId, message: finding.message))
                }
                if !findings.contains(where: { $0.severity == .error }), let id = merged.objectId {
                    versions[id, default: []].append((merged, RecordOrigin(file: where_.file, row: where_.row)))
                }
            }
            drainIssues(rows)
            countRows(of: rows, lastRow: row)
        }
        // Oldest first; one version per record per layer; equal timestamps are one version.
        var layers: [[(record: GongRecord, origin: RecordOrigin)]] = []
        for id in versions.keys.sorted() {
            var list = versions[id]!.sorted { ($0.record["modifiedDate"]?.displayText ?? "") < ($1.record["modifiedDate"]?.displayText ?? "") }
            var kept: [(record: GongRecord, origin: RecordOrigin)] = []
            for version in list {
                if let last = kept.last, last.record["modifiedDate"] == version.record["modifiedDate"] {
                    let date = version.record["modifiedDate"]?.displayText ?? ""
                    emit(Diagnostic(.warning, .duplicateVersion, entity: entity, field: "modifiedDate", file: version.origin.file, row: version.origin.row, value: date,
                                    objectId: id, message: "two history versions of '\(id)' share modifiedDate \(date); the later row is kept"))
                    kept[kept.count - 1] = version
                } else {
                    kept.append(version)
                }
            }
            list = kept
            for (layer, version) in list.enumerated() {
                if layers.count <= layer { layers.append([]) }
                layers[layer].append(version)
            }
        }
        tally.historyLayers = layers.count
        for (index, layer) in layers.enumerated() {
            tally.historyVersions += layer.count
            guard let sink else { continue }
            for version in layer {
                do { try sink.acceptHistory(version.record, layer: index + 1, origin: version.origin) } catch { throw PipelineError("writing the plan: \(error)") }
            }
        }
    }

    // MARK: Files

    private func tallyFiles() {
        for file in export.files {
            let roles = mapping.sources.filter { $0.input.files.contains(file.name) }.map { source -> String in
                switch source.input {
                case .file: source.isHistory ? "\(source.entity.rawValue) history" : source.entity.rawValue
                case .distinct: "distinct → \(source.entity.rawValue)"
                }
            }
            let role = roles.isEmpty ? (mapping.unassigned.contains(file.name) ? "unassigned" : "not in mapping") : roles.joined(separator: ", ")
            report.files.append(.init(name: file.name, role: role, rows: fileRowCounts[file.name] ?? 0))
        }
    }
}
