import CRMExport
import Foundation
import GongCRM

/// Turns parsed dates into Gong's forms. Naive datetimes are read in the mapping's time zone
/// (with its daylight-saving rules); date-only values are never shifted.
public final class ZoneConverter: @unchecked Sendable {
    private let zone: TimeZone
    let isUTC: Bool
    /// Offsets by local hour, since the zone's rules are slow to consult per value.
    @exclusivity(unchecked) private var offsetsByHour: [Int: Int] = [:]

    public init(timeZone identifier: String) {
        zone = TimeZone(identifier: identifier) ?? TimeZone(identifier: "UTC")!
        isUTC = zone.secondsFromGMT() == 0 && (identifier == "UTC" || identifier == "GMT" || identifier == "Etc/UTC")
    }

    public func timestamp(_ parsed: ParsedDate) -> GongTimestamp {
        let date = CivilDate(year: parsed.year, month: parsed.month, day: parsed.day)
        let time = parsed.time ?? (0, 0, 0)
        let local = date.daysSinceEpoch * 86_400 + time.hour * 3600 + time.minute * 60 + min(time.second, 59)
        let offset = parsed.offsetSeconds ?? (isUTC ? 0 : offset(forLocal: local))
        return GongTimestamp(secondsSinceEpoch: local - offset)
    }

    /// Local wall-clock seconds to the zone's offset: two steps, so times near a DST change land right.
    private func offset(forLocal local: Int) -> Int {
        let hour = local / 3600
        if let cached = offsetsByHour[hour] { return cached }
        let first = zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(local)))
        let second = zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(local - first)))
        if offsetsByHour.count > 100_000 { offsetsByHour.removeAll() }
        offsetsByHour[hour] = second
        return second
    }
}
