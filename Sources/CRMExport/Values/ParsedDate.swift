/// A date or datetime read from an export value, before any time-zone conversion.
public struct ParsedDate: Sendable, Hashable {
    public var year: Int
    public var month: Int
    public var day: Int
    /// nil for a date-only value.
    public var time: (hour: Int, minute: Int, second: Int)?
    /// Offset from UTC in seconds when the value carried one (`Z`, `+02:00`); nil for a naive time.
    public var offsetSeconds: Int?

    public init(year: Int, month: Int, day: Int, time: (hour: Int, minute: Int, second: Int)? = nil, offsetSeconds: Int? = nil) {
        self.year = year
        self.month = month
        self.day = day
        self.time = time
        self.offsetSeconds = offsetSeconds
    }

    public var hasTime: Bool { time != nil }

    public var isValid: Bool {
        guard (1...9999).contains(year), (1...12).contains(month), day >= 1, day <= Self.daysIn(month: month, year: year) else { return false }
        if let time { return (0...23).contains(time.hour) && (0...59).contains(time.minute) && (0...60).contains(time.second) }
        return true
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    public static func == (lhs: ParsedDate, rhs: ParsedDate) -> Bool {
        lhs.year == rhs.year && lhs.month == rhs.month && lhs.day == rhs.day && lhs.offsetSeconds == rhs.offsetSeconds
            && lhs.time?.hour == rhs.time?.hour && lhs.time?.minute == rhs.time?.minute && lhs.time?.second == rhs.time?.second
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(year); hasher.combine(month); hasher.combine(day)
        hasher.combine(time?.hour); hasher.combine(time?.minute); hasher.combine(time?.second)
        hasher.combine(offsetSeconds)
    }
}

/// Which part comes first in numeric dates such as `01/02/2024`.
public enum DateOrder: String, Sendable, Hashable, Codable, CaseIterable {
    /// Decide per value; a value that reads both ways is reported, never guessed.
    case auto
    /// `MM/DD/YYYY` (US).
    case monthFirst = "MDY"
    /// `DD/MM/YYYY` (most of the world).
    case dayFirst = "DMY"
}

public enum DateParseFailure: Error, Sendable, Hashable {
    case notADate
    /// `01/02/2024` with no order decided.
    case ambiguous(String)
    case invalidCalendarDate
}
