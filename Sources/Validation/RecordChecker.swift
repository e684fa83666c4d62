import GongCRM
import Mapping

/// The record-level rules of gong-crm-api.md §5 (rules 11–17, 19, 23–24, 26, 28, 30):
/// presence, formats and identity of one record, without looking at other records.
/// The record-level rules of gong-crm-api.md §5 that look at the record as a whole: required
/// fields (rules 11, 13, 17, 28), the objectId rule (11–12) and stage sort orders (28). Formats
/// and types (rules 14–16, 19, 23–24, 26, 30) are checked while values are converted.
///
/// Each thread gets its own copy (`copy()`): sharing read-only Swift storage across threads still
/// makes every retain a contended atomic operation.
struct RecordChecker: @unchecked Sendable {
    let punctuation: Severity
    private let catalogs: [[StandardField]]

    init(mapping: Mapping) {
        self.init(punctuation: mapping.options.objectIdPunctuation == .error ? .error : .warning,
                  catalogs: EntityType.uploadOrder.map { EntityCatalog.fields(of: $0) })
    }

    private init(punctuation: Severity, catalogs: [[StandardField]]) {
        self.punctuation = punctuation
        self.catalogs = catalogs.map { $0.map { $0 } }
    }

    func copy() -> RecordChecker { RecordChecker(punctuation: punctuation, catalogs: catalogs) }

    /// Appends the record's problems to `found`.
    func check(_ record: GongRecord, into found: inout [Finding]) {
        var sortOrder: String?
        if record.type == .stage, case .number(let order)? = record["sortOrder"] { sortOrder = order }
        let summary = RecordSummary(record, picking: [])
        func check(_ objectId: UnsafeBufferPointer<UInt8>?) {
            self.check(record.type, present: summary.standardFieldMask, isDeletion: summary.isDeletion, objectId: objectId, sortOrder: sortOrder, into: &found)
        }
        guard var id = summary.objectId else { return check(nil) }
        id.withUTF8 { check($0) }
    }

    /// The same checks from what encoding found (records written straight to LDJSON; never stages).
    func check(_ entity: EntityType, present: UInt64, isDeletion deletion: Bool, objectId: UnsafeBufferPointer<UInt8>?, sortOrder: String? = nil, into found: inout [Finding]) {
        let catalog = catalogs[entity.orderIndex]
        for (index, standard) in catalog.enumerated() where present & (1 << UInt64(index)) == 0 {
            switch standard.requirement {
            case .mandatory:
                found.append(Finding(.error, .missingRequired, standard.name, nil, "\(entity.rawValue) needs \(standard.name) (\(standard.summary)); map a column to it or give a default"))
            case .mandatoryUnlessDeleted where !deletion:
                found.append(Finding(.error, .missingRequired, standard.name, nil, "\(entity.rawValue) needs \(standard.name) unless the record is deleted (\(standard.summary))"))
            case .recommended(let consequence) where !deletion:
                found.append(Finding(.warning, .missingRecommended, standard.name, nil, "\(standard.name) is empty: \(consequence)"))
            default: break
            }
        }
        if let objectId, let problem = ObjectIdRule.problem(bytes: objectId) {
            let id = String(decoding: objectId, as: UTF8.self)
            if problem == .punctuation {
                found.append(Finding(punctuation, .objectIdPunctuation, "objectId", id, problem.message + "; set options.objectIdPunctuation to decide, or map the id through slug"))
            } else {
                found.append(Finding(.error, .objectIdFormat, "objectId", id, problem.message))
            }
        }
        if let sortOrder, (Int(sortOrder) ?? 0) < 1 {
            found.append(Finding(.error, .invalidValue, "sortOrder", sortOrder, "sortOrder starts at 1; \(sortOrder) is not allowed"))
        }
    }
}

/// A rule broken by a record, before it gets its place (file, row, column).
struct Finding {
    var severity: Severity
    var rule: Rule
    var field: String?
    var value: String?
    var message: String

    init(_ severity: Severity, _ rule: Rule, _ field: String?, _ value: String?, _ message: String) {
        self.severity = severity
        self.rule = rule
        self.field = field
        self.value = value
        self.message = message
    }
}
