import Foundation
import StetText

/// The one way stet prints a moment: UTC, to the minute (`2024-01-02 18:05`), or ISO 8601 in JSON.
enum Timestamp {
    /// `yyyy-MM-dd HH:mm` in UTC, whatever the machine's time zone. Years 1583…9999 by integer
    /// arithmetic (`CivilDate`: no `Calendar` to set up, ~1.8 M instructions at a command's first
    /// date); others (where Foundation's Gregorian calendar is Julian, or wider years) through
    /// `Calendar`, which gives the same text in range (`TimestampTests`).
    static func utcMinutes(_ date: Date) -> String {
        let reference = date.timeIntervalSinceReferenceDate.rounded(.down)
        // 1583-01-01 and 10000-01-01, in seconds after 2001-01-01.
        guard reference.isFinite, reference >= -13_190_860_800, reference < 252_423_993_600 else { return calendarMinutes(date) }
        return CivilDate.text(millisecondsSince1970: (Int64(reference) + 978_307_200) * 1000)
    }

    /// `utcMinutes` through Foundation's Gregorian calendar.
    static func calendarMinutes(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .gmt
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        func two(_ value: Int?) -> String {
            let value = value ?? 0
            return value < 10 ? "0\(value)" : "\(value)"
        }
        let year = parts.year ?? 0
        let yearText = year >= 0 && year < 1000 ? String(repeating: "0", count: 4 - "\(year)".count) + "\(year)" : "\(year)"
        return "\(yearText)-\(two(parts.month))-\(two(parts.day)) \(two(parts.hour)):\(two(parts.minute))"
    }

    /// ISO 8601 in UTC with seconds, e.g. `2024-01-02T18:05:00Z`.
    static func iso8601(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(timeZone: .gmt))
    }
}
