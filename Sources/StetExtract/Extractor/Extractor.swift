// The extraction pipeline: bytes → UTF-8 → DOM → metadata + article blocks.
//
// 1. Charset: `Charset.decodeToUTF8` (BOM, header, meta, sniffing).
// 2. Plain text: bytes that do not look like HTML go to `PlainTextReader`; binary data (over 5 %
//    control bytes in the first 8 KB) is `.empty`.
// 3. Parse: `LibXMLParser` (libxml2) into the arena `DOM`.
// 4. Metadata: JSON-LD scripts are read first (they are pruned next), then `MetadataReader`.
// 5. Prune: scripts, styles, navigation, asides, forms, hidden elements, `<footer>` and thin
//    `<header>`s go; per-site `exclude` rules apply.
// 6. Find: per-site `include` rules, else `ContentFinder` (scoring, siblings, cleaning). Like
//    Readability, up to three attempts relax the rules (keep unlikely-named elements, then skip
//    conditional cleaning) while the text is under 500 characters; the longest result wins.
// 7. Write and filter: `BlockWriter` makes blocks; a heading that repeats the title, a leading
//    "By …" line, short furniture lines ("Advertisement", "Share this", …) and a tail that opens
//    with a furniture heading ("Related", "About the writer", …) are dropped. Update and
//    correction notes are never dropped.
// 8. Fallback: when the page gave no body but JSON-LD has `articleBody`, its lines are the body.
//
// Complexity: O(n) per attempt in the size of the page, at most three attempts.

import Foundation
import StetText

/// Takes the article out of a page: its text as blocks, plus title, byline, dates, canonical
/// URL, site name and language. Generic by default; `SiteRules` can name a site's article
/// container or furniture.
public struct Extractor: Sendable {
    /// Recorded in each stored version's metadata; bump it when output can change.
    public static let version = "stet-extract/1"

    /// Per-site include/exclude rules (empty by default).
    public let rules: SiteRules

    /// Whether the parser may take its shortcuts (skipping inline SVG bodies, rewriting start
    /// tags without unread attributes, shortening `href` and `style` values to what is read of
    /// them, reading plain text runs itself). Tests turn them off to check that the result does
    /// not change.
    var shortcuts = true

    public init() {
        rules = SiteRules()
    }

    /// An extractor that applies `rules` to pages whose host matches.
    public init(rules: SiteRules) {
        self.rules = rules
    }

    /// Extracts the article from raw page bytes. `url` is where the page came from and
    /// `contentType` the HTTP `Content-Type` header, both optional (they help charset detection,
    /// site rules and relative URLs). Bytes that are not HTML are read as plain text: paragraphs
    /// split at blank lines, and a short unpunctuated first line becomes the title.
    ///
    /// - Throws: `ExtractionError.empty` when the page holds no text, `.parser` when libxml2
    ///   cannot build a document.
    public func extract(html: [UInt8], url: String? = nil, contentType: String? = nil) throws(ExtractionError) -> ExtractedArticle {
        guard html.contains(where: { !($0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09) }) else { throw .empty }
        // Binary data (an image, a PDF, a zip) holds no article text: more than 5 % control bytes
        // in the first 8 KB, NUL included, is not a page (UTF-16 with a byte-order mark excepted).
        let head = html.prefix(8192)
        let controls = head.reduce(0) { count, byte in count + (byte < 0x09 || (byte > 0x0D && byte < 0x20) ? 1 : 0) }
        let utf16 = html.starts(with: [0xFF, 0xFE]) || html.starts(with: [0xFE, 0xFF])
        guard utf16 || controls * 20 <= head.count else { throw .empty }
        let decoded = Charset.decodeToUTF8(html, contentType: contentType)
        if !PlainTextReader.looksLikeHTML(decoded.bytes, contentType: contentType) {
            let (title, blocks) = PlainTextReader.read(String(decoding: decoded.bytes, as: UTF8.self))
            guard !blocks.isEmpty else { throw .empty }
            return ExtractedArticle(title: title, blocks: blocks)
        }
        let host = url.flatMap { URL(string: $0)?.host }
        let siteRules = rules.rules(forHost: host)
        var attributes = Self.readAttributes
        for rule in siteRules { attributes.formUnion(rule.selector.attributeNames) }
        // An `<a>`'s `href` is only tested for a leading `#` and a `style` for hiding, unless a site rule reads them.
        let ruleReadsHref = siteRules.contains { !$0.selector.attributeNames.isDisjoint(with: ["href", "style"]) }
        var dom = try LibXMLParser.parse(
            utf8: decoded.bytes, attributes: attributes, skipSVG: shortcuts, compactTags: shortcuts, shortLinks: shortcuts && !ruleReadsHref,
            readText: shortcuts)

        let scripts = dom.elements([.script]).filter { (dom.attribute("type", of: $0) ?? "").lowercased().includes("ld+json") }
            .map { i in dom.descendants(i).filter { dom.nodes[$0].kind == .text }.map { dom.nodes[$0].text }.joined() }
        let jsonLD = JSONLDArticle.read(scripts)
        let metadata = MetadataReader.read(dom, jsonLD: jsonLD, url: url)

        Pruner.prune(&dom)
        for rule in siteRules where rule.action == .exclude {
            for i in dom.descendants(DOM.root) where rule.selector.matches(dom, i) { dom.removed[i] = true }
        }

        var written = BlockWriter()
        let includes = siteRules.filter { $0.action == .include }
        var included: [Int] = []
        if !includes.isEmpty {
            for i in dom.descendants(DOM.root) where includes.contains(where: { $0.selector.matches(dom, i) }) {
                if !included.contains(where: { dom.ancestors(i).contains($0) }) { included.append(i) }
            }
        }
        if !included.isEmpty {
            written.write(dom, roots: included)
        } else {
            written = findArticle(dom, articleBody: jsonLD?.articleBody, title: metadata.title, pageIsArticle: metadata.isArticle)
        }

        var blocks = Array(zip(written.blocks, written.blockLinkWords))
        blocks = BlockFilter.filter(blocks, title: metadata.title, byline: metadata.byline)
        // The block writer's texts come from `Whitespace.collapse` (the filter only drops blocks),
        // so their words are counted from their spaces; the JSON-LD fallback's are counted in full.
        var collapsed = true
        if blocks.isEmpty, let body = jsonLD?.articleBody {
            let paragraphs = Document(plainText: body.replacingOccurrences(of: "\n", with: "\n\n")).blocks
            blocks = paragraphs.map { ($0, 0) }
            collapsed = false
        }
        guard !blocks.isEmpty else { throw .empty }
        let words = blocks.reduce(0) { $0 + (collapsed ? Whitespace.wordCount(collapsed: $1.0.text) : Whitespace.wordCount($1.0.text)) }
        let linkWords = blocks.reduce(0) { $0 + $1.1 }
        return ExtractedArticle(
            title: metadata.title, byline: metadata.byline, published: metadata.published, modified: metadata.modified,
            canonicalURL: metadata.canonicalURL, siteName: metadata.siteName, language: metadata.language,
            blocks: blocks.map(\.0), linkWordRatio: words == 0 ? 0 : Double(linkWords) / Double(words)
        )
    }

    /// The attributes the extraction rules read; the parser drops the others (SVG paths,
    /// `srcset`s, `data-` blobs) without making strings of them.
    static let readAttributes: Set<String> = [
        "class", "id", "href", "type", "hidden", "aria-hidden", "style", "role", "itemprop", "content", "datetime", "property",
        "name", "http-equiv", "rel", "lang", "xml:lang",
    ]

    /// Readability-style attempts, relaxing the rules while the text is short. A stricter attempt
    /// wins unless a looser one gives clearly more text (a quarter more).
    private func findArticle(_ dom: DOM, articleBody: String?, title: String?, pageIsArticle: Bool) -> BlockWriter {
        var results: [(writer: BlockWriter, length: Int)] = []
        for attempt in 0..<3 {
            var working = dom
            if attempt == 0 { Pruner.removeUnlikely(&working) }
            var finder = ContentFinder(dom: working, articleBody: articleBody)
            finder.computeStats()
            guard let top = finder.chooseTop(pageIsArticle: pageIsArticle) else { continue }
            let roots = finder.leadParagraphs(before: top) + finder.gatherSiblings(of: top)
            if attempt < 2 { finder.clean(roots, title: title) }
            var writer = BlockWriter()
            writer.write(finder.dom, roots: roots)
            // The first result only needs to know whether it reaches 500 characters (then it is
            // the only result); later ones are compared with earlier ones, so they are counted.
            let limit = results.isEmpty ? 500 : Int.max
            var length = 0
            for block in writer.blocks where length < limit { length += Whitespace.characterCount(block.text, upTo: limit - length) }
            results.append((writer, length))
            if length >= 500 { break }
        }
        let longest = results.map(\.length).max() ?? 0
        return results.first { Double($0.length) * 1.25 >= Double(longest) }?.writer ?? BlockWriter()
    }
}

/// Why a page gave no article.
public enum ExtractionError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The page holds no article text (empty input, or nothing left after removing furniture).
    case empty
    /// libxml2 could not build a document; the message names the C function.
    case parser(String)

    public var description: String {
        switch self {
        case .empty: "the page holds no article text"
        case .parser(let message): "the page could not be parsed: \(message)"
        }
    }
}
