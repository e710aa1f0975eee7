import Foundation
import Synchronization
@testable import StetDiff
import StetText
import Testing

/// The differ's shortcuts (byte-level trimming, shape prefilters, tokens made from scalars) against
/// the plain definitions they stand in for, on generated strings mixing ASCII, spaces, combining
/// marks, CR/LF and non-ASCII letters at the ends.
@Suite struct FastPathTests {
    /// The definition the byte-level trim must match: `Character`s trimmed from both ends.
    func referenceTrim(_ text: String, _ set: String) -> String {
        var start = text.startIndex, end = text.endIndex
        while start < end, set.contains(text[start]) || text[start].isWhitespace { start = text.index(after: start) }
        while end > start, set.contains(text[text.index(before: end)]) || text[text.index(before: end)].isWhitespace {
            end = text.index(before: end)
        }
        return String(text[start..<end])
    }

    /// Deterministic pseudo-random strings from a small alphabet of awkward pieces.
    func samples(count: Int) -> [String] {
        let pieces = [
            " ", "  ", "\t", "\r\n", "\n", "\r", "a", "Z", "9", ".", "\"", "\u{B6}", " \u{B6} ", "\u{301}", "e\u{301}",
            "\u{A0}", "\u{2003}", "\u{201C}", "\u{201D}", "said", "Über", "ﬁ", "\u{1F600}", "\u{0915}\u{094D}", ",",
            "\u{2014}", "\u{2026}", "\u{AB}", "\u{2019}", "\u{B6}\u{301}", "\u{200D}", "\u{0600}",
        ]
        var generator = SeededGenerator(seed: 2024)
        return (0..<count).map { _ in
            (0..<Int(generator.next() % 7)).map { _ in pieces[Int(generator.next() % UInt64(pieces.count))] }.joined()
        }
    }

    @Test func trimMatchesCharacterDefinition() {
        for text in samples(count: 4_000) {
            for set in [" ", " \u{B6}", ".", "\r\n", "e\u{301}", "\u{201C}\u{2014}", "\u{AB}.\u{2026}"] {
                #expect(text.trimmingCharacters(in: set) == referenceTrim(text, set), "\(Array(text.unicodeScalars)) in \(Array(set.unicodeScalars))")
            }
        }
    }

    @Test func tokensFromScalarsMatchStrings() {
        for text in samples(count: 2_000) + ["The FCDO Said", "İstanbul KELVIN \u{212A}", "co-operate, o'clock 3.5"] {
            for token in WordScanner.tokens(text) {
                #expect(token.lower == token.text.lowercased())
            }
            #expect(WordScanner.lastToken(text) == WordScanner.tokens(text).last)
        }
    }

    /// The comparison key of ASCII text by its definition: backticks become apostrophes, every run
    /// of spaces and control characters one space, none at the ends.
    func referenceKey(_ text: String) -> String {
        var out: [UInt8] = []
        var pendingSpace = false
        for byte in text.utf8 {
            if byte <= 0x20 || byte == 0x7F {
                pendingSpace = true
                continue
            }
            if pendingSpace && !out.isEmpty { out.append(0x20) }
            pendingSpace = false
            out.append(byte == 0x60 ? 0x27 : byte)
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The key's eight-bytes-at-a-time copy (taken only where the byte loop copies all eight as they
    /// are) against the definition, on ASCII texts dense in spaces, backticks, tabs and DEL, at every
    /// alignment.
    @Test func asciiKeyMatchesDefinition() {
        let pieces = [" ", "  ", "\t", "\n", "`", "\u{7F}", "a", "Zq", "said", "9.5", "\"", ".", "ab cd ef", "x y", "- -"]
        var generator = SeededGenerator(seed: 77)
        var buffers = NormalizationBuffers()
        for _ in 0..<6_000 {
            let text = (0..<Int(generator.next() % 24)).map { _ in pieces[Int(generator.next() % UInt64(pieces.count))] }.joined()
            buffers.makeKey(of: text)
            #expect(String(decoding: buffers.key, as: UTF8.self) == referenceKey(text), "\(Array(text.utf8))")
            #expect(Normalizer.comparisonKey(text) == referenceKey(text))
        }
    }

    /// A key's words by their definition: the runs of letters and digits (Unicode alphabetic or
    /// numeric scalars), lowercased.
    func referenceWords(_ key: String) -> [String] {
        var runs: [String] = [], current = ""
        for scalar in key.unicodeScalars {
            if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                current.unicodeScalars.append(scalar)
            } else if !current.isEmpty {
                runs.append(current.lowercased())
                current = ""
            }
        }
        if !current.isEmpty { runs.append(current.lowercased()) }
        return runs
    }

    /// The words of a key (a run at a time for ASCII keys, scalar by scalar otherwise) against the
    /// definition, on keys mixing ASCII words, digits, punctuation and non-ASCII letters anywhere.
    @Test func keyWordsMatchDefinition() {
        let pieces = [" ", "a", "Zq", "SAID", "9", "3.5", "'", "-", ".", "ab cd", "Über", "é", "ǅ", "İ", "\u{2019}", "x1Y", "٣", ","]
        var generator = SeededGenerator(seed: 91)
        for _ in 0..<6_000 {
            let key = (0..<Int(generator.next() % 16)).map { _ in pieces[Int(generator.next() % UInt64(pieces.count))] }.joined()
            #expect(Normalizer.words(inKey: key) == referenceWords(key), "\(Array(key.unicodeScalars))")
        }
    }

    /// The vocabulary's words of a key (read in place for ASCII keys, packed up to 8 bytes) are the
    /// key's words as `Normalizer` makes them, and equal words get equal ids across keys.
    @Test func vocabularyWordsMatchNormalizer() {
        let pieces = [" ", "a", "Zq", "SAID", "9", "3.5", "'", "-", ".", "ab cd", "Über", "é", "x1Y", ",", "Eightchr", "NINECHARS", "sixteen-letters", "abcdefghijklmnopq"]
        var generator = SeededGenerator(seed: 12)
        let vocabulary = Vocabulary()
        var keys: [String] = []
        for _ in 0..<3_000 {
            keys.append((0..<Int(generator.next() % 14)).map { _ in pieces[Int(generator.next() % UInt64(pieces.count))] }.joined())
        }
        var bytes: [UInt8] = [], ends: [Int] = [], hashes: [UInt64] = []
        for key in keys {
            let start = bytes.count
            bytes.append(contentsOf: key.utf8)
            ends.append(bytes.count)
            hashes.append(bytes[start...].withUnsafeBytes { ByteHash.hash($0) })
        }
        var ids: [Int] = []
        vocabulary.appendKeyIDs(bytes: bytes, ends: ends, hashes: hashes, of: 0..<keys.count, to: &ids)
        var idOfWord: [String: Int32] = [:]
        for (key, keyID) in zip(keys, ids) {
            let tokens = vocabulary.tokens(ofKey: keyID).inOrder
            let words = vocabulary.words
            #expect(tokens.map { words[Int($0)] } == Normalizer.words(inKey: key), "\(key)")
            for (token, word) in zip(tokens, Normalizer.words(inKey: key)) {
                #expect(idOfWord[word, default: token] == token, "\(word) has two ids")
                idOfWord[word] = token
                #expect(vocabulary.wordIsASCII[Int(token)] == word.utf8.allSatisfy { $0 < 0x80 })
            }
        }
    }

    /// Text ids (bytes for texts already in NFC, the NFC form otherwise) are equal exactly where
    /// the texts are equal as `String`s, on texts mixing ASCII, curly quotes, precomposed and
    /// decomposed accents, singletons with ASCII equivalents (Kelvin sign, Greek question mark),
    /// Hangul and zero-width characters.
    @Test func textIDsMatchStringEquality() {
        let pieces = ["a", "K", "\u{212A}", ";", "\u{37E}", "e", "\u{E9}", "e\u{301}", "\u{301}", "\u{2019}", "\u{201C}", "\u{2014}",
                      "\u{200B}", "\u{1100}\u{1161}", "\u{AC00}", "A\u{30A}", "\u{212B}", "\u{C5}", " ", "\u{2026}", "\u{FB01}"]
        var generator = SeededGenerator(seed: 5)
        var texts: [String] = []
        for _ in 0..<2_000 {
            texts.append((0..<Int(generator.next() % 4)).map { _ in pieces[Int(generator.next() % UInt64(pieces.count))] }.joined())
        }
        var ids = TextIDs()
        let made = texts.map { ids.id($0) }
        for _ in 0..<20_000 {
            let a = Int(generator.next() % UInt64(texts.count)), b = Int(generator.next() % UInt64(texts.count))
            #expect((made[a] == made[b]) == (texts[a] == texts[b]), "\(Array(texts[a].unicodeScalars)) \(Array(texts[b].unicodeScalars))")
        }
        // Every scalar taken as plain is its own NFC form and combines with nothing before it.
        for value in Array(0..<0x300) + Array(0x2010...0x2027) + Array(0x2030...0x205E) {
            guard let scalar = Unicode.Scalar(value) else { continue }
            #expect(TextIDs.isPlainNFC(String(scalar)))
            #expect(Array(String(scalar).precomposedStringWithCanonicalMapping.unicodeScalars) == [scalar])
            #expect(scalar.properties.canonicalCombiningClass == .notReordered)
        }
        #expect(!TextIDs.isPlainNFC("\u{212A}") && !TextIDs.isPlainNFC("e\u{301}") && !TextIDs.isPlainNFC("\u{200B}"))
    }

    /// Note openings (packed first and second words) give the same kind as the full form match.
    @Test func noteOpeningsMatchFormKind() {
        let openings = [
            "Update", "UPDATE:", "Updated at 9 a.m.:", "Correction:", "Corrections -", "Clarification", "Editor's note:", "Editors' note",
            "Note to readers:", "This article has been updated", "This story was corrected", "An earlier version of this story",
            "A previous version of this", "The article was amended", "The story has been updated", "This is a developing story",
            "The government said", "An official said", "This week", "Updates to", "Corrections officers said", "Ánother", "The  story  was updated",
        ]
        for opening in openings {
            for tail in ["", " with new figures.", ": details", " 1/3/24"] {
                let sentence = opening + tail
                #expect(NoteRecognizer.kind(ofParagraphStartingWith: sentence) == NoteRecognizer.formKind(sentence), "\(sentence)")
            }
        }
    }

    @Test func verbPrefilterNeverHidesAnAttribution() {
        for verb in SpeakerRecognizer.verbs.union(["according"]) {
            for form in [verb, verb.capitalized, verb.uppercased()] {
                #expect(SpeakerRecognizer.mayHoldVerb("The minister \(form) to reporters"))
            }
        }
        #expect(!SpeakerRecognizer.mayHoldVerb("No speech verb stands in this sentence at all."))
        // A non-ASCII word may lowercase to a verb (the Kelvin sign lowercases to "k").
        #expect(SpeakerRecognizer.mayHoldVerb("She as\u{212A}ed nothing"))
        for text in samples(count: 2_000) + ["\"We will rebuild,\" said Zakharova.", "According to the FCDO, it is true."] {
            if SpeakerRecognizer.attribution(in: text) != nil { #expect(SpeakerRecognizer.mayHoldVerb(text)) }
        }
    }

    @Test func numberWordPrefilterKeepsEveryNumberWord() {
        for word in Array(FigureRecognizer.units.keys) + Array(FigureRecognizer.vagueNumbers) + ["twenty-one", "", "élan"] {
            #expect(FigureRecognizer.mayBeNumberWord(word))
        }
        #expect(!FigureRecognizer.mayBeNumberWord("people"))
        #expect(!FigureRecognizer.mayBeNumberWord("killed"))
    }

    @Test func figuresUnchangedBySentenceFilter() {
        // A sentence whose only figure is spelled out, beside one without any: the figure is found.
        let diff = Differ().diff(
            old: Document(blocks: [Block(.paragraph, "Officials said twelve people died. The mayor spoke.")]),
            new: Document(blocks: [Block(.paragraph, "Officials said fifteen people died. The mayor spoke again.")]))
        let figures = diff.changes.flatMap(\.facets).compactMap { facet -> FigureFacet? in
            if case .figure(let figure) = facet { return figure } else { return nil }
        }
        #expect(figures.map(\.old) == ["twelve"])
        #expect(figures.map(\.new) == ["fifteen"])
    }

    /// `Team.map` gives every result once, in index order, whichever thread made it: the same
    /// as a plain `map` (the large-comparison path runs its preparation and classification on it).
    @Test func parallelMapMatchesMap() {
        for count in [0, 1, 2, 3, 9, 257] {
            let made = Team().map(count) { index in (index, String(repeating: "w", count: index % 23)) }
            let expected = (0..<count).map { index in (index, String(repeating: "w", count: index % 23)) }
            #expect(made.map(\.0) == expected.map(\.0))
            #expect(made.map(\.1) == expected.map(\.1))
        }
    }

    /// `Team.run` returns the helper's result and runs the caller's closure on the calling thread;
    /// a finished team (no helper any more) still gives every result, on the calling thread.
    @Test func teamRunsWithAndWithoutItsHelper() {
        let team = Team()
        var callerRan = false
        let sum = team.run({ (0..<1_000).reduce(0, +) }, beside: { callerRan = true })
        #expect(sum == 499_500)
        #expect(callerRan)
        team.finish()
        #expect(team.map(5) { $0 * 2 } == [0, 2, 4, 6, 8])
        let (a, b) = team.both({ "old" }, { "new" })
        #expect(a == "old" && b == "new")
    }

    /// `stream` hands the calling thread every part's result (in any order it asks for them) as
    /// `map` would, with and without a helper; parts it does not read are released, once.
    @Test func teamStreamsPartsAsMapWould() {
        let team = Team()
        for count in [1, 2, 9, 40] {
            let expected = (0..<count).map { ($0 * 7919) % 1_000 }
            let read = team.stream(count, { ($0 * 7919) % 1_000 }) { part in
                // Odd parts first, then even ones, the way a reader may skip ahead.
                var values = [Int](repeating: -1, count: count)
                for index in stride(from: 1, to: count, by: 2) { values[index] = part(index) }
                for index in stride(from: 0, to: count, by: 2) { values[index] = part(index) }
                return values
            }
            #expect(read == expected)
        }
        let released = Releases()
        let firstTwo = team.stream(6, { index in (0...(index % 2)).map { _ in Counted(released) } }) { part in
            part(0).count + part(1).count
        }
        #expect(firstTwo == 3)
        #expect(released.count.load(ordering: .relaxed) == 9)
        team.finish()
        // A finished team's calling thread runs every part itself.
        #expect(team.stream(3, { $0 + 1 }) { part in part(2) + part(0) } == 4)
    }

    /// How many `Counted` objects were released.
    final class Releases: Sendable {
        let count = Atomic<Int>(0)
    }

    /// An object that counts its release.
    final class Counted: Sendable {
        let releases: Releases
        init(_ releases: Releases) { self.releases = releases }
        deinit { releases.count.add(1, ordering: .relaxed) }
    }
}

