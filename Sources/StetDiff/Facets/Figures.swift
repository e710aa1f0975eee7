/// A number in a sentence with what it counts.
public struct Figure: Sendable, Hashable, Codable {
    /// The figure as written, with its qualifier, currency and unit: "over 100", "$5 million", "14".
    public var value: String
    /// What it counts, when found: "people killed", "missiles".
    public var subject: String?

    public init(value: String, subject: String?) {
        self.value = value
        self.subject = subject
    }

    /// The value compared between versions: lowercased, without spaces, spelled numbers as digits
    /// ("three" and "3" are the same figure).
    var key: String {
        WordScanner.tokens(value).map { token in
            NumberWords.value(token.lower).map { "\($0.value)" } ?? token.lower
        }.joined()
    }
}

/// Finds figures (counts, amounts, shares) in a sentence.
///
/// Reasoning. A figure is a number written in digits ("14", "1,000", "3.5") or in words ("three",
/// "twenty-one", "dozens", "hundreds"), with what belongs to it: a qualifier before ("at least",
/// "more than", "nearly", "over"), a currency sign, a magnitude ("million", "bn"), a percent sign or
/// word, a range ("10-12", "10 to 12"). Not figures: years (1800–2100 written without separators),
/// dates (a number next to a month name, "1/3/24"), clock times ("9:20", "a.m."), ordinals ("1st"),
/// numbers glued to words ("COVID-19", "F-16"), and "one" unless a qualifier precedes it ("one of the",
/// "no one" and "one day" are not counts).
///
/// The subject is the first content word after the figure ("14 people" → "people"); after "more" or
/// "others" it is the previous figure's subject; a casualty participle within eight words is added
/// ("14 people … have been killed" → "people killed").
///
/// - Complexity: O(n) in the words of the sentence.
public enum FigureRecognizer {
    static let units: [String: Int] = [
        "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
        "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
        "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
        "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    ]
    static let vagueNumbers: Set<String> = [
        "dozen", "dozens", "hundred", "hundreds", "thousand", "thousands", "million", "millions", "billion",
        "billions", "scores",
    ]
    static let magnitudes: Set<String> = ["hundred", "thousand", "million", "billion", "trillion", "m", "bn", "k", "mn", "tn"]
    static let months: Set<String> = [
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
        "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    ]
    static let timeWords: Set<String> = ["a.m", "p.m", "am", "pm", "gmt", "et", "est", "edt", "bst", "utc", "cet", "pt", "pst", "o'clock", "hrs"]
    static let qualifiers: [[String]] = [
        ["at", "least"], ["more", "than"], ["less", "than"], ["fewer", "than"], ["up", "to"], ["as", "many", "as"],
        ["as", "much", "as"], ["an", "estimated"], ["nearly"], ["over"], ["about"], ["around"], ["almost"],
        ["some"], ["roughly"], ["approximately"], ["under"], ["only"], ["just"], ["below"], ["above"],
    ]
    static let stopwords: Set<String> = [
        "of", "the", "a", "an", "and", "or", "to", "in", "on", "at", "for", "by", "with", "from", "as", "than",
        "is", "are", "was", "were", "be", "been", "being", "have", "has", "had", "will", "would", "that", "which",
        "who", "it", "its", "their", "his", "her", "this", "these", "those", "per", "after", "before", "into",
        "including", "said", "says", "more", "other", "others", "additional", "further", "new", "times", "each",
    ]
    static let participles: Set<String> = [
        "killed", "injured", "wounded", "dead", "died", "hurt", "missing", "arrested", "detained", "displaced",
        "evacuated", "hospitalized", "hospitalised", "rescued", "infected", "confirmed", "fired", "launched",
        "deployed", "affected", "charged", "sentenced", "homeless",
    ]

    /// The shapes of the number words (`units`, `vagueNumbers`).
    private static let numberWordShapes = WordShapes(Set(units.keys).union(vagueNumbers))

    /// False only when the lowercased word cannot start a spelled or vague figure: a non-empty
    /// ASCII word without a hyphen whose first letter and length match no number word (so the two
    /// table lookups of `figureSpan` are skipped for most words).
    static func mayBeNumberWord(_ lower: String) -> Bool {
        var lower = lower
        return lower.withUTF8 { bytes in
            guard let first = bytes.first, first >= 0x61, first <= 0x7A, bytes.count < 64 else { return true }
            for byte in bytes where byte >= 0x80 || byte == 0x2D { return true }
            return numberWordShapes.admits(first: UInt32(first), length: bytes.count)
        }
    }

    /// The figures of one sentence, in order.
    public static func figures(in sentence: String) -> [Figure] {
        let tokens = WordScanner.tokens(sentence)
        var result: [Figure] = []
        var k = 0
        var lastSubjectNoun: String?
        while k < tokens.count {
            guard let (start, end) = figureSpan(tokens, k) else { k += 1; continue }
            // Qualifier before the figure.
            var first = start
            for qualifier in qualifiers where first - qualifier.count >= 0 {
                let words = tokens[(first - qualifier.count)..<first].map(\.lower)
                if words == qualifier {
                    first -= qualifier.count
                    break
                }
            }
            if tokens[start].kind == .word, tokens[start].lower == "one", first == start {
                k = end
                continue
            }
            let value = SpeakerRecognizer.join(Array(tokens[first..<end]))
            let (subject, noun) = subjectAfter(tokens, end, inherited: lastSubjectNoun)
            // A parenthetical part ("including two children") does not set what "more" refers to.
            let isPart = first > 0 && ["including", "among", "of"].contains(tokens[first - 1].lower)
            if let noun, !isPart { lastSubjectNoun = noun }
            result.append(Figure(value: value, subject: subject))
            k = end
        }
        return result
    }

    /// Whether a token is one of the currency signs `$`, `£`, `€`, `¥` (what `"$£€¥".contains(text)`
    /// answers for a token: a symbol token is one scalar, word and number tokens hold none of them).
    private static func isCurrencySign(_ text: String) -> Bool {
        text == "$" || text == "£" || text == "€" || text == "¥"
    }

    /// The token range of a figure starting at `k`, or nil when `k` does not start one.
    private static func figureSpan(_ tokens: [WordToken], _ k: Int) -> (Int, Int)? {
        let token = tokens[k]
        // Most tokens start no figure: symbols, and words that cannot be number words, are told
        // before the neighbours are looked at.
        switch token.kind {
        case .symbol: return nil
        case .word: guard mayBeNumberWord(token.lower) else { return nil }
        case .number: break
        }
        var start = k
        var end = k + 1
        let previous: WordToken? = k > 0 ? tokens[k - 1] : nil
        let next: WordToken? = k + 1 < tokens.count ? tokens[k + 1] : nil
        switch token.kind {
        case .symbol:
            return nil
        case .number:
            // Number tokens put `:` and `/` only between digits: a byte search is exact.
            if token.text.utf8.contains(0x3A) || token.text.utf8.contains(0x2F) { return nil }
            // Glued to a word: "COVID-19", "F-16", "G7".
            if let previous, !token.spaceBefore, previous.kind == .word || previous.text == "-" || previous.text == "#" {
                if previous.kind == .word || k < 2 || tokens[k - 2].kind == .word { return nil }
            }
            if let next, !next.spaceBefore, next.kind == .word {
                let suffix = next.lower
                if ["st", "nd", "rd", "th", "s"].contains(suffix) { return nil }  // ordinal or decade
                if ["am", "pm"].contains(suffix) { return nil }
                if !magnitudes.contains(suffix) && suffix != "bn" { return nil }
            }
            // A number token is ASCII digits with `,` `.` `:` `/` between them: its numeric
            // characters are its digit bytes.
            let isPlainInteger = token.text.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
            if isPlainInteger, token.text.utf8.count == 4, let year = Int(token.text), (1800...2100).contains(year) {
                let hasCurrency = previous.map { isCurrencySign($0.text) } ?? false
                let hasPercent = next.map { $0.text == "%" || $0.lower == "percent" } ?? false
                if !hasCurrency && !hasPercent { return nil }
            }
            if let previous, previous.kind == .word, months.contains(previous.lower.trimmingCharacters(in: ".")) { return nil }
            if let next, next.kind == .word, months.contains(next.lower) { return nil }
            if let next, timeWords.contains(next.lower) || (next.lower == "a" || next.lower == "p") && k + 2 < tokens.count && tokens[k + 2].text == "." {
                return nil
            }
            if let previous, isCurrencySign(previous.text) { start = k - 1 }
        case .word:
            let lower = token.lower
            // Most words hold no hyphen: one lookup, no split.
            let isSpelled = lower.utf8.contains(0x2D)
                ? lower.split(separator: "-").allSatisfy { units[String($0)] != nil } || lower == "one"
                : lower.isEmpty || units[lower] != nil || lower == "one"
            let isVague = vagueNumbers.contains(lower)
            guard isSpelled || isVague else { return nil }
            if isVague, lower == "hundred" || lower == "thousand" || lower == "million" || lower == "billion" || lower == "dozen" {
                // "a hundred", "a dozen" count; a bare magnitude word does not start a figure.
                guard let previous, previous.lower == "a" else { return nil }
                start = k - 1
            }
            if lower == "one", let next, next.lower == "of" || next.lower == "another" { return nil }
            if lower == "one", let previous, previous.lower == "no" || previous.lower == "every" || previous.lower == "any" { return nil }
        }
        // Magnitude, percent, range.
        while end < tokens.count {
            let t = tokens[end]
            if t.kind == .word, magnitudes.contains(t.lower) || t.lower == "percent" || t.lower == "bn" {
                end += 1
            } else if t.text == "%" {
                end += 1
            } else if t.kind == .word, t.lower == "per", end + 1 < tokens.count, tokens[end + 1].lower == "cent" {
                end += 2
            } else if t.text == "-" || t.text == "\u{2013}" || t.lower == "to", end + 1 < tokens.count, tokens[end + 1].kind == .number,
                !tokens[end + 1].text.utf8.contains(0x3A)
            {
                end += 2
            } else {
                break
            }
        }
        return (start, end)
    }

    /// The subject after a figure and the noun to pass on to a following "more".
    private static func subjectAfter(_ tokens: [WordToken], _ end: Int, inherited: String?) -> (String?, String?) {
        var k = end
        var noun: String?
        var sawMore = false
        while k < tokens.count && k < end + 3 {
            let t = tokens[k]
            if t.kind != .word { break }
            let lower = t.lower
            if ["more", "others", "other", "additional", "further"].contains(lower) { sawMore = true; k += 1; continue }
            if stopwords.contains(lower) || participles.contains(lower) { break }
            noun = lower
            break
        }
        if noun == nil && sawMore { noun = inherited }
        // A participle within eight words, before the clause ends.
        var participle: String?
        var j = (noun != nil ? k + 1 : k)
        var steps = 0
        while j < tokens.count && steps < 8 {
            let t = tokens[j]
            if t.kind == .symbol && [".", ";", ":", "?", "!"].contains(t.text) { break }
            if t.kind == .word && participles.contains(t.lower) { participle = t.lower; break }
            j += 1
            steps += 1
        }
        let subject = [noun, participle].compactMap { $0 }.joined(separator: " ")
        return (subject.isEmpty ? nil : subject, noun)
    }
}

/// Numbers written in words or digits, cardinal or ordinal.
enum NumberWords {
    static let ordinals: [String: Int] = [
        "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
        "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12,
    ]

    /// The value of a lowercased word ("three", "twenty-one", "3", "1,000", "2nd", "second"), or nil.
    static func value(_ word: String) -> (value: Int, ordinal: Bool)? {
        if let number = Int(word.filter { $0 != "," }), word.first?.isNumber == true { return (number, false) }
        for suffix in ["st", "nd", "rd", "th"] where word.hasSuffix(suffix) {
            if let number = Int(word.dropLast(2)) { return (number, true) }
        }
        if let number = ordinals[word] { return (number, true) }
        if word == "one" { return (1, false) }
        let parts = word.split(separator: "-").map(String.init)
        guard !parts.isEmpty, parts.count <= 2 else { return nil }
        var total = 0
        for part in parts {
            guard let unit = FigureRecognizer.units[part] else { return nil }
            total += unit
        }
        return (total, false)
    }
}
