// Finds where sentences begin in one paragraph of English news text.
//
// Reasoning. A sentence can only end at a terminator run (`.`, `!`, `?`, `…`, or several of them),
// optionally followed by closing quotes and brackets, and then whitespace. Text without whitespace
// after the run (`$1.5`, `example.com`, `Jr.'s`, `mean...see`) never splits, so decimals, URLs,
// e-mail addresses and possessives are safe by construction. At each candidate the decision looks at
// the token before the run and the word after the whitespace:
//
// - `!` / `?`: a boundary when the next word opens a sentence (capital letter, opening quote, figure).
//   Exceptions: brand names written with `!` (`Yahoo! Research`), and an attribution after a quoted
//   question (`"Why?" Smith asked.` is one sentence; `"Why?" she asked.` is already lower case).
// - `.` after an ordinary word: a boundary when the next word opens a sentence. A lower-case next
//   word never opens one (`'This is great.' she said.`).
// - `.` after an abbreviation: see `Lexicon` — titles never end a sentence, `general` abbreviations
//   (Co., Jan., U.S., Calif.) only before a typical sentence opener ("It", "The", "How"), number
//   prefixes (No.) only stay inside before a figure. Single letters are initials (`J. R. R. Tolkien`,
//   `Jonas E. Smith`), except the pronoun "I" after a lower-case word (`you and I. Did`).
// - `a.m.` / `p.m.`: a boundary before a capital word unless that word continues the time (a zone,
//   weekday or month: `9:20 a.m. ET`, `10 a.m. Tuesday`, or anything in parentheses), or the
//   sentence so far is only a fronted time phrase without a verb (`At 5 a.m. Mr. Smith went ...`).
// - Ellipses: `...` / `…` / `....` end a sentence before a capital word; a spaced `. . .` never
//   does; a spaced four-dot `. . . .` does (period plus ellipsis) — and when the first dot sticks to
//   the word (`compounds. . . . The`), the period ends the sentence and the ellipsis opens the next.
//   An ellipsis in brackets (`[...]`) is an omission mark, never a boundary. After a sentence-ending
//   period, a following ellipsis opens the next sentence (`left. ... Then`).
// - A cut is only made if the sentence it closes holds a letter or digit: punctuation never stands
//   alone as a sentence.
// - A list enumerator at the start of a sentence (`1.`, `2.)`) is not a boundary; `ListMarkers`
//   adds the cuts before list items.
//
// Cuts are always placed on the first non-space scalar after whitespace, so every non-space scalar
// of the paragraph lands in exactly one sentence and no word is ever cut in two.
//
// Complexity: O(n) in the number of scalars. The main loop visits each scalar once; each candidate
// looks back over one token (whitespace-delimited, so every token is examined once) and forward over
// a bounded window (one word for the opener test, at most four words for an attribution, at most
// eight tokens back for a fronted time phrase). Lexicon lookups hash one short word.

struct BoundaryScanner<Scalars: ScalarBuffer> {
    /// The paragraph's scalars: a buffer of scalars, or of the bytes of an ASCII paragraph (no
    /// scalar array to make). A buffer rather than an array: the scanner only lives inside
    /// `cuts(in:)`, and buffer reads skip the array's reference counting and exclusivity checks,
    /// which dominate in debug builds.
    private let s: Scalars
    private let n: Int
    /// Offsets (into `s`) where a sentence other than the first begins, ascending.
    private(set) var cuts: [Int] = []
    /// Where the current sentence begins.
    private var sentenceStart: Int
    /// Where the main loop stands: the positions before it that it did not jump over are "passed".
    private var cursor = 0
    /// The last letter or digit among the passed positions before `passedFrom` (-1 for none).
    /// A cut is only made when the sentence it closes holds a word, so `“… Dan said` keeps its
    /// opening `“…`. Found lazily (`lastWordScalar(before:)`): the main loop only looks for
    /// terminators, and the few cuts look back over the positions passed since the last lookup.
    private var lastWordBeforeRun = -1
    /// The first passed position `lastWordScalar(before:)` has not looked at yet.
    private var passedFrom = 0

    /// The sentence starts of `scalars` other than the first, ascending.
    static func cuts(in scalars: Scalars) -> [Int] {
        var cuts: [Int] = []
        self.cuts(in: scalars, into: &cuts)
        return cuts
    }

    /// `cuts(in:)` written over `cuts` (its storage reused).
    static func cuts(in scalars: Scalars, into cuts: inout [Int]) {
        var scanner = BoundaryScanner(scalars)
        swap(&scanner.cuts, &cuts)
        scanner.cuts.removeAll(keepingCapacity: true)
        scanner.scan()
        swap(&scanner.cuts, &cuts)
    }

    private init(_ scalars: Scalars) {
        s = scalars
        n = scalars.count
        var start = 0
        while start < n, s[start].isSpace { start += 1 }
        sentenceStart = start
    }

    /// The main loop: skips ordinary scalars (eight bytes at a time in an ASCII paragraph), cuts before bullets and
    /// numbered list items (`ListMarkers`), and evaluates each terminator run.
    private mutating func scan() {
        let numbered = ListMarkers.numberedCuts(in: s)
        var nextNumbered = 0
        var nextNumberedAt = numbered.first ?? Int.max
        var i = 0
        while i < n {
            let limit = min(n, nextNumberedAt)
            i = s.firstCandidate(from: i, to: limit)
            if i >= nextNumberedAt {
                cursor = i
                while nextNumbered < numbered.count, numbered[nextNumbered] <= i {
                    addCut(numbered[nextNumbered])
                    nextNumbered += 1
                }
                nextNumberedAt = nextNumbered < numbered.count ? numbered[nextNumbered] : Int.max
            }
            guard i < limit else { continue }  // stopped at a list item or the end, not a candidate
            if s[i].isTerminator {
                cursor = i
                let resume = max(i + 1, evaluateRun(at: i))
                // The run and what it skipped (closers, reference marks) are not passed.
                _ = lastWordScalar(before: i)
                passedFrom = resume
                // A bullet item cannot start inside a skipped run; kept exact all the same.
                cursor = resume
                for p in (i + 1)..<resume where ListMarkers.isBulletItem(in: s, at: p) { addCut(p) }
                i = resume
            } else {
                if s[i].value >= 0x80, ListMarkers.isBulletItem(in: s, at: i) {
                    cursor = i
                    addCut(i)
                }
                i += 1
            }
        }
        cursor = max(i, n)
        while nextNumbered < numbered.count {
            addCut(numbered[nextNumbered])
            nextNumbered += 1
        }
    }

    /// The last letter or digit among the passed positions before `position` (-1 for none).
    /// Each position is looked at once: the scan back stops where the previous lookup began.
    private mutating func lastWordScalar(before position: Int) -> Int {
        var k = position - 1
        while k >= passedFrom {
            let v = s[k].value
            if (v >= 0x61 && v <= 0x7A) || (v >= 0x41 && v <= 0x5A) || (v >= 0x30 && v <= 0x39)
                || (v >= 0x80 && (s[k].isLetter || s[k].isDigit))
            {
                lastWordBeforeRun = k
                break
            }
            k -= 1
        }
        passedFrom = max(passedFrom, position)
        return lastWordBeforeRun
    }

    /// Records a sentence start at `p` if it is a valid cut: after whitespace, on a non-space
    /// scalar, past the current sentence start, closing a sentence that holds a letter or digit.
    private mutating func addCut(_ p: Int) {
        guard p > sentenceStart, p < n, s[p - 1].isSpace, !s[p].isSpace,
            lastWordScalar(before: min(cursor, n)) >= sentenceStart
        else { return }
        cuts.append(p)
        sentenceStart = p
    }

    // MARK: - Terminator runs

    /// Decides about the terminator run starting at `i`; returns where scanning resumes.
    private mutating func evaluateRun(at i: Int) -> Int {
        var end = i
        while end < n, s[end].isTerminator { end += 1 }
        var definite = false
        var ellipsisCharacter = false
        for k in i..<end {
            switch s[k] {
            case ".": break
            case "\u{2026}": ellipsisCharacter = true
            default: definite = true  // ! ? and the full-width stop
            }
        }
        if definite { return evaluateDefinite(at: i, end: end) }
        if end - i == 1, !ellipsisCharacter {
            let spaced = spacedDots(from: i)
            if spaced.count >= 3 { return evaluateSpacedEllipsis(at: i, count: spaced.count, end: spaced.end) }
            return evaluatePeriod(at: i)
        }
        return evaluateEllipsis(at: i, end: end)
    }

    /// `!` / `?` runs.
    private mutating func evaluateDefinite(at i: Int, end: Int) -> Int {
        if end - i == 1, s[i] == "!" {
            let token = tokenBounds(endingAt: i)
            if Lexicon.exclamationNames.contains(string(token.core)) { return end }
        }
        let (q, quoteClosed) = skipClosers(from: end, allowingTerminators: true)
        guard q < n, s[q].isSpace else { return q }
        let next = skipSpace(from: q)
        guard next < n, opensSentence(at: next, allowDigit: true) else { return q }
        if quoteClosed, isAttribution(at: next) { return q }
        addCut(next)
        return q
    }

    /// A single `.`.
    private mutating func evaluatePeriod(at i: Int) -> Int {
        let q = skipClosers(from: i + 1).end
        guard q < n, s[q].isSpace else { return q }
        let next = skipSpace(from: q)
        guard next < n else { return q }
        // `left. ... Then`: an ellipsis after the period opens the next sentence.
        if let afterEllipsis = ellipsisEnd(from: next), afterEllipsis < n, s[afterEllipsis].isSpace {
            let word = skipSpace(from: afterEllipsis)
            if word < n, startsWithCapital(at: word), periodEndsSentence(at: i, next: word) { addCut(next) }
            return q
        }
        if periodEndsSentence(at: i, next: next) { addCut(next) }
        return q
    }

    /// The end of an ellipsis (`...`, `…`, `. . .`) starting at `p`, if one starts there.
    private func ellipsisEnd(from p: Int) -> Int? {
        guard p < n else { return nil }
        if s[p] == "\u{2026}" { return p + 1 }
        guard s[p] == "." else { return nil }
        var q = p
        while q < n, s[q] == "." { q += 1 }
        if q - p >= 2 { return q }
        let spaced = spacedDots(from: p)
        return spaced.count >= 3 ? spaced.end : nil
    }

    /// `...`, `....`, `…`, `..` (unspaced).
    private mutating func evaluateEllipsis(at i: Int, end: Int) -> Int {
        let q = skipClosers(from: end, allowingTerminators: true).end
        if i > 0, s[i - 1] == "[" || s[i - 1] == "(" { return q }
        guard q < n, s[q].isSpace else { return q }
        let next = skipSpace(from: q)
        if next < n, startsWithCapital(at: next) { addCut(next) }
        return q
    }

    /// `. . .` (three dots: never a boundary) and `. . . .` (four or more: period plus ellipsis).
    private mutating func evaluateSpacedEllipsis(at i: Int, count: Int, end: Int) -> Int {
        var q = end
        while q < n, s[q].isCloser { q += 1 }
        guard count >= 4, q < n, s[q].isSpace else { return q }
        let next = skipSpace(from: q)
        guard next < n, startsWithCapital(at: next) else { return q }
        if i > 0, !s[i - 1].isSpace {
            // `word. . . . Next`: the first dot is the period; the ellipsis opens the next sentence.
            addCut(i + 2)
        } else {
            addCut(next)
        }
        return q
    }

    /// Skips closing quotes and brackets after a terminator, and reference marks such as `[1]`,
    /// `[12][a]` that follow a sentence in encyclopedic text; returns the first other position.
    private func skipClosers(from p: Int, allowingTerminators: Bool = false) -> (end: Int, quoteClosed: Bool) {
        var q = p
        var quoteClosed = false
        while q < n {
            if s[q].isCloser || (allowingTerminators && s[q].isTerminator) {
                if s[q].isClosingQuote { quoteClosed = true }
                q += 1
            } else if s[q] == "[", let end = referenceMarkEnd(from: q) {
                q = end
            } else {
                break
            }
        }
        return (q, quoteClosed)
    }

    /// The end of a reference mark `[1]`, `[23]`, `[a]`, `[note 4]` starting at `p`, if it is one.
    private func referenceMarkEnd(from p: Int) -> Int? {
        var q = p + 1
        while q < n, q - p <= 20, s[q].isLetter || s[q].isDigit || s[q] == " " { q += 1 }
        guard q < n, q > p + 1, s[q] == "]", !s[q - 1].isSpace else { return nil }
        return q + 1
    }

    /// Counts dots separated by single spaces starting at the `.` at `i`: `. . .` is 3.
    private func spacedDots(from i: Int) -> (count: Int, end: Int) {
        var count = 1
        var p = i
        while p + 2 < n, s[p + 1] == " " || s[p + 1] == "\u{00A0}", s[p + 2] == ".",
            p + 3 >= n || s[p + 3] != "."
        {
            p += 2
            count += 1
        }
        return (count, p + 1)
    }

    // MARK: - The period decision

    /// Whether the `.` at `i`, followed by whitespace and then `next`, ends a sentence.
    private func periodEndsSentence(at i: Int, next: Int) -> Bool {
        let token = tokenBounds(endingAt: i)
        let core = token.core
        if core.isEmpty { return opensSentence(at: next, allowDigit: true) }
        // A period after a closing quote or bracket (`"P".`, `(CO).`) is never an abbreviation's.
        if core.upperBound < i { return opensSentence(at: next, allowDigit: true) }

        // A list enumerator opening the sentence: `1.`, `12.)`.
        if core.count <= 3, core.allSatisfy({ s[$0].isDigit }), core.lowerBound == contentStart() { return false }

        // URLs and e-mail addresses end with an ordinary period.
        if isAddress(core) { return opensSentence(at: next, allowDigit: false) }

        // The word to look up is the trailing run of letters and periods after a separator
        // (`D-Ind.`, `R-N.Y.`, `200px|Lt.`); otherwise it is the whole token (`3M.`, `haven't.`).
        var wordStart = core.upperBound
        while wordStart > core.lowerBound, s[wordStart - 1].isLetter || s[wordStart - 1] == "." || s[wordStart - 1] == "°" {
            wordStart -= 1
        }
        if wordStart == core.upperBound || wordStart == core.lowerBound || s[wordStart] == "."
            || !Self.isWordSeparator(s[wordStart - 1])
        {
            wordStart = core.lowerBound
        }
        let wordRange = wordStart..<core.upperBound

        if wordRange.count == 1, s[wordStart].isLetter {
            if s[wordStart] == "I", previousTokenStartsLowercase(before: token.start) {
                return opensSentence(at: next, allowDigit: false)
            }
            return false  // an initial
        }

        if isMultiPeriodAbbreviation(wordRange) {
            let lower = string(wordRange).lowercased()
            if lower == "a.m" || lower == "p.m" { return timeOfDayEndsSentence(tokenStart: token.start, next: next) }
            if Lexicon.inner.contains(lower) { return false }
            return generalAbbreviationEndsSentence(next: next)
        }
        if !mayBeListed(wordRange) { return ordinaryWordEndsSentence(wordRange, next: next) }
        let word = string(wordRange)
        if Lexicon.titles.contains(word) { return false }
        if Lexicon.numberPrefixes.contains(word) {
            if startsWithFigure(at: next) { return false }
            return opensSentence(at: next, allowDigit: false)
        }
        let lower = word.lowercased()
        if Lexicon.inner.contains(lower) { return false }
        if Lexicon.general.contains(lower) || Lexicon.capitalizedGeneral.contains(word) {
            return generalAbbreviationEndsSentence(next: next)
        }
        return ordinaryWordEndsSentence(wordRange, next: next)
    }

    /// An ordinary word or whole number. A figure may open the next sentence after it
    /// ("... in 2009. 2010 was"), but not after a dotted token ("3.4. 5", "U.S.A. 1"), a lone
    /// symbol or an abbreviation (handled before).
    private func ordinaryWordEndsSentence(_ wordRange: Range<Int>, next: Int) -> Bool {
        let allowDigit = wordRange.count >= 2 && !wordRange.contains { s[$0] == "." }
            && wordRange.contains { s[$0].isLetter || s[$0].isDigit }
        return opensSentence(at: next, allowDigit: allowDigit)
    }

    /// Whether the word could be in one of the abbreviation lists (`Lexicon.packedEntries`): false
    /// only for an ASCII word that is longer than every ASCII entry or whose lowercased form is no
    /// entry. Words with other characters always take the lookups.
    private func mayBeListed(_ range: Range<Int>) -> Bool {
        // The lowercased ASCII bytes packed as `Lexicon.packed` does, in the same pass as the test.
        var packed: UInt64 = 0
        var shift: UInt64 = 0
        for k in range {
            let v = s[k].value
            guard v < 0x80 else { return true }
            if shift < 64 { packed |= UInt64(v >= 0x41 && v <= 0x5A ? v | 0x20 : v) << shift }
            shift += 8
        }
        if range.count > Lexicon.longestASCIIEntry { return false }
        if range.count > 8 { return true }
        return Lexicon.packedEntries.contains(packed)
    }

    /// Punctuation that joins a prefix to the abbreviation to look up: `D-Ind.`, `and/or Co.`,
    /// `200px|Lt.`, `x:Mr.`.
    private static func isWordSeparator(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "-", "/", "|", ":", ",", ";", "+", "&", "\u{2013}", "\u{2014}": true
        default: false
        }
    }

    /// After Co., Jan., U.S., Calif. and the like: a boundary only before a typical sentence opener
    /// or an opening quote.
    private func generalAbbreviationEndsSentence(next: Int) -> Bool {
        var q = next
        while q < n, q - next < 4, s[q].isOpener { q += 1 }
        guard q < n else { return false }
        // An opening quote starts a new sentence (`... in the U.S. "We won"`); an opening
        // parenthesis usually continues the name (`Nautilus Minerals Inc. (Nautilus) is`).
        if q > next { return s[q].isUpper && !(s[next] == "(" || s[next] == "[" || s[next] == "{") }
        return Lexicon.sentenceStarters.contains(word(at: q))
    }

    /// After a.m. / p.m.
    private func timeOfDayEndsSentence(tokenStart: Int, next: Int) -> Bool {
        guard startsWithCapital(at: next), s[next] != "(", s[next] != "[" else { return false }
        var q = next
        while q < n, q - next < 4, s[q].isOpener { q += 1 }
        if Lexicon.afterTimeOfDay.contains(word(at: q)) { return false }
        return !isFrontedTimePhrase(before: tokenStart)
    }

    /// Whether everything between the sentence start and `end` is a short time phrase without a
    /// verb: figures, capitalized words and prepositions (`At 5`, `Shortly before 6`, `On Tuesday at 9`).
    private func isFrontedTimePhrase(before end: Int) -> Bool {
        var p = end
        var tokens = 0
        while true {
            var e = p
            while e > sentenceStart, s[e - 1].isSpace { e -= 1 }
            if e <= sentenceStart { return tokens > 0 }
            var b = e
            while b > sentenceStart, !s[b - 1].isSpace, e - b <= 40 { b -= 1 }
            tokens += 1
            if tokens > 8 || e - b > 40 { return false }
            var lo = b
            var hi = e
            while lo < hi, !(s[lo].isLetter || s[lo].isDigit) { lo += 1 }
            while hi > lo, !(s[hi - 1].isLetter || s[hi - 1].isDigit) { hi -= 1 }
            if lo < hi {
                let range = lo..<hi
                let acceptable =
                    range.contains(where: { s[$0].isDigit }) || s[lo].isUpper
                    || Lexicon.timePhraseWords.contains(string(range).lowercased())
                if !acceptable { return false }
            }
            p = b
        }
    }

    /// `"Why?" Smith asked.`: one to three capitalized words, then a verb of saying.
    private func isAttribution(at next: Int) -> Bool {
        var q = next
        var names = 0
        while q < n, s[q].isUpper, names < 4 {
            var e = q
            while e < n, !s[e].isSpace, e - q < 40 { e += 1 }
            names += 1
            q = skipSpace(from: e)
        }
        guard (1...3).contains(names), q < n, s[q].isLower else { return false }
        return Lexicon.speechVerbs.contains(word(at: q))
    }

    // MARK: - Tokens and words

    /// The whitespace-delimited token that ends right before `end`, and its core without leading
    /// openers and bullets and trailing closers.
    private func tokenBounds(endingAt end: Int) -> (start: Int, core: Range<Int>) {
        var start = end
        while start > 0, !s[start - 1].isSpace { start -= 1 }
        var lo = start
        var hi = end
        while lo < hi, s[lo].isOpener || s[lo].isBullet { lo += 1 }
        while hi > lo, s[hi - 1].isCloser { hi -= 1 }
        return (start, lo..<hi)
    }

    /// Where the current sentence's text begins after leading bullets (looking at most 16
    /// scalars ahead, so a long run of bullets costs nothing).
    private func contentStart() -> Int {
        var q = sentenceStart
        while q < n, q - sentenceStart < 16, s[q].isSpace || s[q].isBullet { q += 1 }
        return q
    }

    /// Whether the token before the one starting at `tokenStart` begins with a lower-case letter
    /// (`and` in `you and I.`).
    private func previousTokenStartsLowercase(before tokenStart: Int) -> Bool {
        var e = tokenStart
        while e > sentenceStart, s[e - 1].isSpace { e -= 1 }
        guard e > sentenceStart else { return false }
        var b = e
        while b > sentenceStart, !s[b - 1].isSpace, e - b < 64 { b -= 1 }
        while b < e, s[b].isOpener { b += 1 }
        return b < e && s[b].isLower
    }

    /// `U.S`, `a.m`, `Ph.D`, `W.Va`, `e.g`: letter groups of one to three letters joined by periods.
    private func isMultiPeriodAbbreviation(_ range: Range<Int>) -> Bool {
        var groups = 0
        var groupLength = 0
        for k in range {
            if s[k] == "." {
                guard groupLength > 0 else { return false }
                groups += 1
                groupLength = 0
            } else if s[k].isLetter {
                groupLength += 1
                if groupLength > 3 { return false }
            } else {
                return false
            }
        }
        return groups >= 1 && groupLength > 0
    }

    /// E-mail addresses and URLs.
    private func isAddress(_ range: Range<Int>) -> Bool {
        var previous: Unicode.Scalar = " "
        for k in range {
            if s[k] == "@" { return true }
            if s[k] == "/", previous == "/" { return true }
            previous = s[k]
        }
        // `www.` in any case (no other scalar lowercases to `w`).
        guard range.count > 4 else { return false }
        let p = range.lowerBound
        return s[p].value | 0x20 == 0x77 && s[p + 1].value | 0x20 == 0x77 && s[p + 2].value | 0x20 == 0x77 && s[p + 3] == "."
    }

    /// The letters starting at `p` (at most 24), as a string.
    private func word(at p: Int) -> String {
        var e = p
        while e < n, e - p < 24, s[e].isLetter { e += 1 }
        return string(p..<e)
    }

    /// The scalars in `range` as a string, encoded to UTF-8 directly (no per-scalar appends).
    private func string(_ range: Range<Int>) -> String {
        String(unsafeUninitializedCapacity: range.count * 4) { buffer in
            var o = 0
            for k in range {
                let v = s[k].value
                if v < 0x80 {
                    buffer[o] = UInt8(v)
                    o += 1
                } else if v < 0x800 {
                    buffer[o] = UInt8(0xC0 | (v >> 6))
                    buffer[o + 1] = UInt8(0x80 | (v & 0x3F))
                    o += 2
                } else if v < 0x1_0000 {
                    buffer[o] = UInt8(0xE0 | (v >> 12))
                    buffer[o + 1] = UInt8(0x80 | ((v >> 6) & 0x3F))
                    buffer[o + 2] = UInt8(0x80 | (v & 0x3F))
                    o += 3
                } else {
                    buffer[o] = UInt8(0xF0 | (v >> 18))
                    buffer[o + 1] = UInt8(0x80 | ((v >> 12) & 0x3F))
                    buffer[o + 2] = UInt8(0x80 | ((v >> 6) & 0x3F))
                    buffer[o + 3] = UInt8(0x80 | (v & 0x3F))
                    o += 4
                }
            }
            return o
        }
    }

    private func skipSpace(from p: Int) -> Int {
        var q = p
        while q < n, s[q].isSpace { q += 1 }
        return q
    }

    // MARK: - What may open a sentence

    /// Whether the text at `p` can begin a sentence: a capital letter (after optional opening
    /// quotes or brackets), a camel-case word (`iPhone`, `mRNA`), a bullet, or — when `allowDigit` —
    /// a figure (`2011`, `$5`).
    private func opensSentence(at p: Int, allowDigit: Bool) -> Bool {
        var q = p
        while q < n, q - p < 4, s[q].isOpener { q += 1 }
        guard q < n else { return false }
        let c = s[q]
        if c.isUpper { return true }
        if c.isBullet { return q == p }
        if c.isDigit { return allowDigit || q > p }
        if c.isCurrency, q + 1 < n, s[q + 1].isDigit { return allowDigit }
        if c.isLower {
            var e = q + 1
            while e < n, e - q < 24, s[e].isLetter {
                if s[e].isUpper { return true }
                e += 1
            }
        }
        return false
    }

    /// A capital letter, possibly after opening quotes or brackets.
    private func startsWithCapital(at p: Int) -> Bool {
        var q = p
        while q < n, q - p < 4, s[q].isOpener { q += 1 }
        return q < n && s[q].isUpper
    }

    /// A figure: a digit, or a currency sign or `#` before a digit.
    private func startsWithFigure(at p: Int) -> Bool {
        guard p < n else { return false }
        if s[p].isDigit { return true }
        return (s[p].isCurrency || s[p] == "#") && p + 1 < n && s[p + 1].isDigit
    }
}
