/// RFC 4180 parsing of CSV/TSV bytes (already UTF-8): quoted cells, doubled quotes, delimiters
/// and line breaks inside quotes, CRLF or LF. Streams in chunks; memory is bounded by the widest row.
///
/// Lenient where a careful reader would be: a quote inside an unquoted cell is kept as text, text
/// after a closing quote is kept and reported. An unterminated quote is reported with the line and
/// column where it opened, and reading resumes on the next line so the rest of the file is kept.
final class DelimitedParser {
    let delimiter: UInt8
    let fileName: String
    let maxRowBytes: Int
    private let reopen: (Int) throws -> any ByteStream

    // Only this parser's thread touches its state: no run-time exclusivity checks on every byte.
    @exclusivity(unchecked) private var stream: any ByteStream
    @exclusivity(unchecked) private var buffer: UnsafeMutableRawBufferPointer
    @exclusivity(unchecked) private var position = 0
    @exclusivity(unchecked) private var end = 0
    @exclusivity(unchecked) private var exhausted = false
    /// Offset in the UTF-8 stream of `buffer[0]`.
    @exclusivity(unchecked) private var bufferOffset = 0
    @exclusivity(unchecked) private var line = 1
    @exclusivity(unchecked) private var lineStartOffset = 0
    private(set) var issues: [ReadIssue] = []

    init(delimiter: UInt8, fileName: String, maxRowBytes: Int, reopen: @escaping (Int) throws -> any ByteStream) throws {
        self.delimiter = delimiter
        self.fileName = fileName
        self.maxRowBytes = maxRowBytes
        self.reopen = reopen
        stream = try reopen(0)
        buffer = .allocate(byteCount: 256 * 1024, alignment: 8)
    }

    deinit { buffer.deallocate() }

    func takeIssues() -> [ReadIssue] {
        defer { issues.removeAll() }
        return issues
    }

    private func refill() throws -> Bool {
        guard !exhausted else { return false }
        bufferOffset += end
        position = 0
        end = try stream.read(into: buffer)
        if end == 0 { exhausted = true }
        return end > 0
    }

    /// Bytes of the UTF-8 stream read so far.
    @inline(__always) var offset: Int { bufferOffset + position }
    @inline(__always) private var column: Int { offset - lineStartOffset + 1 }

    /// Reads the next record into `row`; skips blank lines; false at the end of the file.
    func next(into row: inout SourceRow) throws -> Bool {
        while true {
            row.reset()
            guard try parseRecord(into: &row) else { return false }
            if row.count == 1 && row.isEmpty(0) && !lastRecordHadQuotes { continue }
            return true
        }
    }

    @exclusivity(unchecked) private var lastRecordHadQuotes = false

    private enum State { case cellStart, unquoted, quoted, quoteInQuoted }

    private func parseRecord(into row: inout SourceRow) throws -> Bool {
        if position == end, try !refill() { return false }
        row.line = line
        lastRecordHadQuotes = false
        var state = State.cellStart
        var quoteLine = 0, quoteColumn = 0, quoteOffset = 0
        var highBits: UInt8 = 0
        let quote = UInt8(ascii: "\""), newline = UInt8(ascii: "\n"), carriage = UInt8(ascii: "\r")
        let delimiter = self.delimiter

        while true {
            if position == end {
                if try !refill() {
                    if state == .quoted {
                        try recoverFromUnterminatedQuote(line: quoteLine, column: quoteColumn, offset: quoteOffset)
                        row.reset()
                        return try parseRecord(into: &row)
                    }
                    row.finishCell()
                    return finishRow(&row, highBits: highBits)
                }
            }
            let base = buffer.baseAddress!.assumingMemoryBound(to: UInt8.self)
            switch state {
            case .cellStart:
                if base[position] == quote {
                    state = .quoted
                    lastRecordHadQuotes = true
                    quoteLine = line; quoteColumn = column; quoteOffset = offset
                    position += 1
                } else {
                    state = .unquoted
                }
            case .unquoted:
                // Runs of unquoted cells stay in this loop, with the position in a register.
                var scan = position
                while true {
                    let cellStart = scan
                    scan = Self.firstMarked(base, from: scan, to: end, highBits: &highBits) { word in
                        Self.equal(word, delimiter) | Self.equal(word, newline) | Self.equal(word, carriage) | Self.equal(word, quote)
                    }
                    row.append(base + cellStart, count: scan - cellStart)
                    if row.byteCount > maxRowBytes {
                        position = scan
                        try skipOversizedRecord(startingOn: row.line, quoted: false, quoteLine: 0, quoteColumn: 0, quoteOffset: 0)
                        row.reset()
                        return try parseRecord(into: &row)
                    }
                    guard scan < end else { break }
                    let byte = base[scan]
                    scan += 1
                    if byte == delimiter {
                        row.finishCell()
                        if scan < end && base[scan] != quote { continue }
                        state = .cellStart
                        break
                    } else if byte == quote {
                        row.append(quote)
                    } else {
                        position = scan
                        row.finishCell()
                        if byte == carriage { try skipLineFeed() }
                        newLine()
                        return finishRow(&row, highBits: highBits)
                    }
                }
                position = scan
            case .quoted:
                // Runs of quoted cells ("a","b",...) stay in this loop, with the position in a register.
                var scan = position
                var cellStart = position
                while true {
                    scan = Self.firstMarked(base, from: scan, to: end, highBits: &highBits) { Self.equal($0, quote) | Self.equal($0, newline) }
                    while scan < end && base[scan] == newline {
                        line += 1
                        lineStartOffset = bufferOffset + scan + 1
                        scan = Self.firstMarked(base, from: scan + 1, to: end, highBits: &highBits) { Self.equal($0, quote) | Self.equal($0, newline) }
                    }
                    row.append(base + cellStart, count: scan - cellStart)
                    if row.byteCount > maxRowBytes {
                        position = scan
                        try skipOversizedRecord(startingOn: row.line, quoted: true, quoteLine: quoteLine, quoteColumn: quoteColumn, quoteOffset: quoteOffset)
                        row.reset()
                        return try parseRecord(into: &row)
                    }
                    // The closing quote, a delimiter and the next cell's opening quote: go straight on.
                    guard scan + 2 < end, base[scan + 1] == delimiter, base[scan + 2] == quote else { break }
                    row.finishCell()
                    quoteLine = line
                    quoteOffset = bufferOffset + scan + 2
                    quoteColumn = quoteOffset - lineStartOffset + 1
                    scan += 3
                    cellStart = scan
                }
                position = scan
                if scan < end {
                    position += 1
                    state = .quoteInQuoted
                }
            case .quoteInQuoted:
                let byte = base[position]
                if byte == quote {
                    row.append(quote)
                    position += 1
                    state = .quoted
                } else if byte == delimiter {
                    position += 1
                    row.finishCell()
                    state = .cellStart
                } else if byte == newline || byte == carriage {
                    position += 1
                    row.finishCell()
                    if byte == carriage { try skipLineFeed() }
                    newLine()
                    return finishRow(&row, highBits: highBits)
                } else {
                    issues.append(ReadIssue(.warning, "text-after-quote", file: fileName, line: line, column: column,
                                            "text follows a closing quote; it was kept as part of the cell. Quote the whole cell and double inner quotes (\"\")"))
                    state = .unquoted
                }
            }
        }
    }

    /// The index of the first byte in `start..<end` that `marks` flags (see `equal`), or `end`;
    /// the high bits of the bytes before it are ORed into `highBits`. Eight bytes at a time.
    @inline(__always)
    private static func firstMarked(_ base: UnsafeMutablePointer<UInt8>, from start: Int, to end: Int, highBits: inout UInt8, _ marks: (UInt64) -> UInt64) -> Int {
        var scan = start
        while scan + 8 <= end {
            let word = UnsafeRawPointer(base + scan).loadUnaligned(as: UInt64.self)
            let marked = marks(word)
            if marked != 0 {
                // Only the lowest mark is exact, and it is the first byte in memory order.
                let offset = marked.trailingZeroBitCount >> 3
                highBits |= highBit(word & ((1 << UInt64(offset * 8)) &- 1))
                return scan + offset
            }
            highBits |= highBit(word)
            scan += 8
        }
        while scan < end {
            let byte = base[scan]
            if marks(UInt64(byte)) != 0 { return scan }
            highBits |= byte
            scan += 1
        }
        return end
    }

    /// High bit set in each byte of `word` equal to `byte` (exact for the first match).
    @inline(__always) private static func equal(_ word: UInt64, _ byte: UInt8) -> UInt64 {
        let x = word ^ (0x0101_0101_0101_0101 &* UInt64(byte))
        return (x &- 0x0101_0101_0101_0101) & ~x & 0x8080_8080_8080_8080
    }

    /// 0x80 when any byte of `word` is not ASCII.
    @inline(__always) private static func highBit(_ word: UInt64) -> UInt8 {
        word & 0x8080_8080_8080_8080 != 0 ? 0x80 : 0
    }

    private func newLine() {
        line += 1
        lineStartOffset = offset
    }

    private func skipLineFeed() throws {
        if position == end, try !refill() { return }
        let base = buffer.baseAddress!.assumingMemoryBound(to: UInt8.self)
        if base[position] == UInt8(ascii: "\n") { position += 1 }
    }

    private func finishRow(_ row: inout SourceRow, highBits: UInt8) -> Bool {
        if highBits & 0x80 != 0 && !row.isValidUTF8 {
            row.readAsWindows1252 = true
            issues.append(ReadIssue(.warning, "encoding-fallback", file: fileName, line: row.line,
                                    "row is not valid UTF-8; it was read as Windows-1252. Save the file as UTF-8 to be sure of the characters"))
        }
        return true
    }

    /// The rest of a record past the row limit, read without keeping it. A record that ends (its
    /// quote closed and followed by a delimiter or a line end) is reported as too long and skipped
    /// whole; a quote that never closes properly is an unterminated quote, as without the limit.
    private func skipOversizedRecord(startingOn firstLine: Int, quoted: Bool, quoteLine: Int, quoteColumn: Int, quoteOffset: Int) throws {
        let quote = UInt8(ascii: "\""), newline = UInt8(ascii: "\n"), carriage = UInt8(ascii: "\r")
        var inQuote = quoted
        var openedLine = quoteLine, openedColumn = quoteColumn, openedOffset = quoteOffset
        var atCellStart = false
        func byte() throws -> UInt8? {
            if position == end, try !refill() { return nil }
            defer { position += 1 }
            return buffer.baseAddress!.assumingMemoryBound(to: UInt8.self)[position]
        }
        while true {
            guard let next = try byte() else {
                if inQuote { try recoverFromUnterminatedQuote(line: openedLine, column: openedColumn, offset: openedOffset) } else { reportTooLong(firstLine) }
                return
            }
            if inQuote {
                if next == newline { newLine() }
                guard next == quote else { continue }
                // A doubled quote stays inside; a closing one must end the cell.
                guard let after = try byte() else { reportTooLong(firstLine); return }
                if after == quote { continue }
                inQuote = false
                if after == delimiter { atCellStart = true; continue }
                if after == newline || after == carriage {
                    if after == carriage { try skipLineFeed() }
                    newLine()
                    reportTooLong(firstLine)
                    return
                }
                try recoverFromUnterminatedQuote(line: openedLine, column: openedColumn, offset: openedOffset)
                return
            }
            if next == newline || next == carriage {
                if next == carriage { try skipLineFeed() }
                newLine()
                reportTooLong(firstLine)
                return
            }
            if next == quote && atCellStart {
                inQuote = true
                openedLine = line; openedOffset = offset - 1; openedColumn = openedOffset - lineStartOffset + 1
            }
            atCellStart = next == delimiter
        }
    }

    private func reportTooLong(_ firstLine: Int) {
        let lines = line - 1 > firstLine ? "lines \(firstLine)–\(line - 1)" : "line \(firstLine)"
        issues.append(ReadIssue(.error, "row-too-long", file: fileName, line: firstLine,
                                "row is longer than \(maxRowBytes >> 20 > 0 ? "\(maxRowBytes >> 20) MB" : "\(maxRowBytes) bytes") (\(lines)); it was skipped and reading went on after it. A cell this large is not CRM data: check the export's quoting or cut the cell"))
    }

    /// Reports the quote and restarts reading at the line after the one where it opened.
    private func recoverFromUnterminatedQuote(line quoteLine: Int, column quoteColumn: Int, offset quoteOffset: Int) throws {
        issues.append(ReadIssue(.error, "unterminated-quote", file: fileName, line: quoteLine, column: quoteColumn,
                                "quote opened here is never closed; the row starting on this line was skipped and reading went on at the next line. Close the quote, or double a quote inside the cell (\"\")"))
        stream = try reopen(quoteOffset)
        bufferOffset = quoteOffset
        position = 0
        end = 0
        exhausted = false
        line = quoteLine
        lineStartOffset = quoteOffset
        // Skip the rest of the line that held the quote.
        while true {
            if position == end, try !refill() { return }
            let byte = buffer.baseAddress!.assumingMemoryBound(to: UInt8.self)[position]
            position += 1
            if byte == UInt8(ascii: "\n") { newLine(); return }
        }
    }
}
