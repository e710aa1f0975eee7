// FeedParser: RSS 2.0, RSS 1.0 (RDF) and Atom 1.0 → items, with a real XML parser.
//
// Reasoning: feeds are XML, so they are read by an XML parser (Foundation's `XMLParser`, libxml2
// underneath) with namespaces on: an element is known by its namespace and local name, so an
// `atom:link rel="self"` inside an RSS channel is not mistaken for an item's `<link>`, and Dublin
// Core's `dc:date` is found whatever prefix a feed picked. CDATA and character entities are the
// parser's job. Links are resolved against the nearest `xml:base` and then the feed's own URL, so
// relative links come out absolute. In Atom, an entry's link is the `rel="alternate"` one (or one
// without `rel`), preferring HTML when several are given; in RSS it is `<link>`, else a
// permalink `<guid>`. Dates are RFC 822 (RSS), RFC 3339 (Atom) or anything `HTTPDate` reads.
// A document that is not well-formed XML, or whose root is not a feed, is a `FeedError`.
//
// Complexity: O(n) in the document's size (one SAX pass, no tree is built).

import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// One entry of a feed.
public struct FeedItem: Sendable, Hashable, Codable {
    /// The entry's web page, absolute.
    public var link: URL?
    /// The title as text (markup of HTML titles removed, whitespace collapsed).
    public var title: String?
    /// The entry's identity: RSS `guid` or Atom `id`.
    public var id: String?
    /// When the entry was published (RSS `pubDate`, Atom `published`, `dc:date`).
    public var published: Date?
    /// When the entry was last updated (Atom `updated`).
    public var updated: Date?

    /// Creates an item.
    public init(link: URL? = nil, title: String? = nil, id: String? = nil, published: Date? = nil,
                updated: Date? = nil) {
        self.link = link
        self.title = title
        self.id = id
        self.published = published
        self.updated = updated
    }
}

/// A parsed feed.
public struct Feed: Sendable, Hashable {
    /// The feed's format.
    public enum Format: String, Sendable, Hashable, Codable {
        /// RSS 2.0 (and 0.9x).
        case rss
        /// RSS 1.0 (RDF).
        case rdf
        /// Atom 1.0.
        case atom
    }
    /// The format found.
    public var format: Format
    /// The feed's title.
    public var title: String?
    /// The site's home page, if the feed names one.
    public var link: URL?
    /// The entries in document order.
    public var items: [FeedItem]

    /// Creates a feed.
    public init(format: Format, title: String? = nil, link: URL? = nil, items: [FeedItem] = []) {
        self.format = format
        self.title = title
        self.link = link
        self.items = items
    }
}

/// Why a document could not be read as a feed.
public enum FeedError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The XML is not well-formed.
    case malformed(line: Int, column: Int, message: String)
    /// Well-formed XML whose root element is not `rss`, `rdf:RDF` or Atom's `feed`.
    case notAFeed(root: String)
    /// Nothing to parse.
    case empty

    /// A sentence for a person.
    public var description: String {
        switch self {
        case .malformed(let line, let column, let message):
            "feed is not well-formed XML at line \(line), column \(column): \(message)"
        case .notAFeed(let root): "not a feed: the root element is <\(root)>"
        case .empty: "feed is empty"
        }
    }
}

/// Reads RSS and Atom feeds.
public enum FeedParser {
    /// Parses `data` as a feed fetched from `baseURL` (used to resolve relative links).
    /// - Throws: ``FeedError``.
    public static func parse(_ data: [UInt8], baseURL: URL?) throws -> Feed {
        guard data.contains(where: { !($0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09) }) else {
            throw FeedError.empty
        }
        let parser = XMLParser(data: Data(data))
        parser.shouldProcessNamespaces = true
        parser.shouldReportNamespacePrefixes = false
        parser.shouldResolveExternalEntities = false
        let delegate = FeedParserDelegate(baseURL: baseURL)
        parser.delegate = delegate
        let ok = parser.parse()
        if let root = delegate.rootProblem { throw FeedError.notAFeed(root: root) }
        // libxml2 may recover from some errors and still report success: any error reported is fatal.
        if !ok || delegate.error != nil {
            let error = delegate.error ?? parser.parserError
            let message = error.map { ($0 as NSError).localizedDescription } ?? "parse error"
            throw FeedError.malformed(line: parser.lineNumber, column: parser.columnNumber, message: message)
        }
        guard let format = delegate.format else { throw FeedError.empty }
        return Feed(format: format, title: delegate.feedTitle, link: delegate.feedLink, items: delegate.items)
    }
}

private enum NS {
    static let atom = "http://www.w3.org/2005/Atom"
    static let rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
    static let rss1 = "http://purl.org/rss/1.0/"
    static let dc = "http://purl.org/dc/elements/1.1/"
    static let xml = "http://www.w3.org/XML/1998/namespace"
}

/// SAX handler collecting feed and item fields.
private final class FeedParserDelegate: NSObject, XMLParserDelegate {
    var format: Feed.Format?
    var rootProblem: String?
    var feedTitle: String?
    var feedLink: URL?
    var items: [FeedItem] = []
    var error: (any Error)?

    private let baseURL: URL?
    private var depth = 0
    private var bases: [(depth: Int, url: URL)] = []
    private var itemDepth: Int?
    private var current = FeedItem()
    private var linkIsAlternateHTML = false
    private var guidIsPermaLink = true
    private var guidText: String?
    // The field whose text is being collected, its depth, and whether its content is HTML.
    private var capture: (field: Field, depth: Int, html: Bool)?
    private var text = ""

    private enum Field { case title, link, id, guid, published, updated, dcDate }

    init(baseURL: URL?) {
        self.baseURL = baseURL
    }

    private var base: URL? { bases.last?.url ?? baseURL }

    private func resolve(_ raw: String) -> URL? {
        let trimmed = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { return nil }
        if let base, let url = URL(string: trimmed, relativeTo: base)?.absoluteURL { return url }
        return URL(string: trimmed)
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?,
                qualifiedName: String?, attributes: [String: String] = [:]) {
        depth += 1
        let ns = namespaceURI ?? ""
        if depth == 1 {
            switch (name, ns) {
            case ("rss", ""): format = .rss
            case ("feed", NS.atom): format = .atom
            case ("RDF", NS.rdf): format = .rdf
            default:
                rootProblem = qualifiedName ?? name
                parser.abortParsing()
                return
            }
        }
        if let b = attributes["xml:base"] ?? attributes["base"], let url = resolve(b) {
            bases.append((depth, url))
        }
        guard capture == nil else { return }

        let isItem: Bool = switch format {
        case .rss: name == "item" && ns == ""
        case .rdf: name == "item" && ns == NS.rss1
        case .atom: name == "entry" && ns == NS.atom
        case nil: false
        }
        if isItem, itemDepth == nil {
            itemDepth = depth
            current = FeedItem()
            linkIsAlternateHTML = false
            guidIsPermaLink = true
            guidText = nil
            return
        }

        let inItem = itemDepth != nil
        switch format {
        case .atom where ns == NS.atom:
            switch name {
            case "title":
                let type = attributes["type"] ?? "text"
                begin(.title, html: type == "html" || type == "xhtml")
            case "id" where inItem: begin(.id)
            case "published" where inItem: begin(.published)
            case "updated" where inItem: begin(.updated)
            case "link":
                let rel = attributes["rel"] ?? "alternate"
                guard rel == "alternate", let href = attributes["href"], let url = resolve(href) else { break }
                let type = attributes["type"]?.lowercased()
                let isHTML = type == nil || type == "text/html" || type == "application/xhtml+xml"
                if inItem {
                    if current.link == nil || (isHTML && !linkIsAlternateHTML) {
                        current.link = url
                        linkIsAlternateHTML = isHTML
                    }
                } else if feedLink == nil {
                    feedLink = url
                }
            default: break
            }
        case .rss where ns == "", .rdf where ns == NS.rss1:
            switch name {
            case "title": begin(.title)
            case "link": begin(.link)
            case "guid" where inItem:
                guidIsPermaLink = (attributes["isPermaLink"] ?? "true").lowercased() != "false"
                begin(.guid)
            case "pubDate" where inItem: begin(.published)
            default: break
            }
        default:
            if ns == NS.dc, name == "date", inItem { begin(.dcDate) }
        }
    }

    private func begin(_ field: Field, html: Bool = false) {
        capture = (field, depth, html)
        text = ""
    }

    func parser(_ parser: XMLParser, parseErrorOccurred parseError: any Error) {
        if error == nil { error = parseError }
    }

    func parser(_ parser: XMLParser, validationErrorOccurred validationError: any Error) {
        if error == nil { error = validationError }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if capture != nil { text += string }
    }

    func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
        if capture != nil { text += String(decoding: CDATABlock, as: UTF8.self) }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        defer {
            if let last = bases.last, last.depth == depth { bases.removeLast() }
            depth -= 1
        }
        if let c = capture, c.depth == depth {
            capture = nil
            finish(c.field, html: c.html)
            return
        }
        if let d = itemDepth, d == depth {
            itemDepth = nil
            if current.link == nil, guidIsPermaLink, let g = guidText, let url = resolve(g),
               let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https" {
                current.link = url
            }
            if current.link != nil || current.id != nil || current.title != nil { items.append(current) }
        }
    }

    private func finish(_ field: Field, html: Bool) {
        let raw = text
        let inItem = itemDepth != nil
        switch field {
        case .title:
            let t = clean(html ? stripTags(raw) : raw)
            if inItem { current.title = t.isEmpty ? nil : t } else if feedTitle == nil, !t.isEmpty { feedTitle = t }
        case .link:
            let url = resolve(raw)
            if inItem { current.link = current.link ?? url } else if feedLink == nil { feedLink = url }
        case .id:
            let t = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            current.id = t.isEmpty ? nil : t
        case .guid:
            let t = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            if !t.isEmpty {
                current.id = t
                guidText = t
            }
        case .published:
            current.published = HTTPDate.parse(raw) ?? current.published
        case .updated:
            current.updated = HTTPDate.parse(raw) ?? current.updated
        case .dcDate:
            if current.published == nil { current.published = HTTPDate.parse(raw) }
        }
    }

    private func clean(_ s: String) -> String {
        s.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// Drops `<…>` tags from an HTML title (the parser already decoded the escaping).
    private func stripTags(_ s: String) -> String {
        var out = ""
        var inTag = false
        for ch in s {
            if ch == "<" { inTag = true } else if ch == ">" && inTag { inTag = false } else if !inTag { out.append(ch) }
        }
        return out
            .replacingOccurrences(of: "&amp;", with: "&")
            .replacingOccurrences(of: "&lt;", with: "<")
            .replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"")
            .replacingOccurrences(of: "&#39;", with: "'")
    }
}
