/// Finds a worksheet's merged areas (`<mergeCell ref="A1:C1"/>`), which SpreadsheetML lists after
/// all the rows, by looking at tag names only: nothing is parsed, decoded or allocated for the
/// cells it passes, so the pass costs little more than inflating the part.
struct MergeCellScanner {
    private(set) var ranges: [CellRange] = []
    /// A tag cut by the end of a chunk, completed from the next one.
    private var carry: [UInt8] = []

    mutating func scan(_ chunk: UnsafeRawBufferPointer) {
        guard let start = chunk.baseAddress, chunk.count > 0 else { return }
        let bytes = start.assumingMemoryBound(to: UInt8.self)
        var index = 0
        if !carry.isEmpty {
            let close = findByte(UInt8(ascii: ">"), in: bytes, from: 0, to: chunk.count)
            let taken = close.map { $0 + 1 } ?? chunk.count
            carry.append(contentsOf: UnsafeBufferPointer(start: bytes, count: taken))
            guard close != nil else { return }
            let tag = carry
            carry.removeAll(keepingCapacity: true)
            tag.withUnsafeBufferPointer { scanTags($0) }
            index = taken
        }
        scanTags(UnsafeBufferPointer(start: bytes + index, count: chunk.count - index))
    }

    private mutating func scanTags(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let base = bytes.baseAddress else { return }
        let count = bytes.count
        var index = 0
        while let open = findByte(UInt8(ascii: "<"), in: base, from: index, to: count) {
            var nameEnd = open + 1
            while nameEnd < count && !isXMLWhitespace(base[nameEnd]) && base[nameEnd] != UInt8(ascii: "/") && base[nameEnd] != UInt8(ascii: ">") {
                nameEnd += 1
            }
            guard nameEnd < count else {
                carry.append(contentsOf: UnsafeBufferPointer(start: base + open, count: count - open))
                return
            }
            let name = XMLName(qualified: UnsafeBufferPointer(start: base + open + 1, count: nameEnd - open - 1))
            guard name == "mergeCell" else {
                index = nameEnd
                continue
            }
            guard let close = findByte(UInt8(ascii: ">"), in: base, from: nameEnd, to: count) else {
                carry.append(contentsOf: UnsafeBufferPointer(start: base + open, count: count - open))
                return
            }
            if let reference = Self.refValue(in: UnsafeBufferPointer(start: base + nameEnd, count: close - nameEnd)),
               let range = CellRange(reference) {
                ranges.append(range)
            }
            index = close + 1
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
