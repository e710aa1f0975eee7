// Retry-After (RFC 9110 §10.2.3): either a number of seconds or an HTTP date.
//
// Reasoning: servers send both forms; a date in the past means "now". Anything unparsable is
// ignored (the caller's own backoff applies), never an error. Dates go through `HTTPDate`, which
// accepts the three forms HTTP allows.
//
// Complexity: O(length of the value).

import Foundation

/// Parses `Retry-After` header values.
public enum RetryAfter {
    /// The wait a `Retry-After` value asks for, relative to `now`; `nil` if it is neither a
    /// non-negative integer nor an HTTP date.
    public static func parse(_ value: String, now: Date) -> Duration? {
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        if !trimmed.isEmpty, trimmed.allSatisfy(\.isASCII), trimmed.allSatisfy(\.isNumber) {
            guard let seconds = Int64(trimmed) else { return .seconds(Int64.max / 2_000_000_000) }
            return .seconds(seconds)
        }
        guard let date = HTTPDate.parse(trimmed) else { return nil }
        return .secondsClamped(date.timeIntervalSince(now))
    }
}

/// Parses the date formats found in HTTP headers and feeds (RFC 1123 / 822 / 850, asctime,
/// RFC 3339).
public enum HTTPDate {
    private static let rfc822Formats = [
        "EEE, dd MMM yyyy HH:mm:ss zzz", "EEE, d MMM yyyy HH:mm:ss zzz", "EEE, dd MMM yyyy HH:mm:ss Z",
        "EEE, d MMM yyyy HH:mm:ss Z", "dd MMM yyyy HH:mm:ss zzz", "d MMM yyyy HH:mm:ss Z",
        "EEE, dd MMM yyyy HH:mm zzz", "EEE, d MMM yyyy HH:mm Z", "EEEE, dd-MMM-yy HH:mm:ss zzz",
        "EEE MMM d HH:mm:ss yyyy", "EEE, dd MMM yy HH:mm:ss Z", "EEE, dd MMM yyyy",
    ]

    /// A date from any of the accepted forms, or `nil`.
    public static func parse(_ text: String) -> Date? {
        let s = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if s.isEmpty { return nil }
        if let d = parseRFC3339(s) { return d }
        for format in rfc822Formats {
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeZone(identifier: "GMT")
            formatter.dateFormat = format
            if let d = formatter.date(from: s) { return d }
        }
        return nil
    }

    /// RFC 3339 / ISO 8601 timestamps, with or without fractional seconds; a bare date is midnight UTC.
    public static func parseRFC3339(_ s: String) -> Date? {
        let withFraction = ISO8601DateFormatter()
        withFraction.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let d = withFraction.date(from: s) { return d }
        let plain = ISO8601DateFormatter()
        plain.formatOptions = [.withInternetDateTime]
        if let d = plain.date(from: s) { return d }
        let dateOnly = ISO8601DateFormatter()
        dateOnly.formatOptions = [.withFullDate]
        return dateOnly.date(from: s)
    }
}
