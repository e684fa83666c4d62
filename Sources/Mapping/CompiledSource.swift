import CRMExport
import Foundation
import GongCRM

/// A source mapping bound to a file's columns, ready to turn rows into records.
public struct CompiledSource: @unchecked Sendable {
    public let mapping: SourceMapping
    public var entity: EntityType { mapping.entity }
    let fields: [CompiledField]
    let context: ApplyContext
    /// Conversions of repeating inputs, for `encode`; so a compiled source belongs to one thread.
    let memo: ConversionMemo
    /// What `encode` needs of each field on every row, as plain data (see `EncodeStep`).
    let steps: [EncodeStep]
    /// `context.zone`, held here so that `encode` reaches it without going through the context.
    let zone: ZoneConverter

    /// Binds `source` to columns through `columnIndex`; unknown columns, value maps or lookups
    /// are reported as a `MappingError` naming the file and what exists.
    public init(_ source: SourceMapping, in mapping: Mapping, context: ApplyContext, header: [String],
                columnIndex: (String) -> Int?, mappingFile: String) throws(MappingError) {
        self.mapping = source
        self.context = context
        var fields: [CompiledField] = []
        for field in source.fields {
            let kind: FieldKind
            let isCustom: Bool
            if let standard = EntityCatalog.field(field.target, of: source.entity) {
                kind = standard.kind
                isCustom = false
            } else if let custom = mapping.customField(field.target, of: source.entity) {
                kind = custom.kind
                isCustom = true
            } else {
                throw MappingError(file: mappingFile, line: 0, column: 0, message: "'\(field.target)' is not a field of \(source.entity.rawValue); declare it under customFields").placed(at: field.place)
            }
            func bind(_ name: String) throws(MappingError) -> Int {
                if let index = columnIndex(name) { return index }
                throw MappingError(file: mappingFile, line: 0, column: 0,
                                   message: "\(source.entity.rawValue).\(field.target): column '\(name)' is not in \(source.inputLabel)\(Self.suggestion(for: name, in: header)); its columns are: \(header.prefix(40).joined(separator: ", "))")
                    .placed(at: field.place)
            }
            let bound: BoundSource
            switch field.expression.source {
            case .column(let name): bound = .column(try bind(name))
            case .constant(let value): bound = .constant(value)
            case .now: bound = .constant(context.runTimestamp.gongText)
            case .template(let parts):
                var boundParts: [BoundSource.Part] = []
                for part in parts {
                    switch part {
                    case .literal(let text): boundParts.append(.literal(text))
                    case .column(let name): boundParts.append(.column(try bind(name)))
                    }
                }
                bound = .template(boundParts)
            case .coalesce(let names):
                var indexes: [Int] = []
                for name in names { indexes.append(try bind(name)) }
                bound = .coalesce(indexes)
            case .hash(let names):
                var indexes: [Int] = []
                for name in names { indexes.append(try bind(name)) }
                bound = .hash(indexes)
            }
            var transforms: [BoundTransform] = []
            for transform in field.expression.transforms {
                do {
                    transforms.append(try BoundTransform(transform, mapping: mapping, target: "\(source.entity.rawValue).\(field.target)", mappingFile: mappingFile))
                } catch {
                    throw error.placed(at: field.place)
                }
            }
            let label = field.expression.columns.isEmpty ? ExpressionSyntax.renderSource(field.expression.source) : field.expression.columns.joined(separator: "+")
            let catalogIndex = EntityCatalog.fields(of: source.entity).firstIndex { $0.name == field.target }
            fields.append(CompiledField(target: field.target, kind: kind, isCustom: isCustom, source: bound, transforms: transforms, columnLabel: label, catalogIndex: catalogIndex, options: context.options))
        }
        self.fields = fields
        memo = ConversionMemo(fieldCount: fields.count)
        steps = fields.map { field in
            EncodeStep(direct: field.direct, key: field.jsonKey, catalogBit: field.catalogIndex.map { 1 << UInt64($0) } ?? 0, isCustom: field.isCustom,
                       isDeletedFlag: field.target == "isDeleted")
        }
        zone = context.zone
    }

    /// The general conversion of one field: source, transforms, then the field's JSON form.
    func convert(_ field: CompiledField, _ row: SourceRow, lookups: (any LookupResolver)?, problems: inout [FieldProblem]) -> FieldValue? {
        var value = field.source.evaluate(row)
        for transform in field.transforms {
            value = transform.apply(value, field: field, context: context, lookups: lookups, problems: &problems)
        }
        return Coercion.convert(value, to: field.kind, field: field, context: context, problems: &problems)
    }

    public static func suggestion(for name: String, in header: [String]) -> String {
        let folded = Synonyms.normalize(name)
        if let close = header.first(where: { Synonyms.normalize($0) == folded }) { return " (did you mean '\(close)'?)" }
        // A typo: the most alike header, when it is alike enough.
        let scored = header.map { ($0, ColumnMatcher.similarity(Synonyms.normalize($0), folded)) }.filter { $0.1 >= 0.7 }
        guard let best = scored.max(by: { $0.1 < $1.1 }) else { return "" }
        return " (did you mean '\(best.0)'?)"
    }

    /// Source column of each mapped field, for diagnostics.
    public func column(of target: String) -> String? { fields.first { $0.target == target }?.columnLabel }

    /// The record for one row; values that cannot be converted are left out and described in `problems`.
    public func record(from row: SourceRow, lookups: (any LookupResolver)?, problems: inout [FieldProblem]) -> GongRecord {
        var values: [(name: String, value: FieldValue)] = []
        values.reserveCapacity(fields.count)
        var mask: UInt64 = 0
        for field in fields {
            if let converted = convert(field, row, lookups: lookups, problems: &problems) {
                values.append((field.target, converted))
                if let index = field.catalogIndex { mask |= 1 << UInt64(index) }
            } else if field.isCustom {
                values.append((field.target, .null))
            }
        }
        var record = GongRecord(type: entity, fields: values)
        record.standardFieldMask = mask
        return record
    }
}

/// What applying a mapping needs besides the rows: the time zone, options and the run's clock.
public final class ApplyContext: @unchecked Sendable {
    public let options: MappingOptions
    public let zone: ZoneConverter
    public let runTimestamp: GongTimestamp

    public init(options: MappingOptions, runTimestamp: GongTimestamp) {
        self.options = options
        self.zone = ZoneConverter(timeZone: options.timeZone)
        self.runTimestamp = runTimestamp
    }

    public static func now(options: MappingOptions) -> ApplyContext {
        ApplyContext(options: options, runTimestamp: GongTimestamp(secondsSinceEpoch: Int(Date().timeIntervalSince1970)))
    }
}

/// A class, so that walking the fields of every row retains one reference, not each member.
final class CompiledField {
    let target: String
    let kind: FieldKind
    let isCustom: Bool
    let source: BoundSource
    let transforms: [BoundTransform]
    let columnLabel: String
    /// Position among the entity's standard fields; nil for a custom field.
    let catalogIndex: Int?
    /// How the value is written from the row's bytes, when it can be.
    let direct: DirectField?
    /// `"target":` as JSON bytes; a pointer, so writing it for every row retains nothing.
    let jsonKey: UnsafeBufferPointer<UInt8>

    init(target: String, kind: FieldKind, isCustom: Bool, source: BoundSource, transforms: [BoundTransform], columnLabel: String, catalogIndex: Int?, options: MappingOptions) {
        self.target = target
        self.catalogIndex = catalogIndex
        direct = DirectField(source: source, transforms: transforms, kind: kind, options: options)
        let key = LDJSONEncoder.key(target)
        let storage = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: key.count)
        _ = storage.initialize(from: key)
        jsonKey = UnsafeBufferPointer(storage)
        self.kind = kind
        self.isCustom = isCustom
        self.source = source
        self.transforms = transforms
        self.columnLabel = columnLabel
    }

    deinit {
        jsonKey.deallocate()
        direct?.deallocate()
    }
}

enum BoundSource {
    enum Part { case literal(String), column(Int) }

    case column(Int)
    case constant(String)
    case template([Part])
    case coalesce([Int])
    case hash([Int])

    func evaluate(_ row: SourceRow) -> TransformValue {
        switch self {
        case .column(let index): return row.isEmpty(index) ? .missing : TransformValue(row.string(index))
        case .constant(let value): return TransformValue(value)
        case .template(let parts):
            var text = ""
            var anyColumn = false
            for part in parts {
                switch part {
                case .literal(let literal): text += literal
                case .column(let index):
                    let value = row.string(index)
                    if !value.isEmpty { anyColumn = true }
                    text += value
                }
            }
            // A template whose columns are all empty is empty, not its literal text.
            return anyColumn || !parts.contains(where: { if case .column = $0 { true } else { false } }) ? TransformValue(text) : .missing
        case .coalesce(let indexes):
            guard let index = indexes.first(where: { !row.string($0).trimmed.isEmpty }) else { return .missing }
            return TransformValue(row.string(index))
        case .hash(let indexes):
            let values = indexes.map { row.string($0).trimmed }
            guard values.contains(where: { !$0.isEmpty }) else { return .missing }
            return TransformValue(Self.stableId(values))
        }
    }

    /// `h` and 16 hex digits of a hash that never changes between versions (values joined by
    /// U+001F, which no cell holds), so a record keeps its objectId run after run.
    static func stableId(_ values: [String]) -> String {
        var bytes = Array(values.joined(separator: "\u{1F}").utf8)
        let hash = bytes.withUnsafeMutableBufferPointer { StableHash.hash(UnsafeBufferPointer($0)) }
        let hex = String(hash, radix: 16)
        return "h" + String(repeating: "0", count: 16 - hex.count) + hex
    }
}
