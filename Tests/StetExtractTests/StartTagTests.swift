import Foundation
import Testing
@testable import StetExtract

extension ParserTests {
    /// Every node of `dom` with its kept attributes and subtree range: equal rows, equal DOMs.
    static func rows(_ dom: DOM) -> [String] {
        dom.nodes.indices.map { i in
            let node = dom.nodes[i]
            let attributes = (Int(node.attributeStart)..<Int(node.attributeEnd)).map { "\(dom.attributes[$0].name)=\(dom.attributes[$0].value.debugDescription)" }
            return "\(node.kind) \(node.tag) \(node.text.debugDescription) \(attributes) \(node.hint) \(node.parent) \(node.end)"
        }
    }
}

/// Rewriting start tags without unread attributes (`StartTag`, `LibXMLParser`'s `compactTags`)
/// must give exactly the DOM libxml2 gives on the untouched page.
@Suite("Rewriting start tags")
struct StartTagTests {
    /// `ParserTests.rows` with each `<a>`'s `href` reduced to what is read of it: whether it
    /// starts with "#" (as `String.hasPrefix`, by characters).
    static func linkRows(_ dom: DOM) -> [String] {
        var reduced = dom
        for i in dom.nodes.indices {
            for k in Int(dom.nodes[i].attributeStart)..<Int(dom.nodes[i].attributeEnd) {
                if dom.nodes[i].tag == "a" && dom.attributes[k].name == "href" {
                    reduced.attributes[k].value = dom.attributes[k].value.hasPrefix("#") ? "fragment" : "other"
                } else if dom.attributes[k].name == "style" {
                    reduced.attributes[k].value = Pruner.hidesElement(dom.attributes[k].value) ? "hides" : "shows"
                }
            }
        }
        return ParserTests.rows(reduced)
    }

    static func parseBoth(_ html: String) throws -> (compacted: DOM, plain: DOM) {
        let bytes = Array(html.utf8)
        return (try LibXMLParser.parse(utf8: bytes, attributes: Extractor.readAttributes, compactTags: true),
                try LibXMLParser.parse(utf8: bytes, attributes: Extractor.readAttributes, compactTags: false, readText: false))
    }

    @Test func tagsAreReadAsLibxml2ReadsThem() {
        let cases: [(String, [String]?, Bool)] = [
            ("<img src=\"a.jpg\" alt='x y' class=hero/>", ["src=\"a.jpg\"", "alt='x y'", "class=hero/"], false),
            ("<img src=a.jpg />", ["src=a.jpg"], true),
            ("<div\tdata-x = \"1\"\nhidden>", ["data-x = \"1\"", "hidden"], false),
            ("<p class=\"a\"id=\"b\">", ["class=\"a\"", "id=\"b\""], false),
            ("<div \"bogus\">", nil, false),
            ("<div title=\"unterminated>", nil, false),
            ("<a/ href=x>", nil, false),
        ]
        for (html, expected, selfClosing) in cases {
            var tag = StartTag()
            let bytes = Array(html.utf8)
            let read = bytes.withUnsafeBufferPointer { buffer in
                tag.read(buffer, at: 0) ? tag.attributes.map { String(decoding: buffer[$0.nameStart..<$0.end], as: UTF8.self) } : nil
            }
            #expect(read == expected, "\(html)")
            if expected != nil {
                #expect(tag.selfClosing == selfClosing, "\(html)")
                #expect(tag.end == bytes.count - 1, "\(html)")
            }
        }
    }

    @Test func unreadAttributesGoAndTheTreeStays() throws {
        let html = """
        <html><head><meta charset="utf-8"><meta property="og:title" content="A &amp; B"><script type="application/ld+json">{"a": "<b class=x>"}</script>
        <style>p { x: "<i data-a=1>" }</style><SCRIPT>var s = "<img src=x onerror=y>";</SCRIPT><link rel=canonical href=/a data-x=1></head>
        <body><div class="main" data-track="a b c" style="display:none"><p data-p=1>Text &amp; more<img src="a.jpg" srcset="a 1x, b 2x" alt=x />
        <a href=/x data-id=3>link</a><br data-x=1>x > y<br/><input value="a>b" hidden></p><ul><li data-a=1>a<li data-a=2>b</ul></div>
        <div<span data-a=1>bogus</span><p title="t" id=p2>Two</p></body></html>
        """
        let (compacted, plain) = try Self.parseBoth(html)
        #expect(ParserTests.rows(compacted) == ParserTests.rows(plain))
        #expect(compacted.attribute("style", of: try #require(compacted.elements(named: "div").first)) == "display:none")
    }

    /// Random tag soup built from pieces that exercise libxml2's rules (implied and auto-closed
    /// elements, raw text, entities, bogus and unterminated tags, `>` in text, self-closing tags
    /// and unquoted values): rewriting never changes the DOM.
    @Test func randomPagesKeepTheirDOM() throws {
        let pieces = [
            "<p class=\"a\" data-x=\"1\">", "<p data-y='2'>", "</p>", "<div id=d data-z=z>", "</div>", "<li title=t>", "<ul>", "</ul>",
            "<img src=a alt=b>", "<img src=\"a\" />", "<br data-a>", "<a href=\"/x\" onclick=\"f()\">", "</a>", "text ", "a > b ",
            "x < y ", "&amp;", "&nbsp;", "&bogus;", "<!-- c <p data-a=1> -->", "<script>var a = '<p data-b=1>';</script>",
            "<script type=\"application/ld+json\">{\"x\": \"<i data-c=1>\"}</script>", "<style>a{}<b data-d=1></style>", "<SCRIPT>x</SCRIPT>",
            "<script>", "<style>", "<title data-t=1>T</title>", "<meta content=c name=n data-m=1>", "<span<b data-x=1>", "<b data-x=1",
            "<td data-c=1>", "<table data-t=1>", "<tr>", "<input value='a>b' data-v>", "<html data-h=1>", "<body data-b=1>", "<head>",
            "<svg viewBox=\"0 0 1 1\"><path d=\"M0\"/></svg>", "<h1 data-h=1 class=x>", "</h1>", "\n", " ", ">", "<", "/>", "=",
            "<P CLASS=UP DATA-X=1>", "<div a=b/>", "<div a=b />", "<?pi x?>", "<!DOCTYPE html>", "</body>", "</html>", "<x:y data-a=1>",
        ]
        var generator = SplitMix(seed: 11)
        for _ in 0..<1500 {
            var html = ""
            for _ in 0..<(4 + Int(generator.next() % 16)) { html += pieces[Int(generator.next() % UInt64(pieces.count))] }
            let (compacted, plain) = try Self.parseBoth(html)
            #expect(ParserTests.rows(compacted) == ParserTests.rows(plain), "\(html)")
            let linked = try LibXMLParser.parse(utf8: Array(html.utf8), attributes: Extractor.readAttributes, shortLinks: true)
            #expect(Self.linkRows(linked) == Self.linkRows(plain), "\(html)")
        }
    }

    @Test func linksKeepWhatIsReadOfThem() throws {
        let hrefs = ["#top", "#", "/a/b?c=d", "", "&#35;x", "#&amp;", "#\u{301}x", "# x", " #x", "https://example.com/#x", "#é", "x"]
        var html = "<html><body>"
        for href in hrefs { html += "<p><a href=\"\(href)\" data-x=1>link</a> <A HREF=\(href.isEmpty || href.contains(" ") ? "\"\(href)\"" : href)>l</A></p>" }
        for style in ["display: none", "DISPLAY:NONE;color:red", "color: red", "visibility :hidden", "display&#58;none", "x", "", "display:\tnone"] {
            html += "<div style=\"\(style)\" class=c>s</div><div STYLE='\(style)'>t</div>"
        }
        html += "<link rel=canonical href=\"/very/long/canonical\" data-x=1></body></html>"
        let plain = try LibXMLParser.parse(utf8: Array(html.utf8), attributes: Extractor.readAttributes, compactTags: false, readText: false)
        let linked = try LibXMLParser.parse(utf8: Array(html.utf8), attributes: Extractor.readAttributes, shortLinks: true)
        #expect(Self.linkRows(linked) == Self.linkRows(plain))
        #expect(linked.attribute("href", of: try #require(linked.elements(named: "link").first)) == "/very/long/canonical")
        #expect(linked.elements(named: "a").contains { linked.attribute("href", of: $0) == "x" })
    }
}

@Suite("Byline trimming")
struct BylineTrimTests {
    @Test func trimmingMatchesFoundation() {
        let samples = ["", " ", "—", "By Jane Doe, ", "| Jane – ", "-\u{301}Jane-", "Jane Doe —\u{2014}", "  ,|-–— ", "Ana – María", "日本 -", "é-"]
        for sample in samples {
            #expect(MetadataReader.trimmingBylineSeparators(sample) == sample.trimmingCharacters(in: CharacterSet(charactersIn: " ,|-–—")), "\(sample)")
        }
    }
}

@Suite("Attribute name sets")
struct AttributeNamesTests {
    @Test func membershipMatchesLowercasedNames() {
        let kept: Set<String> = Extractor.readAttributes.union(["data-very-long-attribute-name", "x_y", "a", "abcdefgh", "abcdefghi"])
        let names = AttributeNames(kept)
        let probes = Array(kept) + [
            "CLASS", "Class", "ID", "Href", "XML:LANG", "Aria-Hidden", "data-src", "src", "alt", "srcset", "classx", "clas", "x_Y", "X_Y",
            "x\u{7F}y", "DATA-VERY-LONG-ATTRIBUTE-NAME", "data-very-long-attribute-namf", "A", "b", "ABCDEFGH", "abcdefghI", "abcdefghj",
            "abcdefgh.", "ab-defgh", "sixteen-bytes-ab", "seventeen-bytes-a",
        ]
        for probe in probes {
            let expected = kept.contains(probe.lowercased())
            let found = Array(probe.utf8).withUnsafeBufferPointer { names.contains($0) }
            #expect(found == expected, "\(probe)")
        }
    }
}
