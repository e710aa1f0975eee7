// The plain-text fallback: when the bytes are not HTML, the extractor reads them as text.
//
// Detection: a page is HTML when, after leading whitespace and a BOM, it starts with `<` and the
// first 2 KB hold a known tag (`<html`, `<head`, `<body`, `<!doctype`, `<div`, `<p`, `<article`,
// `<meta`, `<title`, `<script`, `<table`, `<span`, `<a `); or when a Content-Type header says HTML
// or XHTML. Reading: paragraphs are separated by blank lines (single newlines join with a
// space). A first paragraph that is one short line (≤ 150 characters, ≤ 20 words) without
// final punctuation (. ! ? : ; …) becomes the title and leaves the body.
//
// Complexity: O(n).

import StetText

enum PlainTextReader {
    static func looksLikeHTML(_ utf8: [UInt8], contentType: String?) -> Bool {
        if let type = contentType?.lowercased() {
            if type.includes("html") { return true }
            if type.hasPrefix("text/plain") { return false }
        }
        // The common case without building strings: the first non-blank byte is "<".
        var start = 0
        if utf8.starts(with: [0xEF, 0xBB, 0xBF]) { start = 3 }
        while start < utf8.count, utf8[start] == 0x20 || (utf8[start] >= 0x09 && utf8[start] <= 0x0D) { start += 1 }
        if start < utf8.count, utf8[start] == 0x3C { return true }
        let head = String(decoding: utf8.prefix(2048), as: UTF8.self).lowercased()
        let trimmed = head.drop(while: { $0.isWhitespace || $0 == "\u{FEFF}" })
        let tags = ["<html", "<head", "<body", "<!doctype", "<div", "<p>", "<p ", "<article", "<meta", "<title", "<script", "<table", "<span", "<a ", "<h1", "<section", "<!--"]
        if trimmed.hasPrefix("<") { return true }
        return tags.contains { head.includes($0) } && head.filter({ $0 == "<" }).count >= 3
    }

    /// Title (when the first paragraph looks like one) and body blocks.
    static func read(_ text: String) -> (title: String?, blocks: [Block]) {
        let document = Document(plainText: text)
        var blocks = document.blocks
        guard let first = blocks.first else { return (nil, []) }
        let firstLines = text.drop(while: { $0.isWhitespace }).split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false)
        let oneLine = firstLines.first.map { Whitespace.collapse(String($0)) == first.text } ?? false
        let words = first.text.split(separator: " ").count
        let endsWithPunctuation = first.text.last.map { ".!?:;…".contains($0) } ?? false
        if blocks.count > 1, oneLine, first.text.count <= 150, words <= 20, !endsWithPunctuation {
            blocks.removeFirst()
            return (first.text, blocks)
        }
        return (nil, blocks)
    }
}
