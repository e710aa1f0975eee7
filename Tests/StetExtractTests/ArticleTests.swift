import Testing
import StetText
@testable import StetExtract

@Suite("Article finding and cleaning")
struct ArticleTests {
    /// A synthetic news page shaped like the seed: navigation, promo lists, a caption, an
    /// "Uncommon Knowledge" blurb, an author box, and an update note at the end of the story.
    static let seedLikePage = """
    <html lang="en"><head>
    <title>Officials Trade Blame Over Strike | Daily Planet</title>
    <meta property="og:site_name" content="Daily Planet">
    <meta property="article:published_time" content="2024-01-02T10:20:00-05:00">
    </head><body>
    <header class="site-header"><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/us">U.S.</a></nav></header>
    <div class="trending"><h3>Trending</h3><ul><li><a href="/a">Story one about something</a></li><li><a href="/b">Story two about another thing</a></li></ul></div>
    <main><article>
    <h1>Officials Trade Blame Over Strike</h1>
    <div class="byline">By Jane Reporter</div>
    <p>\(prose("strike on the city"))</p>
    <p>\(prose("response from the ministry"))</p>
    <figure><img src="x.jpg"><figcaption>A man walks past a damaged building. AFP/Getty Images</figcaption></figure>
    <p>"We are not going to provide a running commentary," a spokesperson told the paper via email on Tuesday, adding that the claims were, in the spokesperson's words, nonsense.</p>
    <p>\(prose("aid package"))</p>
    <p><em>Update 1/3/24, 9:20 a.m. ET: This article has been updated with comment from the ministry.</em></p>
    </article>
    <div class="uncommon-knowledge promo"><h2>Uncommon Knowledge</h2><p>Daily Planet is committed to challenging conventional wisdom and finding connections in the search for common ground.</p></div>
    <div class="author-bio"><h3>About the writer</h3><p>Jane Reporter is a Daily Planet reporter based in New York. Her focus is reporting on politics. Read more</p></div>
    <div class="subscribe-promo"><ul><li>Daily Planet magazine delivered to your door</li><li>Enjoy ad-free browsing</li><li>Comment on articles</li></ul></div>
    </main>
    <footer><p>© 2024 Daily Planet. All rights reserved.</p></footer>
    </body></html>
    """

    @Test func seedLikePageWithoutFurniture() throws {
        let article = try extract(Self.seedLikePage, url: "https://planet.example/world/strike")
        let text = article.text
        #expect(text.contains("strike on the city"))
        #expect(text.contains("running commentary"))
        #expect(text.contains("Update 1/3/24, 9:20 a.m. ET: This article has been updated with comment from the ministry."))
        for furniture in ["Uncommon Knowledge", "About the writer", "challenging conventional wisdom", "delivered to your door",
                          "AFP/Getty", "Trending", "Story one", "All rights reserved", "By Jane Reporter"] {
            #expect(!text.contains(furniture), "furniture left in: \(furniture)")
        }
        #expect(article.blocks.last?.text.hasPrefix("Update 1/3/24") == true)
        #expect(article.blocks.allSatisfy { $0.role == .paragraph })
        #expect(article.title == "Officials Trade Blame Over Strike")
        #expect(article.siteName == "Daily Planet")
        #expect(article.published == "2024-01-02T10:20:00-05:00")
        #expect(article.language == "en")
        #expect(article.linkWordRatio == 0)
    }

    @Test func rolesForHeadingsQuotesAndLists() throws {
        let html = """
        <html><body><article>
        <p>\(prose("vote"))</p><h2>What happens next</h2><p>\(prose("recount"))</p>
        <blockquote><p>We will appeal this decision, and we expect to win.</p></blockquote>
        <ul><li>First point of the plan, explained in detail.</li><li>Second point of the plan, explained too.</li></ul>
        <p>\(prose("appeal"))</p>
        </article></body></html>
        """
        let blocks = try extract(html).blocks
        #expect(blocks.contains(Block(.heading, "What happens next")))
        #expect(blocks.contains(Block(.blockquote, "We will appeal this decision, and we expect to win.")))
        #expect(blocks.contains(Block(.listItem, "First point of the plan, explained in detail.")))
        #expect(blocks.filter { $0.role == .paragraph }.count == 3)
    }

    @Test func correctionNoteStays() throws {
        let html = "<html><body><article><p>\(prose("ruling"))</p><p>\(prose("hearing"))</p><div class=\"correction\"><p>Correction: An earlier version of this article misstated the date of the hearing.</p></div></article></body></html>"
        #expect(try extract(html).text.contains("Correction: An earlier version of this article misstated the date of the hearing."))
    }

    @Test func jsonLDDisagreeingWithVisibleText() throws {
        let html = """
        <html><head><script type="application/ld+json">
        {"@context":"https://schema.org","@type":"NewsArticle","headline":"Budget Passes","articleBody":"The budget passed. It was a close vote. Old text that the page no longer shows.","author":{"@type":"Person","name":"Ann Writer"},"datePublished":"2024-03-01T08:00:00Z"}
        </script></head><body><article>
        <p>The budget passed on Monday, after a debate that, by all accounts, lasted well into the night and tested the patience of everyone.</p>
        <p>It was a close vote, with the final count at seven to six, and the mayor said, after the vote, that she was relieved.</p>
        </article></body></html>
        """
        let article = try extract(html)
        #expect(article.blocks.count == 2)
        #expect(!article.text.contains("Old text"))
        #expect(article.title == "Budget Passes")
        #expect(article.byline == "Ann Writer")
        #expect(article.published == "2024-03-01T08:00:00Z")
    }

    @Test func jsonLDBodyIsTheFallback() throws {
        let html = """
        <html><head><script type="application/ld+json">{"@graph":[{"@type":"WebSite","name":"Site"},{"@type":"Article","headline":"H","articleBody":"First paragraph of the body.\\nSecond paragraph of the body."}]}</script></head><body><div id="app"></div></body></html>
        """
        let article = try extract(html)
        #expect(article.blocks.map(\.text) == ["First paragraph of the body.", "Second paragraph of the body."])
        #expect(article.siteName == "Site")
    }

    @Test func linkListScoresHighLinkRatio() throws {
        let links = (1...30).map { "<li><a href=\"/s\($0)\">Another story headline number \($0) here</a></li>" }.joined()
        let html = "<html><body><div class=\"content\"><ul>\(links)</ul></div></body></html>"
        let article = try extract(html)
        #expect(article.linkWordRatio > 0.5)
    }
}

@Suite("Block filter")
struct BlockFilterTests {
    @Test func moreLinks() {
        #expect(BlockFilter.endsWithMoreLink("Rachel joined the paper in 2022 ... Read more"))
        #expect(BlockFilter.endsWithMoreLink("Auskunft über vergangenes Wetter… mehr •••"))
        #expect(BlockFilter.endsWithMoreLink("The new season starts soon more »"))
        #expect(!BlockFilter.endsWithMoreLink("He said the city needed to spend more."))
        #expect(!BlockFilter.endsWithMoreLink("Critics wanted more"))
    }

    @Test func scalarsToStringMatchesTheScalarView() {
        let text = "aé日本🙂\u{301}x\u{FFFD}\u{10FFFF} Zß"
        let scalars = Array(text.unicodeScalars)
        for start in 0...scalars.count {
            for end in start...scalars.count {
                #expect(BlockFilter.string(scalars[start..<end]) == String(String.UnicodeScalarView(scalars[start..<end])))
            }
        }
    }

    @Test func aboutHeadings() {
        #expect(BlockFilter.isAboutHeading("About Acme"))
        #expect(BlockFilter.isAboutHeading("About the company"))
        #expect(!BlockFilter.isAboutHeading("About"))
        #expect(!BlockFilter.isAboutHeading("About two dozen protesters gathered outside the hall"))
    }
}

@Suite("Endless pages")
struct EndlessPageTests {
    private func page(ogArticle: Bool) -> String {
        let posts = ["first story", "second story", "third story"].map { topic in
            "<article class=\"post\"><h2>\(topic)</h2><p>\(prose(topic))</p><p>\(prose(topic + " again"))</p><p>\(prose(topic + " more"))</p></article>"
        }.joined()
        let meta = ogArticle ? "<meta property=\"og:type\" content=\"article\">" : ""
        return "<html><head>\(meta)</head><body><div id=\"primary\">\(posts)</div></body></html>"
    }

    @Test func onePostWhenThePageIsAnArticle() throws {
        let text = try extract(page(ogArticle: true)).text
        #expect(text.contains("first story"))
        #expect(!text.contains("second story"))
    }

    @Test func allPostsOnAListing() throws {
        let text = try extract(page(ogArticle: false)).text
        #expect(text.contains("first story") && text.contains("third story"))
    }
}
