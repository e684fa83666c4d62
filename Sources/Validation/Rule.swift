/// The validation rules, with stable ids that tests, `--json` output and users' scripts rely on.
///
/// Validation owns checking records against Gong's documented rules (gong-crm-api.md §5) and
/// across entities, and the diagnostics that explain them. It streams: memory grows with the
/// number of objectIds, not with the size of the export.
public enum Rule: String, Sendable, Hashable, CaseIterable, Codable {
    // Reading the export
    case unreadableFile = "unreadable-file"
    case emptyFile = "empty-file"
    case binaryFile = "binary-file"
    case missingHeader = "missing-header"
    case raggedRow = "ragged-row"
    case unterminatedQuote = "unterminated-quote"
    case rowTooLong = "row-too-long"
    case malformedJSON = "malformed-json"
    case encodingFallback = "encoding-fallback"
    case textAfterQuote = "text-after-quote"
    case headerNames = "header-names"
    // Values
    case missingRequired = "missing-required"
    case missingRecommended = "missing-recommended"
    case invalidType = "invalid-type"
    case invalidValue = "invalid-value"
    case invalidDate = "invalid-date"
    case ambiguousDate = "ambiguous-date"
    case invalidEmail = "invalid-email"
    case invalidURL = "invalid-url"
    case unmappedValue = "unmapped-value"
    case mojibake = "mojibake"
    case invisibleCharacters = "invisible-characters"
    // Identity
    case objectIdFormat = "object-id-format"
    case objectIdPunctuation = "object-id-punctuation"
    case duplicateObjectId = "duplicate-object-id"
    case duplicateUserEmail = "duplicate-user-email"
    // Relationships
    case missingReference = "missing-reference"
    case lookupNotFound = "lookup-not-found"
    case lookupAmbiguous = "lookup-ambiguous"
    // History
    case historyWithoutCurrent = "history-without-current"
    case duplicateVersion = "duplicate-version"

    /// What the rule checks, for `gongmap rules` and the docs.
    public var summary: String {
        switch self {
        case .unreadableFile: "the file can be opened and read"
        case .emptyFile: "the file is not empty"
        case .binaryFile: "the file is text, not binary data"
        case .missingHeader: "the first row names the columns"
        case .raggedRow: "every row has as many cells as the header"
        case .unterminatedQuote: "every opening quote is closed"
        case .rowTooLong: "no row is longer than 64 MB (such a row is skipped whole, read without being kept)"
        case .malformedJSON: "every JSON record is a well-formed object"
        case .encodingFallback: "the file is UTF-8 (else it is read as Windows-1252)"
        case .textAfterQuote: "nothing follows a closing quote inside a cell"
        case .headerNames: "header names are present and unique"
        case .missingRequired: "fields Gong requires are present (objectId, modifiedDate, a user's emailAddress, a stage's name)"
        case .missingRecommended: "fields without which Gong shows the record poorly are present (a deal's account, owner, stage, close date; a contact's account)"
        case .invalidType: "numbers, booleans and integers are what their field takes"
        case .invalidValue: "enumerations, picklists, percentages and sort orders hold allowed values"
        case .invalidDate: "dates and datetimes can be read and are real calendar dates"
        case .ambiguousDate: "numeric dates such as 01/02/2024 have a decided day/month order"
        case .invalidEmail: "email addresses look like email addresses"
        case .invalidURL: "url fields are absolute http(s) links"
        case .unmappedValue: "every value of a mapped column has an entry in its value map"
        case .mojibake: "text is not UTF-8 that was read as Windows-1252 on the way ('CafÃ©' for 'Café'); the clean transform repairs it"
        case .invisibleCharacters: "text holds no zero-width characters and no no-break spaces at its ends; the clean transform removes them"
        case .objectIdFormat: "objectIds are 1-64 letters, digits and '-', or an email address"
        case .objectIdPunctuation: "objectIds hold no '_' or '.' (outside Gong's documented rule; an error by default, a warning with objectIdPunctuation: warning)"
        case .duplicateObjectId: "no objectId appears twice for one entity"
        case .duplicateUserEmail: "no two business users share an email address"
        case .missingReference: "references (accountId, ownerId, stage, convertedTo…, REFERENCE fields) name records in the upload"
        case .lookupNotFound: "lookups find the record they look for"
        case .lookupAmbiguous: "lookups find exactly one record"
        case .historyWithoutCurrent: "history versions belong to a record of the current upload"
        case .duplicateVersion: "a record has one history version per modifiedDate"
        }
    }
}

public enum Severity: String, Sendable, Hashable, Codable, Comparable {
    /// Gong would reject the record (or file): it is left out of the upload.
    case error
    /// Gong accepts the record but shows it poorly, or the data is suspicious: it is sent.
    case warning

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs == .error && rhs == .warning }
}
