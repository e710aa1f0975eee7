import Testing

@testable import StetArchive

@Suite struct ArticleIdentityTests {
    @Test func normalizesURLs() {
        #expect(ArticleIdentity.normalize("https://www.Newsweek.com/russia-blames-nato-1856780/?utm_source=tw&fbclid=1#top") == "newsweek.com/russia-blames-nato-1856780")
        #expect(ArticleIdentity.normalize("http://example.com:8080/a?id=3&gclid=9") == "example.com:8080/a?id=3")
        #expect(ArticleIdentity.normalize("example.com/story") == "example.com/story")
        #expect(ArticleIdentity.normalize("not a url") == nil)
        #expect(ArticleIdentity.normalize("") == nil)
    }

    @Test func derivesReadableIDs() throws {
        #expect(
            ArticleIdentity.articleID(forURL: "https://www.newsweek.com/russia-blames-nato-belgorod-attack-1856780")
                == "newsweek.com/russia-blames-nato-belgorod-attack-1856780")
        #expect(ArticleIdentity.articleID(forURL: "https://example.com/News/2024/01/Story.html") == "example.com/news-2024-01-story")
        #expect(ArticleIdentity.articleID(forURL: "https://example.com/") == "example.com/index")
        let withQuery = try #require(ArticleIdentity.articleID(forURL: "https://example.com/article?id=42"))
        let otherQuery = try #require(ArticleIdentity.articleID(forURL: "https://example.com/article?id=43"))
        #expect(withQuery.hasPrefix("example.com/article-") && withQuery != otherQuery)
        let long = try #require(ArticleIdentity.articleID(forURL: "https://example.com/" + String(repeating: "word-", count: 40)))
        #expect(long.count < 110)
        #expect(ArticleIdentity.articleID(forFileName: "/tmp/Belgorod Newsweek Final.txt") == "belgorod-newsweek-final")
        for id in [withQuery, otherQuery, long, "example.com/index"] { try ArticleIdentity.validate(id) }
    }

    @Test func rejectsIDsThatCannotBeRefs() {
        for bad in ["", "a..b", "a//b", "/a", "a/", ".hidden", "x.lock", "sp ace", "a~1", "colon:x"] {
            #expect(throws: ArchiveError.self, "\(bad)") { try ArticleIdentity.validate(bad) }
        }
    }

    @Test func parsesVersionSelectors() throws {
        #expect(try VersionSelector(parsing: "3") == .number(3))
        #expect(try VersionSelector(parsing: "latest") == .latest(back: 0))
        #expect(try VersionSelector(parsing: "latest~2") == .latest(back: 2))
        #expect(try VersionSelector(parsing: "HEAD~1") == .latest(back: 1))
        for bad in ["0", "-1", "latest~", "latest~x", "first", ""] {
            #expect(throws: ArchiveError.invalidVersionSelector(bad)) { try VersionSelector(parsing: bad) }
        }
        #expect(VersionSelector.latest(back: 2).resolve(count: 3) == 1)
        #expect(VersionSelector.latest(back: 3).resolve(count: 3) == nil)
        #expect(VersionSelector.number(4).resolve(count: 3) == nil)
    }
}

@Suite struct ArticleNamingTests {
    @Test func choosesTheArticleForACapture() throws {
        let directory = try TemporaryDirectory()
        let archive = try Archive.open(at: directory.child("a.git"), create: true)
        let page = textCapture(story(1), url: "https://m.example.com/world/story-9?utm_source=feed")
        // The canonical URL names the article when it has a path…
        #expect(try archive.decideArticleID(page, canonicalURL: "https://www.example.com/world/story-9") == "example.com/world-story-9")
        // …but a site-wide home-page canonical is ignored.
        #expect(try archive.decideArticleID(page, canonicalURL: "https://www.example.com/") == "m.example.com/world-story-9")
        // A capture whose URL is already known goes to that article, whatever its id.
        _ = try archive.snapshot(textCapture(story(1), url: "https://example.net/a", id: "desk/known"))
        let again = textCapture(story(2), url: "http://www.example.net/a/?fbclid=1", minute: 5)
        #expect(try archive.decideArticleID(again, canonicalURL: nil) == "desk/known")
        #expect(try archive.snapshot(again).articleID == "desk/known")
    }
}

@Suite struct ObjectIDTests {
    @Test func convertsBetweenHexAndBytes() throws {
        let id = try #require(ObjectID(hex: "0123456789ABCDEF0123456789abcdef01234567"))
        #expect(id.hex == "0123456789abcdef0123456789abcdef01234567")
        #expect(ObjectID(bytes: id.bytes) == id)
        #expect(id.short == "0123456")
        #expect(ObjectID(hex: "xyz") == nil)
        #expect(ObjectID(hex: String(repeating: "g", count: 40)) == nil)
        #expect(ObjectID(bytes: [1, 2, 3]) == nil)
    }
}
