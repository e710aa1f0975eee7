import Foundation
import Testing
@testable import StetExtract

/// Reading plain text runs in Swift instead of letting libxml2 decode them (`TextRun`,
/// `LibXMLParser`'s `readText`) must give exactly the DOM libxml2 gives when it reads every
/// character itself.
@Suite("Reading text runs")
struct TextRunTests {
    static func parseBoth(_ html: String, compactTags: Bool = false) throws -> (fast: DOM, plain: DOM) {
        try parseBoth(Array(html.utf8), compactTags: compactTags)
    }

    static func parseBoth(_ bytes: [UInt8], compactTags: Bool = false) throws -> (fast: DOM, plain: DOM) {
        (try LibXMLParser.parse(utf8: bytes, attributes: Extractor.readAttributes, compactTags: compactTags, readText: true),
         try LibXMLParser.parse(utf8: bytes, attributes: Extractor.readAttributes, compactTags: compactTags, readText: false))
    }

    @Test func plainEndStopsWhereLibxml2StopsCopying() {
        let cases: [([UInt8], Int)] = [
            (Array("plain text<b>".utf8), 10),
            (Array("a &amp; b".utf8), 2),
            (Array("tab\tline\ncr\r end".utf8), 16),
            (Array("caf\u{E9} \u{2014} \u{1F600}!".utf8), 15),
            ([0x61, 0x00, 0x62], 1), // NUL
            ([0x61, 0x01, 0x62], 1), // a control character libxml2 drops
            ([0x61, 0x7F, 0x62], 3), // DEL is an XML character
            ([0x61, 0xC2, 0x85, 0x62], 4), // so is U+0085
            ([0x61, 0xEF, 0xBF, 0xBE, 0x62], 1), // U+FFFE
            ([0x61, 0xEF, 0xBF, 0xBD, 0x62], 5), // U+FFFD
            ([0x61, 0xED, 0xA0, 0x80, 0x62], 1), // a surrogate
            ([0x61, 0xC0, 0x80, 0x62], 1), // overlong
            ([0x61, 0xE2, 0x80], 1), // cut off
            ([0x61, 0x80, 0x62], 1), // a stray continuation byte
            ([0x61, 0xF4, 0x90, 0x80, 0x80], 1), // beyond U+10FFFF
            ([0x61, 0xF8, 0x88, 0x80, 0x80, 0x80], 1),
        ]
        for (bytes, expected) in cases {
            let end = bytes.withUnsafeBufferPointer { TextRun.plainEnd($0, from: 0) }
            #expect(end == expected, "\(bytes)")
        }
    }

    /// Collapsing (eight ASCII bytes at a time where it can) gives what a scalar walk gives.
    @Test func collapseMatchesAScalarWalk() {
        func reference(_ text: String) -> String {
            var out = String.UnicodeScalarView()
            var pendingSpace = false
            for scalar in text.unicodeScalars {
                if Whitespace.isSpace(scalar) {
                    pendingSpace = true
                } else if scalar.value == 0x200B || scalar.value == 0xFEFF {
                    continue
                } else {
                    if pendingSpace && !out.isEmpty { out.append(" ") }
                    pendingSpace = false
                    out.append(scalar)
                }
            }
            return String(out)
        }
        var generator = SplitMix(seed: 31)
        let pieces = ["a", "word", "longer-words-here", " ", "  ", "\t", "\n", "\r\n", "\u{A0}", "\u{200B}", "\u{FEFF}", "\u{2003}", "é", "—", "\u{1}",
                      "0123456789", "x,y;z", "<&>", "\u{1F600}", "\u{7F}"]
        for _ in 0..<3000 {
            var text = ""
            for _ in 0..<Int(generator.next() % 30) { text += pieces[Int(generator.next() % UInt64(pieces.count))] }
            #expect(Whitespace.collapse(text) == reference(text), "\(text.debugDescription)")
        }
    }

    /// Text statistics counted eight ASCII bytes at a time where they can be: the same length
    /// and commas as a walk over scalars, on long texts of words, spaces and commas.
    @Test func measureMatchesAScalarWalk() {
        var generator = SplitMix(seed: 41)
        let pieces = ["a", "word", "longer-words-here", " ", "  ", ", ", ",", "\t", "\n", "\u{A0}", "é", "，", "0123456789", "x,y;z", "!~", "\u{1}"]
        for _ in 0..<3000 {
            var text = ""
            for _ in 0..<Int(generator.next() % 60) { text += pieces[Int(generator.next() % UInt64(pieces.count))] }
            let measured = ContentFinder.measure(text), expected = WhitespaceTests.referenceMeasure(text)
            #expect(measured.length == expected.length && measured.commas == expected.commas, "\(text.debugDescription)")
        }
    }

    /// Plain runs found eight bytes at a time end where a byte-by-byte walk ends.
    @Test func plainEndMatchesAByteWalk() {
        var generator = SplitMix(seed: 37)
        let alphabet: [UInt8] = Array("abcXYZ 09.,;:!?-_=+/\\\"'()[]{}".utf8) + [0x3C, 0x26, 0x3E, 0x09, 0x0A, 0x0D, 0x00, 0x01, 0x1F, 0x7F, 0xC3, 0xA9, 0xE2, 0x80, 0x94, 0xFF]
        for _ in 0..<5000 {
            let bytes = (0..<Int(generator.next() % 40)).map { _ in generator.next() % 4 == 0 ? alphabet[Int(generator.next() % UInt64(alphabet.count))] : UInt8(0x61 + generator.next() % 26) }
            let start = bytes.isEmpty ? 0 : Int(generator.next() % UInt64(bytes.count))
            let expected = bytes.withUnsafeBufferPointer { view -> Int in
                var i = start
                while i < view.count {
                    let byte = view[i]
                    if byte == 0x3C || byte == 0x26 || (byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D) { break }
                    if byte < 0x80 {
                        i += 1
                        continue
                    }
                    let length = byte >= 0xC0 ? TextRun.sequenceLength(view, at: i) : 0
                    if length == 0 { break }
                    i += length
                }
                return i
            }
            #expect(bytes.withUnsafeBufferPointer { TextRun.plainEnd($0, from: start) } == expected, "\(bytes)")
        }
    }

    @Test func endTagsAreReadOnlyInTheirPlainestForm() {
        let cases: [(String, String?)] = [
            ("</p>", "p"), ("</DIV>", "DIV"), ("</x:y-z_1.2>", "x:y-z_1.2"), ("</p >", nil), ("</p/>", nil), ("</ p>", nil),
            ("</1a>", nil), ("</>", nil), ("</p", nil), ("<p>", nil), ("</_a>", "_a"),
            ("</" + String(repeating: "a", count: 98) + ">", String(repeating: "a", count: 98)),
            ("</" + String(repeating: "a", count: 99) + ">", nil),
        ]
        for (html, expected) in cases {
            let bytes = Array(html.utf8)
            let name = bytes.withUnsafeBufferPointer { buffer in
                EndTag.read(buffer, at: 0).map { String(decoding: buffer[$0.nameStart..<$0.nameEnd], as: UTF8.self) }
            }
            #expect(name == expected, "\(html)")
        }
    }

    @Test func textAroundTagsCommentsAndEntitiesStays() throws {
        let html = """
        <!DOCTYPE html><!-- before --><html>text in html<head><title>Title &amp; more</title> head text <meta name=a content=b>
        </head><body>\n  <p>First <b>bold</b> after bold<br>after br<br/>after self-closed<img src=x> after img</p>
        <div>a<!-- c -->b<!-- d --><p>c &lt; d &#233; &bogus e</p>f</div></span> stray end<ul><li>one<li>two</ul>
        <p>x</a </b> y</p><table><tr><td>cell<td>cell 2</table>trailing &amp;> z<p>end <div/>after div/ </p>
        <textarea>a < b</textarea><title>late</title>caf\u{E9}\u{2014}\u{1F600}<select><option>o1<option>o2</select>text
        """
        let (fast, plain) = try Self.parseBoth(html)
        #expect(ParserTests.rows(fast) == ParserTests.rows(plain))
        let (fastCompact, plainCompact) = try Self.parseBoth(html, compactTags: true)
        #expect(ParserTests.rows(fastCompact) == ParserTests.rows(plainCompact))
        #expect(ParserTests.rows(fastCompact) == ParserTests.rows(plain))
    }

    @Test func scriptAndStyleBodiesStay() throws {
        let html = """
        <html><head><script>var a = "</div>" + '<p>';</script><style>p < q { }</style><script></script>
        <script type="application/ld+json">{"@type": "NewsArticle", "headline": "a < b & c", "x": "caf\u{E9}"}</script>
        <script type="application/ld+json"></p>{"a": 1}</script><script type="application/ld+json">{"a": "\u{1}"}</script>
        <SCRIPT type="application/ld+json">{"b": 2}</scripty>{"c": 3}</Script></head><body><p>a<script>x</script>b</p>
        <script>\(String(repeating: "long body; ", count: 300))</script>after<style>\(String(repeating: "a{} ", count: 400))</style>
        <p>end<script>never closed
        """
        let (fast, plain) = try Self.parseBoth(html)
        #expect(ParserTests.rows(fast) == ParserTests.rows(plain))
        let (fastCompact, plainCompact) = try Self.parseBoth(html, compactTags: true)
        #expect(ParserTests.rows(fastCompact) == ParserTests.rows(plainCompact))
        #expect(ParserTests.rows(fastCompact) == ParserTests.rows(plain))
        let unskipped = try LibXMLParser.parse(utf8: Array(html.utf8), attributes: Extractor.readAttributes, skipRawText: false)
        #expect(ParserTests.rows(fast) == ParserTests.rows(unskipped))
    }

    @Test func oddBytesAreLeftToLibxml2() throws {
        var bytes = Array("<html><body><p>a".utf8)
        bytes += [0x01, 0x62, 0x00, 0x63, 0xEF, 0xBF, 0xBF, 0x64, 0x0D, 0x0A, 0xC3, 0xA9]
        bytes += Array("</p><p>after</p></body></html>".utf8)
        let (fast, plain) = try Self.parseBoth(bytes)
        #expect(ParserTests.rows(fast) == ParserTests.rows(plain))
    }

    /// Random tag soup (the pieces of `StartTagTests`, plus comments, void elements, end tags
    /// with junk and text with odd bytes): reading text runs never changes the DOM.
    @Test func randomPagesKeepTheirDOM() throws {
        let pieces = [
            "<p class=\"a\" data-x=\"1\">", "<p>", "</p>", "<div id=d>", "</div>", "<li>", "<ul>", "</ul>", "<img src=a>", "<br/>", "<br>",
            "<hr />", "<a href=\"/x\">", "</a>", "</a >", "</A>", "</b x>", "</b </a>", "text ", "more text", "a > b ", "x < y ", "&amp;",
            "&amp;>", "&nbsp;", "&bogus;", "&#233;", "<!-- c -->", "<!---->", "<!-- a --!> b", "<script>var a = '<p>';</script>",
            "<style>a{}</style>", "<title>T</title>", "<meta content=c name=n>", "<td>", "<table>", "<tr>", "</table>", "<head>", "</head>",
            "<html>", "</html>", "<body>", "</body>", "<span>", "</span>", "<b>", "</b>", "<i>", "</i>", "<div/>", "<span/>", "\n", "  ",
            "\t\n  ", ">", "<", "</", "</>", "/>", "caf\u{E9}", "\u{2014}", "\u{FFFE}", "\u{1}", "\r\n", "<?pi x?>", "<!DOCTYPE html>",
            "<select>", "<option>", "<textarea>", "</textarea>", "<h1>", "</h1>", "<svg><path d='x'/></svg>", "<noscript>", "</noscript>",
            "<P>", "</P>", "<x:y>", "</x:y>", "<input value='a>b'>", "<frameset>", "<frame>", "<param>", "<dl><dt>", "<dd>",
            "&amp;x y", "&#233;t\u{E9}", "&#x41;z", "&#0;a", "&#xD800;b", "&bogus;w", "&amp x", "&;", "a;", ";b", "&nbsp;&nbsp;c", "&lt;p&gt;",
            "&AMP;d", "&amp;;e", "&#38;f", "&#12345678;g", "&eacute;\u{1}h", String(repeating: "long text; ", count: 120),
            "<script type=application/ld+json>{\"a\": \"b<c &amp; d\"}</script>", "<script type='application/ld+json'>{\"\u{E9}\": 1}</SCRIPT>",
            "<script></div>x</script>", "<script>a</scripts>b</script>", "<SCRIPT>if (a<b) c()</Script>", "<style>p<q{}</style >",
            "<script type=application/ld+json>\u{1}{}</script>", "<script>", "<style>", "</script>", "</style>", "<script/>",
            "<script type=application/ld+json><b>x</b></script>", "<script>x<!-- y --></script>", "<script>a\u{0}b</script>",
            "&#x1F600;i", "&hellip;j", "&thetasym;k", "&#65;l", "&#x41m", "&amp n", "&nbsp;&amp;&lt;o", "&#0000065;p", "&Eacute;q", "&#xe9;r",
            "&#XE9;s", "&#x110000;t", "&#1114111;u", "&#65534;v", "&#9;w", "&#12;x", "&a.b;y", "&a_b;z", "&lt;&gt", "&eacute&", "&#;", "&#x;",
        ]
        var generator = SplitMix(seed: 23)
        for _ in 0..<2000 {
            var html = ""
            for _ in 0..<(4 + Int(generator.next() % 20)) { html += pieces[Int(generator.next() % UInt64(pieces.count))] }
            let compact = generator.next() % 2 == 0
            let (fast, plain) = try Self.parseBoth(html, compactTags: compact)
            #expect(ParserTests.rows(fast) == ParserTests.rows(plain), "\(html)")
        }
    }

    /// Every corpus page (under 400 KB, for the debug build's sake): the same DOM with and
    /// without reading text runs, with all the other shortcuts on.
    @Test func corpusPagesKeepTheirDOM() throws {
        let root = TestPaths.extractionCorpus
        guard let sources = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) else { return }
        var compared = 0
        for case let url as URL in sources where url.lastPathComponent == "source.html" {
            let bytes = try [UInt8](Data(contentsOf: url))
            guard bytes.count < 400_000 else { continue }
            let decoded = Charset.decodeToUTF8(bytes, contentType: nil).bytes
            let fast = try LibXMLParser.parse(utf8: decoded, attributes: Extractor.readAttributes, skipSVG: true, shortLinks: true, readText: true)
            let plain = try LibXMLParser.parse(utf8: decoded, attributes: Extractor.readAttributes, skipSVG: true, shortLinks: true, readText: false)
            #expect(StartTagTests.linkRows(fast) == StartTagTests.linkRows(plain), "\(url.path)")
            compared += 1
        }
        if FileManager.default.fileExists(atPath: root.path) { #expect(compared > 100) }
    }
}

/// `Whitespace.lowercased` (ASCII in place, other scalars by their mapping) must equal the
/// standard library's `lowercased()` on any text.
@Suite("Lowercasing")
struct LowercasingTests {
    @Test func matchesTheStandardLibrary() throws {
        var samples = [
            "", "abc", "ABC Def", "Ünïcödé ÄÖÜ ẞ ß", "İstanbul", "ΣΟΦΟΣ σοφός", "ǅ ǈ ǋ", "Ⅻ ⓐⒶ", "ＡＢＣ", "𐐀𐐨 𞤀", "Ꭰ ꭰ", "ÉCOLE école",
            "Update: Correction", "日本語 テキスト", "\u{301}A\u{301}", "ﬀ ŉ", "Read MORE »", "MEHR…",
        ]
        var generator = SplitMix(seed: 5)
        let alphabet = Array("aZ09 -_.ÄéİıΣσςẞßǅⅫⒶＡ𐐀日\u{301}\u{130}\u{3A3}".unicodeScalars)
        for _ in 0..<500 {
            var scalars = String.UnicodeScalarView()
            for _ in 0..<Int(generator.next() % 24) { scalars.append(alphabet[Int(generator.next() % UInt64(alphabet.count))]) }
            samples.append(String(scalars))
        }
        for sample in samples {
            #expect(Whitespace.lowercased(sample) == sample.lowercased(), "\(sample)")
            #expect(DOM.lowercased(sample) == sample.lowercased(), "\(sample)")
        }
        // Every corpus page's opening text.
        let root = TestPaths.extractionCorpus
        guard let sources = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) else { return }
        for case let url as URL in sources where url.lastPathComponent == "source.html" {
            let text = String(decoding: try Data(contentsOf: url).prefix(20_000), as: UTF8.self)
            #expect(Whitespace.lowercased(text) == text.lowercased(), "\(url.path)")
        }
    }

    /// An element's hint joins class and id and lowercases them in one pass when both are ASCII:
    /// the same text as lowercasing the joined string.
    @Test func hintsMatchLowercasedJoins() {
        var generator = SplitMix(seed: 9)
        let alphabet = Array("aZ09 -_.ÄéİMain".unicodeScalars)
        func word() -> String {
            var scalars = String.UnicodeScalarView()
            for _ in 0..<Int(generator.next() % 14) { scalars.append(alphabet[Int(generator.next() % UInt64(alphabet.count))]) }
            return String(scalars)
        }
        for _ in 0..<1000 {
            let cls = word()
            let id = word()
            let expectedID = DOM.isSlug(id) ? "" : id
            let expected = cls.isEmpty ? expectedID.lowercased() : expectedID.isEmpty ? cls.lowercased() : (cls + " " + expectedID).lowercased()
            #expect(DOM.hint(class: cls, id: id) == expected, "\(cls) / \(id)")
        }
    }
}
