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

    /// Names read in place from a tag (eight bytes at a time) are found exactly as by `index`.
    @Test func inPlaceLookupMatchesLookup() {
        for kept in [Extractor.readAttributes, Extractor.readAttributes.union(["data-very-long-attribute-name", "x_y"])] {
            let names = AttributeNames(kept)
            var probes = Array(kept) + ["CLASS", "Href", "XML:LANG", "Aria-Hidden", "data-src", "src", "classx", "clas", "X_Y", "a", "ABCDEFGH",
                                        "sixteen-bytes-ab", "seventeen-bytes-a", "http-equiV", "itemprop1", "Style"]
            var generator = SplitMix(seed: 11)
            let alphabet = Array("abcdeghilmnoprstyz-:.CLASSID".utf8)
            for _ in 0..<2000 {
                probes.append(String(decoding: (0..<(1 + Int(generator.next() % 12))).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }, as: UTF8.self))
            }
            for probe in probes {
                let bytes = Array(("<x " + probe + "=\"value\" and more bytes after it>").utf8)
                let start = 3
                let end = start + probe.utf8.count
                let (inPlace, plain) = bytes.withUnsafeBufferPointer { view in
                    (names.index(in: view, start, end), names.index(UnsafeBufferPointer(rebasing: view[start..<end])))
                }
                #expect(inPlace == plain, "\(probe)")
                #expect((plain != nil) == kept.contains(probe.lowercased()), "\(probe)")
                if let plain { #expect(names.names[plain] == probe.lowercased()) }
            }
        }
    }
}

/// Handing kept attribute values to the DOM directly (`LibXMLParser`'s `handOver`): a tag is
/// stripped of all its attributes and its start callback takes the values, even when libxml2
/// closes or implies other elements between the rewriting and the report of that tag.
@Suite("Handing attributes over")
struct HandOverTests {
    static func parse(_ bytes: [UInt8], handOver: Bool, shortLinks: Bool = false) throws -> DOM {
        try LibXMLParser.parse(utf8: bytes, attributes: Extractor.readAttributes, shortLinks: shortLinks, handOver: handOver)
    }

    @Test func impliedAndClosedElementsKeepTheirAttributes() throws {
        let cases = [
            "<div class=a id=b>x</div>",
            "<p class=a>one<p class=b id=c>two<div class=d>three</div>",
            "<ul><li class=a>one<li class=b>two</ul>",
            "<table><tr class=r><td class=c>x<td class=d>y<tr class=s></table>",
            "<title class=t>T</title><meta name=description content=\"d\"><div class=x>y</div>",
            "text first<span class=s>x</span>",
            "<html lang=en><body class=b><html lang=de><body class=c><head class=h><div class=d>x</div>",
            "<div class=a CLASS=b Class=c id=i ID=j>dup</div>",
            "<img class=a/><br class=b /><a href=/x class=l/>x</a><div class=z />",
            "<p class='a &amp; b'>entity</p><p class=\"caf\u{E9}\">accent</p><p title=x class=\"a\r\nb\">cr</p>",
            "<dl><dt class=a>t<dd class=b>d<dt class=c>u</dl>",
            "<select><option class=a>x<option class=b>y</select>",
            "<h1 class=h>a<h2 class=i>b</h2>",
            "<script type=\"application/ld+json\" class=j>{}</script><style class=s>a{}</style><div class=after>x</div>",
        ]
        for html in cases {
            let bytes = Array(html.utf8)
            #expect(ParserTests.rows(try Self.parse(bytes, handOver: true)) == ParserTests.rows(try Self.parse(bytes, handOver: false)), "\(html)")
        }
        let dom = try Self.parse(Array("<p class=a>one<p class=b id=c>two".utf8), handOver: true)
        let paragraphs = dom.elements(named: "p")
        #expect(paragraphs.map { dom.attribute("class", of: $0) } == ["a", "b"])
        #expect(dom.attribute("id", of: try #require(paragraphs.last)) == "c")
    }

    /// Tag soup from pieces that make libxml2 imply or close elements just before reporting a
    /// tag (text before `<html>`, `<p>` in `<p>`, `<li>`, `<td>`, `<option>`, a second `<body>`,
    /// misplaced `<head>` and `<html>`), with kept attributes only, repeated names, entities,
    /// non-ASCII and invalid UTF-8 in values: the same DOM with and without handing over.
    @Test func randomSoupKeepsItsDOM() throws {
        let pieces: [[UInt8]] = [
            "<p class=a>", "<p id=b class=c>", "</p>", "<div class=d id=e>", "</div>", "<li class=f>", "<ul class=g>", "</ul>",
            "<td class=h>", "<tr class=i>", "<table class=j>", "<option class=k>", "<select>", "<dt class=l>", "<dd class=m>",
            "<body class=n>", "<html lang=o>", "<head class=p>", "<title class=q>", "</title>", "<meta name=r content=s>",
            "<img class=t/>", "<br class=u />", "<a href=/v class=w>", "<a href=#x>", "</a>", "text ", "\n", "&amp;",
            "<span class=\"y &amp; z\">", "<span CLASS=A class=B>", "<b class=\"\u{E9}\">", "<i class=\"\r\n\">", "<em class=ok data-x=1>",
            "<h1 class=h1>", "</h1>", "<script type=\"application/ld+json\">{}</script>", "<style>a{}</style>", "<!-- c -->",
            "<div style=\"display:none\" class=s>", "<div style=\"color:red\">", "<form class=f>", "<input class=in>", "<frameset class=fs>",
        ].map { Array($0.utf8) } + [[0x3C, 0x62, 0x20, 0x63, 0x6C, 0x61, 0x73, 0x73, 0x3D, 0x22, 0xC3, 0x22, 0x3E], [0xFF], [0xE2, 0x82]]
        var generator = SplitMix(seed: 29)
        for _ in 0..<1500 {
            var bytes: [UInt8] = []
            for _ in 0..<(3 + Int(generator.next() % 14)) { bytes += pieces[Int(generator.next() % UInt64(pieces.count))] }
            let shortLinks = generator.next() % 2 == 0
            let handed = try Self.parse(bytes, handOver: true, shortLinks: shortLinks)
            let kept = try Self.parse(bytes, handOver: false, shortLinks: shortLinks)
            #expect(ParserTests.rows(handed) == ParserTests.rows(kept), "\(String(decoding: bytes, as: UTF8.self).debugDescription)")
        }
    }
}
