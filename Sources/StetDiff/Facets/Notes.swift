import StetText

/// Recognizes update, correction and editor's notes.
///
/// Reasoning. Newsrooms flag changes with a short paragraph in a fixed form: "Update 1/3/24, 9:20
/// a.m. ET: …", "UPDATE: …", "Updated at …:", "Correction: …", "Clarification: …", "Editor's note: …",
/// "This article has been updated with …", "An earlier version of this story misstated …". The first
/// sentence of a block decides for the whole block. Matching runs on the comparison key, lowercased,
/// so typographic apostrophes and dashes do not matter.
///
/// - Complexity: O(n) in the length of the first sentence.
public enum NoteRecognizer {
    /// The kind of note a paragraph opening with this sentence is, or nil for ordinary text.
    public static func kind(ofParagraphStartingWith sentence: String) -> NoteFacet.Kind? {
        // Notes announce themselves in their first words: look at the opening only.
        guard let first = sentence.unicodeScalars.first(where: { !Normalizer.isSpace($0) }),
            "UuCcEeNnTtAa".unicodeScalars.contains(first)
        else { return nil }
        let text = Normalizer.comparisonKey(String(sentence.prefix(160))).lowercased()
        let head = String(text.prefix(100))
        func startsWithWord(_ word: String) -> Bool {
            guard text.hasPrefix(word) else { return false }
            let rest = text.dropFirst(word.count)
            guard let next = rest.first else { return true }
            return !next.isLetter
        }
        if startsWithWord("editor's note") || startsWithWord("editors' note") || startsWithWord("editors note") || startsWithWord("note to readers") {
            return .editorsNote
        }
        if startsWithWord("correction") || startsWithWord("corrections") || startsWithWord("clarification") {
            if head.contains(":") || head.contains("-") || text.count < 40 { return .correction }
        }
        for opening in ["an earlier version of this", "a previous version of this", "an earlier version of the", "this article has been corrected", "this story has been corrected", "this article was corrected", "this story was corrected"] where text.hasPrefix(opening) {
            return .correction
        }
        if startsWithWord("update") || startsWithWord("updated") || startsWithWord("updates") {
            if head.contains(":") || head.contains(" - ") || text.count < 40 { return .update }
        }
        for subject in ["this article", "this story", "this post", "this report", "this piece", "the article", "the story", "this page"] {
            for verb in [" has been updated", " was updated", " has been amended", " was amended", " is being updated", " will be updated"]
            where text.hasPrefix(subject + verb) {
                return .update
            }
        }
        if text.hasPrefix("this is a developing story") || text.hasPrefix("this story is developing") || text.hasPrefix("this is a breaking news story") {
            return .update
        }
        return nil
    }
}
