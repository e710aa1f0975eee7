// Drops furniture that survives container-level cleaning, working on finished blocks:
// - a leading heading or paragraph that repeats the title, and a short leading "By …" line or
//   the byline itself;
// - short lines that open with a furniture phrase (`Hints.junkLinePrefixes`);
// - teasers: blocks under 250 characters that end in a "more" link ("… Read more", "… mehr");
// - from a furniture heading (`Hints.tailHeadings`, or a short "About …" heading) in the last 40 %
//   of the blocks to the end.
// Update and correction notes are kept wherever they stand.
//
// Complexity: O(number of blocks × phrases).

import StetText

enum BlockFilter {
    static func filter(_ input: [(Block, Int)], title: String?, byline: String?) -> [(Block, Int)] {
        var blocks = input
        let titleKey = title.map(ContentFinder.comparable) ?? ""
        let bylineKey = byline.map(ContentFinder.comparable) ?? ""
        // Leading title / byline repeats.
        var index = 0
        while index < min(blocks.count, 4) {
            let text = blocks[index].0.text
            // Only short blocks can repeat a title or byline; long paragraphs skip the normalizing.
            let short = text.utf8.count < 400
            let key = short ? ContentFinder.comparable(text) : ""
            if short && ((!titleKey.isEmpty && key == titleKey) || (!bylineKey.isEmpty && key == bylineKey)
                || (Whitespace.hasFewerScalars(text, than: 80) && (hasASCIIPrefix(text, "by ") || hasASCIIPrefix(text, "von ")))) {
                blocks.remove(at: index)
            } else {
                index += 1
            }
        }
        // Tail furniture.
        // "Last 40 %" by text, not by block count: a tail of many short teaser lines after the
        // heading must not push it into the first 60 %.
        let tailStart = Int(Double(blocks.count) * 0.6)
        var offsets: [Int] = []
        var total = 0
        for block in blocks {
            offsets.append(total)
            total += block.0.text.utf8.count
        }
        if let cut = blocks.indices.first(where: { i in
            (i >= tailStart || offsets[i] * 10 >= total * 6) && i > 0 && blocks[i].0.role == .heading && Whitespace.hasFewerScalars(blocks[i].0.text, than: 60)
                && (Hints.hasAnyPrefix(Hints.lowercasedOpening(blocks[i].0.text), Hints.tailHeadings) || isAboutHeading(blocks[i].0.text))
        }) {
            let notes = blocks[cut...].filter { Hints.isNote($0.0.text) }
            blocks = Array(blocks[..<cut]) + notes
        }
        // After the last real paragraph, one- and two-word lines that are not links are furniture
        // (share buttons, like counts, category labels).
        if let lastProse = blocks.lastIndex(where: { $0.0.role != .heading && !Whitespace.hasFewerScalars($0.0.text, than: 120) }) {
            var index = blocks.count - 1
            while index > lastProse {
                let text = blocks[index].0.text
                let words = Whitespace.wordCount(text)
                // A named link ("Crash Room") is a reference the text gives, not a button label.
                let isLink = blocks[index].1 >= words
                if words <= 2 && !isLink && !Hints.isNote(text) { blocks.remove(at: index) }
                index -= 1
            }
        }
        // Teasers: short blocks that end in a "more" link.
        blocks.removeAll { block, _ in
            block.text.utf8.count < 750 && Whitespace.hasFewerScalars(block.text, than: 250) && endsWithMoreLink(block.text) && !Hints.isNote(block.text)
        }
        // Short furniture lines.
        blocks.removeAll { block, _ in
            guard Whitespace.hasFewerScalars(block.text, than: 120) else { return false }
            return Hints.hasAnyPrefix(Hints.lowercasedOpening(block.text), Hints.junkLinePrefixes) && !Hints.isNote(block.text)
        }
        return blocks
    }

    /// Whether `text.lowercased()` starts with `prefix` (lowercase ASCII letters and spaces):
    /// no other scalar lowercases to one of those, so the bytes decide without a lowercased copy.
    static func hasASCIIPrefix(_ text: String, _ prefix: StaticString) -> Bool {
        var bytes = text.utf8.makeIterator()
        let expected = UnsafeBufferPointer(start: prefix.utf8Start, count: prefix.utf8CodeUnitCount)
        for wanted in expected {
            guard let byte = bytes.next() else { return false }
            let lower = byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
            if lower != wanted { return false }
        }
        return true
    }

    /// Whether `text` ends with a "more" link: an unambiguous phrase ("read more", "weiterlesen",
    /// "lire la suite", "continue reading", …), or a bare "more"/"mehr" after an ellipsis or before
    /// an arrow or bullets ("… mehr •••", "more »"). A sentence ending "… wanted more." is not one.
    static func endsWithMoreLink(_ text: String) -> Bool {
        // Cheapest rejection, on bytes: every last word below ends in an ASCII e, n, s, o, g or r,
        // so the last letter of the last 96 bytes must be one of those.
        guard lastLetterMayEndMoreWord(text) else { return false }
        // Cheap rejection: the last word must be the last word of a phrase or one of the words.
        // The last 96 bytes, decoded (a character cut at the start only becomes U+FFFD).
        let ending = scalars(String(decoding: text.utf8.suffix(96), as: UTF8.self))
        func isLetter(_ scalar: Unicode.Scalar) -> Bool {
            scalar.value < 0x80 ? (scalar.value | 0x20 >= 0x61 && scalar.value | 0x20 <= 0x7A) : scalar.properties.isAlphabetic
        }
        var stop = ending.count
        while stop > 0, !isLetter(ending[stop - 1]) { stop -= 1 }
        var start = stop
        while start > 0, stop - start < 12, isLetter(ending[start - 1]) { start -= 1 }
        guard Self.moreLastWords.contains(Whitespace.lowercased(Self.string(ending[start..<stop]))) else { return false }
        // Only the end matters: the last 48 scalars hold any phrase with its ellipsis and trailer.
        // Compared as scalars (the phrases are NFC), which is far cheaper than Character suffixes.
        let lower = scalars(Whitespace.lowercased(String(text.unicodeScalars.suffix(48))))
        var end = lower.count
        while end > 0, !lower[end - 1].properties.isAlphabetic { end -= 1 }
        var trailerStart = end, trailerEnd = lower.count
        while trailerStart < trailerEnd, lower[trailerStart] == " " { trailerStart += 1 }
        while trailerEnd > trailerStart, lower[trailerEnd - 1] == " " { trailerEnd -= 1 }
        let trailer = lower[trailerStart..<trailerEnd]
        func endsWith(_ suffix: [Unicode.Scalar], at end: Int) -> Bool {
            end >= suffix.count && lower[(end - suffix.count)..<end].elementsEqual(suffix)
        }
        for phrase in Self.morePhrases where endsWith(phrase, at: end) && !(trailer.count == 1 && trailer.first == ".") {
            return true
        }
        for word in Self.moreWords where endsWith(word, at: end) {
            var before = end - word.count
            while before > 0, lower[before - 1] == " " { before -= 1 }
            if endsWith(["…"], at: before) || endsWith([".", ".", "."], at: before) { return true }
            if !trailer.isEmpty && trailer.allSatisfy({ "»›→>•·+ ".unicodeScalars.contains($0) }) { return true }
        }
        return false
    }

    /// `Array(text.unicodeScalars)` in one walk: the array initializer first counts the scalars
    /// (a walk of its own), then copies them through a generic path.
    static func scalars(_ text: String) -> [Unicode.Scalar] {
        var result: [Unicode.Scalar] = []
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars { result.append(scalar) }
        return result
    }

    /// The string of `scalars`, encoded to UTF-8 at once (`String.UnicodeScalarView(_:)` appends
    /// them one at a time through a generic path, ~400 instructions a scalar).
    static func string(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(scalars.count * 2)
        for scalar in scalars { UTF8.encode(scalar) { bytes.append($0) } }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Whether the last letter (ASCII letter or alphabetic scalar) in the last 96 bytes of `text`
    /// is an ASCII e, n, s, o, g or r in either case; false when there is none. A lead byte cut
    /// off by the 96-byte window decodes as U+FFFD, not a letter, as in `endsWithMoreLink`.
    static func lastLetterMayEndMoreWord(_ text: String) -> Bool {
        text.withBytes { bytes in
            let floor = max(0, bytes.count - 96)
            var i = bytes.count
            while i > floor {
                i -= 1
                let byte = bytes[i]
                if byte < 0x80 {
                    let lower = byte | 0x20
                    if lower >= 0x61 && lower <= 0x7A { return "ensogr".utf8.contains(lower) }
                    continue
                }
                // Back to the lead byte of this scalar; a scalar cut by the window is no letter.
                var lead = i
                while lead > floor && bytes[lead] & 0xC0 == 0x80 { lead -= 1 }
                if bytes[lead] & 0xC0 == 0x80 { return false }
                let length = bytes[lead] >= 0xF0 ? 4 : bytes[lead] >= 0xE0 ? 3 : 2
                if lead + length - 1 == i, let scalar = String(decoding: UnsafeBufferPointer(rebasing: bytes[lead...i]), as: UTF8.self).unicodeScalars.first,
                   scalar.properties.isAlphabetic {
                    return false
                }
                i = lead
            }
            return false
        }
    }

    private static let morePhrases: [[Unicode.Scalar]] = [
        "read more", "weiterlesen", "lire la suite", "leer más", "leggi tutto", "continue reading", "mehr lesen", "mehr erfahren", "learn more",
    ].map { Array($0.unicodeScalars) }
    private static let moreLastWords: Set<String> = ["more", "weiterlesen", "suite", "más", "tutto", "reading", "lesen", "erfahren", "mehr", "plus"]
    private static let moreWords: [[Unicode.Scalar]] = ["more", "mehr", "plus", "más"].map { Array($0.unicodeScalars) }

    /// "About Acme", "About the company": the boilerplate that closes press releases and posts.
    static func isAboutHeading(_ text: String) -> Bool {
        let words = text.split(separator: " ")
        return words.count >= 2 && words.count <= 4 && words[0].lowercased() == "about"
    }
}
