/// Reads dates and datetimes in the forms CRM exports use:
/// ISO-8601 (`2023-05-17`, `2023-05-17T14:22:05.000Z`, `2023-05-17 14:22:05+0200`),
/// numeric with `/`, `.` or `-` (`05/17/2023`, `17.05.2023 14:22`, `5/17/23 2:22 PM`),
/// `2023/05/17`, month names (`May 17, 2023`, `17-May-2023`) and epoch seconds or milliseconds.
public enum DateParser {
    public static func parse(_ text: String, order: DateOrder = .auto, allowEpoch: Bool = false) -> Result<ParsedDate, DateParseFailure> {
        var copy = text
        if let iso = copy.withUTF8(isoFastPath) { return iso.isValid ? .success(iso) : .failure(.invalidCalendarDate) }
        // A value starting with a letter is a date only if it starts with a month name.
        if let first = text.utf8.first, (first | 0x20) >= 0x61 && (first | 0x20) <= 0x7A {
            let prefix = String(text.utf8.prefix(3).map { Character(Unicode.Scalar($0 | 0x20)) })
            guard Scanner.monthNames.contains(prefix) else { return .failure(.notADate) }
        }
        var scanner = Scanner(Array(text.utf8))
        scanner.skipSpaces()
        guard !scanner.atEnd else { return .failure(.notADate) }
        if allowEpoch, let epoch = epoch(scanner.bytes) { return .success(epoch) }
        let result: Result<ParsedDate, DateParseFailure>
        if let first = scanner.digits(), let separator = scanner.peek {
            switch (first.count, separator) {
            case (4, UInt8(ascii: "-")), (4, UInt8(ascii: "/")), (4, UInt8(ascii: ".")):
                scanner.advance()
                guard let month = scanner.number(maxDigits: 2), scanner.take(separator), let day = scanner.number(maxDigits: 2) else { return .failure(.notADate) }
                result = .success(ParsedDate(year: first.value, month: month, day: day))
            case (1...2, UInt8(ascii: "/")), (1...2, UInt8(ascii: ".")), (1...2, UInt8(ascii: "-")):
                scanner.advance()
                if let monthName = scanner.monthName() {
                    guard scanner.take(separator), let year = scanner.year() else { return .failure(.notADate) }
                    result = .success(ParsedDate(year: year, month: monthName, day: first.value))
                } else {
                    guard let second = scanner.number(maxDigits: 2), scanner.take(separator), let year = scanner.year() else { return .failure(.notADate) }
                    result = numericDayMonth(first.value, second, year: year, order: order, separator: separator, text: text)
                }
            case (1...2, UInt8(ascii: " ")):
                scanner.skipSpaces()
                guard let month = scanner.monthName() else { return .failure(.notADate) }
                scanner.skipSpaces()
                guard let year = scanner.year() else { return .failure(.notADate) }
                result = .success(ParsedDate(year: year, month: month, day: first.value))
            default:
                return .failure(.notADate)
            }
        } else if let month = scanner.monthName() {
            scanner.skipSpaces()
            guard let day = scanner.number(maxDigits: 2) else { return .failure(.notADate) }
            _ = scanner.take(UInt8(ascii: ","))
            scanner.skipSpaces()
            guard let year = scanner.year() else { return .failure(.notADate) }
            result = .success(ParsedDate(year: year, month: month, day: day))
        } else {
            return .failure(.notADate)
        }
        guard case .success(var date) = result else { return result }
        guard scanner.time(into: &date) else { return .failure(.notADate) }
        scanner.skipSpaces()
        guard scanner.atEnd else { return .failure(.notADate) }
        return date.isValid ? .success(date) : .failure(.invalidCalendarDate)
    }

    /// `YYYY-MM-DD` or `YYYY-MM-DD[T ]HH:MM:SS[.fff][Z|±HH:MM|±HHMM]`, the forms most exports use,
    /// read without allocating; nil sends the value to the general parser.
    public static func isoFastPath(_ b: UnsafeBufferPointer<UInt8>) -> ParsedDate? {
        @inline(__always) func digit(_ at: Int) -> Int? {
            let value = Int(b[at]) - 48
            return (0...9).contains(value) ? value : nil
        }
        @inline(__always) func two(_ at: Int) -> Int? {
            guard let high = digit(at), let low = digit(at + 1) else { return nil }
            return high * 10 + low
        }
        guard b.count == 10 || b.count >= 19, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"),
              let century = two(0), let years = two(2), let month = two(5), let day = two(8) else { return nil }
        var date = ParsedDate(year: century * 100 + years, month: month, day: day)
        if b.count == 10 { return date }
        guard b[10] == UInt8(ascii: "T") || b[10] == UInt8(ascii: " "), b[13] == UInt8(ascii: ":"), b[16] == UInt8(ascii: ":"),
              let hour = two(11), let minute = two(14), let second = two(17) else { return nil }
        date.time = (hour, minute, second)
        var index = 19
        if index < b.count && b[index] == UInt8(ascii: ".") {
            index += 1
            let start = index
            while index < b.count && digit(index) != nil { index += 1 }
            guard index > start else { return nil }
        }
        if index == b.count { return date }
        if b[index] == UInt8(ascii: "Z") && index + 1 == b.count {
            date.offsetSeconds = 0
            return date
        }
        guard b[index] == UInt8(ascii: "+") || b[index] == UInt8(ascii: "-") else { return nil }
        let sign = b[index] == UInt8(ascii: "-") ? -1 : 1
        let rest = b.count - index - 1
        guard rest == 5 || rest == 4, let offsetHour = two(index + 1) else { return nil }
        let minuteAt = rest == 5 ? index + 4 : index + 3
        if rest == 5 && b[index + 3] != UInt8(ascii: ":") { return nil }
        guard let offsetMinute = two(minuteAt), offsetHour <= 14, offsetMinute < 60 else { return nil }
        date.offsetSeconds = sign * (offsetHour * 3600 + offsetMinute * 60)
        return date
    }

    static func numericDayMonth(_ first: Int, _ second: Int, year: Int, order: DateOrder, separator: UInt8, text: String) -> Result<ParsedDate, DateParseFailure> {
        switch order {
        case .monthFirst: return .success(ParsedDate(year: year, month: first, day: second))
        case .dayFirst: return .success(ParsedDate(year: year, month: second, day: first))
        case .auto:
            if first > 12 && second <= 12 { return .success(ParsedDate(year: year, month: second, day: first)) }
            if second > 12 && first <= 12 { return .success(ParsedDate(year: year, month: first, day: second)) }
            if first == second { return .success(ParsedDate(year: year, month: first, day: second)) }
            // A dot is only ever day-first in practice (German, Swiss, Russian exports).
            if separator == UInt8(ascii: ".") { return .success(ParsedDate(year: year, month: second, day: first)) }
            return .failure(.ambiguous(text))
        }
    }

    /// 9–10 digits are epoch seconds, 12–13 digits epoch milliseconds.
    static func epoch(_ bytes: [UInt8]) -> ParsedDate? {
        let trimmed = bytes.filter { $0 != 0x20 }
        guard (9...10).contains(trimmed.count) || (12...13).contains(trimmed.count), trimmed.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        var value = 0
        for byte in trimmed { value = value * 10 + Int(byte - 0x30) }
        let seconds = trimmed.count >= 12 ? value / 1000 : value
        return ParsedDate(epochSeconds: seconds)
    }

    /// Reads the digits of a column value as an epoch instant without the length heuristics.
    public static func parseEpoch(_ text: String, milliseconds: Bool) -> ParsedDate? {
        guard let value = Int(text.trimmed) else { return nil }
        return ParsedDate(epochSeconds: milliseconds ? value / 1000 : value)
    }
}

extension ParsedDate {
    init(epochSeconds: Int) {
        let days = epochSeconds >= 0 ? epochSeconds / 86_400 : (epochSeconds - 86_399) / 86_400
        let rest = epochSeconds - days * 86_400
        let date = CivilDays.date(daysSince1970: days)
        self.init(year: date.year, month: date.month, day: date.day,
                  time: (rest / 3600, rest / 60 % 60, rest % 60), offsetSeconds: 0)
    }
}

/// A cursor over the bytes of one value.
struct Scanner {
    let bytes: [UInt8]
    var index = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var atEnd: Bool { index >= bytes.count }
    var peek: UInt8? { index < bytes.count ? bytes[index] : nil }
    mutating func advance() { index += 1 }

    mutating func take(_ byte: UInt8) -> Bool {
        guard peek == byte else { return false }
        index += 1
        return true
    }

    mutating func skipSpaces() { while peek == 0x20 || peek == 0x09 { index += 1 } }

    mutating func digits() -> (value: Int, count: Int)? {
        let start = index
        var value = 0
        while let byte = peek, byte >= 0x30 && byte <= 0x39, index - start < 9 {
            value = value * 10 + Int(byte - 0x30)
            index += 1
        }
        return index > start ? (value, index - start) : nil
    }

    /// Exactly `count` digits (`0500` → `05`, then `00`).
    mutating func leadingDigits(_ count: Int) -> Int? {
        guard index + count <= bytes.count, bytes[index..<(index + count)].allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        var value = 0
        for byte in bytes[index..<(index + count)] { value = value * 10 + Int(byte - 0x30) }
        index += count
        return value
    }

    mutating func number(maxDigits: Int) -> Int? {
        let save = index
        guard let read = digits(), read.count <= maxDigits else { index = save; return nil }
        return read.value
    }

    /// Four digits, or two with the pivot 70 (`23` → 2023, `85` → 1985).
    mutating func year() -> Int? {
        let save = index
        guard let read = digits() else { return nil }
        switch read.count {
        case 4: return read.value
        case 2: return read.value < 70 ? 2000 + read.value : 1900 + read.value
        default: index = save; return nil
        }
    }

    static let monthNames: [String] = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    mutating func monthName() -> Int? {
        let start = index
        while let byte = peek, (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A { index += 1 }
        let word = String(decoding: bytes[start..<index], as: UTF8.self).lowercased()
        if word.count >= 3, let month = Self.monthNames.firstIndex(where: { word.hasPrefix($0) }),
           word.count == 3 || Self.fullMonthNames[month].hasPrefix(word) || word == "sept" {
            _ = take(UInt8(ascii: "."))
            return month + 1
        }
        index = start
        return nil
    }

    static let fullMonthNames = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"]

    /// An optional time after a date: `T` or spaces, `HH:MM[:SS[.fff]]`, optional AM/PM, optional zone.
    mutating func time(into date: inout ParsedDate) -> Bool {
        let save = index
        if !take(UInt8(ascii: "T")) {
            skipSpaces()
            _ = take(UInt8(ascii: ","))
            skipSpaces()
        }
        guard let hour = number(maxDigits: 2) else { index = save; return atEnd || bytes[save...].allSatisfy { $0 == 0x20 } }
        guard take(UInt8(ascii: ":")), let minute = number(maxDigits: 2) else { return false }
        var second = 0
        if take(UInt8(ascii: ":")) {
            guard let read = number(maxDigits: 2) else { return false }
            second = read
            if take(UInt8(ascii: ".")) || take(UInt8(ascii: ",")) {
                guard digits() != nil else { return false }
            }
        }
        var hour24 = hour
        let beforeMeridiem = index
        skipSpaces()
        if let meridiem = peek.map({ $0 | 0x20 }), meridiem == UInt8(ascii: "a") || meridiem == UInt8(ascii: "p"),
           index + 1 < bytes.count, bytes[index + 1] | 0x20 == UInt8(ascii: "m") {
            guard (1...12).contains(hour) else { return false }
            index += 2
            hour24 = hour % 12 + (meridiem == UInt8(ascii: "p") ? 12 : 0)
        } else {
            index = beforeMeridiem
        }
        date.time = (hour24, minute, second)
        skipSpaces()
        guard let offset = zone() else { return false }
        date.offsetSeconds = offset
        return true
    }

    /// `Z`, `±HH:MM`, `±HHMM`, `±HH`, `UTC`/`GMT`, or nothing: the offset in seconds, `.some(nil)`
    /// when no zone is written, nil when a zone is malformed.
    mutating func zone() -> Int?? {
        if take(UInt8(ascii: "Z")) || take(UInt8(ascii: "z")) { return .some(0) }
        if let sign = peek, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
            index += 1
            guard let offsetHour = leadingDigits(2) else { return nil }
            var offsetMinute = 0
            if take(UInt8(ascii: ":")) {
                guard let read = leadingDigits(2) else { return nil }
                offsetMinute = read
            } else if let read = leadingDigits(2) {
                offsetMinute = read
            }
            guard offsetHour <= 14, offsetMinute < 60 else { return nil }
            return .some((sign == UInt8(ascii: "-") ? -1 : 1) * (offsetHour * 3600 + offsetMinute * 60))
        }
        if bytes[index...].starts(with: Array("UTC".utf8)) || bytes[index...].starts(with: Array("GMT".utf8)) {
            index += 3
            return .some(0)
        }
        return .some(nil)
    }
}
