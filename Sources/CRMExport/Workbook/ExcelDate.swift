/// How a workbook counts days: from 1900 (Windows Excel's default) or from 1904 (old Mac Excel;
/// `<workbookPr date1904="1"/>`).
public enum ExcelDateSystem: Sendable, Hashable {
    case from1900
    case from1904
}

/// Excel date serials (whole days since the system's start, the fraction the time of day) as ISO
/// 8601 text without a zone: `2023-03-15`, `2023-03-15T12:00:00`, `12:00:00`. Pure functions.
enum ExcelDate {
    /// The text of `serial` for a cell whose format is `kind`; nil when Excel would show no date
    /// for it (negative, past 9999-12-31, day 0 of the 1900 system for a date), and the number is kept.
    static func text(serial: Double, kind: NumberFormatKind, system: ExcelDateSystem) -> String? {
        let limit = system == .from1900 ? 2_958_466.0 : 2_957_004.0 // 10000-01-01
        guard kind != .general, serial.isFinite, serial >= 0, serial < limit else { return nil }
        var day = Int(serial)
        // Serials hold the time as a fraction of a day: rounding to the second undoes the binary
        // fraction (0.291666666664 × 86400 is 25199.99…, meant as 07:00:00).
        var seconds = Int(((serial - Double(day)) * 86_400).rounded())
        if seconds >= 86_400 {
            day += 1
            seconds -= 86_400
        }
        switch kind {
        case .general:
            return nil
        case .time:
            return clock(seconds)
        case .duration:
            let total = day * 86_400 + seconds
            return "\(twoDigits(total / 3_600)):\(twoDigits(total / 60 % 60)):\(twoDigits(total % 60))"
        case .date:
            return civilDate(serialDay: day, system: system).map { format($0, seconds: nil) }
        case .dateTime:
            guard let date = civilDate(serialDay: day, system: system) else {
                // A time typed into a date-time cell: Excel shows "1900-01-00 12:00".
                return day == 0 ? clock(seconds) : nil
            }
            return format(date, seconds: seconds)
        }
    }

    /// The calendar date of a whole serial day.
    ///
    /// The 1900 system keeps Lotus 1-2-3's mistake of a 29 February 1900: serial 60 is that day,
    /// which never was, and from serial 61 (1 March 1900) on a serial is one more than the days
    /// actually counted from 31 December 1899.
    static func civilDate(serialDay day: Int, system: ExcelDateSystem) -> (year: Int, month: Int, day: Int)? {
        switch system {
        case .from1904:
            guard day >= 0 else { return nil }
            return CivilDays.date(daysSince1970: CivilDays.days(year: 1904, month: 1, day: 1) + day)
        case .from1900:
            if day < 1 { return nil }
            if day == 60 { return (1900, 2, 29) }
            let dayZero = day < 60 ? CivilDays.days(year: 1899, month: 12, day: 31) : CivilDays.days(year: 1899, month: 12, day: 30)
            return CivilDays.date(daysSince1970: dayZero + day)
        }
    }

    /// `YYYY-MM-DD`, then `THH:MM:SS` when `seconds` is given; built in place, as a sheet may hold
    /// a date in every row.
    private static func format(_ date: (year: Int, month: Int, day: Int), seconds: Int?) -> String {
        String(unsafeUninitializedCapacity: 19) { text in
            var count = 0
            func putNumber(_ value: Int, width: Int) {
                var rest = value
                var position = count + width - 1
                while position >= count {
                    text[position] = UInt8(ascii: "0") + UInt8(rest % 10)
                    rest /= 10
                    position -= 1
                }
                count += width
            }
            func putSeparator(_ separator: Unicode.Scalar) {
                text[count] = UInt8(ascii: separator)
                count += 1
            }
            putNumber(date.year, width: 4)
            putSeparator("-")
            putNumber(date.month, width: 2)
            putSeparator("-")
            putNumber(date.day, width: 2)
            if let seconds {
                putSeparator("T")
                putNumber(seconds / 3_600, width: 2)
                putSeparator(":")
                putNumber(seconds / 60 % 60, width: 2)
                putSeparator(":")
                putNumber(seconds % 60, width: 2)
            }
            return count
        }
    }

    private static func clock(_ seconds: Int) -> String {
        "\(twoDigits(seconds / 3_600)):\(twoDigits(seconds / 60 % 60)):\(twoDigits(seconds % 60))"
    }

    private static func twoDigits(_ value: Int) -> String {
        value < 10 ? "0\(value)" : "\(value)"
    }
}
