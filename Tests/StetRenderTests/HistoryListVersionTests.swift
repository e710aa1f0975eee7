import Foundation
import StetDiff
import StetRender
import StetText
import Testing

@Suite struct HistoryRendererTests {
    static let header = ArticleHeader(
        id: "12", title: Fixtures.headline, site: "Newsweek", url: "https://www.newsweek.com/russia-blames-nato-belgorod",
        versionCount: 4)
    static let lines = [
        VersionLine(number: 1, capturedAt: Fixtures.date("2024-01-01T10:20:00Z"), summary: "First capture"),
        VersionLine(
            number: 2, capturedAt: Fixtures.date("2024-01-02T18:05:59Z"), summary: "Changed a figure: 14 → 21 killed",
            hasFigureChange: true),
        VersionLine(
            number: 3, capturedAt: Fixtures.date("2024-01-03T23:59:00Z"),
            summary: "Added a quote from an FCDO spokesperson; added an update note", hasQuoteChange: true, hasNoteChange: true),
        VersionLine(number: 4, capturedAt: Fixtures.date("2024-01-04T00:01:00Z"), summary: "Restored version 1", revertOf: 1, titleChanged: true),
    ]

    @Test func oneLinePerVersionWithLabels() throws {
        let output = try HistoryRenderer.render(header: Self.header, lines: Self.lines, format: .text, options: RenderOptions(colors: false, width: nil))
        #expect(output == """
            \(Fixtures.headline)
            Newsweek · https://www.newsweek.com/russia-blames-nato-belgorod · 4 versions · id 12

            v1  2024-01-01 10:20  First capture
            v2  2024-01-02 18:05  [figure] Changed a figure: 14 → 21 killed
            v3  2024-01-03 23:59  [quote] [note] Added a quote from an FCDO spokesperson; added an update note
            v4  2024-01-04 00:01  [title] [revert of v1] Restored version 1

            """)
    }

    @Test func wrappedSummaryHangsUnderItself() throws {
        let output = try HistoryRenderer.render(header: Self.header, lines: Self.lines, format: .text, options: RenderOptions(colors: false, width: 60))
        let lines = Read.lines(output)
        let start = try #require(lines.firstIndex { $0.hasPrefix("v3  ") })
        #expect(lines[start + 1].hasPrefix(String(repeating: " ", count: 22)))
        #expect(lines.allSatisfy { $0.count <= 60 })
    }

    @Test func flagsFromCounts() {
        var counts = ChangeCounts()
        counts.quoteChanges = 2
        let line = VersionLine(number: 5, capturedAt: Date(timeIntervalSince1970: 0), summary: "s", counts: counts, revertOf: 3)
        #expect(line.labels == ["quote", "revert of v3"])
    }

    @Test func otherFormats() throws {
        let markdown = try HistoryRenderer.render(header: Self.header, lines: Self.lines, format: .markdown)
        #expect(markdown.contains("| v3 | 2024-01-03 23:59 | `quote` `note` | Added a quote from an FCDO spokesperson; added an update note |"))
        #expect(markdown.contains("| v4 | 2024-01-04 00:01 | `title` `revert of v1` | Restored version 1 |"))

        let html = try HistoryRenderer.render(header: Self.header, lines: Self.lines, format: .html)
        #expect(html.contains("<time datetime=\"2024-01-03T23:59:00Z\">2024-01-03 23:59</time>"))
        #expect(html.contains("<span class=\"tag revert\">revert of v1</span>"))
        #expect(html.contains("<a href=\"https://www.newsweek.com/russia-blames-nato-belgorod\">"))

        let json = try HistoryRenderer.render(header: Self.header, lines: Self.lines, format: .json)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(object["schema"] as? String == "stet.log/1")
        let versions = try #require(object["versions"] as? [[String: Any]])
        #expect(versions.count == 4)
        #expect(versions[0]["revertOf"] is NSNull)
        #expect(versions[3]["revertOf"] as? Int == 1)
        #expect(versions[2]["capturedAt"] as? String == "2024-01-03T23:59:00Z")
        #expect(versions[2]["labels"] as? [String] == ["quote", "note"])
    }

    @Test func hostileTitleAndURLAreInert() throws {
        let header = ArticleHeader(id: "1", title: "<script>alert(1)</script>", site: "<b>x</b>", url: "javascript:alert(1)", versionCount: 1)
        let line = VersionLine(number: 1, capturedAt: Date(timeIntervalSince1970: 0), summary: "<img src=x onerror=alert(1)>")
        let html = try HistoryRenderer.render(header: header, lines: [line], format: .html)
        #expect(!html.contains("<script") && !html.contains("<img") && !html.contains("<b>"))
        #expect(!html.contains("href=\"javascript"))
        let markdown = try HistoryRenderer.render(header: header, lines: [line], format: .markdown)
        // Every `<` is backslash-escaped, so CommonMark shows it instead of reading raw HTML.
        #expect(markdown.contains("\\<script\\>") && markdown.contains("\\<img"))
        #expect(!markdown.replacingOccurrences(of: "\\<", with: "").contains("<"))
    }
}

@Suite struct ListRendererTests {
    static let rows = [
        ArticleListRow(
            id: "12", title: Fixtures.headline, site: "Newsweek", url: "https://www.newsweek.com/a", versionCount: 3,
            lastChangedAt: Fixtures.date("2024-01-03T14:20:00Z"), lastSummary: "Added a quote"),
        ArticleListRow(id: "7", title: nil, site: nil, versionCount: 1, lastChangedAt: nil),
    ]

    @Test func textColumnsAlignAndTitlesFit() throws {
        let output = try ListRenderer.render(rows: Self.rows, format: .text, options: RenderOptions(colors: false, width: 72))
        #expect(output == """
            ID  VERSIONS  LAST CHANGE (UTC)  SITE      TITLE
            12         3  2024-01-03 14:20   Newsweek  Russia Blames NATO Countries…
            7          1  –                  –         (untitled)

            """)
        #expect(try ListRenderer.render(rows: [], format: .text) == "No articles.\n")
    }

    @Test func otherFormats() throws {
        let markdown = try ListRenderer.render(rows: Self.rows, format: .markdown)
        #expect(markdown.contains("| 12 | 3 | 2024-01-03 14:20 | Newsweek | [Russia Blames NATO Countries for 'Terror Attack' on Belgorod](<https://www.newsweek.com/a>) |"))
        let html = try ListRenderer.render(rows: Self.rows, format: .html)
        #expect(html.contains("<tr><td><a href=\"https://www.newsweek.com/a\">Russia Blames NATO Countries for &#39;Terror Attack&#39; on Belgorod</a><span class=\"meta\">Newsweek · id 12 · changed <time datetime=\"2024-01-03T14:20:00Z\">2024-01-03 14:20</time> UTC</span></td><td class=\"count\">3</td></tr>"))
        #expect(html.contains("<tr><td>(untitled)<span class=\"meta\">id 7</span></td><td class=\"count\">1</td></tr>"))
        let json = try ListRenderer.render(rows: Self.rows, format: .json)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let articles = try #require(object["articles"] as? [[String: Any]])
        #expect(articles[1]["title"] is NSNull)
        #expect(articles[1]["lastChangedAt"] is NSNull)
        #expect(articles[0]["lastChangedAt"] as? String == "2024-01-03T14:20:00Z")
    }
}

@Suite struct VersionRendererTests {
    static let view = VersionView(
        articleID: "12", number: 3, capturedAt: Fixtures.date("2024-01-03T14:20:00Z"), title: Fixtures.headline,
        byline: "By Rachel Dobkin", published: "2023-12-30T12:00:00-05:00", modified: "2024-01-03T09:20:00-05:00",
        canonicalURL: "https://www.newsweek.com/a", siteName: "Newsweek", language: "en",
        blocks: [
            Block(.paragraph, Fixtures.body[0]), Block(.heading, "Reaction"),
            Block(.blockquote, "This crime will not go unpunished, the ministry wrote in a long statement on its channel."),
            Block(.listItem, "First point"), Block(.listItem, "Second point"), Block(.paragraph, Fixtures.updateNote),
        ])

    @Test func textShowsMetadataThenParagraphs() throws {
        let output = try VersionRenderer.render(Self.view, format: .text, options: RenderOptions(colors: false, width: 60))
        let lines = Read.lines(output)
        #expect(Array(lines.prefix(5)) == [
            Fixtures.headline,
            "By Rachel Dobkin",
            "published 2023-12-30T12:00:00-05:00 · modified",
            "  2024-01-03T09:20:00-05:00",
            "Newsweek · version 3 · captured 2024-01-03 14:20 UTC · id 12",
        ])
        #expect(output.contains("Newsweek · version 3 · captured 2024-01-03 14:20 UTC · id 12\nhttps://www.newsweek.com/a\n\nA Russian official"))
        #expect(output.contains("\n\nReaction\n\n  │ This crime will not go unpunished, the ministry wrote in\n  │ a long statement on its channel.\n"))
        #expect(output.contains("\n\n  • First point\n  • Second point\n\n"))
        #expect(lines.allSatisfy { $0.count <= 60 })
    }

    @Test func otherFormats() throws {
        let markdown = try VersionRenderer.render(Self.view, format: .markdown)
        #expect(markdown.contains("## Reaction\n\n> This crime will not go unpunished"))
        #expect(markdown.contains("- First point\n- Second point"))
        #expect(markdown.contains("<https://www.newsweek.com/a>"))
        let html = try VersionRenderer.render(Self.view, format: .html)
        #expect(html.contains("<article class=\"stet-version\" lang=\"en\">"))
        #expect(html.contains("<ul>\n<li>First point</li>\n<li>Second point</li>\n</ul>"))
        #expect(html.contains("<blockquote><p>This crime"))
        let json = try VersionRenderer.render(Self.view, format: .json)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(object["schema"] as? String == "stet.version/1")
        #expect(object["canonicalURL"] as? String == "https://www.newsweek.com/a")
        let blocks = try #require(object["blocks"] as? [[String: Any]])
        #expect(blocks[2]["role"] as? String == "blockquote")
        let bare = try VersionRenderer.render(VersionView(blocks: []), format: .json)
        let bareObject = try #require(try JSONSerialization.jsonObject(with: Data(bare.utf8)) as? [String: Any])
        #expect(bareObject["title"] is NSNull && bareObject["number"] is NSNull)
    }

    @Test func hostileBlocksAreInert() throws {
        let view = VersionView(
            title: "<script>alert(1)</script>", canonicalURL: "javascript:alert(1)", language: "en\" onload=\"x",
            blocks: [Block(.paragraph, "<img src=x onerror=alert(1)>"), Block(.listItem, "<svg onload=alert(1)>")])
        let html = try VersionRenderer.render(view, format: .html)
        #expect(!html.contains("<script") && !html.contains("<img") && !html.contains("<svg"))
        #expect(!html.contains("href=\"javascript") && !html.contains("onload=\""))
    }
}

@Suite struct GoldenTests {
    @Test func fcdoText() throws {
        Golden.check(try DiffRenderer(options: DiffRenderOptions(colors: false, width: 80)).render(Fixtures.fcdo, context: Fixtures.context, format: .text), named: "fcdoText.txt")
    }

    @Test func fcdoTextColored() throws {
        Golden.check(try DiffRenderer(options: DiffRenderOptions(colors: true, width: 80)).render(Fixtures.fcdo, context: Fixtures.context, format: .text), named: "fcdoTextColored.ansi")
    }

    @Test func fcdoMarkdown() throws {
        Golden.check(try DiffRenderer().render(Fixtures.fcdo, context: Fixtures.context, format: .markdown), named: "fcdoMarkdown.md")
    }

    @Test func fcdoHTML() throws {
        Golden.check(try DiffRenderer().render(Fixtures.fcdo, context: Fixtures.context, format: .html), named: "fcdoHTML.html")
    }

    @Test func fcdoJSON() throws {
        Golden.check(try DiffRenderer().render(Fixtures.fcdo, format: .json), named: "fcdoJSON.json")
    }

    @Test func mixedText() throws {
        Golden.check(try DiffRenderer(options: DiffRenderOptions(colors: false, width: 72)).render(Fixtures.mixed, context: Fixtures.mixedContext, format: .text), named: "mixedText.txt")
    }

    @Test func mixedMarkdown() throws {
        Golden.check(try DiffRenderer().render(Fixtures.mixed, context: Fixtures.mixedContext, format: .markdown), named: "mixedMarkdown.md")
    }

    @Test func mixedHTMLFragment() throws {
        Golden.check(try HTMLDiffRenderer().fragment(Fixtures.mixed, context: Fixtures.mixedContext), named: "mixedHTMLFragment.html")
    }

    @Test func historyText() throws {
        Golden.check(
            try HistoryRenderer.render(header: HistoryRendererTests.header, lines: HistoryRendererTests.lines, format: .text, options: RenderOptions(width: 72)),
            named: "historyText.txt")
    }
}
