import CRMExport

/// A record line's content as compared between runs (a 64-bit hash kept in the journal). A
/// `modifiedDate` that is the run's own time (`@now`, for records whose CRM keeps none, and
/// records gongmap derives) changes every run though nothing else does: it is left out, so
/// unchanged records are not sent again, and a changed one is sent with the time of its run.
struct ContentHash {
    /// `"modifiedDate":"<the run's time>"`, for the entities whose modifiedDate is `@now`.
    private let stampField: [UInt8]?

    init(runTimestamp: String?) {
        stampField = runTimestamp.map { Array("\"modifiedDate\":\"\($0)\"".utf8) }
    }

    func hash(_ line: UnsafeBufferPointer<UInt8>) -> Int64 {
        guard let stampField, let start = Self.find(stampField, in: line) else { return Int64(bitPattern: StableHash.hash(line)) }
        let without = Array(line[..<start]) + Array(line[(start + stampField.count)...])
        return without.withUnsafeBufferPointer { Int64(bitPattern: StableHash.hash($0)) }
    }

    static func find(_ needle: [UInt8], in haystack: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let first = needle.first, haystack.count >= needle.count else { return nil }
        var index = 0
        while index <= haystack.count - needle.count {
            if haystack[index] == first && needle.indices.allSatisfy({ haystack[index + $0] == needle[$0] }) { return index }
            index += 1
        }
        return nil
    }
}
