import Foundation
import Testing
@testable import StetExtract

/// The arena DOM built from libxml2's callbacks: subtree ranges, kept attributes, skipped script
/// and style bodies, and the byte-level helpers that replaced `String`/`Character` work.
@Suite("Parser and DOM")
struct ParserTests {
    @Test func subtreesAreIndexRanges() throws {
        // Implied <html>/<body>, auto-closed <li>s and <p>s, an element left open at the end.
        let dom = try LibXMLParser.parse(utf8: Array("<ul><li>a<li>b<b>c</ul><p>d<p>e<div><span>f".utf8))
        let items = dom.elements(named: "li")
        #expect(items.count == 2)
        #expect(items.map { dom.text($0) } == ["a", "bc"])
        let list = try #require(dom.elements(named: "ul").first)
        #expect(dom.children(list) == items)
        #expect(dom.descendants(list).count == 6)  // li, "a", li, "b", b, "c"
        for i in dom.nodes.indices where i > 0 {
            let parent = dom.nodes[i].parent
            // A node lies inside its parent's range, and its own range inside that.
            #expect(parent < i && dom.nodes[i].end <= dom.nodes[parent].end)
        }
        let span = try #require(dom.elements(named: "span").first)
        #expect(dom.text(span) == "f")
        #expect(dom.nodes[DOM.root].end == dom.nodes.count)
    }

    @Test func removedSubtreesAreSkipped() throws {
        var dom = try LibXMLParser.parse(utf8: Array("<div><p>one</p><p>two <i>three</i></p><p>four</p></div>".utf8))
        let paragraphs = dom.elements(named: "p")
        dom.removed[paragraphs[1]] = true
        let div = try #require(dom.elements(named: "div").first)
        #expect(dom.text(div) == "onefour")
        #expect(dom.children(div) == [paragraphs[0], paragraphs[2]])
        #expect(dom.elements(named: "i").isEmpty)
        #expect(dom.isDetached(try #require(dom.descendants(paragraphs[2]).first)) == false)
    }

    @Test func onlyNamedAttributesAreKept() throws {
        let html = "<div class=\"A b\" id=\"Main\" data-x=\"1\"><svg><path d=\"M0 0L10 10\"/></svg><a href=\"#x\" rel=\"author\">n</a></div>"
        let all = try LibXMLParser.parse(utf8: Array(html.utf8))
        let div = try #require(all.elements(named: "div").first)
        #expect(all.attribute("data-x", of: div) == "1")
        #expect(all.attribute("d", of: try #require(all.elements(named: "path").first)) == "M0 0L10 10")
        let some = try LibXMLParser.parse(utf8: Array(html.utf8), attributes: ["class", "id", "href"])
        let kept = try #require(some.elements(named: "div").first)
        #expect(some.attribute("data-x", of: kept) == nil)
        #expect(some.attribute("class", of: kept) == "A b")
        #expect(some.attribute("d", of: try #require(some.elements(named: "path").first)) == nil)
        #expect(some.attribute("href", of: try #require(some.elements(named: "a").first)) == "#x")
        // The class/id hint, lowercased, as `classAndID` always gave it.
        #expect(some.classAndID(kept) == "a b main")
        #expect(all.classAndID(div) == "a b main")
    }

    @Test func longScriptAndStyleBodiesAreSkippedExactly() throws {
        // Bodies longer than libxml2's 1,000-character chunk, holding end tags of other elements,
        // an upper-case end tag, and non-ASCII text around the chunk boundary.
        let filler = String(repeating: "var x = '</div><p>not text</p>'; ", count: 80)
        let accented = String(repeating: "é", count: 1500)
        let html = """
        <html><head><style>\(String(repeating: "p { color: red } ", count: 100))</STYLE>
        <script type="application/ld+json">{"@type": "NewsArticle", "headline": "Headline from JSON-LD", "description": "\(String(repeating: "d", count: 2000))"}</script>
        </head><body><script>\(filler)</SCRIPT><article><p>\(prose("first matter"))</p>
        <script>var y = "\(accented)";</script><p>\(prose("second matter"))</p>
        <script>\(filler)</scripts-not-this></script><p>\(prose("third matter"))</p></article></body></html>
        """
        let dom = try LibXMLParser.parse(utf8: Array(html.utf8))
        #expect(dom.elements(named: "p").count == 3)
        #expect(dom.elements(named: "script").count == 4)
        // The same tree as when libxml2 reads every body character by character.
        let unskipped = try LibXMLParser.parse(utf8: Array(html.utf8), skipRawText: false)
        #expect(dom.nodes.map(\.tag) == unskipped.nodes.map(\.tag))
        #expect(dom.nodes.map(\.text) == unskipped.nodes.map(\.text))
        #expect(dom.nodes.map(\.end) == unskipped.nodes.map(\.end))
        let article = try extract(html)
        #expect(article.blocks.count == 3)
        #expect(article.text.contains("third matter"))
        #expect(!article.text.contains("not text"))
        #expect(article.title == "Headline from JSON-LD")
        // Same text content as libxml2 gives without any skipping: scripts hold no text here.
        let text = try HTMLText.textContent(html: Array(html.utf8))
        #expect(!text.contains("not text") && text.contains("second matter"))
    }

    @Test func byteHelpersMatchTheStringOperations() {
        let samples = ["", "plain ascii", "Çà et là — déjà vu", "e\u{301}", "crlf\r\nline", "ΣΊΣΥΦΟΣ İstanbul ẞ", "👩‍👩‍👧 family", "ＡＢＣ"]
        for sample in samples {
            #expect(Whitespace.characterCount(sample) == sample.count)
            #expect(Whitespace.characterCount(sample, upTo: 4) == min(sample.count, 4))
            for limit in [1, 3, 10, 80] {
                #expect(Whitespace.hasFewerScalars(sample, than: limit) == (sample.unicodeScalars.count < limit))
            }
            #expect(Whitespace.opening(sample, scalars: 5) == String(String.UnicodeScalarView(sample.unicodeScalars.prefix(5))))
            #expect(DOM.lowercased(sample) == sample.lowercased())
            let reference = String(String.UnicodeScalarView(sample.lowercased().unicodeScalars.filter {
                $0.value < 0x80 ? ($0.properties.isAlphabetic || ("0"..."9").contains($0)) : ($0.properties.isAlphabetic || $0.properties.numericType != nil)
            }))
            #expect(ContentFinder.comparable(sample) == reference)
        }
        #expect(BlockFilter.hasASCIIPrefix("BY Jane Doe", "by "))
        #expect(BlockFilter.hasASCIIPrefix("Von Anna", "von "))
        #expect(!BlockFilter.hasASCIIPrefix("Byline", "by "))
        #expect(DOM.isSlug("sharing-with-a-single-developer") && !DOM.isSlug("post-body--main") && DOM.isSlug("a_b-c_d"))
        #expect(Pruner.hasToken("card  d-none", [Array("d-none".utf8)]) && !Pruner.hasToken("d-none-md", [Array("d-none".utf8)]))
    }

    @Test func byteRewritesMatchFoundation() {
        for text in ["<!-- {\"a\": 1} -->", "<!<!---->-->", "]]]]>>", "<![CDATA[x]]>", "plain", "é<!--é-->é", ""] {
            for token in ["<!--", "-->", "<![CDATA[", "]]>"] {
                #expect(JSONLDArticle.removing(token, from: text) == text.replacingOccurrences(of: token, with: ""))
            }
        }
        for style in ["Display: None", "color:red; visibility : hidden", "DISPLAY:NONE", "display:block", "displaÿ:none", ""] {
            let reference = String(String.UnicodeScalarView(style.lowercased().unicodeScalars.filter { $0 != " " }))
            #expect(Pruner.hidesElement(style) == (reference.contains("display:none") || reference.contains("visibility:hidden")))
        }
        let latin: [UInt8] = Array(0...255)
        var scalars = String.UnicodeScalarView()
        let high: [UInt32] = [
            0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D, 0x017D, 0x8F,
            0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
        ]
        for byte in latin {
            let value: UInt32 = (0x80...0x9F).contains(byte) ? high[Int(byte) - 0x80] : UInt32(byte)
            if let scalar = Unicode.Scalar(value) { scalars.append(scalar) }
        }
        #expect(Charset.windows1252(latin) == Array(String(scalars).utf8))
    }

    @Test func moreLinkPrecheckRejectsOnlyWhatTheFullTestRejects() {
        // Last letters: ASCII in and out of the set, non-ASCII letters, none at all, a character
        // cut by the 96-byte window.
        let texts = ["Read more", "Lire la suite »", "Leer más", "Weiterlesen ›", "Leggi tutto", "Continue reading…", "mehr", "PLUS",
                     "Ends in x", "Ends in é", "Ends in ß!", "…  ", "", String(repeating: "é", count: 60) + "!", "12345", "ΑΒΓ more"]
        for text in texts {
            if BlockFilter.endsWithMoreLink(text) { #expect(BlockFilter.lastLetterMayEndMoreWord(text)) }
        }
        #expect(BlockFilter.lastLetterMayEndMoreWord("Read more »"))
        #expect(!BlockFilter.lastLetterMayEndMoreWord("Ends in é"))
        #expect(!BlockFilter.lastLetterMayEndMoreWord("Ends in x."))
        #expect(!BlockFilter.lastLetterMayEndMoreWord(String(repeating: "é", count: 60) + "!"))
        #expect(JSONLDArticle.trimmingWhitespace("\u{2003} body text\n\u{85}") == "body text")
        #expect(JSONLDArticle.trimmingWhitespace("  ") == "")
    }

    @Test func fragmentSetFindsEveryFragment() {
        let set = FragmentSet(["-ad-", "sidebar", "share", "s"])
        #expect(set.occurs(in: "x-ad-y"))
        #expect(set.occurs(in: "mysidebar"))
        #expect(set.occurs(in: "s"))
        #expect(!FragmentSet(["sidebar", "share"]).occurs(in: "sidebaR shar"))
        #expect(!set.occurs(in: ""))
    }

    /// `FragmentSet.occurs` against a plain substring search, on random fragment sets and texts
    /// over a small alphabet (so that pairs and near misses are frequent), non-ASCII included.
    @Test func fragmentSetMatchesSubstringSearch() {
        let alphabet: [String] = ["a", "b", "s", "-", " ", "é", "ab", "日"]
        var generator = SplitMix(seed: 17)
        func word(_ length: Int) -> String { (0..<length).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }.joined() }
        for _ in 0..<500 {
            let fragments = (0..<Int(1 + generator.next() % 5)).map { _ in word(1 + Int(generator.next() % 4)) }
            let set = FragmentSet(fragments)
            for _ in 0..<10 {
                let text = word(Int(generator.next() % 12))
                let expected = fragments.contains { fragment in
                    let (t, f) = (Array(text.utf8), Array(fragment.utf8))
                    return f.count <= t.count && (0...(t.count - f.count)).contains { t[$0..<($0 + f.count)].elementsEqual(f) }
                }
                #expect(set.occurs(in: text) == expected, "\(fragments) in \(text)")
            }
        }
    }

    @Test func siteRulesReadAttributesTheExtractorOtherwiseDrops() throws {
        let page = """
        <html><body><article><p>\(prose("kept matter"))</p><p>\(prose("more kept matter"))</p>
        <div data-promo="yes"><p>\(prose("promotional matter"))</p></div></article></body></html>
        """
        #expect(try extract(page, url: "https://example.com/a").text.contains("promotional matter"))
        let rules = try SiteRules(parsing: "example.com: exclude [data-promo=yes]")
        let article = try Extractor(rules: rules).extract(html: Array(page.utf8), url: "https://example.com/a")
        #expect(!article.text.contains("promotional matter"))
        #expect(article.text.contains("kept matter"))
    }
}
