import Foundation
@testable import StetRender
import Testing

/// `Timestamp.utcMinutes` computes the text by arithmetic; Foundation's Gregorian calendar is the
/// definition it must match.
@Suite struct TimestampTests {
    @Test func arithmeticMatchesCalendar() {
        var state: UInt64 = 0x5EED
        func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        var instants: [Double] = [
            0, -0.5, 59.999_999, -13_190_860_800, -13_190_860_800.5, 252_423_993_599.9, 252_423_993_600, 725_846_400,
            -978_307_200, -978_307_200.001, 1_700_000_000.999_999_9, -.infinity, .nan,
        ]
        for _ in 0..<20_000 {
            // Seconds after 2001 across 1583…9999 and a little beyond, with fractions.
            let whole = Double(Int64(next() % 265_700_000_000) - 13_200_000_000)
            instants.append(whole + Double(next() % 1000) / 1000)
        }
        for instant in instants {
            let date = Date(timeIntervalSinceReferenceDate: instant)
            #expect(Timestamp.utcMinutes(date) == Timestamp.calendarMinutes(date), "\(instant)")
        }
    }

    @Test func knownInstants() {
        #expect(Timestamp.utcMinutes(Date(timeIntervalSince1970: 1_704_305_100)) == "2024-01-03 18:05")
        #expect(Timestamp.utcMinutes(Date(timeIntervalSince1970: -1)) == "1969-12-31 23:59")
    }
}
