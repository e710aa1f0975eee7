// Real pages from the shared corpus, served over loopback (plain and gzip), must reach the sink
// byte for byte: the fetcher never re-encodes what it received.
import Foundation
import Testing
import StetWatch

private func corpusPages(limit: Int) -> [URL] {
    // <root>/Tests/StetWatchTests/Fetching/this file → <root>/../shared/corpus
    var root = URL(fileURLWithPath: #filePath)
    for _ in 0..<4 { root.deleteLastPathComponent() }
    let extraction = root.deletingLastPathComponent().appendingPathComponent("shared/corpus/extraction")
    let fm = FileManager.default
    guard let sources = try? fm.contentsOfDirectory(atPath: extraction.path).sorted() else { return [] }
    var pages: [URL] = []
    for source in sources {
        let dir = extraction.appendingPathComponent(source)
        guard let cases = try? fm.contentsOfDirectory(atPath: dir.path).sorted() else { continue }
        for c in cases.prefix(2) {
            let file = dir.appendingPathComponent(c).appendingPathComponent("source.html")
            if fm.fileExists(atPath: file.path) { pages.append(file) }
        }
    }
    return Array(pages.prefix(limit))
}

@Suite("Corpus pages pass through untouched")
struct CorpusPassthroughTests {
    @Test("Plain and gzip-encoded corpus pages arrive byte-identical", .enabled(if: !corpusPages(limit: 1).isEmpty))
    func passthrough() async throws {
        let files = corpusPages(limit: 6)
        let bodies = try files.map { Array(try Data(contentsOf: $0)) }
        let server = try await TestServer.start { req in
            let parts = req.path.split(separator: "/")
            guard parts.count == 2, let i = Int(parts[1]), bodies.indices.contains(i) else { return TestResponse(status: 404) }
            if parts[0] == "gz" {
                return TestResponse(headers: [("Content-Type", "text/html"), ("Content-Encoding", "gzip")],
                                    body: Gzip.compress(bodies[i]))
            }
            return TestResponse(headers: [("Content-Type", "text/html; charset=iso-8859-1")], body: bodies[i])
        }
        // Generous timeouts: this test checks bytes, not speed, and runs beside the whole suite.
        let policy = testPolicy { $0.totalTimeout = .seconds(60); $0.readTimeout = .seconds(60) }
        let results = try await Fetcher.withFetcher(policy: policy) { f in
            var out: [(Int, FetchResult, FetchResult)] = []
            for i in bodies.indices {
                out.append((i, await f.fetch(FetchRequest(url: server.url("/plain/\(i)"))),
                            await f.fetch(FetchRequest(url: server.url("/gz/\(i)")))))
            }
            return out
        }
        await server.shutdown()
        #expect(results.count == files.count)
        for (i, plain, gz) in results {
            guard case .page(let p) = plain, case .page(let g) = gz else {
                Issue.record("\(files[i].path): plain \(Self.outcome(plain)), gzip \(Self.outcome(gz))"); continue
            }
            #expect(p.body == bodies[i], "\(files[i].path)")
            #expect(g.body == bodies[i], "\(files[i].path) (gzip)")
            #expect(p.contentType == "text/html; charset=iso-8859-1")
        }
    }

    /// A short description of a fetch result (not the whole body).
    static func outcome(_ result: FetchResult) -> String {
        switch result {
        case .page(let page): "page \(page.status), \(page.bytes) bytes"
        case .notModified: "not modified"
        case .failure(let failure): "failure: \(failure.message)"
        }
    }
}
