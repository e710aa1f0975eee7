import StetText

/// Recognizes update, correction and editor's notes.
///
/// Reasoning. Newsrooms flag changes with a short paragraph in a fixed form: "Update 1/3/24, 9:20
/// a.m. ET: …", "UPDATE: …", "Updated at …:", "Correction: …", "Clarification: …", "Editor's note: …",
/// "This article has been updated with …", "An earlier version of this story misstated …". The first
/// sentence of a block decides for the whole block. Matching runs on the comparison key, lowercased,
/// so typographic apostrophes and dashes do not matter.
///
/// Speed. Every paragraph's first sentence comes through here, and almost none is a note. Every form
/// opens with one of a few words, so the sentence's first word (ASCII letters, read on the raw
/// scalars, skipping the invisible characters the comparison key drops) is checked first; only
/// sentences opening with one of them are normalized; after "the", "a", "an" and "this", which also
/// open ordinary sentences, the second word must continue one of the fixed openings too. An
/// all-ASCII key is then matched on bytes (the same answers as the `String` comparisons, which the
/// rest still uses).
///
/// - Complexity: O(n) in the length of the first sentence.
public enum NoteRecognizer {
    /// The kind of note a paragraph opening with this sentence is, or nil for ordinary text.
    public static func kind(ofParagraphStartingWith sentence: String) -> NoteFacet.Kind? {
        // Notes announce themselves in their first words: look at the opening only.
        guard let first = sentence.unicodeScalars.first(where: { !Normalizer.isSpace($0) }) else { return nil }
        switch first {
        case "U", "u", "C", "c", "E", "e", "N", "n", "T", "t", "A", "a": break
        default: return nil
        }
        guard opensWithNoteWord(sentence) else { return nil }
        return formKind(sentence)
    }

    /// The note form the sentence opens with, without the first-words test (`kind` answers the same
    /// for every sentence; tests compare the two).
    static func formKind(_ sentence: String) -> NoteFacet.Kind? {
        // `prefix(160)` counts characters; a sentence of at most 160 bytes has at most 160.
        let opening = sentence.utf8.count <= 160 ? sentence : String(sentence.prefix(160))
        let text = Normalizer.comparisonKey(opening).lowercased()
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            // ASCII: characters are bytes, so prefix, count and search are byte operations.
            let bytes = Array(text.utf8)
            let head = bytes.prefix(100)
            return match(
                hasPrefix: { pattern in Self.hasPrefix(bytes, pattern) },
                letterAfter: { word in
                    let count = word.utf8.count
                    guard count < bytes.count else { return false }
                    let next = bytes[count]
                    return (next >= 0x61 && next <= 0x7A) || (next >= 0x41 && next <= 0x5A)
                },
                headContains: { needle in Self.contains(head, Array(needle.utf8)) },
                isShort: bytes.count < 40)
        }
        return unicodeKind(text)
    }

    /// The same forms on a key with non-ASCII characters, compared as `String`s.
    private static func unicodeKind(_ text: String) -> NoteFacet.Kind? {
        let head = String(text.prefix(100))
        return match(
            hasPrefix: { text.hasPrefix($0) },
            letterAfter: { word in text.dropFirst(word.count).first?.isLetter ?? false },
            headContains: { head.contains($0) },
            isShort: text.count < 40)
    }

    /// The forms, given how to read the lowercased comparison key of the sentence's opening.
    private static func match(
        hasPrefix: (String) -> Bool, letterAfter: (String) -> Bool, headContains: (String) -> Bool, isShort: Bool
    ) -> NoteFacet.Kind? {
        func startsWithWord(_ word: String) -> Bool {
            hasPrefix(word) && !letterAfter(word)
        }
        if startsWithWord("editor's note") || startsWithWord("editors' note") || startsWithWord("editors note") || startsWithWord("note to readers") {
            return .editorsNote
        }
        if startsWithWord("correction") || startsWithWord("corrections") || startsWithWord("clarification") {
            if headContains(":") || headContains("-") || isShort { return .correction }
        }
        for opening in correctionOpenings where hasPrefix(opening) {
            return .correction
        }
        if startsWithWord("update") || startsWithWord("updated") || startsWithWord("updates") {
            if headContains(":") || headContains(" - ") || isShort { return .update }
        }
        for opening in updateOpenings where hasPrefix(opening) {
            return .update
        }
        return nil
    }

    private static let correctionOpenings = [
        "an earlier version of this", "a previous version of this", "an earlier version of the", "this article has been corrected",
        "this story has been corrected", "this article was corrected", "this story was corrected",
    ]

    private static let updateOpenings: [String] = {
        var result: [String] = []
        for subject in ["this article", "this story", "this post", "this report", "this piece", "the article", "the story", "this page"] {
            for verb in [" has been updated", " was updated", " has been amended", " was amended", " is being updated", " will be updated"] {
                result.append(subject + verb)
            }
        }
        return result + ["this is a developing story", "this story is developing", "this is a breaking news story"]
    }()

    /// The first words of every form above.
    private static let noteWords: Set<[UInt8]> = Set(
        ["editor", "editors", "note", "correction", "corrections", "clarification", "an", "a", "this", "the", "update", "updated", "updates"]
            .map { Array($0.utf8) })

    private static let packedNoteWords: [PackedWord] = noteWords.map { PackedWord($0) }

    /// `noteWords.contains(word)` for a word of lowercase ASCII letters.
    private static func isNoteWord(_ word: PackedWord) -> Bool {
        packedNoteWords.contains(word)
    }

    /// The second words of the forms whose first word is one of these ("this article has been
    /// updated", "an earlier version of …"): none of them is a `startsWithWord` form, so a sentence
    /// opening with such a word can only be a note when its second word is one of these.
    private static let secondWords: [(first: PackedWord, seconds: [PackedWord])] = {
        var result: [(first: PackedWord, seconds: [PackedWord])] = []
        for form in correctionOpenings + updateOpenings {
            let words = form.split(separator: " ")
            let first = PackedWord(words[0].utf8), second = PackedWord(words[1].utf8)
            if let index = result.firstIndex(where: { $0.first == first }) {
                if !result[index].seconds.contains(second) { result[index].seconds.append(second) }
            } else {
                result.append((first, [second]))
            }
        }
        return result
    }()

    /// The second words allowed after `first`, or nil when `first` opens none of the fixed openings.
    private static func secondWords(after first: PackedWord) -> [PackedWord]? {
        secondWords.first { $0.first == first }?.seconds
    }

    /// Whether the sentence's first words could open a note. A word is a run of ASCII letters,
    /// lowercased, skipping the characters the comparison key drops (soft hyphen, zero-width
    /// characters); words are separated by spaces (`Normalizer.isSpace`), which the key turns into
    /// one space. Every note form's words are ASCII letters, and no other character becomes an ASCII
    /// letter of those words in the lowercased key, so a sentence failing this test matches no form.
    /// The second word is read only after the first words of the fixed openings (`secondWords`).
    private static func opensWithNoteWord(_ sentence: String) -> Bool {
        var word = PackedWord()
        var firstWord: PackedWord? = nil
        var started = false
        var betweenWords = false
        for scalar in sentence.unicodeScalars {
            if !started {
                if Normalizer.isSpace(scalar) { continue }
                started = true
            }
            let v = scalar.value
            if betweenWords {
                if Normalizer.isSpace(scalar) { continue }
                betweenWords = false
            }
            switch v {
            case 0x41...0x5A: word.append(UInt8(v) | 0x20)
            case 0x61...0x7A: word.append(UInt8(v))
            case 0x00AD, 0x200B, 0x200C, 0x200D, 0xFEFF: continue
            default:
                guard let first = firstWord else {
                    guard isNoteWord(word) else { return false }
                    // A first word of the fixed openings: its second word decides.
                    guard secondWords(after: word) != nil, Normalizer.isSpace(scalar) else { return true }
                    firstWord = word
                    word = PackedWord()
                    betweenWords = true
                    continue
                }
                return secondWords(after: first)?.contains(word) ?? true
            }
            if word.count > 13 { return false }
        }
        if let first = firstWord { return secondWords(after: first)?.contains(word) ?? true }
        return isNoteWord(word)
    }

    /// Whether `bytes` start with the UTF-8 bytes of `prefix`.
    private static func hasPrefix(_ bytes: [UInt8], _ prefix: String) -> Bool {
        var index = 0
        for byte in prefix.utf8 {
            guard index < bytes.count, bytes[index] == byte else { return false }
            index += 1
        }
        return true
    }

    /// Whether `haystack` contains `needle` as a run of bytes.
    private static func contains(_ haystack: ArraySlice<UInt8>, _ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty else { return true }
        guard haystack.count >= needle.count else { return false }
        var start = haystack.startIndex
        while start + needle.count <= haystack.endIndex {
            var k = 0
            while k < needle.count && haystack[start + k] == needle[k] { k += 1 }
            if k == needle.count { return true }
            start += 1
        }
        return false
    }
}
