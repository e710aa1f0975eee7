import StetText

/// A direct quotation in one version of an article, with its speaker when the text attributes it.
public struct Quotation: Sendable, Hashable, Codable {
    /// The quoted words (inside the quote marks, joined across sentences and paragraphs).
    public var text: String
    /// Indices of the sentences the quotation spans.
    public var sentences: [Int]
    /// Who said it: the attributed noun phrase ("FCDO spokesperson", "Zakharova"), or nil.
    public var speaker: String?

    public init(text: String, sentences: [Int], speaker: String?) {
        self.text = text
        self.sentences = sentences
        self.speaker = speaker
    }
}

/// Finds direct quotations and their speakers.
///
/// Reasoning. Quote marks are read in the original text (straight or typographic). `“` always
/// opens, `”` always closes, a straight `"` opens when no quote is open and closes otherwise. A
/// quote still open at the end of a sentence continues into the next sentence; one still open at
/// the end of a paragraph continues only when the next paragraph opens with a quote mark (the
/// newspaper convention for multi-paragraph quotes). Single quotes count only in paragraphs with
/// no double quotes, when they open a sentence or follow a colon or comma, so apostrophes and
/// quotes nested in double quotes are never taken for quotations.
///
/// A quotation of fewer than `quoteMinimumWords` words, or of fewer than `inlineQuoteMinimumWords`
/// words set inside a clause (after a word, not after a colon, comma or speech verb), is a scare
/// quote (`calling it a "terror attack."`) and is not reported.
///
/// The speaker comes from the text around the quotation (see `SpeakerRecognizer`), then from the
/// earlier quotation of the same paragraph, then from a previous sentence ending in a colon, then
/// from the next sentence of the paragraph. A pronoun ("she said") resolves to the nearest named
/// speaker or sentence-initial name within `pronounLookback` sentences.
///
/// - Complexity: O(n) in the characters of the text, plus O(`pronounLookback`) per pronoun.
public enum QuoteRecognizer {
    /// The quotations of a sequence of sentences grouped into paragraphs (`blocks` are sentence
    /// ranges; pass one range covering everything for a single paragraph).
    public static func quotations(
        sentences: [String], blocks: [Range<Int>], configuration: DiffConfiguration = .default
    ) -> [Quotation] {
        scan(sentences: sentences, blocks: blocks, configuration: configuration).quotations
    }

    struct Scan {
        var quotations: [Quotation] = []
        /// For each sentence, the quotations it holds and the part of each inside it.
        var parts: [[(quote: Int, text: String)]]
    }

    private struct Open {
        var parts: [(sentence: Int, text: String)] = []
        var words = 0
        var inline = false
        var block: Int
    }

    private static func isDoubleQuote(_ c: Unicode.Scalar) -> Bool {
        c == "\"" || c == "\u{201C}" || c == "\u{201D}" || c == "\u{201E}" || c == "\u{201F}" || c == "\u{00AB}" || c == "\u{00BB}"
    }

    /// Scans the given blocks (all when `relevant` is nil); sentences of other blocks get no quotes.
    static func scan(
        sentences: [String], blocks: [Range<Int>], configuration: DiffConfiguration, relevant: Set<Int>? = nil
    ) -> Scan {
        var result = Scan(parts: Array(repeating: [], count: sentences.count))
        var outsideOf = [String](repeating: "", count: sentences.count)
        var raw: [Open] = []
        var carried: Open?
        var blockOf = [Int](repeating: 0, count: sentences.count)
        for (b, block) in blocks.enumerated() {
            for s in block where s < sentences.count { blockOf[s] = b }
        }
        for (b, block) in blocks.enumerated() {
            if let relevant, !relevant.contains(b) {
                if let previous = carried { raw.append(previous) }
                carried = nil
                continue
            }
            let range = block.clamped(to: 0..<sentences.count)
            let usesDouble = range.contains { sentences[$0].unicodeScalars.contains(where: isDoubleQuote) }
            var current: Open?
            if let previous = carried, let first = range.first,
                let firstCharacter = sentences[first].unicodeScalars.first(where: { !WordScanner.isSpace($0) }), isDoubleQuote(firstCharacter)
            {
                current = previous
            } else if let previous = carried {
                raw.append(previous)
            }
            carried = nil
            var skipOpening = current != nil
            for s in range {
                // Most sentences hold no quote mark: the whole sentence is inside or outside.
                let hasMark = sentences[s].unicodeScalars.contains {
                    usesDouble ? isDoubleQuote($0) : ($0 == "'" || $0 == "\u{2018}" || $0 == "\u{2019}")
                }
                if !hasMark {
                    skipOpening = false
                    if var open = current {
                        open.parts.append((s, sentences[s]))
                        open.words += WordScanner.wordCount(sentences[s])
                        current = open
                    } else {
                        outsideOf[s] = sentences[s]
                    }
                    continue
                }
                let chars = sentences[s].scalarArray
                var outside = ScalarText()
                var inside = ScalarText()
                var k = 0
                while k < chars.count {
                    let c = chars[k]
                    let isDouble = usesDouble && isDoubleQuote(c)
                    let isSingle = !usesDouble && singleQuote(chars, k, open: current != nil)
                    if isDouble || isSingle {
                        let opening: Bool
                        if c == "\u{201C}" || c == "\u{201E}" { opening = true } else if c == "\u{201D}" { opening = false } else { opening = current == nil }
                        if skipOpening {
                            skipOpening = false
                        } else if opening && current == nil {
                            // The last few words before the mark decide (bounded for very long sentences).
                            let before = WordScanner.string(chars[max(0, k - 80)..<k])
                            current = Open(inline: isInline(before), block: b)
                            outside.append(contentsOf: " \u{B6} ")
                        } else if !opening, var open = current {
                            let text = inside.string
                            open.parts.append((s, text))
                            open.words += WordScanner.wordCount(text)
                            inside = ScalarText()
                            raw.append(open)
                            current = nil
                            outside.append(contentsOf: " \u{B6} ")
                        }
                        k += 1
                        continue
                    }
                    skipOpening = false
                    if current != nil { inside.append(c) } else { outside.append(c) }
                    k += 1
                }
                if var open = current, !inside.isEmpty {
                    let text = inside.string
                    open.parts.append((s, text))
                    open.words += WordScanner.wordCount(text)
                    current = open
                }
                outsideOf[s] = outside.string
            }
            carried = current
        }
        if let carried { raw.append(carried) }

        // Keep quotations, drop scare quotes, find speakers.
        var speakerOfSentence = [String?](repeating: nil, count: sentences.count)
        var kept: [Open] = []
        for open in raw where !open.parts.isEmpty {
            let minimum = open.inline ? configuration.inlineQuoteMinimumWords : configuration.quoteMinimumWords
            if open.words >= minimum { kept.append(open) }
        }
        kept.sort { ($0.parts.first?.sentence ?? 0) < ($1.parts.first?.sentence ?? 0) }
        var lastSpeakerInBlock: [Int: String] = [:]
        for open in kept {
            let touched = Array(Set(open.parts.map(\.sentence))).sorted()
            var attribution: SpeakerRecognizer.Attribution?
            for s in touched {
                if let found = SpeakerRecognizer.attribution(in: outsideOf[s]) { attribution = found; break }
            }
            let first = touched.first ?? 0
            if attribution == nil, let previous = lastSpeakerInBlock[open.block] {
                attribution = .named(previous)
            }
            if attribution == nil, first > 0, blockOf[first - 1] >= open.block - 1 {
                let previous = outsideOf[first - 1].trimmingCharacters(in: " \u{B6}")
                if previous.hasSuffix(":") { attribution = SpeakerRecognizer.attribution(in: previous) }
            }
            if attribution == nil, let last = touched.last, last + 1 < sentences.count, blockOf[last + 1] == open.block,
                result.parts[last + 1].isEmpty, !outsideOf[last + 1].contains("\u{B6}")
            {
                attribution = SpeakerRecognizer.attribution(in: outsideOf[last + 1])
            }
            var speaker: String?
            switch attribution {
            case .named(let name): speaker = name
            case .pronoun:
                speaker = resolvePronoun(
                    before: first, sentences: sentences, outside: outsideOf, speakers: speakerOfSentence,
                    lookback: configuration.pronounLookback)
            case nil: speaker = nil
            }
            if let speaker {
                for s in touched { lastSpeakerInBlock[blockOf[s]] = speaker }
                for s in touched { speakerOfSentence[s] = speaker }
            }
            let index = result.quotations.count
            let text = open.parts.map { $0.text.trimmingCharacters(in: " ") }.joined(separator: " ")
            result.quotations.append(Quotation(text: text, sentences: touched, speaker: speaker))
            for part in open.parts {
                result.parts[part.sentence].append((index, part.text.trimmingCharacters(in: " ")))
            }
        }
        return result
    }

    /// True when a single quote mark at `k` opens or closes a quotation (not an apostrophe).
    private static func singleQuote(_ chars: [Unicode.Scalar], _ k: Int, open: Bool) -> Bool {
        let c = chars[k]
        guard c == "'" || c == "\u{2018}" || c == "\u{2019}" else { return false }
        let before: Unicode.Scalar? = k > 0 ? chars[k - 1] : nil
        let after: Unicode.Scalar? = k + 1 < chars.count ? chars[k + 1] : nil
        func isWordScalar(_ x: Unicode.Scalar) -> Bool { WordScanner.isLetter(x) || WordScanner.isDigit(x) }
        if open {
            // Closing: after a non-space, before a space, punctuation or the end.
            return before.map { !WordScanner.isSpace($0) } ?? false && (after.map { !isWordScalar($0) } ?? true)
        }
        // Opening: at the start of the sentence or after ": " or ", ", before a letter.
        guard let after, isWordScalar(after) else { return false }
        // The previous non-space character: none (sentence start), a colon or a comma.
        var p = k - 1
        while p >= 0, WordScanner.isSpace(chars[p]) { p -= 1 }
        guard p < 0 || chars[p] == ":" || chars[p] == "," else { return false }
        // Needs a closing mark later in the sentence (looked for within a bounded distance).
        var j = k + 1
        while j < min(chars.count, k + 2_000) {
            if chars[j] == "'" || chars[j] == "\u{2019}", isWordScalar(chars[j - 1]) || chars[j - 1].properties.generalCategory == .otherPunctuation,
                j + 1 == chars.count || !WordScanner.isLetter(chars[j + 1])
            {
                return true
            }
            j += 1
        }
        return false
    }

    /// True when a quote opening after `before` sits inside a clause (after a word that is not a
    /// speech verb) rather than after a colon, a comma, a speech verb or at the sentence start.
    private static func isInline(_ before: String) -> Bool {
        let trimmed = before.trimmingCharacters(in: " ")
        guard let last = trimmed.last else { return false }
        if last == ":" || last == "," || last == "\u{B6}" { return false }
        let words = WordScanner.tokens(trimmed)
        if let word = words.last, word.kind == .word, SpeakerRecognizer.verbs.contains(word.lower) { return false }
        return true
    }

    private static func resolvePronoun(
        before sentence: Int, sentences: [String], outside: [String], speakers: [String?], lookback: Int
    ) -> String? {
        var s = sentence
        var steps = 0
        // The sentence itself first (a name before the pronoun), then earlier ones.
        while s >= 0 && steps <= lookback {
            if s < sentence, let speaker = speakers[s] { return speaker }
            if s < sentence, let name = SpeakerRecognizer.leadingName(outside[s]) { return name }
            s -= 1
            steps += 1
        }
        return nil
    }
}

extension String {
    func trimmingCharacters(in set: String) -> String {
        var start = startIndex, end = endIndex
        while start < end, set.contains(self[start]) || self[start].isWhitespace { start = index(after: start) }
        while end > start, set.contains(self[index(before: end)]) || self[index(before: end)].isWhitespace { end = index(before: end) }
        return String(self[start..<end])
    }
}
