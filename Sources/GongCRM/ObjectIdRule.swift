/// What is wrong with an objectId, per gong-crm-api.md §3.1 and §6 #1.
public enum ObjectIdProblem: Sendable, Hashable {
    case empty
    case tooLong(Int)
    /// Only `_` or `.` break the rule: common in CRMs, used in Gong's own examples, so it is a
    /// rule of its own that a user can treat as a warning.
    case punctuation
    case invalidCharacters(String)

    public var message: String {
        switch self {
        case .empty: "objectId is empty"
        case .tooLong(let count): "objectId has \(count) characters; Gong allows at most 64"
        case .punctuation: "objectId contains '_' or '.', outside Gong's documented rule (letters, digits, '-', or an email)"
        case .invalidCharacters(let characters): "objectId contains \(characters); Gong allows letters, digits and '-', or an email address"
        }
    }
}

public enum ObjectIdRule {
    public static let maxLength = 64

    /// The same check on the id's UTF-8 bytes; a String is made only for an id that breaks the common form.
    public static func problem(bytes: UnsafeBufferPointer<UInt8>) -> ObjectIdProblem? {
        if !bytes.isEmpty && isPlain(bytes) { return nil }
        return problem(with: String(decoding: bytes, as: UTF8.self))
    }

    /// Letters, digits and '-', at most `maxLength`: nearly every id.
    private static func isPlain(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes.count <= maxLength && bytes.allSatisfy { GongFormat.isAlphanumeric($0) || $0 == UInt8(ascii: "-") }
    }

    public static func problem(with id: String) -> ObjectIdProblem? {
        if id.isEmpty { return .empty }
        var id = id
        if id.withUTF8(isPlain) { return nil }
        let count = id.count
        if count > maxLength { return .tooLong(count) }
        if id.utf8.contains(UInt8(ascii: "@")) && GongFormat.isEmail(id) { return nil }
        var punctuation = false
        var invalid: [Character] = []
        for scalar in id.unicodeScalars {
            if scalar.properties.isAlphabetic || scalar.properties.numericType == .decimal || scalar == "-" { continue }
            if scalar == "_" || scalar == "." { punctuation = true; continue }
            let character = Character(scalar)
            if !invalid.contains(character) { invalid.append(character) }
        }
        if invalid.isEmpty { return punctuation ? .punctuation : nil }
        return .invalidCharacters(describe(invalid))
    }

    private static func describe(_ characters: [Character]) -> String {
        characters.prefix(5).map { $0 == " " ? "a space" : "'\($0)'" }.joined(separator: ", ")
    }
}
