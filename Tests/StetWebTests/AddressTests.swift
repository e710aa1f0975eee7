@testable import StetWeb
import Testing

@Suite("Listen address and article routes")
struct AddressTests {
    @Test("loopback addresses are accepted, others need --allow-remote")
    func loopbackPolicy() throws {
        for text in ["127.0.0.1:8080", "localhost:80", "[::1]:8080", ":0", "9000", "127.1.2.3:1"] {
            let address = try ListenAddress(parsing: text)
            #expect(address.isLoopback, "\(text)")
            try address.check(allowRemote: false)
        }
        for text in ["0.0.0.0:8080", "192.168.1.5:80", "[::]:8080", "example.org:80", "127.0.0.1.example.org:80"] {
            let address = try ListenAddress(parsing: text)
            #expect(!address.isLoopback, "\(text)")
            #expect(throws: ListenAddressError.remoteNotAllowed(address)) { try address.check(allowRemote: false) }
            try address.check(allowRemote: true)
        }
        #expect(try ListenAddress(parsing: ":0") == ListenAddress(host: "127.0.0.1", port: 0))
    }

    @Test("malformed addresses are refused with a clear error")
    func malformed() {
        for text in ["", "127.0.0.1:", "127.0.0.1:99999", "host:port", "[::1", "a b:80", "::1:80"] {
            #expect(throws: ListenAddressError.self, "\(text)") { try ListenAddress(parsing: text) }
        }
    }

    @Test("article paths split into id and view, whatever slashes the id holds")
    func routes() {
        let articles: Set<String> = ["site.com/story", "plain", "a/timeline-story"]
        let isArticle: (String) -> Bool = { articles.contains($0) }
        func parse(_ path: String) -> ArticleRoute? { ArticleRoute.parse(Substring(path), isArticle: isArticle) }
        #expect(parse("site.com/story") == ArticleRoute(articleID: "site.com/story", view: .history))
        #expect(parse("site.com%2Fstory") == ArticleRoute(articleID: "site.com/story", view: .history))
        #expect(parse("site.com/story/diff/2..3") == ArticleRoute(articleID: "site.com/story", view: .diff(from: "2", to: "3")))
        #expect(parse("site.com/story/v/latest") == ArticleRoute(articleID: "site.com/story", view: .version("latest")))
        #expect(parse("site.com/story/timeline") == ArticleRoute(articleID: "site.com/story", view: .timeline))
        #expect(parse("site.com/story/feed.atom") == ArticleRoute(articleID: "site.com/story", view: .feed))
        #expect(parse("plain/timeline") == ArticleRoute(articleID: "plain", view: .timeline))
        #expect(parse("a/timeline-story") == ArticleRoute(articleID: "a/timeline-story", view: .history))
        #expect(parse("unknown/timeline") == ArticleRoute(articleID: "unknown/timeline", view: .history))
        #expect(parse("") == nil)
        #expect(ArticleRoute.path("site.com/story", .diff(from: "1", to: "2")) == "/a/site.com/story/diff/1..2")
    }

    @Test("query strings decode form encoding")
    func query() {
        #expect(WebServer.parseQuery("q=fcdo+quote&site=News%20week&quotes=1&q=second") == ["q": "fcdo quote", "site": "News week", "quotes": "1"])
        #expect(WebServer.parseQuery(nil) == [:])
        #expect(WebServer.parseQuery("flag") == ["flag": ""])
    }
}
