import StetExtract
import StetText
import Testing

@testable import StetArchive

@Suite struct ArticleMarkdownTests {
    @Test func writesTheDocumentedLayout() throws {
        let article = ExtractedArticle(
            title: "Bridge to reopen", byline: "Jane Doe", published: "2024-01-02T10:20:00-05:00", siteName: "Example News",
            blocks: [
                Block(.paragraph, "The bridge reopens."), Block(.heading, "Costs"), Block(.blockquote, "\"It was worth it,\" she said."),
                Block(.listItem, "Item one"),
            ])
        let text = ArticleMarkdown.render(article)
        #expect(
            text == """
                # Bridge to reopen
                Byline: Jane Doe
                Published: 2024-01-02T10:20:00-05:00
                Site: Example News

                The bridge reopens.

                ## Costs

                > "It was worth it," she said.

                - Item one

                """)
        #expect(try ArticleMarkdown.parse(text) == article)
    }

    @Test func escapesTextThatLooksLikeStructure() throws {
        let tricky = [
            "# not a title", "## not a heading", "> not a quote", "- not a list item", "\\ starts with a backslash",
            "  leading spaces", "", "Byline: not metadata", "[byline] not a byline", "line one\nline two", "a\n\nb", "a\n \nb",
            "ends with backslash\\", "tab\tinside", "carriage\r\nreturn", "#hashtag", "-not a list",
        ]
        for role in [BlockRole.paragraph, .heading, .blockquote, .listItem, .byline, .dateline, .headline] {
            let article = ExtractedArticle(blocks: tricky.map { Block(role, $0) })
            let text = ArticleMarkdown.render(article)
            #expect(try ArticleMarkdown.parse(text) == article, "role \(role)")
        }
        // Without a header, a first paragraph that looks like a header line stays a paragraph.
        let headerless = ExtractedArticle(blocks: [Block(.paragraph, "Site: a paragraph"), Block(.paragraph, "# x")])
        #expect(try ArticleMarkdown.parse(ArticleMarkdown.render(headerless)) == headerless)
    }

    @Test func roundTripsRandomArticles() throws {
        var generator = SplitMix64(seed: 0x5EED)
        let alphabet = Array("ab #>-\\[]:\n\t\r yB").map(String.init) + ["Byline: ", "[dateline] ", "## ", "é", "“"]
        func randomText(maxPieces: Int) -> String {
            (0..<Int.random(in: 0...maxPieces, using: &generator)).map { _ in alphabet.randomElement(using: &generator) ?? "" }.joined()
        }
        func randomValue() -> String? {
            let text = randomText(maxPieces: 6).replacingOccurrences(of: "\n", with: " ")
            return text.isEmpty || Bool.random(using: &generator) ? nil : text
        }
        for _ in 0..<500 {
            let blocks = (0..<Int.random(in: 0...6, using: &generator)).map { _ in
                Block(BlockRole.allCases.randomElement(using: &generator) ?? .paragraph, randomText(maxPieces: 12))
            }
            let article = ExtractedArticle(
                title: randomValue(), byline: randomValue(), published: randomValue(), modified: randomValue(),
                canonicalURL: randomValue(), siteName: randomValue(), language: randomValue(), blocks: blocks)
            let text = ArticleMarkdown.render(article)
            let back = try ArticleMarkdown.parse(text)
            #expect(back == article, "\(text.debugDescription)")
            if back != article { break }
        }
    }

    @Test func documentRoundTrip() throws {
        let document = Document(blocks: [
            Block(.headline, "Title"), Block(.byline, "By A. Writer"), Block(.paragraph, "Body."), Block(.dateline, "LONDON"),
        ])
        let text = ArticleMarkdown.render(document)
        #expect(try ArticleMarkdown.parse(text).document == document)
    }

    @Test func rejectsAnUnknownHeaderLine() {
        #expect(throws: ArchiveError.malformedMarkdown(line: 2, reason: "expected a header line such as \"Byline: …\"")) {
            try ArticleMarkdown.parse("# Title\nAuthor: someone\n\nBody\n")
        }
    }
}

/// A small deterministic generator for property tests.
struct SplitMix64: RandomNumberGenerator {
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
