import StetDiff

/// Widens word-diff highlights to whole words, for formats whose markup needs word boundaries.
///
/// `WordDiff` works on tokens, so a changed comma is its own span: `It rained[-, and-]{+.+}`.
/// Markdown's `~~` and `**` only open and close next to whitespace or in certain punctuation
/// positions (CommonMark's flanking rules), so a highlight glued to a word may print literally.
/// This pass moves the rest of a glued word into the highlight on both sides:
/// `It [-rained, and-]{+rained.+}`. Each run of changed spans becomes at most one deleted and one
/// inserted span; equal text outside the touched words is unchanged.
/// - Complexity: O(n) in the total length of the spans.
enum WordSnapping {
    static func snapped(_ spans: [WordDiff.Span]) -> [WordDiff.Span] {
        var input = spans
        var output: [WordDiff.Span] = []
        var i = 0
        while i < input.count {
            if input[i].operation == .equal {
                if !input[i].text.isEmpty { output.append(input[i]) }
                i += 1
                continue
            }
            var old = "", new = ""
            // A run of changes, extended over glued neighbouring words until it meets whitespace.
            while true {
                while i < input.count, input[i].operation != .equal {
                    if input[i].operation == .deleted { old += input[i].text } else { new += input[i].text }
                    i += 1
                }
                guard i < input.count else { break }
                let next = input[i].text
                guard let first = next.first, !first.isWhitespace, endsGlued(old) || endsGlued(new) else { break }
                let word = next.prefix { !$0.isWhitespace }
                old += word
                new += word
                input[i].text = String(next.dropFirst(word.count))
                if !input[i].text.isEmpty { break }
                i += 1  // the equal span was one glued word: the next changes join this run
            }
            // The glued word before the run.
            if let last = output.last, last.operation == .equal, let end = last.text.last, !end.isWhitespace,
                startsGlued(old) || startsGlued(new)
            {
                let word = String(last.text.reversed().prefix { !$0.isWhitespace }.reversed())
                old = word + old
                new = word + new
                output[output.count - 1].text = String(last.text.dropLast(word.count))
                if output[output.count - 1].text.isEmpty { output.removeLast() }
            }
            if !old.isEmpty { output.append(WordDiff.Span(.deleted, old)) }
            if !new.isEmpty { output.append(WordDiff.Span(.inserted, new)) }
        }
        return output
    }

    private static func endsGlued(_ text: String) -> Bool { text.last.map { !$0.isWhitespace } ?? false }
    private static func startsGlued(_ text: String) -> Bool { text.first.map { !$0.isWhitespace } ?? false }
}
