import Foundation
import Testing
import StetWatch

@Suite("FeedParser: RSS 2.0, RSS 1.0 and Atom")
struct FeedParserTests {
    let feedURL = URL(string: "https://news.example.org/feeds/world.xml")!

    @Test("RSS 2.0 with CDATA, entities, relative links, permalink guids and a self link")
    func rss() throws {
        let xml = """
        <?xml version="1.0" encoding="UTF-8"?>
        <rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/">
          <channel>
            <title>World &amp; Politics</title>
            <link>https://news.example.org/world</link>
            <atom:link href="https://news.example.org/feeds/world.xml" rel="self" type="application/rss+xml"/>
            <item>
              <title><![CDATA[Ministers <b>meet</b> in Brussels & agree]]></title>
              <link>/2024/01/03/ministers-meet</link>
              <guid isPermaLink="false">urn:uuid:1234</guid>
              <pubDate>Wed, 03 Jan 2024 14:30:00 GMT</pubDate>
              <description><![CDATA[<p>Text with <a href="/x">links</a></p>]]></description>
            </item>
            <item>
              <title>Rates held at 5&#x25; &#8212; &quot;for now&quot;</title>
              <guid>https://news.example.org/2024/01/02/rates</guid>
              <dc:date>2024-01-02T09:15:00Z</dc:date>
            </item>
            <item>
              <title>
                 Whitespace
                 collapsed
              </title>
              <link>  https://other.example.com/story?id=7&amp;src=rss  </link>
              <pubDate>Tue, 2 Jan 2024 08:00:00 +0100</pubDate>
            </item>
          </channel>
        </rss>
        """
        let feed = try FeedParser.parse(Array(xml.utf8), baseURL: feedURL)
        #expect(feed.format == .rss)
        #expect(feed.title == "World & Politics")
        #expect(feed.link == URL(string: "https://news.example.org/world"))
        #expect(feed.items.count == 3)
        let a = feed.items[0]
        #expect(a.title == "Ministers <b>meet</b> in Brussels & agree")
        #expect(a.link == URL(string: "https://news.example.org/2024/01/03/ministers-meet"))
        #expect(a.id == "urn:uuid:1234")
        #expect(a.published == Date(timeIntervalSince1970: 1_704_292_200))
        let b = feed.items[1]
        #expect(b.title == "Rates held at 5% — \"for now\"")
        #expect(b.link == URL(string: "https://news.example.org/2024/01/02/rates"))  // permalink guid
        #expect(b.published == Date(timeIntervalSince1970: 1_704_186_900))
        let c = feed.items[2]
        #expect(c.title == "Whitespace collapsed")
        #expect(c.link == URL(string: "https://other.example.com/story?id=7&src=rss"))
        #expect(c.published == Date(timeIntervalSince1970: 1_704_178_800))
    }

    @Test("Atom with xml:base, rel=alternate among other links, HTML titles, id/published/updated")
    func atom() throws {
        let xml = """
        <?xml version="1.0" encoding="utf-8"?>
        <feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://blog.example.net/">
          <title type="text">Example Blog</title>
          <link rel="self" href="/atom.xml"/>
          <link href="https://blog.example.net/"/>
          <id>tag:blog.example.net,2024:feed</id>
          <updated>2024-01-03T12:00:00Z</updated>
          <entry>
            <title type="html">&lt;em&gt;Update&lt;/em&gt;: correction &amp;amp; apology</title>
            <link rel="edit" href="/api/posts/1"/>
            <link rel="alternate" type="application/json" href="/posts/1.json"/>
            <link rel="alternate" type="text/html" href="posts/correction"/>
            <id>tag:blog.example.net,2024:1</id>
            <published>2024-01-03T10:00:00+01:00</published>
            <updated>2024-01-03T11:30:00.250Z</updated>
          </entry>
          <entry xml:base="https://mirror.example.net/archive/">
            <title>Plain</title>
            <link href="item-2"/>
            <id>tag:blog.example.net,2024:2</id>
            <updated>2024-01-02</updated>
          </entry>
        </feed>
        """
        let feed = try FeedParser.parse(Array(xml.utf8), baseURL: URL(string: "https://blog.example.net/atom.xml"))
        #expect(feed.format == .atom)
        #expect(feed.title == "Example Blog")
        #expect(feed.link == URL(string: "https://blog.example.net/"))
        #expect(feed.items.count == 2)
        let a = feed.items[0]
        #expect(a.title == "Update: correction & apology")
        #expect(a.link == URL(string: "https://blog.example.net/posts/correction"))
        #expect(a.id == "tag:blog.example.net,2024:1")
        #expect(a.published == Date(timeIntervalSince1970: 1_704_272_400))
        #expect(a.updated == Date(timeIntervalSince1970: 1_704_281_400.25))
        let b = feed.items[1]
        #expect(b.link == URL(string: "https://mirror.example.net/archive/item-2"))
        #expect(b.updated == Date(timeIntervalSince1970: 1_704_153_600))
    }

    @Test("RSS 1.0 (RDF) items are read")
    func rdf() throws {
        let xml = """
        <?xml version="1.0"?>
        <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
                 xmlns:dc="http://purl.org/dc/elements/1.1/">
          <channel rdf:about="https://r.example/"><title>R</title><link>https://r.example/</link></channel>
          <item rdf:about="https://r.example/1"><title>One</title><link>https://r.example/1</link>
            <dc:date>2024-01-01T00:00:00Z</dc:date></item>
        </rdf:RDF>
        """
        let feed = try FeedParser.parse(Array(xml.utf8), baseURL: nil)
        #expect(feed.format == .rdf)
        #expect(feed.items == [FeedItem(link: URL(string: "https://r.example/1"), title: "One",
                                        published: Date(timeIntervalSince1970: 1_704_067_200))])
    }

    @Test("Malformed XML, a non-feed and an empty body are clear errors")
    func errors() {
        #expect(throws: FeedError.self) {
            try FeedParser.parse(Array("<rss><channel><item><title>x</item></channel></rss>".utf8), baseURL: nil)
        }
        do {
            _ = try FeedParser.parse(Array("<html><body>hi</body></html>".utf8), baseURL: nil)
            Issue.record("HTML accepted as a feed")
        } catch let error as FeedError {
            #expect(error == .notAFeed(root: "html"))
        } catch {
            Issue.record("unexpected \(error)")
        }
        #expect(throws: FeedError.empty) { try FeedParser.parse(Array("  \n".utf8), baseURL: nil) }
        do {
            _ = try FeedParser.parse(Array("<rss><channel><title>&nbsp;</title></channel></rss>".utf8), baseURL: nil)
            Issue.record("undefined entity accepted")
        } catch let error as FeedError {
            if case .malformed(let line, _, _) = error { #expect(line >= 1) } else { Issue.record("\(error)") }
        } catch {
            Issue.record("unexpected \(error)")
        }
    }
}

@Suite("FeedParser robustness")
struct FeedParserRobustnessTests {
    @Test("Every truncation of a feed either parses or throws FeedError; none crashes")
    func truncations() {
        let xml = Array("""
        <?xml version="1.0"?><rss version="2.0"><channel><title>T &amp; U</title>
        <item><title><![CDATA[A <b>b</b>]]></title><link>/x?a=1&amp;b=2</link><guid>g1</guid>
        <pubDate>Wed, 03 Jan 2024 14:30:00 GMT</pubDate></item>
        <item><title>Second</title><link>https://e.example/2</link></item></channel></rss>
        """.utf8)
        var parsed = 0, rejected = 0
        for cut in Array(stride(from: 0, to: xml.count, by: 3)) + [xml.count] {
            do {
                _ = try FeedParser.parse(Array(xml[0..<cut]), baseURL: URL(string: "https://e.example/feed"))
                parsed += 1
            } catch is FeedError {
                rejected += 1
            } catch {
                Issue.record("unexpected error type \(type(of: error)) at cut \(cut)")
            }
        }
        #expect(parsed == 1)      // only the whole document: a cut one never closes its root
        #expect(rejected > 50)    // truncated ones are errors, not partial feeds
    }

    @Test("Arbitrary bytes are rejected cleanly")
    func garbage() {
        var rng = SeededGenerator(seed: 2024)
        for _ in 0..<50 {
            let n = Int.random(in: 1...400, using: &rng)
            let bytes = (0..<n).map { _ in UInt8.random(in: 0...255, using: &rng) }
            #expect(throws: FeedError.self) { try FeedParser.parse(bytes, baseURL: nil) }
        }
    }
}
