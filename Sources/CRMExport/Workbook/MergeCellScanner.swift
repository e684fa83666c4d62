/// Finds a worksheet's merged areas (`<mergeCell ref="A1:C1"/>`), which SpreadsheetML lists after
/// all the rows. It looks only for the `C` of `mergeCell` (memchr), never at the millions of other
/// tags, so the pass costs little more than inflating the part.
struct MergeCellScanner {
    private(set) var ranges: [CellRange] = []
    /// A tag cut by the end of a chunk, completed from the next one.
    private var carry: [UInt8] = []

    mutating func scan(_ chunk: UnsafeRawBufferPointer) {
        guard let start = chunk.baseAddress, chunk.count > 0 else { return }
        let bytes = UnsafeBufferPointer(start: start.assumingMemoryBound(to: UInt8.self), count: chunk.count)
        if carry.isEmpty {
            carry = scanTags(bytes)
        } else {
            carry.append(contentsOf: bytes)
            let joined = carry
            carry = joined.withUnsafeBufferPointer { scanTags($0) }
        }
    }

    /// Reads the complete `mergeCell` tags in `bytes`; the tail from a `<` whose tag does not end
    /// in them, to be read again with the next chunk.
    private mutating func scanTags(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        guard let base = bytes.baseAddress else { return [] }
        let count = bytes.count
        var index = 0
        while let c = findByte(UInt8(ascii: "C"), in: base, from: index, to: count) {
            index = c + 1
            guard let nameEnd = Self.endOfMergeCellName(at: c, in: bytes),
                  let close = findByte(UInt8(ascii: ">"), in: base, from: nameEnd, to: count) else { continue }
            if let reference = Self.refValue(in: UnsafeBufferPointer(start: base + nameEnd, count: close - nameEnd)),
               let range = CellRange(reference) {
                ranges.append(range)
            }
            index = close + 1
        }
        var last = count
        while last > 0 {
            last -= 1
            if base[last] == UInt8(ascii: ">") { return [] }
            if base[last] == UInt8(ascii: "<") { return Array(UnsafeBufferPointer(rebasing: bytes[last...])) }
        }
        return []
    }

    /// Whether the `C` at `c` is that of a `<mergeCell` or `<x:mergeCell` tag's name (not of
    /// `mergeCells`, nor of text); the index after the name.
    private static func endOfMergeCellName(at c: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        let nameEnd = c + 4 // C, e, l, l
        guard c >= 6, nameEnd < bytes.count,
              bytesEqual(UnsafeBufferPointer(rebasing: bytes[(c - 5)..<nameEnd]), "mergeCell") else { return nil }
        let after = bytes[nameEnd]
        guard isXMLWhitespace(after) || after == UInt8(ascii: "/") || after == UInt8(ascii: ">") else { return nil }
        var before = c - 6
        if bytes[before] == UInt8(ascii: ":") {
            // A namespace prefix: letters, digits, `_`, `-` and `.` back to the `<`.
            before -= 1
            while before > 0 && isPrefixByte(bytes[before]) { before -= 1 }
        }
        return bytes[before] == UInt8(ascii: "<") ? nameEnd : nil
    }

    private static func isPrefixByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "_"), UInt8(ascii: "-"), UInt8(ascii: "."): return true
        default: return false
        }
    }

    /// The value of ` ref="…"` among a tag's attributes.
    private static func refValue(in attributes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8>? {
        var index = 0
        while index + 4 < attributes.count {
            defer { index += 1 }
            guard isXMLWhitespace(attributes[index]), attributes[index + 1] == UInt8(ascii: "r"),
                  attributes[index + 2] == UInt8(ascii: "e"), attributes[index + 3] == UInt8(ascii: "f") else { continue }
            var position = index + 4
            while position < attributes.count && isXMLWhitespace(attributes[position]) { position += 1 }
            guard position < attributes.count, attributes[position] == UInt8(ascii: "=") else { continue }
            position += 1
            while position < attributes.count && isXMLWhitespace(attributes[position]) { position += 1 }
            guard position < attributes.count else { return nil }
            let quote = attributes[position]
            guard quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") else { continue }
            var valueEnd = position + 1
            while valueEnd < attributes.count && attributes[valueEnd] != quote { valueEnd += 1 }
            guard valueEnd < attributes.count else { return nil }
            return UnsafeBufferPointer(rebasing: attributes[(position + 1)..<valueEnd])
        }
        return nil
    }
}
