// Normalizes the many date spellings of pages to ISO 8601.
//
// Accepted: ISO 8601 and its common variants (`2024-01-02T10:20:00-0500`, `…+05:00`, `…Z`,
// fractional seconds, a space instead of `T`, no seconds), RFC 822/2822 dates
// (`Tue, 02 Jan 2024 10:20:00 GMT`), compact `20240102`, and date-only forms. Output:
// `YYYY-MM-DDTHH:MM:SS±HH:MM` (`Z` stays `Z`); a date-time without zone is taken as UTC and
// gets `Z`; a date without time stays `YYYY-MM-DD`, since inventing a time would be false.
// Anything else gives nil.
//
// Complexity: O(length of the input).

enum DateNormalizer {
    static func normalize(_ raw: String) -> String? {
        let text = Whitespace.collapse(raw)
        guard !text.isEmpty else { return nil }
        if let iso = commonISO8601(text) { return iso }
        if let iso = iso8601(text) { return iso }
        return rfc2822(text)
    }

    private static func digits(_ s: Substring) -> Int? {
        guard !s.isEmpty, s.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return Int(s)
    }

    private static func pad(_ n: Int, _ width: Int = 2) -> String {
        let s = String(n)
        return String(repeating: "0", count: max(0, width - s.count)) + s
    }

    private static func valid(_ y: Int, _ m: Int, _ d: Int) -> Bool { (1000...2999).contains(y) && (1...12).contains(m) && (1...31).contains(d) }

    /// The most common spelling, read on bytes: `YYYY-MM-DD`, optionally `T`, `HH:MM`,
    /// optionally `:SS` and a fraction, and a zone (`Z`, `±HH:MM`, `±HHMM`, `±HH` or none), all
    /// ASCII with two-digit fields. Gives what `iso8601` gives for such text; nil for anything
    /// else (including out-of-range fields), which `iso8601` then reads. Most pages' dates take
    /// this path; `iso8601` works on `Character`s and substrings.
    static func commonISO8601(_ text: String) -> String? {
        text.withBytes { b -> String? in
            let n = b.count
            func digit(_ i: Int) -> Int? { i < n && b[i] >= 0x30 && b[i] <= 0x39 ? Int(b[i] - 0x30) : nil }
            func two(_ i: Int) -> Int? {
                guard let high = digit(i), let low = digit(i + 1) else { return nil }
                return high * 10 + low
            }
            guard n >= 10, let y1 = two(0), let y2 = two(2), b[4] == 0x2D, let m = two(5), b[7] == 0x2D, let d = two(8),
                  valid(y1 * 100 + y2, m, d) else { return nil }
            if n == 10 { return String(decoding: b, as: UTF8.self) }
            guard b[10] == 0x54, let hour = two(11), hour < 24, n > 13, b[13] == 0x3A, let minute = two(14), minute < 60 else { return nil }
            var i = 16
            var second = [UInt8]("00".utf8)
            if i < n && b[i] == 0x3A {
                guard let s = two(i + 1), s < 61 else { return nil }
                second = [b[i + 1], b[i + 2]]
                i += 3
                if i < n && b[i] == 0x2E {
                    i += 1
                    guard digit(i) != nil else { return nil }
                    while digit(i) != nil { i += 1 }
                }
            }
            var zone: [UInt8]
            if i == n {
                zone = [0x5A]
            } else if i + 1 == n && (b[i] == 0x5A || b[i] == 0x7A) {
                zone = [0x5A]
            } else if b[i] == 0x2B || b[i] == 0x2D {
                guard let zoneHours = two(i + 1), zoneHours <= 14 else { return nil }
                var zoneMinutes: [UInt8] = [0x30, 0x30]
                if i + 3 == n {
                    // ±HH
                } else if i + 5 == n, let minutes = two(i + 3), minutes < 60 {
                    zoneMinutes = [b[i + 3], b[i + 4]]
                } else if i + 6 == n, b[i + 3] == 0x3A, let minutes = two(i + 4), minutes < 60 {
                    zoneMinutes = [b[i + 4], b[i + 5]]
                } else {
                    return nil
                }
                zone = [b[i], b[i + 1], b[i + 2], 0x3A] + zoneMinutes
            } else {
                return nil
            }
            var out = Array(b[0..<10])
            out.append(0x54)
            out += [b[11], b[12], 0x3A, b[14], b[15], 0x3A]
            out += second
            out += zone
            return String(decoding: out, as: UTF8.self)
        }
    }

    static func iso8601(_ text: String) -> String? {
        let chars = Array(text)
        var dateEnd = 0
        while dateEnd < chars.count, chars[dateEnd] != "T", chars[dateEnd] != " " { dateEnd += 1 }
        let datePart = String(chars[0..<dateEnd])
        let y: Int, m: Int, d: Int
        let pieces = datePart.split(separator: "-", omittingEmptySubsequences: false)
        if pieces.count == 3, pieces[0].count == 4, let yy = digits(pieces[0]), let mm = digits(pieces[1]), let dd = digits(pieces[2]) {
            (y, m, d) = (yy, mm, dd)
        } else if datePart.count == 8, let all = digits(Substring(datePart)) {
            (y, m, d) = (all / 10000, (all / 100) % 100, all % 100)
        } else {
            let slash = datePart.split(separator: "/", omittingEmptySubsequences: false)
            guard slash.count == 3, slash[0].count == 4, let yy = digits(slash[0]), let mm = digits(slash[1]), let dd = digits(slash[2]) else { return nil }
            (y, m, d) = (yy, mm, dd)
        }
        guard valid(y, m, d) else { return nil }
        let date = "\(pad(y, 4))-\(pad(m))-\(pad(d))"
        guard dateEnd < chars.count else { return date }
        var rest = String(chars[(dateEnd + 1)...]).trimmingASCIISpaces()
        if rest.isEmpty { return date }
        // Split the zone off the time.
        var zone = ""
        if rest.hasSuffix("Z") || rest.hasSuffix("z") {
            zone = "Z"
            rest.removeLast()
        } else if let signIndex = rest.lastIndex(where: { $0 == "+" || $0 == "-" }) {
            let rawZone = rest[rest.index(after: signIndex)...].filter { $0 != ":" }.trimmingASCIISpaces()
            guard let zoneDigits = digits(Substring(rawZone)), rawZone.count == 4 || rawZone.count == 2 else { return nil }
            let hours = rawZone.count == 4 ? zoneDigits / 100 : zoneDigits
            let minutes = rawZone.count == 4 ? zoneDigits % 100 : 0
            guard hours <= 14, minutes < 60 else { return nil }
            zone = (rest[signIndex] == "+" ? "+" : "-") + pad(hours) + ":" + pad(minutes)
            rest = String(rest[..<signIndex])
        } else if rest.uppercased().hasSuffix("UTC") || rest.uppercased().hasSuffix("GMT") {
            zone = "Z"
            rest = String(rest.dropLast(3))
        }
        rest = rest.trimmingASCIISpaces()
        let timePieces = rest.split(separator: ":")
        guard timePieces.count >= 2, let hour = digits(timePieces[0]), let minute = digits(timePieces[1]), hour < 24, minute < 60 else { return nil }
        var second = 0
        if timePieces.count >= 3 {
            let whole = timePieces[2].prefix(while: { $0 != "." && $0 != "," })
            guard let s = digits(whole), s < 61 else { return nil }
            second = s
        }
        if zone == "+00:00" || zone.isEmpty { zone = zone.isEmpty ? "Z" : zone }
        return "\(date)T\(pad(hour)):\(pad(minute)):\(pad(second))\(zone)"
    }

    private static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    private static func rfc2822(_ text: String) -> String? {
        var words = text.replacingOccurrences(of: ",", with: " ").split(separator: " ").map(String.init)
        if let first = words.first, Int(first) == nil { words.removeFirst() }
        guard words.count >= 3, let day = Int(words[0]),
              let monthIndex = months.firstIndex(of: String(words[1].lowercased().prefix(3))), let year = Int(words[2]) else { return nil }
        guard valid(year, monthIndex + 1, day) else { return nil }
        let date = "\(pad(year, 4))-\(pad(monthIndex + 1))-\(pad(day))"
        guard words.count >= 4 else { return date }
        let time = words[3].split(separator: ":")
        guard time.count >= 2, let hour = Int(time[0]), let minute = Int(time[1]), hour < 24, minute < 60 else { return date }
        let second = time.count >= 3 ? Int(time[2]) ?? 0 : 0
        var zone = "Z"
        if words.count >= 5 {
            let z = words[4]
            if (z.hasPrefix("+") || z.hasPrefix("-")), z.count == 5, let value = Int(z.dropFirst()) {
                zone = String(z.prefix(1)) + pad(value / 100) + ":" + pad(value % 100)
            } else if let named = ["EST": "-05:00", "EDT": "-04:00", "CST": "-06:00", "CDT": "-05:00", "MST": "-07:00", "MDT": "-06:00",
                                   "PST": "-08:00", "PDT": "-07:00", "CET": "+01:00", "CEST": "+02:00", "BST": "+01:00"][z.uppercased()] {
                zone = named
            }
        }
        return "\(date)T\(pad(hour)):\(pad(minute)):\(pad(second))\(zone)"
    }
}

extension StringProtocol {
    func trimmingASCIISpaces() -> String {
        var s = Substring(self)
        while let f = s.first, f == " " { s.removeFirst() }
        while let l = s.last, l == " " { s.removeLast() }
        return String(s)
    }
}
