import Foundation
import Hummingbird
import HummingbirdTesting
import StetArchive
import StetDiff
@testable import StetWeb
import Testing

/// The pages and the API through the Hummingbird router (no socket).
@Suite("Routes")
struct RouteTests {
    /// Runs `body` with a router test client over a belgorod archive (plus the hostile article).
    func withClient(_ body: @escaping @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        let (archive, directory) = try Fixtures.archive(hostile: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let site = try StetSite(archive: archive, configuration: WebConfiguration(baseURL: "http://stet.test"))
        let app = Application(router: WebServer.router(site: site))
        try await app.test(.router) { client in try await body(client) }
    }

    static func text(_ response: TestResponse) -> String { String(buffer: response.body) }

    @Test("the list shows the article with its site, versions and last change; filters narrow it")
    func list() async throws {
        try await withClient { client in
            try await client.execute(uri: "/", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/html; charset=utf-8")
                let html = Self.text(response)
                #expect(html.contains("Russia Blames NATO"))
                #expect(html.contains("3 versions"))
                #expect(html.contains("href=\"/a/\(Fixtures.belgorodID)\""))
                #expect(html.contains("FCDO"), "the last change summary names the FCDO statement")
                #expect(html.contains("<span class=\"tag tag-quote\">quote</span>"))
            }
            try await client.execute(uri: "/?q=belgorod", method: .get) { response in
                let html = Self.text(response)
                #expect(html.contains("Russia Blames NATO"))
                #expect(!html.contains("/a/\(Fixtures.hostileID)\""))
            }
            try await client.execute(uri: "/?q=no+such+article", method: .get) { response in
                #expect(Self.text(response).contains("No article matches these filters."))
            }
            try await client.execute(uri: "/?quotes=1", method: .get) { response in
                let html = Self.text(response)
                #expect(html.contains("/a/\(Fixtures.belgorodID)\""))
                #expect(!html.contains("/a/\(Fixtures.hostileID)\""), "the hostile article has no quote change")
            }
            try await client.execute(uri: "/?today=1", method: .get) { response in
                #expect(Self.text(response).contains("No article matches"), "the samples were captured years ago")
            }
            try await client.execute(uri: "/?site=Newsweek", method: .get) { response in
                let html = Self.text(response)
                #expect(html.contains("/a/\(Fixtures.belgorodID)\""))
                #expect(html.contains("<option value=\"Newsweek\" selected>"))
            }
        }
    }

    @Test("the history is a timeline of versions with summaries, labels and diff links")
    func history() async throws {
        try await withClient { client in
            try await client.execute(uri: "/a/\(Fixtures.belgorodID)", method: .get) { response in
                #expect(response.status == .ok)
                let html = Self.text(response)
                #expect(html.contains("v1</a>"))
                #expect(html.contains("v3</a>"))
                #expect(html.contains("first version"))
                #expect(html.contains("/a/\(Fixtures.belgorodID)/diff/2..3"))
                #expect(html.contains("tag-quote"))
                #expect(html.contains("2024-01-03 15:02 UTC"))
                // Newest first.
                let v3 = try #require(html.range(of: ">v3</a>")), v1 = try #require(html.range(of: ">v1</a>"))
                #expect(v3.lowerBound < v1.lowerBound)
            }
            // A percent-encoded id reaches the same page.
            let encoded = Fixtures.belgorodID.replacingOccurrences(of: "/", with: "%2F")
            try await client.execute(uri: "/a/\(encoded)", method: .get) { response in
                #expect(response.status == .ok)
                #expect(Self.text(response).contains("/diff/2..3"))
            }
            // A unique prefix redirects to the article.
            try await client.execute(uri: "/a/newsweek.com/russia-blames", method: .get) { response in
                #expect(response.status == .found)
                #expect(response.headers[.location] == "/a/\(Fixtures.belgorodID)")
            }
        }
    }

    @Test("a failed check is shown in the history as such, and a flip-flop as a revert")
    func failuresAndReverts() async throws {
        let (archive, directory) = try Fixtures.archive()
        defer { try? FileManager.default.removeItem(at: directory) }
        try archive.recordCheck(
            articleID: Fixtures.belgorodID, at: Date(timeIntervalSince1970: 1_704_400_000), outcome: .failed, httpStatus: 503,
            error: "the server answered 503")
        // Version 4 restores version 2 exactly: a flip-flop.
        let captures = try Fixtures.captures("belgorod")
        let outcome = try archive.snapshot(Capture(
            body: [UInt8](try Data(contentsOf: captures[1].file)), capturedAt: Date(timeIntervalSince1970: 1_704_500_000),
            timeZone: TimeZone(identifier: "UTC") ?? .current, sourceFileName: captures[1].file.lastPathComponent))
        guard case .newVersion(4, _, _, _, let revertOf) = outcome else {
            Issue.record("expected version 4, got \(outcome)")
            return
        }
        #expect(revertOf == 2)
        let site = try StetSite(archive: archive)
        let html = site.respond(path: "/a/\(Fixtures.belgorodID)").body
        #expect(html.contains("failed check"))
        #expect(html.contains("the server answered 503 (HTTP 503)"))
        #expect(html.contains("flip-flop: back to v2"))
        #expect(html.contains("class=\"event revert\""))
    }

    @Test("an article with only failed checks has a history page and no versions")
    func articleWithoutVersions() throws {
        let (archive, directory) = try Fixtures.archive()
        defer { try? FileManager.default.removeItem(at: directory) }
        try archive.recordCheck(
            articleID: "example.org/never-fetched", at: Date(timeIntervalSince1970: 1_704_400_000), outcome: .failed, httpStatus: 404,
            error: "not found", url: "https://example.org/never-fetched")
        let site = try StetSite(archive: archive)
        let history = site.respond(path: "/a/example.org/never-fetched")
        #expect(history.status == 200)
        #expect(history.body.contains("failed check"))
        #expect(history.body.contains("No versions yet."))
        #expect(site.respond(path: "/a/example.org/never-fetched/diff/1..2").status == 404)
        #expect(site.respond(path: "/a/example.org/never-fetched/v/1").status == 404)
        #expect(site.respond(path: "/a/example.org/never-fetched/timeline").status == 200)
        let feed = site.respond(path: "/a/example.org/never-fetched/feed.atom")
        #expect(feed.status == 200)
        #expect(!feed.body.contains("<entry>"))
        #expect(!site.respond(path: "/").body.contains("never-fetched"), "the list shows articles with versions")
    }

    @Test("the diff page shows the added FCDO statement with its quote label, grouped by paragraph")
    func diffPage() async throws {
        try await withClient { client in
            try await client.execute(uri: "/a/\(Fixtures.belgorodID)/diff/2..3", method: .get) { response in
                #expect(response.status == .ok)
                let html = Self.text(response)
                #expect(html.contains("FCDO"))
                #expect(html.contains("<div class=\"change added\">"))
                #expect(html.contains("quote added — FCDO spokesperson"), "the quote facet names its speaker")
                #expect(html.contains("facet-quote"))
                #expect(html.contains("<ins>"))
                #expect(html.contains("<section class=\"paragraph"))
                #expect(html.contains("<details"), "unchanged text is folded")
                #expect(html.contains("rel=\"prev\""), "a link to the previous change")
                #expect(!html.contains("rel=\"next\""), "3 is the latest version")
                #expect(html.contains("/a/\(Fixtures.belgorodID)/diff/1..2"))
                #expect(html.contains("?minor=hide"))
                #expect(response.headers[.init("Content-Security-Policy")!]?.contains("default-src 'none'") == true)
            }
            try await client.execute(uri: "/a/\(Fixtures.belgorodID)/diff/1..2", method: .get) { response in
                #expect(response.status == .ok)
                let html = Self.text(response)
                #expect(html.contains("rel=\"next\""))
                #expect(html.contains("<del>"), "the revised figure shows word-level highlights")
                #expect(html.contains("facet-figure"))
            }
            try await client.execute(uri: "/a/\(Fixtures.belgorodID)/diff/1..2?minor=hide", method: .get) { response in
                #expect(response.status == .ok)
                #expect(Self.text(response).contains("show minor changes"))
            }
        }
    }

    @Test("unknown articles and bad version ranges get a friendly error page")
    func errors() async throws {
        try await withClient { client in
            try await client.execute(uri: "/a/nowhere.example/nothing", method: .get) { response in
                #expect(response.status == .notFound)
                let html = Self.text(response)
                #expect(html.contains("<h1>Not found</h1>"))
                #expect(html.contains("No article has the id"))
                #expect(html.contains("Back to the articles"))
            }
            try await client.execute(uri: "/a/\(Fixtures.belgorodID)/diff/2..9", method: .get) { response in
                #expect(response.status == .notFound)
                #expect(Self.text(response).contains("This article has 3 versions"))
            }
            try await client.execute(uri: "/a/\(Fixtures.belgorodID)/diff/x..2", method: .get) { response in
                #expect(response.status == .badRequest)
                #expect(Self.text(response).contains("is not a version"))
            }
            try await client.execute(uri: "/a/\(Fixtures.belgorodID)/diff/2..2", method: .get) { response in
                #expect(response.status == .badRequest)
            }
            try await client.execute(uri: "/a/\(Fixtures.belgorodID)/v/0", method: .get) { response in
                #expect(response.status == .badRequest || response.status == .notFound)
            }
            try await client.execute(uri: "/nothing-here", method: .get) { response in
                #expect(response.status == .notFound)
            }
            try await client.execute(uri: "/api/a/nowhere/nothing", method: .get) { response in
                #expect(response.status == .notFound)
                let json = try JSONSerialization.jsonObject(with: Data(Self.text(response).utf8)) as? [String: Any]
                #expect(json?["schema"] as? String == "stet.error/1")
                #expect(json?["status"] as? Int == 404)
            }
        }
    }

    @Test("the version page shows the text with blame shading")
    func versionPage() async throws {
        try await withClient { client in
            try await client.execute(uri: "/a/\(Fixtures.belgorodID)/v/3", method: .get) { response in
                #expect(response.status == .ok)
                let html = Self.text(response)
                #expect(html.contains("Version 3 of 3"))
                #expect(html.contains("FCDO"))
                #expect(html.contains("title=\"since version 3"), "the FCDO statement was introduced by version 3")
                #expect(html.contains("title=\"since version 1"))
                #expect(html.contains("class=\"legend\""))
                #expect(html.contains("rel=\"prev\""))
            }
            try await client.execute(uri: "/a/\(Fixtures.belgorodID)/v/latest", method: .get) { response in
                #expect(response.status == .ok)
                #expect(Self.text(response).contains("Version 3 of 3"))
            }
        }
    }

    @Test("the timeline lists quotes and figures across versions")
    func timeline() async throws {
        try await withClient { client in
            try await client.execute(uri: "/a/\(Fixtures.belgorodID)/timeline", method: .get) { response in
                #expect(response.status == .ok)
                let html = Self.text(response)
                #expect(html.contains("<h2>Quotes</h2>"))
                #expect(html.contains("<h2>Figures</h2>"))
                #expect(html.contains("FCDO spokesperson"))
                #expect(html.contains("new in v3"))
                #expect(html.contains("class=\"cell cell-added\" title=\"v3: added\""), "the FCDO quote's strip marks v3")
                #expect(html.contains("title=\"v1: absent\""))
            }
        }
    }

    @Test("the JSON API mirrors the CLI documents")
    func api() async throws {
        try await withClient { client in
            try await client.execute(uri: "/api/articles", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "application/json; charset=utf-8")
                let json = try JSONSerialization.jsonObject(with: Data(Self.text(response).utf8)) as? [String: Any]
                #expect(json?["schema"] as? String == "stet.list/1")
                let articles = json?["articles"] as? [[String: Any]] ?? []
                #expect(articles.contains { $0["id"] as? String == Fixtures.belgorodID && $0["versionCount"] as? Int == 3 })
            }
            try await client.execute(uri: "/api/a/\(Fixtures.belgorodID)", method: .get) { response in
                let json = try JSONSerialization.jsonObject(with: Data(Self.text(response).utf8)) as? [String: Any]
                #expect(json?["schema"] as? String == "stet.log/1")
                #expect((json?["versions"] as? [Any])?.count == 3)
            }
            try await client.execute(uri: "/api/a/\(Fixtures.belgorodID)/diff/2..3", method: .get) { response in
                #expect(response.status == .ok)
                let diff = try JSONDecoder().decode(ArticleDiff.self, from: Data(Self.text(response).utf8))
                #expect(diff.schema == "stet.diff/1")
                #expect(diff.counts.quoteChanges >= 1)
                #expect(diff.sentences.new.contains { $0.contains("FCDO") })
            }
            try await client.execute(uri: "/api/a/\(Fixtures.belgorodID)/v/2", method: .get) { response in
                let json = try JSONSerialization.jsonObject(with: Data(Self.text(response).utf8)) as? [String: Any]
                #expect(json?["schema"] as? String == "stet.version/1")
                #expect(json?["number"] as? Int == 2)
            }
            try await client.execute(uri: "/api/a/\(Fixtures.belgorodID)/timeline", method: .get) { response in
                let json = try JSONSerialization.jsonObject(with: Data(Self.text(response).utf8)) as? [String: Any]
                #expect(json?["schema"] as? String == "stet.timeline/1")
                let entries = json?["entries"] as? [[String: Any]] ?? []
                #expect(entries.contains { $0["kind"] as? String == "quote" && $0["firstVersion"] as? Int == 3 })
            }
            try await client.execute(uri: "/api/a/\(Fixtures.belgorodID)/blame/3", method: .get) { response in
                let json = try JSONSerialization.jsonObject(with: Data(Self.text(response).utf8)) as? [String: Any]
                #expect(json?["schema"] as? String == "stet.blame/1")
                let sentences = json?["sentences"] as? [[String: Any]] ?? []
                #expect(sentences.contains { ($0["text"] as? String)?.contains("FCDO") == true && $0["since"] as? Int == 3 })
                #expect(sentences.contains { $0["since"] as? Int == 1 })
            }
        }
    }

    @Test("article text with <script> and onerror= is escaped everywhere")
    func hostileMarkupIsInert() async throws {
        try await withClient { client in
            let pages = [
                "/", "/a/\(Fixtures.hostileID)", "/a/\(Fixtures.hostileID)/diff/1..2", "/a/\(Fixtures.hostileID)/v/2",
                "/a/\(Fixtures.hostileID)/v/1", "/a/\(Fixtures.hostileID)/timeline",
            ]
            for page in pages {
                try await client.execute(uri: page, method: .get) { response in
                    #expect(response.status == .ok, "\(page)")
                    let html = Self.text(response)
                    #expect(!html.contains("<script"), "\(page) holds a live <script>")
                    #expect(!html.contains("<img"), "\(page) holds a live <img>")
                    #expect(!html.contains("<b>Site"), "\(page) holds live markup from the site name")
                    #expect(html.contains("&lt;script&gt;"), "\(page) shows the script as text")
                    #expect(!html.lowercased().contains("href=\"javascript:"), "\(page) links a javascript: URL")
                }
            }
            try await client.execute(uri: "/a/\(Fixtures.hostileID)/diff/1..2", method: .get) { response in
                let html = Self.text(response)
                #expect(html.contains("&lt;img src=x onerror=&quot;document.title=&#39;PWNED&#39;&quot;&gt;"))
            }
        }
    }

    @Test("the style sheet is served and the layout links it")
    func stylesheet() async throws {
        try await withClient { client in
            try await client.execute(uri: "/style.css", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/css; charset=utf-8")
                #expect(Self.text(response).contains("prefers-color-scheme"))
            }
        }
    }
}
