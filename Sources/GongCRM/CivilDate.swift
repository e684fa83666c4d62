/// A calendar date without time zone, with the arithmetic Gong's formats need.
/// Uses Howard Hinnant's days-from-civil algorithm, so no Foundation calendar is involved.
public struct CivilDate: Sendable, Hashable, Comparable {
    public var year: Int
    public var month: Int
    public var day: Int

    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    public var isValid: Bool {
        guard (1...9999).contains(year), (1...12).contains(month), day >= 1 else { return false }
        return day <= Self.daysIn(month: month, year: year)
    }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days since 1970-01-01.
    public var daysSinceEpoch: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146097 + dayOfEra - 719468
    }

    public init(daysSinceEpoch days: Int) {
        let z = days + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let dayOfEra = z - era * 146097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        self.init(year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month: month, day: day)
    }

    public static func < (lhs: CivilDate, rhs: CivilDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    /// `YYYY-MM-DD`, the form of DEAL.closeDate and custom DATE fields.
    public var gongText: String {
        String(unsafeUninitializedCapacity: 10) { buffer in
            write(into: buffer)
            return 10
        }
    }

    /// Appends the 10 bytes of `gongText`.
    public func append(to output: ByteBuffer) {
        output.write(10) { write(into: UnsafeMutableBufferPointer(start: $0, count: 10)) }
    }

    /// Writes `YYYY-MM-DD` into the first 10 bytes.
    func write(into buffer: UnsafeMutableBufferPointer<UInt8>) {
        Self.digits(year, 4, buffer, 0)
        buffer[4] = UInt8(ascii: "-")
        Self.digits(month, 2, buffer, 5)
        buffer[7] = UInt8(ascii: "-")
        Self.digits(day, 2, buffer, 8)
    }

    @inline(__always)
    static func digits<Value: BinaryInteger>(_ value: Value, _ width: Int, _ buffer: UnsafeMutableBufferPointer<UInt8>, _ at: Int) {
        var rest = value
        for position in stride(from: at + width - 1, through: at, by: -1) {
            buffer[position] = UInt8(48 + rest % 10)
            rest /= 10
        }
    }

}

/// An instant as whole seconds since the Unix epoch, formatted the way Gong requires:
/// ISO-8601, seconds, no fraction, `Z` (gong-crm-api.md §1.6).
public struct GongTimestamp: Sendable, Hashable, Comparable {
    public var secondsSinceEpoch: Int

    public init(secondsSinceEpoch: Int) {
        self.secondsSinceEpoch = secondsSinceEpoch
    }

    public init(date: CivilDate, hour: Int, minute: Int, second: Int, offsetSeconds: Int) {
        secondsSinceEpoch = date.daysSinceEpoch * 86_400 + hour * 3600 + minute * 60 + second - offsetSeconds
    }

    public static func < (lhs: GongTimestamp, rhs: GongTimestamp) -> Bool {
        lhs.secondsSinceEpoch < rhs.secondsSinceEpoch
    }

    public var gongText: String {
        String(unsafeUninitializedCapacity: 20) { buffer in
            write(into: buffer)
            return 20
        }
    }

    /// Appends the 20 bytes of `gongText`.
    public func append(to output: ByteBuffer) {
        output.write(20) { write(into: UnsafeMutableBufferPointer(start: $0, count: 20)) }
    }

    private func write(into buffer: UnsafeMutableBufferPointer<UInt8>) {
        let days = secondsSinceEpoch >= 0 ? secondsSinceEpoch / 86_400 : (secondsSinceEpoch - 86_399) / 86_400
        let rest = secondsSinceEpoch - days * 86_400
        CivilDate(daysSinceEpoch: days).write(into: buffer)
        buffer[10] = UInt8(ascii: "T")
        CivilDate.digits(rest / 3600, 2, buffer, 11)
        buffer[13] = UInt8(ascii: ":")
        CivilDate.digits(rest / 60 % 60, 2, buffer, 14)
        buffer[16] = UInt8(ascii: ":")
        CivilDate.digits(rest % 60, 2, buffer, 17)
        buffer[19] = UInt8(ascii: "Z")
    }
}
