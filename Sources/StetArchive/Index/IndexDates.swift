// Dates in the index, in GRDB's storage format, without Foundation's calendar and formatter.
//
// GRDB stores a `Date` as UTC text with milliseconds, `yyyy-MM-dd HH:mm:ss.SSS`, written by a
// `DateFormatter` (ICU) and read back through a `Calendar`; the first read of a process builds
// GRDB's UTC calendar (the time zone cache, the current zone: ~1.9 M instructions, 15 % of a
// `stet log`), and every snapshot formats four or five dates through ICU. This file converts
// the same text with integer arithmetic on the proleptic Gregorian calendar (days from
// 1970-01-01, Howard Hinnant's `days_from_civil` / `civil_from_days`):
//
// - writing: the milliseconds are `(t + 978,307,200) × 1000` rounded half up, for a
//   `Date` `t` seconds after 2001, as Foundation's formatter gives them to ICU;
// - reading: the text's fields become seconds since 2001, midnight plus the time of day, as
//   Foundation's `Calendar.date(from:)` (which GRDB calls) adds them.
//
// Anything else (years outside 1583…9999, where Foundation's calendar is Julian or the text is
// wider; text in another of GRDB's formats; numbers) goes through GRDB itself. `IndexCodingTests` checks both directions against GRDB bit for bit.
//
// Complexity: O(1) per date.

import Foundation
import GRDB
import StetText

enum IndexDate {
    /// Seconds from 1970-01-01 to 2001-01-01 (Foundation's reference date).
    private static let referenceOffset: Int64 = 978_307_200

    /// What GRDB would store for `date` (a `Date` column value).
    static func databaseValue(_ date: Date) -> DatabaseValue {
        text(date)?.databaseValue ?? date.databaseValue
    }

    /// The text GRDB would store for `date`, for years 1583…9999 (nil otherwise: Foundation's
    /// Gregorian calendar is Julian before October 1582, and GRDB's formatter writes other
    /// widths beyond 9999; `databaseValue` leaves those to GRDB).
    static func text(_ date: Date) -> String? {
        let udate = (date.timeIntervalSinceReferenceDate + Double(referenceOffset)) * 1000
        guard udate.isFinite, udate >= -12_212_553_600_000, udate < 253_402_300_799_000 else { return nil }
        let milliseconds = Int64((udate + 0.5).rounded(.down))
        return CivilDate.text(millisecondsSince1970: milliseconds, seconds: true, fraction: true)
    }

    /// The date GRDB would read from `value`, or nil when GRDB would not read one.
    static func date(_ value: DatabaseValue) -> Date? {
        if case .string(let text) = value.storage, let date = date(text) { return date }
        return Date.fromDatabaseValue(value)
    }

    /// `yyyy-MM-dd HH:mm:ss.SSS` read as GRDB reads it, for years 1583 and later; nil for any
    /// other text.
    static func date(_ text: String) -> Date? {
        var text = text
        return text.withUTF8 { bytes -> Date? in
            guard bytes.count == 23, bytes[4] == 0x2D, bytes[7] == 0x2D, bytes[10] == 0x20, bytes[13] == 0x3A,
                bytes[16] == 0x3A, bytes[19] == 0x2E
            else { return nil }
            func number(_ offset: Int, _ width: Int) -> Int64? {
                var value: Int64 = 0
                for index in offset..<offset + width {
                    let digit = bytes[index] &- 0x30
                    guard digit < 10 else { return nil }
                    value = value * 10 + Int64(digit)
                }
                return value
            }
            guard let year = number(0, 4), let month = number(5, 2), let day = number(8, 2), let hour = number(11, 2),
                let minute = number(14, 2), let second = number(17, 2), let millisecond = number(20, 3),
                year >= 1583, (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year), hour < 24, minute < 60,
                second < 60
            else { return nil }
            // The order of Foundation's `_CalendarGregorian.date(from:)`: midnight, then the time of
            // day with its fraction added separately (two roundings, which this repeats).
            let midnight = (CivilDate.days(fromCivil: year, month, day) * 86_400) - referenceOffset
            let timeOfDay = Double(hour * 3600 + minute * 60 + second) + Double(millisecond * 1_000_000) / 1_000_000_000
            return Date(timeIntervalSinceReferenceDate: Double(midnight) + timeOfDay)
        }
    }

    private static func daysIn(month: Int64, year: Int64) -> Int64 {
        switch month {
        case 2: return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}

extension Row {
    /// The date in `column` as GRDB would decode it (see `IndexDate`): nil for NULL; throws when
    /// the column is missing or holds something that is not a date.
    func indexDate(_ column: String) throws -> Date? {
        let value: DatabaseValue = try decode(forColumn: column)
        if value.isNull { return nil }
        guard let date = IndexDate.date(value) else { throw ArchiveError.index("column \(column): \(value) is not a date") }
        return date
    }

    /// The same, for a NOT NULL column.
    func requiredIndexDate(_ column: String) throws -> Date {
        guard let date = try indexDate(column) else { throw ArchiveError.index("column \(column): NULL is not a date") }
        return date
    }
}
