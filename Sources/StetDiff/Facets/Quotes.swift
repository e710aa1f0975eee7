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

    struct Scan: Sendable {
        var quotations: [Quotation] = []
        /// For each sentence, the quotations it holds and the part of each inside it.
        var parts: [[(quote: Int, text: String)]]
    }

    /// `words` plus the words of `text`, counted only up to `enough` (an open quotation's words are
    /// only compared with the minimums).
    fileprivate static func count(_ text: String, after words: Int, enough: Int) -> Int {
        words >= enough ? words : words + WordScanner.wordCount(text, upTo: enough - words)
    }

    /// The walk over one sentence's quote marks: text between marks goes to `inside` (while a
    /// quotation is open) or `outside` as whole runs of the sentence's UTF-8; a quotation closed
    /// here is appended to the caller's list.
    private struct Walk {
        var current: Open?
        var skipOpening: Bool
        let enoughWords: Int
        var inside: [UInt8] = []
        var outside: [UInt8] = []

        func count(_ text: String, after words: Int) -> Int { QuoteRecognizer.count(text, after: words, enough: enoughWords) }

        /// Double marks only (`"`, “ ” „ ‟, « »): read on the UTF-8, where each is a byte or starts
        /// with a lead byte of its own; no scalar array.
        mutating func doubleMarks(_ utf8: UnsafeBufferPointer<UInt8>, sentence s: Int, block b: Int, into raw: inout [Open]) {
            guard let base = utf8.baseAddress else { return }
            let n = utf8.count
            var u = 0
            var runStart = 0
            while u < n {
                let byte = base[u]
                let mark: UInt32
                let width: Int
                if byte == 0x22 {
                    (mark, width) = (0x22, 1)
                } else if byte == 0xE2, u + 2 < n, base[u + 1] == 0x80, base[u + 2] >= 0x9C && base[u + 2] <= 0x9F {
                    (mark, width) = (0x201C + UInt32(base[u + 2] - 0x9C), 3)
                } else if byte == 0xC2, u + 1 < n, base[u + 1] == 0xAB || base[u + 1] == 0xBB {
                    (mark, width) = (UInt32(base[u + 1]), 2)
                } else {
                    skipOpening = false  // any other scalar (each of its bytes lands here)
                    u += 1
                    // Then eight bytes at a time while none is `"`, 0xC2 or 0xE2 (the bytes a mark
                    // starts with).
                    while u + 8 <= n {
                        let word = UInt64(littleEndian: UnsafeRawPointer(base + u).loadUnaligned(as: UInt64.self))
                        if QuoteRecognizer.holdsByte(word, 0x22) || QuoteRecognizer.holdsByte(word, 0xC2)
                            || QuoteRecognizer.holdsByte(word, 0xE2)
                        {
                            break
                        }
                        u += 8
                    }
                    continue
                }
                // The last few words before the mark decide: its 80 scalars before (bounded for
                // very long sentences).
                var before = u
                var scalars = 0
                while before > 0 && scalars < 80 {
                    before -= 1
                    if base[before] & 0xC0 != 0x80 { scalars += 1 }
                }
                found(mark, at: u, after: runStart, in: utf8, before: before, sentence: s, block: b, into: &raw)
                u += width
                runStart = u
            }
            flush(utf8, from: runStart)
        }

        /// Single marks: whether one quotes depends on the scalars around it (`chars`).
        mutating func singleMarks(
            _ utf8: UnsafeBufferPointer<UInt8>, _ chars: [Unicode.Scalar], sentence s: Int, block b: Int, into raw: inout [Open]
        ) {
            var k = 0
            var u = 0
            var runStart = 0
            var utf8Offsets: [Int] = []  // UTF-8 offset of each scalar so far (for the text before a mark)
            while k < chars.count {
                let c = chars[k]
                utf8Offsets.append(u)
                let width = c.value < 0x80 ? 1 : c.value < 0x800 ? 2 : c.value < 0x1_0000 ? 3 : 4
                if (c == "'" || c == "\u{2018}" || c == "\u{2019}") && singleQuote(chars, k, open: current != nil) {
                    found(c.value, at: u, after: runStart, in: utf8, before: utf8Offsets[max(0, k - 80)], sentence: s, block: b, into: &raw)
                    runStart = u + width
                } else {
                    skipOpening = false
                }
                k += 1
                u += width
            }
            flush(utf8, from: runStart)
        }

        /// The sentence's last run, after its last mark.
        private mutating func flush(_ utf8: UnsafeBufferPointer<UInt8>, from runStart: Int) {
            if current != nil {
                inside.append(contentsOf: utf8[runStart..<utf8.count])
            } else {
                outside.append(contentsOf: utf8[runStart..<utf8.count])
            }
        }

        /// A quote mark (scalar `mark`) at UTF-8 offset `u`, after the run from `runStart`; the
        /// text from `before` to `u` is what an opening mark follows.
        private mutating func found(
            _ mark: UInt32, at u: Int, after runStart: Int, in utf8: UnsafeBufferPointer<UInt8>, before: Int,
            sentence s: Int, block b: Int, into raw: inout [Open]
        ) {
            if current != nil {
                inside.append(contentsOf: utf8[runStart..<u])
            } else {
                outside.append(contentsOf: utf8[runStart..<u])
            }
            let opening: Bool
            if mark == 0x201C || mark == 0x201E { opening = true } else if mark == 0x201D { opening = false } else { opening = current == nil }
            if skipOpening {
                skipOpening = false
            } else if opening && current == nil {
                current = Open(inline: isInline(String(decoding: UnsafeBufferPointer(rebasing: utf8[before..<u]), as: UTF8.self)), block: b)
                outside.append(contentsOf: " \u{B6} ".utf8)
            } else if !opening, current != nil {
                let text = String(decoding: inside, as: UTF8.self)
                current?.parts.append((s, text))
                if let words = current?.words {
                    let counted = count(text, after: words)
                    current?.words = counted
                }
                inside.removeAll(keepingCapacity: true)
                if let open = current { raw.append(open) }
                current = nil
                outside.append(contentsOf: " \u{B6} ".utf8)
            }
        }
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

    /// Whether one of the eight bytes of `word` equals `byte` (a zero byte of `word ^ pattern`: the
    /// test flags bytes above a true zero at worst, and none when there is no zero byte).
    @inline(__always)
    fileprivate static func holdsByte(_ word: UInt64, _ byte: UInt8) -> Bool {
        let x = word ^ (UInt64(byte) &* 0x0101_0101_0101_0101)
        return (x &- 0x0101_0101_0101_0101) & ~x & 0x8080_8080_8080_8080 != 0
    }

    /// Whether `text` holds a double quote mark (`double`) or a single one (`'`, `‘`, `’`), read
    /// on its UTF-8: `"` and `'` are bytes of their own, the others start with 0xC2 or 0xE2 0x80.
    private static func holdsMark(_ text: String, double: Bool) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            let n = bytes.count
            guard let base = bytes.baseAddress else { return false }
            let pattern: UInt64 = double ? 0x2222_2222_2222_2222 : 0x2727_2727_2727_2727
            var i = 0
            while i < n {
                // Eight ASCII bytes at a time: any byte equal to `"` (or `'`)?
                if i + 8 <= n {
                    let word = UInt64(littleEndian: UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self))
                    if word & 0x8080_8080_8080_8080 == 0 {
                        let x = word ^ pattern
                        if (x &- 0x0101_0101_0101_0101) & ~x & 0x8080_8080_8080_8080 != 0 { return true }
                        i += 8
                        continue
                    }
                }
                let byte = bytes[i]
                if double {
                    if byte == 0x22 { return true }
                    if byte == 0xC2, i + 1 < n, bytes[i + 1] == 0xAB || bytes[i + 1] == 0xBB { return true }  // « »
                    if byte == 0xE2, i + 2 < n, bytes[i + 1] == 0x80, bytes[i + 2] >= 0x9C && bytes[i + 2] <= 0x9F { return true }  // “ ” „ ‟
                } else {
                    if byte == 0x27 { return true }
                    if byte == 0xE2, i + 2 < n, bytes[i + 1] == 0x80, bytes[i + 2] == 0x98 || bytes[i + 2] == 0x99 { return true }  // ‘ ’
                }
                i += 1
            }
            return false
        }
    }

    /// Whether a quotation can touch a sentence of `block`: some sentence holds a double mark, or,
    /// in a block without double marks, a single mark opens a quotation. When not, no scan gives
    /// the block's sentences a quotation (a quotation open at the end of the previous block would
    /// continue only into a block opening with a double mark).
    static func mayHoldQuotation(sentences: [String], block: Range<Int>) -> Bool {
        let range = block.clamped(to: 0..<sentences.count)
        if range.contains(where: { holdsMark(sentences[$0], double: true) }) { return true }
        for s in range where holdsMark(sentences[s], double: false) && mayOpenSingle(sentences[s]) {
            let chars = sentences[s].scalarArray
            for k in chars.indices where singleQuote(chars, k, open: false) { return true }
        }
        return false
    }

    /// False only when no single mark of `text` can open a quotation: an opening mark has nothing
    /// but spaces before it, or a colon or comma and spaces (`singleQuote`). Read on the UTF-8; a
    /// non-ASCII byte before a mark (which may end a space) leaves the answer to `singleQuote`.
    private static func mayOpenSingle(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            for i in bytes.indices {
                let isMark = bytes[i] == 0x27
                    || (bytes[i] == 0xE2 && i + 2 < bytes.count && bytes[i + 1] == 0x80 && (bytes[i + 2] == 0x98 || bytes[i + 2] == 0x99))
                guard isMark else { continue }
                var p = i - 1
                while p >= 0, bytes[p] == 0x20 || (bytes[p] >= 0x09 && bytes[p] <= 0x0D) { p -= 1 }
                if p < 0 || bytes[p] == 0x3A || bytes[p] == 0x2C || bytes[p] >= 0x80 { return true }
            }
            return false
        }
    }

    /// Scans the given blocks (all when `relevant` is nil); sentences of other blocks get no quotes.
    static func scan(
        sentences: [String], blocks: [Range<Int>], configuration: DiffConfiguration, relevant: [Bool]? = nil
    ) -> Scan {
        var result = Scan(parts: Array(repeating: [], count: sentences.count))
        // An open quotation's words are only compared with the minimums: counting stops there.
        let enoughWords = max(configuration.quoteMinimumWords, configuration.inlineQuoteMinimumWords)
        var outsideOf = [String](repeating: "", count: sentences.count)
        var raw: [Open] = []
        var carried: Open?
        var blockOf = [Int](repeating: 0, count: sentences.count)
        for (b, block) in blocks.enumerated() {
            for s in block where s < sentences.count { blockOf[s] = b }
        }
        for (b, block) in blocks.enumerated() {
            if let relevant, b >= relevant.count || !relevant[b] {
                if let previous = carried { raw.append(previous) }
                carried = nil
                continue
            }
            let range = block.clamped(to: 0..<sentences.count)
            let usesDouble = range.contains { Self.holdsMark(sentences[$0], double: true) }
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
                if !Self.holdsMark(sentences[s], double: usesDouble) {
                    skipOpening = false
                    if current != nil {
                        current?.parts.append((s, sentences[s]))
                        if let words = current?.words { current?.words = Self.count(sentences[s], after: words, enough: enoughWords) }
                    } else {
                        outsideOf[s] = sentences[s]
                    }
                    continue
                }
                // The marks of this sentence: `walk` holds the open quotation and the text inside
                // and outside the marks (a struct, so no closure captures a mutable local).
                var walk = Walk(current: current.take(), skipOpening: skipOpening, enoughWords: enoughWords)
                var sentence = sentences[s]
                if usesDouble {
                    sentence.withUTF8 { walk.doubleMarks($0, sentence: s, block: b, into: &raw) }
                } else {
                    let chars = sentences[s].scalarArray
                    sentence.withUTF8 { walk.singleMarks($0, chars, sentence: s, block: b, into: &raw) }
                }
                current = walk.current.take()
                skipOpening = walk.skipOpening
                if current != nil, !walk.inside.isEmpty {
                    let text = String(decoding: walk.inside, as: UTF8.self)
                    current?.parts.append((s, text))
                    if let words = current?.words { current?.words = walk.count(text, after: words) }
                }
                outsideOf[s] = String(decoding: walk.outside, as: UTF8.self)
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
            // Parts come in sentence order: the touched sentences are the parts' without repeats.
            var touched: [Int] = []
            for part in open.parts where touched.last != part.sentence { touched.append(part.sentence) }
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
            let trimmed = open.parts.map { $0.text.trimmingCharacters(in: " ") }
            result.quotations.append(Quotation(text: trimmed.joined(separator: " "), sentences: touched, speaker: speaker))
            for (part, text) in zip(open.parts, trimmed) {
                result.parts[part.sentence].append((index, text))
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
        if let word = WordScanner.lastToken(trimmed), word.kind == .word, SpeakerRecognizer.verbs.contains(word.lower) { return false }
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
    /// The string without leading and trailing characters that are whitespace or in `set`
    /// (compared as `Character`s). Ends made of single ASCII scalars (almost always) are trimmed
    /// on the UTF-8 bytes; anything else takes the `Character` walk, so the result is the same.
    func trimmingCharacters(in set: String) -> String {
        // The set's ASCII characters as a bit mask (whitespace included), and its other scalars; a
        // set with a multi-scalar character takes the `Character` walk.
        var bits: (low: UInt64, high: UInt64) = (1 << 0x20 | 0x3E00, 0)
        let simpleSet = set.utf8.allSatisfy { $0 < 0x80 && $0 != 0x0D } || set.unicodeScalars.count == set.count
        for b in set.utf8 where b < 0x80 {
            if b < 64 { bits.low |= 1 << UInt64(b) } else { bits.high |= 1 << UInt64(b - 64) }
        }
        let mask = bits  // a constant for the closures below (a captured variable is checked at each read)
        let asciiSet = set.utf8.allSatisfy { $0 < 0x80 }
        // Printable ASCII bytes outside an ASCII set at both ends: the first and last characters
        // are neither whitespace nor in the set (a character beginning or ending with such a byte
        // is that byte alone, or holds a prepended scalar, which is no whitespace and equals no
        // ASCII character), so nothing is trimmed.
        if asciiSet, let first = utf8.first, let last = utf8.last, first > 0x20, first < 0x7F, last > 0x20, last < 0x7F {
            @inline(__always) func member(_ b: UInt8) -> Bool { b < 64 ? mask.low & (1 << UInt64(b)) != 0 : mask.high & (1 << UInt64(b - 64)) != 0 }
            if !member(first) && !member(last) { return self }
        }
        var copy = self
        let fast: (lower: Int, upper: Int)? = !simpleSet ? nil : copy.withUTF8 { bytes in
            let n = bytes.count
            // Units read on the bytes: an ASCII scalar other than CR/LF, or one of a few
            // punctuation scalars (« » ¶ – — ‘ ’ ‚ ‛ “ ” „ ‟ …), none of them whitespace, a
            // combining mark or a prefix (grapheme break property Other). A unit next to another
            // unit is a whole `Character`: no grapheme rule joins two of them.
            func unitLength(at i: Int) -> Int? {
                let b = bytes[i]
                if b < 0x80 { return b == 0x0D || b == 0x0A ? nil : 1 }
                if b == 0xC2, i + 1 < n, bytes[i + 1] == 0xAB || bytes[i + 1] == 0xBB || bytes[i + 1] == 0xB6 { return 2 }
                if b == 0xE2, i + 2 < n, bytes[i + 1] == 0x80 {
                    let c = bytes[i + 2]
                    if c == 0x93 || c == 0x94 || (c >= 0x98 && c <= 0x9F) || c == 0xA6 { return 3 }
                }
                return nil
            }
            /// The length of the unit ending at `end` (exclusive), read backwards.
            func unitLength(endingAt end: Int) -> Int? {
                let b = bytes[end - 1]
                if b < 0x80 { return unitLength(at: end - 1) }
                if end >= 2, bytes[end - 2] == 0xC2, unitLength(at: end - 2) == 2 { return 2 }
                if end >= 3, bytes[end - 3] == 0xE2, unitLength(at: end - 3) == 3 { return 3 }
                return nil
            }
            func isMember(at i: Int, length: Int) -> Bool {
                let b = bytes[i]
                if length == 1 { return b < 64 ? mask.low & (1 << UInt64(b)) != 0 : mask.high & (1 << UInt64(b - 64)) != 0 }
                if asciiSet { return false }
                // The unit's scalar: two bytes (U+0080–U+07FF) or three.
                let value = length == 2
                    ? UInt32(b & 0x1F) << 6 | UInt32(bytes[i + 1] & 0x3F)
                    : UInt32(b & 0x0F) << 12 | UInt32(bytes[i + 1] & 0x3F) << 6 | UInt32(bytes[i + 2] & 0x3F)
                return set.unicodeScalars.contains { $0.value == value }
            }
            var lo = 0
            while lo < n {
                guard let length = unitLength(at: lo) else { return nil }
                // A non-member unit starts a `Character` that is neither whitespace nor in the set.
                guard isMember(at: lo, length: length) else { break }
                // A member is trimmed when it is a whole `Character`: a unit follows, or nothing.
                guard lo + length == n || unitLength(at: lo + length) != nil else { return nil }
                lo += length
            }
            var hi = n
            while hi > lo {
                guard let length = unitLength(endingAt: hi) else { return nil }
                guard isMember(at: hi - length, length: length) else { break }
                guard hi - length == lo || unitLength(endingAt: hi - length) != nil else { return nil }
                hi -= length
            }
            return (lo, hi)
        }
        if let fast {
            if fast.lower == 0 && fast.upper == utf8.count { return self }
            let view = utf8
            let lower = view.index(view.startIndex, offsetBy: fast.lower)
            return String(self[lower..<view.index(view.startIndex, offsetBy: fast.upper)])
        }
        var start = startIndex, end = endIndex
        while start < end, set.contains(self[start]) || self[start].isWhitespace { start = index(after: start) }
        while end > start, set.contains(self[index(before: end)]) || self[index(before: end)].isWhitespace { end = index(before: end) }
        return String(self[start..<end])
    }
}
