import Foundation
import Testing

/// `stet snapshot URL` and `stet extract URL` against a server on 127.0.0.1: one GET through the
/// watcher's fetcher (redirects followed, its User-Agent, HTTP errors as one-line errors).
@Suite("Fetching a URL from the command line", .serialized)
struct FetchCommandTests {
    @Test func snapshotAndExtractFollowRedirectsAndReportHTTPErrors() async throws {
        let pages = try WatchCommandTests.pages()
        try await WatchCommandTests.withServer({ request in
            switch request.path {
            case "/old-link": return WatchResponse(status: 301, headers: [("Location", "/news/belgorod.html")])
            case "/news/belgorod.html": return WatchCommandTests.html(pages[2])
            default: return WatchResponse.text("not here", status: 404)
            }
        }) { server in
            let runner = try StetRunner()
            defer { runner.cleanUp() }
            let snapshot = try runner.run(["snapshot", server.url("/old-link").absoluteString])
            #expect(snapshot.succeeded, "\(snapshot.stderr)")
            #expect(snapshot.stdout.contains("new version 1 of \"Russia Blames NATO Countries"), "\(snapshot.stdout)")
            // The final URL is recorded: the article is found by it.
            let log = try runner.run(["log", server.url("/news/belgorod.html").absoluteString])
            #expect(log.succeeded, "\(log.stderr)")

            let extract = try runner.run(["extract", server.url("/old-link").absoluteString, "--format", "json"], archive: false)
            #expect(extract.succeeded, "\(extract.stderr)")
            let object = try JSONSerialization.jsonObject(with: Data(extract.stdout.utf8)) as? [String: Any]
            #expect(object?["title"] as? String == "Russia Blames NATO Countries for 'Terror Attack' on Belgorod")
            #expect((object?["text"] as? String)?.contains("baseless conspiracy theories") == true)

            try runner.run(["snapshot", server.url("/missing").absoluteString]).expectCleanError(containing: "404")
            try runner.run(["extract", server.url("/missing").absoluteString], archive: false).expectCleanError(containing: "404")
            // Every request carried stet's User-Agent.
            #expect(server.requests.allSatisfy { ($0.header("User-Agent") ?? "").hasPrefix("stet/") })
            #expect(server.requests.count >= 6)
        }
    }
}
