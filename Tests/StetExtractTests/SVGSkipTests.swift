import Foundation
import Testing
@testable import StetExtract

/// Skipping inline SVG bodies while parsing (`SVGBody`, `LibXMLParser`'s `skipSVG`) must change
/// nothing but the contents of `<svg>` subtrees, which the pruner drops anyway: the tree outside
/// them, where each `<svg>` ends, and every extraction result stay as libxml2 gives them when it
/// reads every body.
@Suite("Skipping SVG bodies")
struct SVGSkipTests {
    /// The DOM's nodes outside `<svg>` subtrees in document order (kind, tag, text, attributes
    /// and the row of the parent, which together fix the tree), plus the text directly after each
    /// `<svg>`'s last tag, which skipping keeps.
    static func outline(_ dom: DOM) -> [String] {
        var rows: [String] = []
        var row = Array(repeating: -1, count: dom.nodes.count)
        func add(_ i: Int) {
            row[i] = rows.count
            let node = dom.nodes[i]
            let attributes = (Int(node.attributeStart)..<Int(node.attributeEnd)).map { "\(dom.attributes[$0])" }
            rows.append("\(node.kind) \(node.tag) \(node.text.debugDescription) \(attributes) under \(node.parent >= 0 ? row[node.parent] : -1)")
        }
        var i = 0
        while i < dom.nodes.count {
            add(i)
            if dom.nodes[i].kind == .element && dom.nodes[i].tag == "svg" {
                let end = dom.nodes[i].end
                if end - 1 > i, dom.nodes[end - 1].kind == .text, dom.nodes[end - 1].parent == i { add(end - 1) }
                i = end
                continue
            }
            i += 1
        }
        return rows
    }

    /// An extractor whose parser reads every byte as libxml2 gives it.
    static let withoutShortcuts: Extractor = {
        var extractor = Extractor()
        extractor.shortcuts = false
        return extractor
    }()

    static func parseBoth(_ html: String) throws -> (skipped: DOM, read: DOM) {
        let bytes = Array(html.utf8)
        return (try LibXMLParser.parse(utf8: bytes, attributes: Extractor.readAttributes, skipSVG: true, compactTags: false),
                try LibXMLParser.parse(utf8: bytes, attributes: Extractor.readAttributes, skipSVG: false, compactTags: false, readText: false))
    }

    /// The number of nodes inside `<svg>` subtrees.
    static func svgContent(_ dom: DOM) -> Int {
        dom.elements(named: "svg").reduce(0) { $0 + dom.nodes[$1].end - $1 - 1 }
    }

    @Test func simpleIconsAreSkipped() throws {
        let html = """
        <html><body><p>Before <svg class="icon" viewBox="0 0 24 24"><title>Share</title><!-- drawn -- by hand --><g fill=none>
        <path d="M0 0L24 24Z"/><use xlink:href='#a'></use><circle cx=1 cy=2 r="3"/></g>
        </svg> after.</p><svg><defs><lineargradient id="g1"><stop offset="0"/></lineargradient></defs><rect width="1"/></svg>\n</body></html>
        """
        let (skipped, read) = try Self.parseBoth(html)
        #expect(Self.outline(skipped) == Self.outline(read))
        #expect(Self.svgContent(read) > 8)
        // Only the text after each body's last tag remains inside the <svg>s.
        #expect(Self.svgContent(skipped) == 1)
        #expect(try Extractor().extract(html: Array(html.utf8))
            == Self.withoutShortcuts.extract(html: Array(html.utf8)))
    }

    @Test func bodiesWhoseEffectIsNotKnownAreRead() throws {
        let bodies = [
            "<style>.a{fill:red}</style><path d='x'/>", // raw text
            "<script>var a = '</svg>'</script><path/>",
            "<a href='#'><path/></a>", // an HTML element libxml2 closes by its own rules
            "<foreignObject><p>Text</p></foreignObject>",
            "<path d='x'></svg>", // <path> left open
            "<g><path></g>",
            "<g><circle r=3/></g>", // an unquoted value takes the `/`: the circle stays open
            "<![CDATA[ x ]]><path/>",
            "<?xml-stylesheet x?><path/>",
            "<path d='x'/> a < b",
            "<path itemprop='author'/>", // metadata reads these anywhere
            "<g class='byline'><path/></g>",
            "<g id='Author-Name'><path/></g>",
            "<!-- unterminated <path/>",
            "<path d='x'/",
        ]
        for body in bodies {
            let html = "<html><body><p>x<svg viewBox='0 0 1 1'>\(body)</svg>y</p><p>z</p></body></html>"
            let (skipped, read) = try Self.parseBoth(html)
            #expect(skipped.nodes.map(\.tag) == read.nodes.map(\.tag), "\(body)")
            #expect(skipped.nodes.map(\.text) == read.nodes.map(\.text), "\(body)")
        }
    }

    @Test func svgsInsideTextThatMetadataReadsAreRead() throws {
        for wrapper in ["<h1>Headline", "<div class='article-byline'>", "<span itemprop='author'>", "<a rel='author' href='/a'>"] {
            let html = "<html><body>\(wrapper)<svg><title>Icon</title><path d='M0'/></svg> Jane Doe</body></html>"
            let (skipped, read) = try Self.parseBoth(html)
            #expect(skipped.nodes.map(\.tag) == read.nodes.map(\.tag), "\(wrapper)")
            #expect(skipped.nodes.contains { $0.text == "Icon" })
        }
    }

    @Test func commentsEndWhereLibxml2EndsThem() throws {
        for comment in ["<!---->", "<!-->-->", "<!--->-->", "<!-- a --!> b -->", "<!-- </svg> -->", "<!-- -- -->", "<!--x--->"] {
            let html = "<html><body><p>x<svg><g>\(comment)<path d='1'/></g>\(comment)<rect/>\n</svg>y</p><p>z</p></body></html>"
            let (skipped, read) = try Self.parseBoth(html)
            #expect(Self.outline(skipped) == Self.outline(read), "\(comment)")
        }
    }

    /// Random bodies from pieces that exercise libxml2's tag, attribute and comment rules: every
    /// one must give the same tree outside the `<svg>`s whether or not it is skipped.
    @Test func randomBodiesKeepTheTreeOutsideTheSVG() throws {
        let pieces = [
            "<path d=\"M0 0\"/>", "<path d='1'>", "</path>", "<g>", "</g>", "<G class=\"a\">", "</G >", "<title>", "</title>", "t", " ",
            "\n", "&amp;", "<!-- c -->", "<!--", "-->", "--!>", "<", ">", "/", "\"", "'", "=", "<rect x=1/>", "<rect x=1 />", "<use/>",
            "<svg>", "</svg>", "<p>", "</p>", "<div>", "<b>", "<a>", "</a>", "<style>", "</style>", "<circle r = \"2\" / >", "<circle/ >",
            "<desc>", "</desc>", "<text>é</text>", "<path class='byline'/>", "<h1>", "<li>", "<td>", "<table>", "<title>T</title>",
            "<path d=M0/>", "<stop\toffset=0>", "<?x?>", "<!x>", "</x>", "<mask >", "</mask>", "<path\n/>", "<g  id='a'\n>",
        ]
        var generator = SplitMix(seed: 7)
        for _ in 0..<1500 {
            var body = ""
            for _ in 0..<Int(generator.next() % 12) { body += pieces[Int(generator.next() % UInt64(pieces.count))] }
            let html = "<html><head><title>T</title></head><body><div><p>x<svg class='i'>\(body)</svg>y</p><svg><path/>\(body)</svg>z</div><p>w</p></body></html>"
            let (skipped, read) = try Self.parseBoth(html)
            #expect(Self.outline(skipped) == Self.outline(read), "\(body)")
        }
    }

    /// Every corpus page (under 400 KB, for the debug build's sake): rewriting start tags gives
    /// the very same DOM, skipping SVG bodies the same DOM outside the SVGs, and both together the
    /// same extraction result.
    @Test func corpusPagesGiveTheSameResult() throws {
        let root = TestPaths.extractionCorpus
        guard let sources = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) else { return }
        var compared = 0
        var skippedNodes = 0
        for case let url as URL in sources where url.lastPathComponent == "source.html" {
            let bytes = try [UInt8](Data(contentsOf: url))
            guard bytes.count < 400_000 else { continue }
            let decoded = Charset.decodeToUTF8(bytes, contentType: nil).bytes
            let plain = try LibXMLParser.parse(utf8: decoded, attributes: Extractor.readAttributes, skipSVG: false, compactTags: false, readText: false)
            let compacted = try LibXMLParser.parse(utf8: decoded, attributes: Extractor.readAttributes, skipSVG: false, compactTags: true)
            #expect(ParserTests.rows(compacted) == ParserTests.rows(plain), "\(url.path)")
            let both = try LibXMLParser.parse(utf8: decoded, attributes: Extractor.readAttributes, skipSVG: true, compactTags: true)
            #expect(Self.outline(both) == Self.outline(plain), "\(url.path)")
            // Shortened links: only whether an <a>'s href starts with "#" stays, which is all that is read.
            let linked = try LibXMLParser.parse(utf8: decoded, attributes: Extractor.readAttributes, compactTags: true, shortLinks: true)
            #expect(StartTagTests.linkRows(linked) == StartTagTests.linkRows(plain), "\(url.path)")
            skippedNodes += Self.svgContent(plain) - Self.svgContent(both)
            compared += 1
            // Whole extractions (the slow part in a debug build): where skipping SVG applies, and
            // on pages under 150 KB (shortened links change every page's DOM).
            guard Self.svgContent(plain) > Self.svgContent(both) || bytes.count < 150_000 else { continue }
            let fast = try? Extractor().extract(html: bytes)
            let slow = try? Self.withoutShortcuts.extract(html: bytes)
            #expect(fast == slow, "\(url.path)")
        }
        if FileManager.default.fileExists(atPath: root.path) {
            #expect(compared > 100)
            #expect(skippedNodes > 1000)
        }
    }
}

/// A small deterministic generator (SplitMix64), so random tests repeat exactly.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
