import Foundation
/// Builds the profiles of all columns of a file from its rows.
public struct ColumnProfiler: Sendable {
    public static let frequencyLimit = 1_000
    public static let sampleLimit = 5
    private var names: [String]
    private var tallies: [ColumnTally]
    public private(set) var rows = 0

    public init(header: [String]) {
        names = header
        tallies = Array(repeating: ColumnTally(), count: header.count)
    }

    public var columns: [ColumnProfile] { tallies.indices.map { tallies[$0].profile(name: names[$0], index: $0) } }

    public mutating func add(_ row: SourceRow) {
        rows += 1
        while tallies.count < row.count {
            names.append("column \(names.count + 1)")
            tallies.append(ColumnTally())
        }
        let number = row.number
        for index in tallies.indices {
            tallies[index].rows += 1
            guard !row.isEmpty(index) else { continue }
            if row.readAsWindows1252 {
                add(row.string(index), to: index, row: number)
                continue
            }
            row.withCellBytes(index) { bytes in
                if let value = ASCIITrim.trim(bytes) {
                    if !value.isEmpty { tallies[index].add(value, row: number) }
                } else {
                    add(String(decoding: bytes, as: UTF8.self), to: index, row: number)
                }
            }
        }
    }

    private mutating func add(_ text: String, to index: Int, row: Int) {
        var value = text.trimmed
        value.withUTF8 { if !$0.isEmpty { tallies[index].add($0, row: row) } }
    }

    /// Adds the profile of another part of the same file.
    mutating func merge(_ other: ColumnProfiler) {
        rows += other.rows
        while tallies.count < other.tallies.count {
            names.append(other.names[names.count])
            tallies.append(ColumnTally())
        }
        for index in other.tallies.indices { tallies[index].merge(other.tallies[index]) }
    }

    /// Names columns after a header that grew while reading (JSON keys met late).
    public mutating func adopt(header: [String]) {
        for (index, name) in header.enumerated() {
            if index < names.count { names[index] = name } else {
                names.append(name)
                tallies.append(ColumnTally())
            }
        }
    }
}

/// Trims ASCII white space off a cell's bytes; nil when an end may be Unicode white space
/// (a no-break space, an ideographic space), which the String trim handles.
enum ASCIITrim {
    @inline(__always)
    static func trim(_ bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8>? {
        var start = 0, end = bytes.count
        while start < end && isSpace(bytes[start]) { start += 1 }
        while end > start && isSpace(bytes[end - 1]) { end -= 1 }
        guard start < end else { return UnsafeBufferPointer(start: bytes.baseAddress, count: 0) }
        if mayStartSpace(bytes[start]) { return nil }
        if bytes[end - 1] >= 0x80 {
            var lead = end - 1
            while lead > start && bytes[lead] & 0xC0 == 0x80 { lead -= 1 }
            if mayStartSpace(bytes[lead]) { return nil }
        }
        return UnsafeBufferPointer(rebasing: bytes[start..<end])
    }

    @inline(__always) static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) }

    /// Lead bytes of the scalars Unicode counts as white space beyond ASCII (U+0085, U+00A0,
    /// U+1680, U+2000–U+205F, U+3000).
    @inline(__always) static func mayStartSpace(_ byte: UInt8) -> Bool { byte == 0xC2 || byte == 0xE1 || byte == 0xE2 || byte == 0xE3 }
}
