import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import StetArchive
@testable import StetWeb
import Testing

/// A minimal DOM built with XMLParser: enough to check the Atom rules.
final class XMLNode {
    let name: String
    let attributes: [String: String]
    var children: [XMLNode] = []
    var text = ""
    weak var parent: XMLNode?

    init(name: String, attributes: [String: String]) {
        self.name = name
        self.attributes = attributes
    }

    func all(_ name: String) -> [XMLNode] { children.filter { $0.name == name } }
    func first(_ name: String) -> XMLNode? { children.first { $0.name == name } }
}

final class TreeBuilder: NSObject, XMLParserDelegate {
    var root: XMLNode?
    var current: XMLNode?
    var namespaces: [String] = []

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        if let namespaceURI { namespaces.append(namespaceURI) }
        let node = XMLNode(name: elementName, attributes: attributes)
        node.parent = current
        current?.children.append(node)
        if root == nil { root = node }
        current = node
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
        current = current?.parent
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        current?.text += string
    }

    static func parse(_ xml: String) throws -> (XMLNode, [String]) {
        let parser = XMLParser(data: Data(xml.utf8))
        parser.shouldProcessNamespaces = true
        let builder = TreeBuilder()
        parser.delegate = builder
        guard parser.parse(), let root = builder.root else {
            throw XMLFailure(message: parser.parserError.map { "\($0)" } ?? "no root element")
        }
        return (root, builder.namespaces)
    }
}

struct XMLFailure: Error { var message: String }

@Suite("Atom feeds")
struct AtomTests {
    /// Checks RFC 4287's rules that a validator would: feed id/title/updated/author/self link,
    /// entry id/title/updated/alternate link, RFC 3339 dates, unique entry ids, html content.
    func checkAtom(_ xml: String) throws -> XMLNode {
        let (feed, namespaces) = try TreeBuilder.parse(xml)
        #expect(feed.name == "feed")
        #expect(Set(namespaces) == ["http://www.w3.org/2005/Atom"])
        let dateFormatter = ISO8601DateFormatter()
        for element in ["id", "title", "updated"] {
            #expect(feed.all(element).count == 1, "feed must have exactly one <\(element)>")
        }
        #expect(dateFormatter.date(from: feed.first("updated")?.text ?? "") != nil)
        #expect(URL(string: feed.first("id")?.text ?? "")?.scheme != nil, "the feed id is an IRI")
        #expect(feed.all("link").contains { $0.attributes["rel"] == "self" && $0.attributes["href"]?.hasPrefix("http") == true })
        #expect(feed.first("author")?.first("name")?.text.isEmpty == false, "a feed-level author covers every entry")
        var ids = Set<String>()
        for entry in feed.all("entry") {
            for element in ["id", "title", "updated"] {
                #expect(entry.all(element).count == 1, "entry must have exactly one <\(element)>")
            }
            let id = entry.first("id")?.text ?? ""
            #expect(URL(string: id)?.scheme == "tag")
            #expect(ids.insert(id).inserted, "entry ids are unique")
            #expect(dateFormatter.date(from: entry.first("updated")?.text ?? "") != nil)
            #expect(entry.all("link").contains { ($0.attributes["rel"] ?? "alternate") == "alternate" && $0.attributes["href"]?.hasPrefix("http") == true })
            let content = try #require(entry.first("content"))
            #expect(content.attributes["type"] == "html")
            #expect(!content.text.isEmpty)
            #expect(content.children.isEmpty, "html content is escaped text, not child elements")
        }
        return feed
    }

    @Test("the article feed is valid Atom with one entry per version and the diff as HTML content")
    func articleFeed() throws {
        let (archive, directory) = try Fixtures.archive(hostile: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let site = try StetSite(archive: archive, configuration: WebConfiguration(baseURL: "http://stet.test"))
        let response = site.respond(path: "/a/\(Fixtures.belgorodID)/feed.atom")
        #expect(response.status == 200)
        #expect(response.contentType == "application/atom+xml; charset=utf-8")
        let feed = try checkAtom(response.body)
        let entries = feed.all("entry")
        #expect(entries.count == 3)
        let newest = try #require(entries.first)
        let record = try archive.version(of: Fixtures.belgorodID, .number(3))
        #expect(newest.first("title")?.text == record.summary, "the summary is the entry title")
        let content = newest.first("content")?.text ?? ""
        #expect(content.contains("<ins>"), "the content is the diff's HTML, unescaped by the parser")
        #expect(content.contains("FCDO"))
        #expect(newest.all("link").first?.attributes["href"] == "http://stet.test/a/\(Fixtures.belgorodID)/diff/2..3")
        #expect(newest.all("category").contains { $0.attributes["term"] == "quote" })
    }

    @Test("the archive feed lists every article's versions newest first, hostile text escaped")
    func archiveFeed() throws {
        let (archive, directory) = try Fixtures.archive(hostile: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let site = try StetSite(archive: archive)
        let response = site.respond(path: "/feed.atom", host: "127.0.0.1:9999")
        let feed = try checkAtom(response.body)
        #expect(feed.all("entry").count == 5)
        let updated = feed.all("entry").compactMap { ISO8601DateFormatter().date(from: $0.first("updated")?.text ?? "") }
        #expect(updated == updated.sorted(by: >))
        #expect(feed.all("link").contains { $0.attributes["href"] == "http://127.0.0.1:9999/feed.atom" })
        // The hostile script is text inside the escaped HTML: once unescaped by the XML parser it
        // is HTML-escaped still, so a feed reader shows it and never runs it.
        #expect(!response.body.contains("<script"))
        let contents = feed.all("entry").compactMap { $0.first("content")?.text }.joined()
        #expect(contents.contains("&lt;script&gt;"))
        #expect(!contents.contains("<script"))
    }

    @Test("characters XML cannot hold are dropped, the rest escaped")
    func xmlEscaping() throws {
        let escaped = XMLText.escape("a\u{0}b\u{1F}c & <d> \"e\" 'f' \u{FFFE}g\u{1F600}")
        #expect(escaped == "abc &amp; &lt;d&gt; &quot;e&quot; &apos;f&apos; g\u{1F600}")
        _ = try TreeBuilder.parse("<x>\(escaped)</x>")
    }
}
