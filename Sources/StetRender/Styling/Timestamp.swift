import Foundation

/// The one way stet prints a moment: UTC, to the minute (`2024-01-02 18:05`), or ISO 8601 in JSON.
enum Timestamp {
    /// `yyyy-MM-dd HH:mm` in UTC, whatever the machine's time zone.
    static func utcMinutes(_ date: Date) -> String {
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
