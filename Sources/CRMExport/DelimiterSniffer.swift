/// Picks the delimiter among `,` `;` tab `|` from the first lines: the candidate that appears on
/// every line the same number of times wins; ties go to the most frequent.
public enum DelimiterSniffer {
    public static let candidates: [UInt8] = [UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "\t"), UInt8(ascii: "|")]

    public static func sniff(_ head: [UInt8], preferTab: Bool = false) -> UInt8 {
        let lines = firstLines(head, limit: 20)
        guard !lines.isEmpty else { return preferTab ? UInt8(ascii: "\t") : UInt8(ascii: ",") }
        var best: (delimiter: UInt8, score: Int)?
        for candidate in candidates {
            let counts = lines.map { $0[candidate, default: 0] }
            guard let first = counts.first, first > 0 else { continue }
            let consistent = counts.allSatisfy { $0 == first }
            var score = consistent ? 1_000_000 + first : counts.filter { $0 == first }.count * 100 + first
            if preferTab && candidate == UInt8(ascii: "\t") { score += 10_000_000 }
            if best == nil || score > best!.score { best = (candidate, score) }
        }
        return best?.delimiter ?? (preferTab ? UInt8(ascii: "\t") : UInt8(ascii: ","))
    }

    /// Counts candidates per logical line, outside quotes; a cut-off last line is dropped.
    static func firstLines(_ head: [UInt8], limit: Int) -> [[UInt8: Int]] {
        var lines: [[UInt8: Int]] = []
        var counts: [UInt8: Int] = [:]
        var inQuotes = false
        for byte in head {
            if byte == UInt8(ascii: "\"") { inQuotes.toggle(); continue }
            if inQuotes { continue }
            if byte == UInt8(ascii: "\n") {
                lines.append(counts)
                counts = [:]
                if lines.count == limit { break }
            } else if candidates.contains(byte) {
                counts[byte, default: 0] += 1
            }
        }
        if lines.isEmpty { lines.append(counts) }
        return lines
    }
}
