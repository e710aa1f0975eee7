import Testing
@testable import StetExtract

@Suite("Site rules")
struct SiteRulesTests {
    static let page = """
    <html><body>
    <div class="main"><p>\(prose("generic choice"))</p><p>\(prose("second generic"))</p><div class="box quirk"><p>Quirky text that should go away under the rule, it is long enough to count, and it ends here.</p></div></div>
    <section id="story" data-kind="lead"><p>Short chosen text.</p></section>
    </body></html>
    """

    @Test func parsesTheLineFormat() throws {
        let rules = try SiteRules(parsing: "# comment\nexample.com: include section#story\n\nexample.com: exclude .box.quirk, [data-kind=lead] p\n")
        #expect(rules.rules.count == 2)
        #expect(rules.rules(forHost: "www.example.com").count == 2)
        #expect(rules.rules(forHost: "example.org").isEmpty)
        #expect(rules.rules(forHost: "notexample.com").isEmpty)
    }

    @Test func malformedRulesNameTheLine() {
        #expect(throws: SiteRules.ParseError.self) { try SiteRules(parsing: "example.com include p") }
        #expect(throws: SiteRules.ParseError.self) { try SiteRules(parsing: "example.com: keep p") }
        do {
            _ = try SiteRules(parsing: "a.com: exclude .ok\nb.com: exclude [unclosed")
            Issue.record("expected an error")
        } catch {
            #expect(error.message.hasPrefix("line 2:"))
        }
    }

    @Test func includeOverridesScoring() throws {
        let rules = try SiteRules(parsing: "example.com: include section#story")
        let article = try Extractor(rules: rules).extract(html: Array(Self.page.utf8), url: "https://example.com/a")
        #expect(article.text == "Short chosen text.")
        // Another host: generic extraction.
        let generic = try Extractor(rules: rules).extract(html: Array(Self.page.utf8), url: "https://other.org/a")
        #expect(generic.text.contains("generic choice"))
    }

    @Test func excludeRemovesElements() throws {
        let withoutRule = try extract(Self.page, url: "https://example.com/a")
        #expect(withoutRule.text.contains("Quirky text"))
        let rules = try SiteRules(parsing: "example.com: exclude div.box.quirk")
        let article = try Extractor(rules: rules).extract(html: Array(Self.page.utf8), url: "https://example.com/a")
        #expect(!article.text.contains("Quirky text"))
        #expect(article.text.contains("generic choice"))
    }

    @Test func selectorMatching() throws {
        let dom = try LibXMLParser.parse(utf8: Array("<div id=\"a\" class=\"x y\"><p data-k=\"v\">t</p></div><p>u</p>".utf8))
        let paragraphs = dom.elements(named: "p")
        #expect(try Selector("div.x p").matches(dom, paragraphs[0]))
        #expect(try Selector("#a [data-k=v]").matches(dom, paragraphs[0]))
        #expect(try !Selector("div.x p").matches(dom, paragraphs[1]))
        #expect(try Selector("p[data-k]").matches(dom, paragraphs[0]))
        #expect(try !Selector("p[data-k='w']").matches(dom, paragraphs[0]))
    }
}
