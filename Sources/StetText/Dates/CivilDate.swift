// Days since 1970-01-01 and proleptic Gregorian dates, by integer arithmetic.
//
// The archive's index and the renderers turn instants into calendar text many times per command;
// Foundation's `Calendar` costs ~1.8 M instructions to set up in a process (time zone and calendar
// caches) before the first answer. These are Howard Hinnant's `days_from_civil` and
// `civil_from_days` (public domain): exact for every proleptic Gregorian date in `Int64` range.
// Callers keep Foundation for years where its Gregorian calendar is Julian (before 1583).
//
// Complexity: O(1).

/// Conversions between days since 1970-01-01 and proleptic Gregorian (year, month, day).
public enum CivilDate {
    /// Days from 1970-01-01 to the proleptic Gregorian date (month 1…12, day 1…31).
    public static func days(fromCivil year: Int64, _ month: Int64, _ day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The proleptic Gregorian date `days` after 1970-01-01.
    public static func civil(fromDays days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// `yyyy-MM-dd HH:mm`, with `:ss` and then `.SSS` when asked, for the instant `milliseconds`
    /// after 1970-01-01 00:00 UTC (floored to the last unit shown). Years are written with four
    /// digits, so callers keep to years 0…9999.
    public static func text(millisecondsSince1970 milliseconds: Int64, seconds: Bool = false, fraction: Bool = false) -> String {
        var days = milliseconds / 86_400_000
        var inDay = milliseconds % 86_400_000
        if inDay < 0 {
            inDay += 86_400_000
            days -= 1
        }
        let (year, month, day) = civil(fromDays: days)
        let secondOfDay = inDay / 1000
        var bytes = [UInt8](repeating: 0, count: fraction ? 23 : seconds ? 19 : 16)
        func put(_ value: Int64, at offset: Int, width: Int) {
            var value = value
            for index in stride(from: offset + width - 1, through: offset, by: -1) {
                bytes[index] = UInt8(truncatingIfNeeded: 0x30 + value % 10)
                value /= 10
            }
        }
        put(year, at: 0, width: 4)
        bytes[4] = 0x2D
        put(month, at: 5, width: 2)
        bytes[7] = 0x2D
        put(day, at: 8, width: 2)
        bytes[10] = 0x20
        put(secondOfDay / 3600, at: 11, width: 2)
        bytes[13] = 0x3A
        put(secondOfDay / 60 % 60, at: 14, width: 2)
        if seconds || fraction {
            bytes[16] = 0x3A
            put(secondOfDay % 60, at: 17, width: 2)
        }
        if fraction {
            bytes[19] = 0x2E
            put(inDay % 1000, at: 20, width: 3)
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
