// List items run together in one paragraph ("1. The first item 2. The second item",
// "• 9. First • 10. Second", "a. One b. Two") must split before each item even when an item does
// not end with a period.
//
// Two rules, both giving cuts (scalar offsets where a new sentence starts):
// - A bullet (•, ⁃, ‣, ◦, ▪, ●) preceded by whitespace starts an item (`isBulletItem`, tested by the
//   scanner's main loop as it passes each non-ASCII scalar).
// - If the paragraph itself opens with an enumerator (`1.`, `1.)`, `1)`, `a.`, `a)`, `A)`), every later
//   enumerator with the next value in the same style (`2.`, then `3.`, ...) preceded by whitespace
//   starts an item. Requiring the paragraph to open the list and the values to run in sequence is
//   what keeps "rose from 1 to 2. Then" in ordinary prose from being read as a list.
//
// Complexity: `numberedCuts` is one left-to-right pass, O(n) in the number of scalars, and only
// when the paragraph opens with an enumerator; each enumerator test looks at most five scalars ahead.

enum ListMarkers {
    /// How an enumerator is written after its value.
    enum Style: Equatable {
        case period  // `1.`
        case periodParen  // `1.)`
        case paren  // `1)`
    }

    /// An enumerator at some position: its value, style and length in scalars.
    struct Enumerator {
        /// The number, or the letter's scalar value for lettered lists.
        var value: Int
        var isLetter: Bool
        var style: Style
        var length: Int
    }

    /// Whether a bullet item starts at `p`: a bullet preceded by whitespace.
    @inline(__always)
    static func isBulletItem<Scalars: ScalarBuffer>(in s: Scalars, at p: Int) -> Bool {
        p > 0 && s[p].value >= 0x2000 && s[p].isBullet && s[p - 1].isSpace
    }

    /// Offsets where numbered or lettered list items begin, ascending (empty unless the paragraph
    /// opens with an enumerator). Bullet items are found by the scanner's main loop
    /// (`isBulletItem(in:at:)`).
    static func numberedCuts<Scalars: ScalarBuffer>(in s: Scalars) -> [Int] {
        let n = s.count
        var start = 0
        while start < n, s[start].isSpace { start += 1 }
        guard start < n, !s[start].isBullet, let first = enumerator(in: s, at: start) else { return [] }
        var expected = first.value + 1
        var position = start + first.length
        var numbered: [Int] = []
        while position < n {
            if s[position - 1].isSpace, let item = enumerator(in: s, at: position), item.style == first.style,
                item.isLetter == first.isLetter, item.value == expected
            {
                numbered.append(position)
                expected += 1
                position += item.length
            } else {
                position += 1
            }
        }
        return numbered
    }

    /// The enumerator starting at `p`, if any: one to three ASCII digits or one ASCII letter, then
    /// `.`, `.)` or `)`, then whitespace.
    static func enumerator<Scalars: ScalarBuffer>(in s: Scalars, at p: Int) -> Enumerator? {
        let n = s.count
        var q = p
        var value = 0
        var isLetter = false
        while q < n, q - p < 4, let digit = s[q].asciiDigitValue {
            value = value * 10 + digit
            q += 1
        }
        if q == p {
            guard p < n, s[p].isASCIILetter else { return nil }
            value = Int(s[p].value)
            isLetter = true
            q = p + 1
        } else if q - p > 3 {
            return nil
        }
        guard q < n else { return nil }
        let style: Style
        if s[q] == ".", q + 1 < n, s[q + 1] == ")" {
            style = .periodParen
            q += 2
        } else if s[q] == "." {
            style = .period
            q += 1
        } else if s[q] == ")" {
            style = .paren
            q += 1
        } else {
            return nil
        }
        guard q < n, s[q].isSpace else { return nil }
        // `A.` and `B.` are more often initials (`A. Smith and B. Jones`) than list items; capital
        // letters count only with a parenthesis (`A)`, `A.)`).
        if isLetter, style == .period, s[p].isUpper { return nil }
        return Enumerator(value: value, isLetter: isLetter, style: style, length: q - p)
    }
}

extension Unicode.Scalar {
    /// 0–9 for ASCII digits.
    var asciiDigitValue: Int? {
        (0x30...0x39).contains(value) ? Int(value - 0x30) : nil
    }

    var isASCIILetter: Bool {
        (0x41...0x5A).contains(value) || (0x61...0x7A).contains(value)
    }
}
