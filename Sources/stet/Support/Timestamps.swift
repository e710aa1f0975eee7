import Foundation

/// Reading the times users type.
enum Timestamps {
    /// Parses ISO 8601 (`2024-01-03T15:02:00Z`, `2024-01-03T10:02:00-05:00`, with or without
    /// fractional seconds) or a bare date (midnight UTC), keeping the zone that was written.
    static func parse(_ text: String) -> (date: Date, zone: TimeZone)? {
        let formats: [ISO8601DateFormatter.Options] = [
            [.withInternetDateTime], [.withInternetDateTime, .withFractionalSeconds], [.withFullDate],
        ]
        for options in formats {
            let formatter = ISO8601DateFormatter()
            formatter.formatOptions = options
            if let date = formatter.date(from: text) { return (date, zone(of: text)) }
        }
        return nil
    }

    /// The zone of an ISO 8601 time: `Z` or no offset is UTC, `±HH:MM` its offset.
    private static func zone(of text: String) -> TimeZone {
        let utc = TimeZone(secondsFromGMT: 0) ?? .current
        guard text.count > 6, !text.hasSuffix("Z"), !text.hasSuffix("z") else { return utc }
        let tail = text.suffix(6)
        guard let sign = tail.first, sign == "+" || sign == "-", tail.dropFirst(3).first == ":",
              let hours = Int(tail.dropFirst().prefix(2)), let minutes = Int(tail.suffix(2)) else { return utc }
        let seconds = (hours * 3600 + minutes * 60) * (sign == "-" ? -1 : 1)
        return TimeZone(secondsFromGMT: seconds) ?? utc
    }
}
