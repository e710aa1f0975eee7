import StetText

/// Finds who a sentence attributes its words to.
///
/// Reasoning. News attribution is formulaic: `X said`, `said X`, `X told Newsweek`, `X added:`,
/// `according to X`, `X said in a statement, saying …`. The recognizer works on the text outside
/// the quote marks (quotes are replaced by a `¶` marker), finds the first speech verb, and takes
/// the noun phrase before it up to the previous quote marker or sentence start (dropping an opening
/// adverbial such as "In a statement," and relative clauses such as "which X said"); when nothing
/// stands before the verb (`"…," said X.`) it takes the phrase after it up to punctuation or a
/// preposition. Long institutional phrases with an acronym are shortened: "A spokesperson for the
/// United Kingdom's Foreign, Commonwealth and Development Office (FCDO)" → "FCDO spokesperson".
/// Pronouns are reported as such and resolved by the caller.
///
/// - Complexity: O(n) in the words of the sentence.
public enum SpeakerRecognizer {
    public enum Attribution: Sendable, Hashable {
        case named(String)
        case pronoun
    }

    static let verbs: Set<String> = [
        "said", "says", "say", "told", "tells", "added", "adds", "stated", "states", "wrote", "writes",
        "explained", "explains", "noted", "notes", "alleged", "alleges", "asked", "asks", "argued", "argues",
        "claimed", "claims", "insisted", "insists", "warned", "warns", "continued", "tweeted", "posted",
        "announced", "announces", "declared", "replied", "responded", "recalled", "remarked", "admitted",
        "acknowledged", "emphasized", "emphasised", "stressed", "commented", "observed", "concluded",
        "suggested", "saying", "telling", "adding", "writing", "confirmed", "denied", "urged",
    ]
    private static let noInversion: Set<String> = ["told", "tells", "telling", "urged", "denied", "confirmed", "asked", "asks"]
    private static let pronouns: Set<String> = ["he", "she", "they", "we", "i", "it", "you"]
    private static let introWords: Set<String> = [
        "in", "on", "at", "speaking", "later", "meanwhile", "however", "earlier", "after", "during", "when",
        "while", "asked", "responding", "separately", "previously", "also", "but", "and", "yet", "then",
        "still", "last", "this", "on", "from", "writing", "today", "yesterday", "afterwards", "now", "since",
    ]
    private static let trailingAdverbs: Set<String> = [
        "also", "later", "previously", "then", "again", "further", "earlier", "recently", "once", "has", "had",
        "have", "reportedly", "allegedly", "publicly", "privately", "separately", "had", "would", "will", "had",
    ]
    private static let clauseWords: Set<String> = ["which", "that", "whom", "where", "because"]
    private static let finiteVerbs: Set<String> = ["is", "are", "was", "were", "has", "have", "had", "will", "would", "could", "did", "does", "do", "can"]
    private static let prepositions: Set<String> = [
        "in", "on", "at", "to", "via", "during", "after", "before", "when", "while", "from", "for", "with", "that",
        "as", "of", "last", "on", "this", "by", "about",
    ]
    private static let roles: Set<String> = [
        "spokesperson", "spokesman", "spokeswoman", "official", "officials", "representative", "spokespeople",
        "statement", "source", "sources", "minister", "director", "head", "chief", "adviser", "advisor", "secretary",
    ]

    /// The attribution in a sentence's text outside its quotes, if any.
    public static func attribution(in text: String) -> Attribution? {
        // Most sentences hold no speech verb: a scan that makes no strings settles those.
        guard mayHoldVerb(text) else { return nil }
        let tokens = WordScanner.tokens(text)
        for (v, token) in tokens.enumerated() where token.kind == .word {
            let lower = token.lower
            if lower == "according", v + 1 < tokens.count, tokens[v + 1].lower == "to" {
                if let phrase = phraseAfter(tokens, v + 2) { return phrase }
                continue
            }
            guard verbs.contains(lower) else { continue }
            if lower.hasSuffix("ing") {
                // ", saying …": the sentence's subject speaks.
                if let name = leadingName(text) { return .named(name) }
                if let phrase = phraseBefore(tokens, v) { return phrase }
                continue
            }
            if let phrase = phraseBefore(tokens, v) { return phrase }
            if !noInversion.contains(lower), let phrase = phraseAfter(tokens, v + 1) { return phrase }
        }
        return nil
    }

    /// The shapes of the speech verbs and "according".
    private static let verbShapes = WordShapes(verbs.union(["according"]))

    /// False only when no word of `text` is a speech verb or "according" (what `attribution`
    /// looks for first): every word token is ASCII and its lowercased form is none of them.
    static func mayHoldVerb(_ text: String) -> Bool {
        var text = text
        if let result = text.withUTF8({ bytes in bytes.isASCII ? mayHoldVerb(ASCIIText(bytes: bytes)) : nil }) { return result }
        return mayHoldVerb(text.scalarArray)
    }

    private static func mayHoldVerb<Scalars: TokenScalars>(_ chars: Scalars) -> Bool {
        let shapes = verbShapes
        var found = false
        WordScanner.forEachToken(chars) { start, end, kind, _ in
            guard kind == .word else { return true }
            // Admitted words are no longer than the longest verb (12 letters): they fit a `PackedWord`.
            var word = PackedWord()
            for k in start..<end {
                let v = chars[k].value
                guard v < 0x80 else {
                    found = true
                    return false
                }
                if k == start, !shapes.admits(first: v, length: end - start) { return true }
                word.append(UInt8(v >= 0x41 && v <= 0x5A ? v | 0x20 : v))
            }
            if packedVerbs.contains(word) { found = true }
            return !found
        }
        return found
    }

    /// The speech verbs and "according", packed.
    private static let packedVerbs = Set(verbs.union(["according"]).map { PackedWord($0.utf8) })

    /// A run of capitalized words opening the text (skipping quote markers), followed by a
    /// lowercase word: "Zakharova also blamed …" → "Zakharova". Nil for function words ("The", "It").
    public static func leadingName(_ text: String) -> String? {
        let tokens = WordScanner.tokens(text).filter { !($0.kind == .symbol && ($0.text == "\u{B6}" || $0.text == ",")) }
        var run: [WordToken] = []
        for token in tokens {
            if token.isCapitalized {
                run.append(token)
            } else if token.kind == .word, token.lower == "of" || token.lower == "de", !run.isEmpty {
                run.append(token)
            } else {
                break
            }
        }
        guard let first = run.first, !nameStopwords.contains(first.lower), run.count <= 5,
            run.count < tokens.count, tokens[run.count].kind == .word, !tokens[run.count].isCapitalized
        else { return nil }
        while let last = run.last, last.lower == "of" || last.lower == "de" { run.removeLast() }
        return run.isEmpty ? nil : join(run)
    }

    private static let nameStopwords: Set<String> = [
        "the", "a", "an", "in", "on", "at", "it", "this", "that", "these", "those", "he", "she", "they", "we", "i",
        "but", "and", "meanwhile", "however", "there", "his", "her", "their", "our", "its", "after", "before",
        "when", "while", "if", "as", "for", "with", "from", "by", "some", "many", "most", "all", "no", "one",
        "what", "who", "why", "how", "update", "updated", "correction", "editor's",
    ]

    private static func phraseBefore(_ tokens: [WordToken], _ v: Int) -> Attribution? {
        var start = v
        // Attributions are short: look back at most 40 tokens (bounded for very long sentences).
        while start > 0 && v - start < 40 {
            let t = tokens[start - 1]
            if t.kind == .symbol, [".", ";", "!", "?", "\u{B6}", "\"", "\u{201C}", "\u{201D}"].contains(t.text) { break }
            start -= 1
        }
        var phrase = Array(tokens[start..<v])
        while let first = phrase.first, first.kind == .symbol, first.text != "(" { phrase.removeFirst() }
        // Opening adverbial: "In a statement, X said".
        while let first = phrase.first, introWords.contains(first.lower), let comma = phrase.firstIndex(where: { $0.text == "," }) {
            phrase = Array(phrase[(comma + 1)...])
        }
        // Appositive relative clause: "Smith, who chairs the committee, said" → "Smith".
        if let comma = phrase.indices.first(where: { k in
            phrase[k].text == "," && k + 1 < phrase.count && ["who", "whose", "which"].contains(phrase[k + 1].lower)
        }), comma > 0 {
            phrase = Array(phrase[..<comma])
        }
        // Relative clause or earlier clause: keep what follows the last clause word or finite verb.
        if let cut = phrase.lastIndex(where: { $0.kind == .word && (clauseWords.contains($0.lower) || finiteVerbs.contains($0.lower)) }) {
            phrase = Array(phrase[(cut + 1)...])
        }
        while let last = phrase.last, last.kind == .word, trailingAdverbs.contains(last.lower) { phrase.removeLast() }
        while let last = phrase.last, last.kind == .symbol, last.text != ")" { phrase.removeLast() }
        while let first = phrase.first, first.kind == .symbol, first.text != "(" { phrase.removeFirst() }
        let words = phrase.filter { $0.kind != .symbol }
        guard !words.isEmpty, words.count <= 20 else { return nil }
        if words.count == 1, pronouns.contains(words[0].lower) { return .pronoun }
        // A phrase with no capital letter and no role word is rarely a speaker ("the report said" is
        // fine, "it was said" is not): require a noun-like last word.
        if let last = words.last, finiteVerbs.contains(last.lower) { return nil }
        return .named(shorten(phrase))
    }

    private static func phraseAfter(_ tokens: [WordToken], _ start: Int) -> Attribution? {
        var phrase: [WordToken] = []
        var k = start
        while k < tokens.count && k - start < 20 {
            let t = tokens[k]
            if t.kind == .symbol && t.text != "'" && t.text != "(" && t.text != ")" { break }
            if t.kind == .word, prepositions.contains(t.lower), !phrase.isEmpty {
                // "said a spokesperson for the regional government": a role keeps its organisation.
                let afterRole = phrase.last.map { roles.contains($0.lower) } ?? false
                guard afterRole, ["for", "of", "at", "from"].contains(t.lower) else { break }
            }
            phrase.append(t)
            k += 1
        }
        let words = phrase.filter { $0.kind != .symbol }
        guard !words.isEmpty, words.count <= 12 else { return nil }
        if words.count == 1, pronouns.contains(words[0].lower) { return .pronoun }
        return .named(shorten(phrase))
    }

    /// Drops a leading article and shortens "<role> for/of <organisation> (<ACRONYM>)" to
    /// "<ACRONYM> <role>".
    static func shorten(_ phrase: [WordToken]) -> String {
        var phrase = phrase
        if let first = phrase.first, ["a", "an", "the"].contains(first.lower), phrase.count > 1 { phrase.removeFirst() }
        if let open = phrase.lastIndex(where: { $0.text == "(" }), open + 2 < phrase.count, phrase[open + 2].text == ")" {
            let acronym = phrase[open + 1].text
            if acronym.count >= 2, acronym.allSatisfy({ $0.isUppercase || $0.isNumber || $0 == "-" }),
                let role = phrase.first(where: { roles.contains($0.lower) }),
                let roleIndex = phrase.firstIndex(of: role), roleIndex + 1 < phrase.count,
                ["for", "of", "at", "from"].contains(phrase[roleIndex + 1].lower)
            {
                return "\(acronym) \(role.text)"
            }
        }
        return join(phrase)
    }

    static func join(_ tokens: [WordToken]) -> String {
        var result = ""
        for (k, token) in tokens.enumerated() {
            if k > 0, token.spaceBefore { result += " " }
            result += token.text
        }
        return result
    }
}
