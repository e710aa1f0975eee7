import Foundation
import StetText
import Testing
@testable import StetExtract

@Suite("Robustness")
struct RobustnessTests {
    @Test func brokenAndUnclosedMarkup() throws {
        let html = "<html><body><div><p>\(prose("merger"))<p>\(prose("strike")) <b>bold <i>both</b> after</i><div><p>\(prose("flood"))"
        let article = try extract(html)
        #expect(article.blocks.count >= 3)
        #expect(article.text.contains("merger"))
        #expect(article.text.contains("flood"))
    }

    @Test func upperCaseMarkup() throws {
        let article = try extract("<HTML><HEAD><TITLE>Upper Case Page</TITLE></HEAD><BODY><ARTICLE><P CLASS=\"Lead\">\(prose("vote"))</P><H2>Next</H2><P>\(prose("count"))</P></ARTICLE></BODY></HTML>")
        #expect(article.title == "Upper Case Page")
        #expect(article.blocks.contains(Block(.heading, "Next")))
        #expect(article.blocks.filter { $0.role == .paragraph }.count == 2)
    }

    @Test func emptyInputIsAClearError() {
        #expect(throws: ExtractionError.empty) { try Extractor().extract(html: []) }
        #expect(throws: ExtractionError.empty) { try extract("   \n ") }
        #expect(throws: ExtractionError.empty) { try extract("<html><head><title>x</title></head><body></body></html>") }
        #expect(ExtractionError.empty.description == "the page holds no article text")
    }

    @Test func binaryInputIsEmpty() {
        let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + (0..<2000).map { UInt8(truncatingIfNeeded: $0 &* 37) }
        #expect(throws: ExtractionError.empty) { try Extractor().extract(html: png) }
    }

    @Test func scriptTemplatesDoNotLeak() throws {
        let html = "<html><body><script type=\"text/template\"><div><p>Leaked template text.</p></div></script><div class=\"hidden\"><p>\(prose("hidden"))</p></div><article><p>\(prose("real"))</p></article></body></html>"
        let text = try extract(html).text
        #expect(text.contains("The real"))
        #expect(!text.contains("Leaked"))
        #expect(!text.contains("The hidden"))
    }

    @Test func allScriptsPageIsEmpty() {
        let html = "<html><body><script>var a = 'lots of text here that is not an article at all, really';</script><style>p { color: red }</style><noscript>enable js</noscript></body></html>"
        #expect(throws: ExtractionError.empty) { try extract(html) }
    }

    @Test func tenThousandDeepNesting() throws {
        let depth = 10_000
        let html = "<html><body>" + String(repeating: "<div>", count: depth) + "<p>\(prose("deep"))</p>" + String(repeating: "</div>", count: depth) + "</body></html>"
        let article = try extract(html)
        #expect(article.text.contains("deep"))
    }

    /// A page of `megabytes` MB of paragraphs extracts completely.
    private func bigPage(megabytes: Int) throws {
        var html = "<html><head><title>Big</title></head><body><article>"
        let paragraph = "<p>\(prose("census"))</p>\n"
        let size = megabytes * 1_000_000
        html.reserveCapacity(size + 1000)
        while html.utf8.count < size { html += paragraph }
        html += "</article></body></html>"
        let bytes = Array(html.utf8)
        let paragraphs = (size - 60) / paragraph.utf8.count
        let article = try Extractor().extract(html: bytes)
        #expect(article.blocks.count >= paragraphs)
        #expect(article.blocks.allSatisfy { $0.text.hasPrefix("The census") })
    }

    @Test(.timeLimit(.minutes(1))) func fiveMegabytePage() throws {
        try bigPage(megabytes: 5)
    }

    /// About 50 s in a debug build on the shared machine (peak memory about 550 MB), so it runs
    /// only when STET_LARGE_TESTS is set.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["STET_LARGE_TESTS"] != nil), .timeLimit(.minutes(3)))
    func fiftyMegabytePage() throws {
        try bigPage(megabytes: 50)
    }

    @Test func plainTextFallback() throws {
        let text = "Council Approves Budget\n\nThe council approved the budget on Monday.\nIt passed 7-2.\n\nThe mayor welcomed the vote."
        let article = try Extractor().extract(html: Array(text.utf8))
        #expect(article.title == "Council Approves Budget")
        #expect(article.blocks.map(\.text) == ["The council approved the budget on Monday. It passed 7-2.", "The mayor welcomed the vote."])
    }

    @Test func plainTextWithPunctuatedFirstLineHasNoTitle() throws {
        let article = try Extractor().extract(html: Array("First sentence here.\n\nSecond paragraph.".utf8))
        #expect(article.title == nil)
        #expect(article.blocks.count == 2)
    }

    @Test func htmlTextContent() throws {
        let text = try HTMLText.textContent(html: Array("<div><p>One <b>two</b></p><p>three</p><script>x</script></div>".utf8))
        #expect(text == "One two three")
    }
}

@Suite("Whitespace")
struct WhitespaceTests {
    /// `ContentFinder.measure` by its definition: the length of the collapsed text in scalars
    /// (runs of whitespace count one, none at the ends) and its commas (ASCII, fullwidth,
    /// ideographic, Arabic).
    static func referenceMeasure(_ text: String) -> (length: Int, commas: Int) {
        var length = 0
        var commas = 0
        var space = true
        for scalar in text.unicodeScalars {
            if Whitespace.isSpace(scalar) {
                if !space { length += 1 }
                space = true
            } else {
                length += 1
                space = false
                if scalar == "," || scalar == "，" || scalar == "、" || scalar == "،" { commas += 1 }
            }
        }
        return (length, commas)
    }

    /// `Whitespace.collapse` against a scalar-by-scalar statement of its rule on random text.
    @Test func collapseMatchesItsRule() {
        let pieces = ["a", "Z", " ", "  ", "\t", "\n", "\r\n", "\u{0B}", "\u{0C}", "\u{A0}", "\u{85}", "\u{1680}", "\u{2003}", "\u{200B}", "\u{FEFF}",
                      "\u{2028}", "\u{3000}", "é", "日本", "🙂", "\u{AD}", "\u{202F}", "\u{205F}", "x\u{301}", "\u{E1}\u{80}"]
        var generator = SplitMix(seed: 3)
        for _ in 0..<3000 {
            let text = (0..<Int(generator.next() % 12)).map { _ in pieces[Int(generator.next() % UInt64(pieces.count))] }.joined()
            var expected = String.UnicodeScalarView()
            var pending = false
            for scalar in text.unicodeScalars {
                if Whitespace.isSpace(scalar) {
                    pending = true
                } else if scalar.value != 0x200B && scalar.value != 0xFEFF {
                    if pending && !expected.isEmpty { expected.append(" ") }
                    pending = false
                    expected.append(scalar)
                }
            }
            #expect(Whitespace.collapse(text) == String(expected), "\(text.debugDescription)")
        }
    }

    /// The counts read on bytes against their scalar-by-scalar statements, on random text:
    /// `wordCount(collapsed:)` against `wordCount` of the collapsed text, `hasFewerScalars`
    /// against `unicodeScalars.count`, and `ContentFinder.measure` against a walk over scalars.
    @Test func byteCountsMatchScalarCounts() {
        let pieces = ["a", "Z", " ", "  ", "\t", "\n", "\r\n", "\u{0B}", "\u{0C}", "\u{A0}", "\u{85}", "\u{1680}", "\u{2003}", "\u{200B}",
                      "\u{FEFF}", "\u{2028}", "\u{3000}", "é", "日本", "🙂", ",", "，", "、", "،", "\u{202F}", "\u{205F}", "x\u{301}", "word"]
        var generator = SplitMix(seed: 29)
        for _ in 0..<3000 {
            let text = (0..<Int(generator.next() % 14)).map { _ in pieces[Int(generator.next() % UInt64(pieces.count))] }.joined()
            let collapsed = Whitespace.collapse(text)
            #expect(Whitespace.wordCount(collapsed: collapsed) == Whitespace.wordCount(collapsed), "\(text.debugDescription)")
            for limit in [1, 3, 8, 20] {
                #expect(Whitespace.hasFewerScalars(text, than: limit) == (text.unicodeScalars.count < limit), "\(text.debugDescription)")
            }
            let measured = ContentFinder.measure(text), expected = WhitespaceTests.referenceMeasure(text)
            #expect(measured.length == expected.length && measured.commas == expected.commas, "\(text.debugDescription)")
        }
    }

    @Test func collapsesUnicodeSpaces() {
        #expect(Whitespace.collapse("  a\u{A0}\u{A0}b\n\tc\u{2009}d\u{3000}e  ") == "a b c d e")
        #expect(Whitespace.collapse("zero\u{200B}width\u{FEFF}") == "zerowidth")
        #expect(Whitespace.collapse("日本 語 🙂 Klima\u{AD}wandel") == "日本 語 🙂 Klima\u{AD}wandel")
        #expect(Whitespace.collapse("   ") == "")
    }
}

/// `DOM.textCharacterCount` reads a prefix of an element's text; it must equal counting the whole.
@Suite("Bounded character counts")
struct TextCharacterCountTests {
    @Test func prefixCountsEqualWholeCounts() throws {
        let pieces = [
            "<p>", "</p>", "<div>", "</div>", "<b>", "</b>", "<form>", "</form>", "word ", "  ", "\n", "e", "\u{301}", "\u{301}\u{302}",
            "\r", "\n", "👩", "\u{200D}", "💻", "🇩", "🇪", "\u{200B}", "\u{A0}", "日本語 ", "x", String(repeating: "abc ", count: 40),
            String(repeating: "e\u{301}", count: 30), "<script>s</script>", "&amp;",
        ]
        var generator = SplitMix(seed: 41)
        for _ in 0..<400 {
            var html = "<body>"
            for _ in 0..<(2 + Int(generator.next() % 40)) { html += pieces[Int(generator.next() % UInt64(pieces.count))] }
            let dom = try LibXMLParser.parse(utf8: Array(html.utf8), attributes: Extractor.readAttributes)
            for i in dom.nodes.indices {
                let count = dom.text(i).count
                for limit in [1, 5, 40, 100, 500] {
                    #expect(dom.textCharacterCount(i, upTo: limit) == min(count, limit), "\(html.debugDescription) node \(i) limit \(limit)")
                }
            }
        }
    }
}

/// Tag ids stand for their names: every node's id is the id of its tag name, and names no rule
/// compares are `.other`.
@Suite("Tag ids")
struct TagIDTests {
    @Test func idsFollowTagNames() throws {
        let html = "<html><body><div><p>a<br>b</p><table><tr><td>c</td><th>d</th></tr></table><custom-tag>e</custom-tag>"
            + "<svg><title>t</title></svg><math><annotation-xml>x</annotation-xml></math><h3>h</h3><unknown>u</unknown></div></body></html>"
        let dom = try LibXMLParser.parse(utf8: Array(html.utf8), attributes: Extractor.readAttributes)
        var seen: Set<String> = []
        for i in dom.nodes.indices where dom.isElement(i) {
            #expect(dom.id(i) == TagID(tag: dom.tag(i)), "\(dom.tag(i))")
            seen.insert(dom.tag(i))
        }
        #expect(seen.isSuperset(of: ["div", "p", "br", "td", "th", "custom-tag", "annotation-xml", "h3", "unknown"]))
        #expect(TagID(tag: "custom-tag") == .other && TagID(tag: "unknown") == .other)
        #expect(TagID(tag: "annotation-xml") == .annotationXML && TagID(tag: "#document") == .document && TagID(tag: "h3") == .h3)
        #expect(dom.id(DOM.root) == .document)
        for i in dom.nodes.indices where !dom.isElement(i) { #expect(dom.id(i) == .other) }
    }
}
