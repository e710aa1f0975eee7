// article.md: the stored text of one version, written and read back exactly.
//
// Format (see docs/archive-format.md, "article.md"):
//
//     # Title                      ┐ header: the first group of lines, present when the
//     Byline: Jane Doe             │ article has a title or any metadata; `# ` only on its
//     Published: 2024-01-02T…      │ first line, then `Key: value` lines in this fixed order:
//     Modified: …                  │ Byline, Published, Modified, Site, Canonical, Language
//     Site: …                      │
//     Canonical: https://…         │
//     Language: en                 ┘
//
//     A paragraph.                 body: one group per block, separated by one blank line
//
//     ## A heading
//
//     > A block quote.
//
//     - A list item.
//
//     [byline] / [dateline] / [headline]   metadata-role blocks that sit inside the body
//
// Escaping, so that any block text reads back unchanged: after its marker, a line whose text
// starts with a backslash or whitespace, or is empty, gets one leading backslash; so does a
// paragraph's first line that could be taken for a marker or a header key. The parser drops
// one leading backslash from every line's text. A line break inside a block's text is written
// as a line break; its continuation lines carry no marker. Header values are single lines
// (a line break in a title or metadata value is written as a space) and an empty value is the
// same as no value.
//
// Complexity: writing and parsing are linear in the length of the text.

import StetExtract
import StetText

/// Writes and parses `article.md`, the Markdown form of one stored article version.
public enum ArticleMarkdown {
    /// The header keys, in the order they are written.
    static let headerKeys = ["Byline", "Published", "Modified", "Site", "Canonical", "Language"]

    private static let bodyRoleMarkers: [(BlockRole, String)] = [
        (.heading, "## "), (.blockquote, "> "), (.listItem, "- "),
        (.headline, "[headline] "), (.byline, "[byline] "), (.dateline, "[dateline] "),
    ]

    // MARK: Writing

    /// The Markdown text of `article` (always ends with a line feed).
    public static func render(_ article: ExtractedArticle) -> String {
        var groups: [String] = []
        var header: [String] = []
        if let title = singleLine(article.title) { header.append("# " + title) }
        let values = [article.byline, article.published, article.modified, article.siteName, article.canonicalURL, article.language]
        for (key, value) in zip(headerKeys, values) {
            if let value = singleLine(value) { header.append("\(key): \(value)") }
        }
        if !header.isEmpty { groups.append(header.joined(separator: "\n")) }
        for block in article.blocks { groups.append(render(block)) }
        return groups.joined(separator: "\n\n") + "\n"
    }

    /// The Markdown text of a `Document`: a leading headline block becomes the title and a byline
    /// block right after it the byline; everything else is body.
    public static func render(_ document: Document) -> String {
        render(article(from: document))
    }

    /// Splits a `Document` the way `ExtractedArticle.document` builds one.
    public static func article(from document: Document) -> ExtractedArticle {
        var blocks = document.blocks[...]
        var title: String?
        var byline: String?
        if let first = blocks.first, first.role == .headline, singleLine(first.text) == first.text {
            title = first.text
            blocks = blocks.dropFirst()
        }
        if title != nil, let first = blocks.first, first.role == .byline, singleLine(first.text) == first.text {
            byline = first.text
            blocks = blocks.dropFirst()
        }
        return ExtractedArticle(title: title, byline: byline, blocks: Array(blocks))
    }

    private static func render(_ block: Block) -> String {
        let marker = bodyRoleMarkers.first { $0.0 == block.role }?.1 ?? ""
        let pieces = lines(of: block.text)
        var out: [String] = []
        for (index, piece) in pieces.enumerated() {
            let isParagraphStart = index == 0 && block.role == .paragraph
            let escaped = needsEscape(piece, paragraphStart: isParagraphStart) ? "\\" + piece : piece
            out.append(index == 0 ? marker + escaped : escaped)
        }
        return out.joined(separator: "\n")
    }

    private static func needsEscape(_ text: String, paragraphStart: Bool) -> Bool {
        guard let first = text.first else { return true }
        if first == "\\" || first.isWhitespace { return true }
        guard paragraphStart else { return false }
        if first == "#" || first == ">" || text.hasPrefix("- ") { return true }
        if bodyRoleMarkers.contains(where: { text.hasPrefix($0.1) }) { return true }
        return headerKeys.contains { text.hasPrefix($0 + ": ") }
    }

    /// A metadata value as one line, or nil when absent or empty.
    private static func singleLine(_ value: String?) -> String? {
        guard let value, !value.isEmpty else { return nil }
        let joined = lines(of: value).joined(separator: " ")
        return joined
    }

    /// Splits on line feeds only (a carriage return stays part of its line), keeping empty pieces.
    static func lines(of text: String) -> [String] {
        // On UTF-8 bytes: a line feed byte is always a whole scalar in valid UTF-8, and copying
        // byte ranges is far cheaper than rebuilding scalar views (it showed in snapshot profiles).
        text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
    }

    // MARK: Parsing

    /// Reads `article.md` back. `linkWordRatio` is not part of the Markdown and comes back as 0.
    /// - Throws: `ArchiveError.malformedMarkdown` when the header holds a line that is not a known key.
    public static func parse(_ text: String) throws(ArchiveError) -> ExtractedArticle {
        var allLines = lines(of: text)
        if allLines.last == "" { allLines.removeLast() }
        var groups: [[(number: Int, text: String)]] = []
        var current: [(number: Int, text: String)] = []
        for (index, line) in allLines.enumerated() {
            if line.allSatisfy(\.isWhitespace) {
                if !current.isEmpty { groups.append(current) }
                current = []
            } else {
                current.append((index + 1, line))
            }
        }
        if !current.isEmpty { groups.append(current) }

        var article = ExtractedArticle(blocks: [])
        var body = groups[...]
        if let first = groups.first, let firstLine = first.first, isHeaderLine(firstLine.text) {
            body = body.dropFirst()
            for (offset, line) in first.enumerated() {
                if offset == 0, line.text.hasPrefix("# ") {
                    article.title = nonEmpty(String(line.text.dropFirst(2)))
                    continue
                }
                guard let key = headerKeys.first(where: { line.text.hasPrefix($0 + ": ") }) else {
                    throw .malformedMarkdown(line: line.number, reason: "expected a header line such as \"Byline: …\"")
                }
                let value = nonEmpty(String(line.text.dropFirst(key.count + 2)))
                switch key {
                case "Byline": article.byline = value
                case "Published": article.published = value
                case "Modified": article.modified = value
                case "Site": article.siteName = value
                case "Canonical": article.canonicalURL = value
                default: article.language = value
                }
            }
        }
        for group in body {
            var role = BlockRole.paragraph
            var pieces: [String] = []
            for (offset, line) in group.enumerated() {
                var content = Substring(line.text)
                if offset == 0, let (markerRole, marker) = bodyRoleMarkers.first(where: { content.hasPrefix($0.1) }) {
                    role = markerRole
                    content = content.dropFirst(marker.count)
                }
                if content.first == "\\" { content = content.dropFirst() }
                pieces.append(String(content))
            }
            article.blocks.append(Block(role, pieces.joined(separator: "\n")))
        }
        return article
    }

    private static func isHeaderLine(_ line: String) -> Bool {
        line.hasPrefix("# ") || headerKeys.contains { line.hasPrefix($0 + ": ") }
    }

    private static func nonEmpty(_ value: String) -> String? { value.isEmpty ? nil : value }
}
