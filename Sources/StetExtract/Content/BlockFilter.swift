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
            let lower = short ? text.lowercased() : ""
            if short && ((!titleKey.isEmpty && key == titleKey) || (!bylineKey.isEmpty && key == bylineKey)
                || (text.unicodeScalars.count < 80 && (lower.hasPrefix("by ") || lower.hasPrefix("von ")))) {
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
            (i >= tailStart || offsets[i] * 10 >= total * 6) && i > 0 && blocks[i].0.role == .heading && blocks[i].0.text.unicodeScalars.count < 60
                && (Hints.hasAnyPrefix(blocks[i].0.text.lowercased(), Hints.tailHeadings) || isAboutHeading(blocks[i].0.text))
        }) {
            let notes = blocks[cut...].filter { Hints.isNote($0.0.text) }
            blocks = Array(blocks[..<cut]) + notes
        }
        // After the last real paragraph, one- and two-word lines that are not links are furniture
        // (share buttons, like counts, category labels).
        if let lastProse = blocks.lastIndex(where: { $0.0.role != .heading && $0.0.text.unicodeScalars.count >= 120 }) {
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
            block.text.utf8.count < 750 && block.text.unicodeScalars.count < 250 && !Hints.isNote(block.text) && endsWithMoreLink(block.text)
        }
        // Short furniture lines.
        blocks.removeAll { block, _ in
            guard block.text.unicodeScalars.count < 120 else { return false }
            return !Hints.isNote(block.text) && Hints.hasAnyPrefix(block.text.lowercased(), Hints.junkLinePrefixes)
        }
        return blocks
    }

    /// Whether `text` ends with a "more" link: an unambiguous phrase ("read more", "weiterlesen",
    /// "lire la suite", "continue reading", …), or a bare "more"/"mehr" after an ellipsis or before
    /// an arrow or bullets ("… mehr •••", "more »"). A sentence ending "… wanted more." is not one.
    static func endsWithMoreLink(_ text: String) -> Bool {
        let lower = text.lowercased()
        let tail = lower.reversed().prefix(while: { !$0.isLetter })
        let trimmed = String(lower.dropLast(tail.count))
        let trailer = String(tail.reversed()).trimmingASCIISpaces()
        for phrase in ["read more", "weiterlesen", "lire la suite", "leer más", "leggi tutto", "continue reading", "mehr lesen", "mehr erfahren", "learn more"]
        where trimmed.hasSuffix(phrase) && trailer != "." {
            return true
        }
        for word in ["more", "mehr", "plus", "más"] where trimmed.hasSuffix(word) {
            let before = trimmed.dropLast(word.count).trimmingASCIISpaces()
            if before.hasSuffix("…") || before.hasSuffix("...") { return true }
            if !trailer.isEmpty && trailer.allSatisfy({ "»›→>•·+".contains($0) || $0 == " " }) { return true }
        }
        return false
    }

    /// "About Acme", "About the company": the boilerplate that closes press releases and posts.
    static func isAboutHeading(_ text: String) -> Bool {
        let words = text.split(separator: " ")
        return words.count >= 2 && words.count <= 4 && words[0].lowercased() == "about"
    }
}
