import Foundation
import StetDiff
import StetRender
import StetText
import Testing

@Suite struct HTMLDiffRendererTests {
    static let attacks = [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "\"><svg onload=alert(1)>",
        "' onmouseover='alert(1)",
        "&lt;script&gt; is already an entity",
    ]

    /// No element or attribute from article text may survive: every `<` in the output must be
    /// one the renderer wrote.
    static func assertInert(_ html: String, _ attack: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(!html.contains("<script"), sourceLocation: sourceLocation)
        #expect(!html.contains("<img"), sourceLocation: sourceLocation)
        #expect(!html.contains("<svg"), sourceLocation: sourceLocation)
        #expect(!html.contains("onmouseover='"), sourceLocation: sourceLocation)
        #expect(!html.contains(attack) || !attack.contains(where: { "<>\"'&".contains($0) }), sourceLocation: sourceLocation)
    }

    @Test(arguments: attacks) func injectedSentenceIsInert(attack: String) throws {
        let renderer = HTMLDiffRenderer()
        let diff = Fixtures.added("He wrote \(attack) on the wall.", speaker: "Mr \(attack)")
        let context = DiffRenderContext(title: "Title \(attack)", oldLabel: "v1 \(attack)", newLabel: "v2")
        let page = try renderer.render(diff, context: context)
        let fragment = try renderer.fragment(diff, context: context)
        for html in [page, fragment] {
            Self.assertInert(html, attack)
            #expect(html.contains("He wrote \(Self.escaped(attack)) on the wall."))
            #expect(html.contains("quote (Mr \(Self.escaped(attack)))"))
        }
    }

    @Test func editedSentenceEscapesInsideHighlights() throws {
        let diff = ArticleDiff.make(
            old: ["Safe <b>text</b> here."], new: ["Safe <script>alert(1)</script> here."],
            changes: [Change(kind: .edited, old: [0], new: [0], significance: .substantive)])
        let html = try HTMLDiffRenderer().fragment(diff)
        Self.assertInert(html, "<script>alert(1)</script>")
        #expect(html.contains("<del>"))
        #expect(html.contains("<ins>"))
        #expect(!html.contains("<b>"))
    }

    @Test func pageIsSelfContainedAndFitsAPhone() throws {
        let page = try HTMLDiffRenderer().render(Fixtures.fcdo, context: Fixtures.context)
        #expect(page.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">"))
        #expect(page.contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"))
        #expect(page.contains("<style>"))
        #expect(!page.contains("<script"))
        #expect(!page.contains("<link"))
        #expect(!page.contains("src="))
        #expect(page.contains("<h1>Russia Blames NATO Countries for &#39;Terror Attack&#39; on Belgorod</h1>"))
        #expect(page.contains("<strong>Added a quote from an FCDO spokesperson; added an update note</strong>"))
        #expect(page.contains("<span class=\"facet\">quote (FCDO spokesperson)</span>"))
        #expect(page.contains("<span class=\"facet\">note: update added</span>"))
        #expect(!page.contains("class=\"change removed\""))

        let fragment = try HTMLDiffRenderer().fragment(Fixtures.fcdo, context: Fixtures.context)
        #expect(fragment.hasPrefix("<article class=\"stet-diff\">"))
        #expect(!fragment.contains("<html") && !fragment.contains("<style"))
        #expect(page.contains(fragment))
    }

    static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
            .replacingOccurrences(of: "'", with: "&#39;")
    }
}

@Suite struct MarkdownDiffRendererTests {
    @Test func wordHighlightsAreStrikeAndBold() throws {
        let output = try MarkdownDiffRenderer().render(Fixtures.toll, context: Fixtures.context)
        #expect(output.contains("- **\\~ edited · figure 14 → 21 killed**\\\n  Officials said ~~14~~ **21** killed in the strike.\n"))
        #expect(output.contains("- *Rescue work continued overnight.*"))
        #expect(output.contains("## ¶1\n"))
    }

    @Test func fcdoUpdateHasHeadingsAndLabels() throws {
        let output = try MarkdownDiffRenderer().render(Fixtures.fcdo, context: Fixtures.context)
        #expect(output.hasPrefix("# Russia Blames NATO Countries for 'Terror Attack' on Belgorod\n\n"))
        #expect(output.contains("**Added a quote from an FCDO spokesperson; added an update note**"))
        #expect(output.contains("- **+ added · quote (FCDO spokesperson)**\\\n  A spokesperson for the United Kingdom's"))
        #expect(output.contains("- **+ added · note: update added**"))
        #expect(!output.contains("~~"))
    }

    @Test func articleTextCannotBecomeMarkup() throws {
        let diff = Fixtures.added("# Not a *heading* <script>alert(1)</script> [link](javascript:x) `code` a_b")
        let output = try MarkdownDiffRenderer().render(diff)
        #expect(output.contains("  \\# Not a \\*heading\\* \\<script\\>alert(1)\\</script\\> \\[link\\](javascript:x) \\`code\\` a\\_b\n"))
    }

    @Test func removedTextIsStruckThrough() throws {
        let diff = ArticleDiff.make(
            old: ["Kept.", "Dropped."], new: ["Kept."],
            changes: [Change(kind: .removed, old: [1], new: [], significance: .substantive)])
        let output = try MarkdownDiffRenderer().render(diff)
        #expect(output.contains("- *Kept.*\n- **− removed**\\\n  ~~Dropped.~~\n"))
    }
}

@Suite struct JSONDiffRendererTests {
    @Test func contractKeysAndNulls() throws {
        let json = try JSONDiffRenderer().render(Fixtures.fcdo)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(Set(object.keys) == ["schema", "sentences", "changes", "summary", "paragraphs", "counts"])
        #expect(object["schema"] as? String == "stet.diff/1")
        let changes = try #require(object["changes"] as? [[String: Any]])
        #expect(changes.count == 2)
        #expect(Set(changes[0].keys) == ["kind", "old", "new", "significance", "facets", "similarity"])
        #expect(changes[0]["similarity"] is NSNull)
        let facet = try #require((changes[0]["facets"] as? [[String: Any]])?.first)
        #expect(facet["type"] as? String == "quote")
        #expect(facet["speaker"] as? String == "FCDO spokesperson")
        #expect(facet["old"] is NSNull)
        // Sorted keys: stable output that diffs well.
        #expect(json.hasPrefix("{\n  \"changes\" : ["))
    }

    @Test func decodesBackToTheSameDiff() throws {
        for diff in [Fixtures.fcdo, Fixtures.toll] {
            let json = try JSONDiffRenderer().render(diff)
            let decoded = try JSONDecoder().decode(ArticleDiff.self, from: Data(json.utf8))
            #expect(decoded == diff)
        }
        let compact = try JSONDiffRenderer(pretty: false).render(Fixtures.toll)
        #expect(!compact.dropLast().contains("\n"))
        #expect(compact.contains("\"similarity\":0.86"))
    }

    @Test func diffRendererDispatchesEveryFormat() throws {
        let renderer = DiffRenderer(options: DiffRenderOptions(colors: false, width: 80))
        let diff = Fixtures.toll
        #expect(try renderer.render(diff, format: .json) == JSONDiffRenderer().render(diff))
        #expect(try renderer.render(diff, format: .text) == TerminalDiffRenderer(options: renderer.options).render(diff))
        #expect(try renderer.render(diff, format: .markdown) == MarkdownDiffRenderer(options: renderer.options).render(diff))
        #expect(try renderer.render(diff, format: .html) == HTMLDiffRenderer(options: renderer.options).render(diff))
        #expect(OutputFormat(rawValue: "markdown") == .markdown)
    }
}
