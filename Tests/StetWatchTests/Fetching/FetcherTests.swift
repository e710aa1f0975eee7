import Foundation
import Testing
import StetWatch

// Serialized: the spacing and timeout tests measure time, and the gzip-bomb test keeps an event
// loop busy inflating; run side by side on two cores they would blur each other's clocks.
@Suite("Fetcher against a loopback server", .serialized)
struct FetcherTests {
    @Test("A page comes back with its status, headers, validators and an honest User-Agent")
    func plainPage() async throws {
        let server = try await TestServer.start { _ in
            .text("<p>hello</p>", headers: [("ETag", "\"v1\""), ("Last-Modified", "Tue, 01 Jan 2030 00:00:00 GMT")])
        }
        let result = try await Fetcher.withFetcher(policy: testPolicy()) { await $0.fetch(FetchRequest(url: server.url("/a"))) }
        await server.shutdown()
        guard case .page(let page) = result else { Issue.record("expected a page, got \(result)"); return }
        #expect(page.status == 200)
        #expect(page.body == Array("<p>hello</p>".utf8))
        #expect(page.bytes == 12)
        #expect(page.contentType == "text/html; charset=utf-8")
        #expect(page.validators == Validators(etag: "\"v1\"", lastModified: "Tue, 01 Jan 2030 00:00:00 GMT"))
        #expect(page.finalURL == server.url("/a"))
        #expect(page.redirects.isEmpty)
        let ua = server.requests.first?.header("User-Agent") ?? ""
        #expect(ua.hasPrefix("stet/"))
        #expect(ua.contains("news-diff archiver"))
        #expect(server.requests.first?.header("If-None-Match") == nil)
    }

    @Test("ETag: the stored validator is sent and a 304 is a check, not a version")
    func etagNotModified() async throws {
        let server = try await TestServer.start { req in
            req.header("If-None-Match") == "\"abc\"" ? TestResponse(status: 304, headers: [("ETag", "\"abc\"")])
                : .text("body", headers: [("ETag", "\"abc\"")])
        }
        let (first, second) = try await Fetcher.withFetcher(policy: testPolicy()) { f in
            let first = await f.fetch(FetchRequest(url: server.url("/e")))
            let v: Validators
            if case .page(let p) = first { v = p.validators } else { v = Validators() }
            return (first, await f.fetch(FetchRequest(url: server.url("/e"), validators: v)))
        }
        await server.shutdown()
        guard case .page = first else { Issue.record("first fetch: \(first)"); return }
        guard case .notModified(let nm) = second else { Issue.record("expected 304, got \(second)"); return }
        #expect(nm.validators.etag == "\"abc\"")
        #expect(server.requests.count == 2)
        #expect(server.requests[1].header("If-None-Match") == "\"abc\"")
    }

    @Test("Last-Modified: If-Modified-Since is sent and a 304 keeps the validators")
    func lastModifiedNotModified() async throws {
        let lm = "Wed, 02 Jan 2030 10:00:00 GMT"
        let server = try await TestServer.start { req in
            req.header("If-Modified-Since") == lm ? TestResponse(status: 304)
                : .text("body", headers: [("Last-Modified", lm)])
        }
        let result = try await Fetcher.withFetcher(policy: testPolicy()) {
            await $0.fetch(FetchRequest(url: server.url("/lm"), validators: Validators(lastModified: lm)))
        }
        await server.shutdown()
        guard case .notModified(let nm) = result else { Issue.record("expected 304, got \(result)"); return }
        #expect(nm.validators.lastModified == lm)
        #expect(server.requests.first?.header("If-None-Match") == nil)
    }

    @Test("A redirect chain is followed, kept, and the final URL recorded")
    func redirectChain() async throws {
        let server = try await TestServer.start { req in
            switch req.path {
            case "/old": TestResponse(status: 301, headers: [("Location", "/middle")])
            case "/middle": TestResponse(status: 302, headers: [("Location", "final?x=1")])
            case "/final?x=1": .text("arrived")
            default: TestResponse(status: 404)
            }
        }
        let result = try await Fetcher.withFetcher(policy: testPolicy()) { await $0.fetch(FetchRequest(url: server.url("/old"))) }
        await server.shutdown()
        guard case .page(let page) = result else { Issue.record("expected a page, got \(result)"); return }
        #expect(page.finalURL == server.url("/final?x=1"))
        #expect(page.requestedURL == server.url("/old"))
        #expect(page.redirects.map(\.status) == [301, 302])
        #expect(page.redirects.map(\.to) == [server.url("/middle"), server.url("/final?x=1")])
        #expect(page.body == Array("arrived".utf8))
    }

    @Test("A redirect loop fails clearly, naming the loop")
    func redirectLoop() async throws {
        let server = try await TestServer.start { req in
            TestResponse(status: 302, headers: [("Location", req.path == "/a" ? "/b" : "/a")])
        }
        let result = try await Fetcher.withFetcher(policy: testPolicy()) { await $0.fetch(FetchRequest(url: server.url("/a"))) }
        await server.shutdown()
        guard case .failure(let failure) = result else { Issue.record("expected a failure, got \(result)"); return }
        #expect(failure.reason == .redirectLoop)
        #expect(failure.message.contains("loop"))
        #expect(server.requests.count == 2)
    }

    @Test("Too many redirects fail with the limit")
    func tooManyRedirects() async throws {
        let server = try await TestServer.start { req in
            let n = Int(req.path.dropFirst()) ?? 0
            return TestResponse(status: 307, headers: [("Location", "/\(n + 1)")])
        }
        let result = try await Fetcher.withFetcher(policy: testPolicy { $0.maxRedirects = 3 }) {
            await $0.fetch(FetchRequest(url: server.url("/0")))
        }
        await server.shutdown()
        guard case .failure(let failure) = result else { Issue.record("expected a failure, got \(result)"); return }
        #expect(failure.reason == .tooManyRedirects(limit: 3))
        #expect(server.requests.count == 4)
    }

    @Test("A server that stalls before answering times out")
    func stallBeforeHead() async throws {
        let server = try await TestServer.start { _ in
            var r = TestResponse.text("late")
            r.delayBeforeHead = .seconds(60)
            return r
        }
        let start = ContinuousClock.now
        let result = try await Fetcher.withFetcher(policy: testPolicy { $0.totalTimeout = .seconds(1) }) {
            await $0.fetch(FetchRequest(url: server.url("/slow")))
        }
        let took = ContinuousClock.now - start
        await server.shutdown()
        guard case .failure(let failure) = result else { Issue.record("expected a failure, got \(result)"); return }
        #expect(failure.reason == .timeout)
        // Given up at the timeout, not waited out (the server would stall for a minute).
        #expect(took < .seconds(30))
    }

    @Test("A server that stalls in the middle of the body times out too")
    func stallMidBody() async throws {
        let server = try await TestServer.start { _ in
            TestResponse(headers: [("Content-Type", "text/html")],
                         chunks: [(Array("<p>first".utf8), .zero), (Array(" second</p>".utf8), .seconds(60))])
        }
        let start = ContinuousClock.now
        let result = try await Fetcher.withFetcher(policy: testPolicy { $0.totalTimeout = .seconds(1) }) {
            await $0.fetch(FetchRequest(url: server.url("/drip")))
        }
        let took = ContinuousClock.now - start
        await server.shutdown()
        guard case .failure(let failure) = result else { Issue.record("expected a failure, got \(result)"); return }
        #expect(failure.reason == .timeout)
        // Given up at the timeout, not waited out (the server would stall for a minute).
        #expect(took < .seconds(30))
    }

    @Test("An oversized body fails as tooLarge, by declared length or by bytes received")
    func oversized() async throws {
        let big = [UInt8](repeating: 0x61, count: 50_000)
        let server = try await TestServer.start { req in
            req.path == "/declared" ? TestResponse(body: big)
                : TestResponse(chunks: (0..<10).map { _ in (Array(big[0..<5_000]), Duration.zero) })
        }
        let (declared, streamed) = try await Fetcher.withFetcher(policy: testPolicy { $0.maxBodyBytes = 20_000 }) { f in
            (await f.fetch(FetchRequest(url: server.url("/declared"))), await f.fetch(FetchRequest(url: server.url("/streamed"))))
        }
        await server.shutdown()
        guard case .failure(let a) = declared, case .failure(let b) = streamed else {
            Issue.record("expected failures, got \(declared) and \(streamed)"); return
        }
        #expect(a.reason == .tooLarge(limit: 20_000))
        #expect(b.reason == .tooLarge(limit: 20_000))
        #expect(a.status == 200)
    }

    @Test("A gzip page is decompressed")
    func gzipPage() async throws {
        let html = Array("<html><body><p>Hello, compressed world.</p></body></html>".utf8)
        let gz = Gzip.compress([.bytes(html), .run(0x20, count: 2_000), .bytes(Array("<!-- end -->".utf8))])
        let server = try await TestServer.start { req in
            TestResponse(headers: [("Content-Type", "text/html"), ("Content-Encoding", "gzip")], body: gz)
        }
        let result = try await Fetcher.withFetcher(policy: testPolicy()) { await $0.fetch(FetchRequest(url: server.url("/gz"))) }
        await server.shutdown()
        guard case .page(let page) = result else { Issue.record("expected a page, got \(result)"); return }
        #expect(page.body == html + [UInt8](repeating: 0x20, count: 2_000) + Array("<!-- end -->".utf8))
        #expect(server.requests.first?.header("Accept-Encoding")?.contains("gzip") == true)
    }

    @Test("A gzip bomb fails as decompressionBomb without inflating it (ratio limit and size cap)")
    func gzipBomb() async throws {
        // 128 MiB of zeros in about 0.8 MB.
        let bomb = Gzip.compress([.bytes(Array("<html>".utf8)), .run(0, count: 128 << 20)], checksum: false)
        #expect(bomb.count < 1_000_000)
        let chunks = stride(from: 0, to: bomb.count, by: 16_384).map {
            (Array(bomb[$0..<min($0 + 16_384, bomb.count)]), Duration.zero)
        }
        let server = try await TestServer.start { _ in
            TestResponse(headers: [("Content-Type", "text/html"), ("Content-Encoding", "gzip")], chunks: chunks)
        }
        let before = peakResidentBytes()
        // Ratio limit (100×) trips first…
        let byRatio = try await Fetcher.withFetcher(policy: testPolicy()) { await $0.fetch(FetchRequest(url: server.url("/bomb"))) }
        // …and with a lax ratio, the decompressed-size cap does.
        let bySize = try await Fetcher.withFetcher(policy: testPolicy {
            $0.maxDecompressionRatio = 100_000
            $0.maxDecompressedBytes = 4 << 20
        }) { await $0.fetch(FetchRequest(url: server.url("/bomb"))) }
        let after = peakResidentBytes()
        await server.shutdown()
        guard case .failure(let a) = byRatio, case .failure(let b) = bySize else {
            Issue.record("expected failures, got \(byRatio) and \(bySize)"); return
        }
        guard case .decompressionBomb = a.reason else { Issue.record("ratio: \(a)"); return }
        #expect(b.reason == .decompressionBomb(limit: 4 << 20))
        // Never anywhere near the 128 MiB the bomb would inflate to.
        #expect(after - before < 64 << 20, "peak RSS grew by \(after - before) bytes")
    }

    @Test("A wrong charset header is passed through untouched: the extractor decides")
    func wrongCharsetUntouched() async throws {
        // Latin-1 bytes ("café – naïve") under a header that claims UTF-8.
        let latin1: [UInt8] = [0x63, 0x61, 0x66, 0xE9, 0x20, 0x96, 0x20, 0x6E, 0x61, 0xEF, 0x76, 0x65]
        let server = try await TestServer.start { _ in
            TestResponse(headers: [("Content-Type", "text/html; charset=UTF-8")], body: latin1)
        }
        let result = try await Fetcher.withFetcher(policy: testPolicy()) { await $0.fetch(FetchRequest(url: server.url("/c"))) }
        await server.shutdown()
        guard case .page(let page) = result else { Issue.record("expected a page, got \(result)"); return }
        #expect(page.body == latin1)
        #expect(page.contentType == "text/html; charset=UTF-8")
    }

    @Test("429 with Retry-After: reported, and the host is not asked again before it ends")
    func retryAfterHonored() async throws {
        let hits = Locked(0)
        let server = try await TestServer.start { _ in
            let n = hits.withLock { $0 += 1; return $0 }
            return n == 1 ? TestResponse(status: 429, headers: [("Retry-After", "1")]) : .text("ok")
        }
        let (first, second) = try await Fetcher.withFetcher(policy: testPolicy { $0.maxHostWait = .seconds(5) }) { f in
            (await f.fetch(FetchRequest(url: server.url("/r"))), await f.fetch(FetchRequest(url: server.url("/other"))))
        }
        await server.shutdown()
        guard case .failure(let failure) = first else { Issue.record("expected 429, got \(first)"); return }
        #expect(failure.reason == .http(status: 429))
        #expect(failure.retryAfter == .seconds(1))
        guard case .page = second else { Issue.record("expected a page after waiting, got \(second)"); return }
        let reqs = server.requests
        #expect(reqs.count == 2)
        if reqs.count == 2 { #expect(reqs[1].arrival - reqs[0].arrival >= .milliseconds(950)) }
    }

    @Test("A Retry-After longer than we wait makes requests fail at once, unsent")
    func retryAfterTooLong() async throws {
        let server = try await TestServer.start { _ in TestResponse(status: 503, headers: [("Retry-After", "120")]) }
        let (first, second) = try await Fetcher.withFetcher(policy: testPolicy { $0.maxHostWait = .seconds(1) }) { f in
            (await f.fetch(FetchRequest(url: server.url("/x"))), await f.fetch(FetchRequest(url: server.url("/y"))))
        }
        await server.shutdown()
        guard case .failure(let a) = first, case .failure(let b) = second else { Issue.record("\(first) \(second)"); return }
        #expect(a.reason == .http(status: 503))
        #expect(a.retryAfter == .seconds(120))
        #expect(b.reason == .hostBackoff)
        #expect((b.retryAfter ?? .zero) > .seconds(100))
        #expect(server.requests.count == 1)
    }

    @Test("Per-host spacing: concurrent fetches to one host start at least the spacing apart")
    func perHostSpacing() async throws {
        let server = try await TestServer.start { _ in .text("x") }
        let results = try await Fetcher.withFetcher(policy: testPolicy { $0.perHostSpacing = .milliseconds(200) }) { f in
            // Warm the connection so that connection set-up time does not blur the arrivals.
            _ = await f.fetch(FetchRequest(url: server.url("/warm")))
            return await withTaskGroup(of: FetchResult.self) { group in
                for i in 0..<4 { group.addTask { await f.fetch(FetchRequest(url: server.url("/s\(i)"))) } }
                var all: [FetchResult] = []
                for await r in group { all.append(r) }
                return all
            }
        }
        await server.shutdown()
        #expect(results.allSatisfy { if case .page = $0 { true } else { false } })
        let arrivals = server.requests.filter { $0.path != "/warm" }.map(\.arrival).sorted()
        #expect(arrivals.count == 4)
        if let first = arrivals.first, let last = arrivals.last { #expect(last - first >= .milliseconds(520)) }
        for (a, b) in zip(arrivals, arrivals.dropFirst()) {
            // Starts are exactly 200 ms apart (HostGateTests); arrivals also carry each request's own
            // latency, which a loaded machine makes jitter, hence the margin.
            #expect(b - a >= .milliseconds(120), "gap \(b - a)")
        }
    }

    @Test("Per-host concurrency: never more requests in flight than the limit")
    func perHostConcurrency() async throws {
        let active = Locked((now: 0, peak: 0))
        let server = try await TestServer.start { _ in
            active.withLock { $0.now += 1; $0.peak = max($0.peak, $0.now) }
            try? await Task.sleep(for: .milliseconds(80))
            active.withLock { $0.now -= 1 }
            return .text("x")
        }
        _ = try await Fetcher.withFetcher(policy: testPolicy { $0.perHostConcurrency = 2 }) { f in
            await withTaskGroup(of: Void.self) { group in
                for i in 0..<6 { group.addTask { _ = await f.fetch(FetchRequest(url: server.url("/c\(i)"))) } }
            }
        }
        await server.shutdown()
        #expect(server.requests.count == 6)
        #expect(active.withLock { $0.peak } <= 2)
    }

    @Test("A refused connection and a bad URL are failures with their reasons")
    func connectionRefusedAndBadURL() async throws {
        let server = try await TestServer.start { _ in .text("x") }
        let port = server.port
        await server.shutdown()
        let (refused, bad) = try await Fetcher.withFetcher(policy: testPolicy()) { f in
            (await f.fetch(FetchRequest(url: URL(string: "http://127.0.0.1:\(port)/gone")!)),
             await f.fetch(FetchRequest(url: URL(string: "ftp://127.0.0.1/file")!)))
        }
        guard case .failure(let a) = refused, case .failure(let b) = bad else { Issue.record("\(refused) \(bad)"); return }
        #expect(a.reason == .connection)
        #expect(b.reason == .invalidURL)
        #expect(!a.description.isEmpty)
    }

    @Test("https to a server that speaks plain HTTP is a TLS failure")
    func tlsFailure() async throws {
        let server = try await TestServer.start { _ in .text("plain") }
        let url = URL(string: "https://127.0.0.1:\(server.port)/secure")!
        let result = try await Fetcher.withFetcher(policy: testPolicy()) { await $0.fetch(FetchRequest(url: url)) }
        await server.shutdown()
        guard case .failure(let f) = result else { Issue.record("\(result)"); return }
        #expect(f.reason == .tls, "\(f)")
    }

    @Test("HTTP errors carry their status")
    func httpError() async throws {
        let server = try await TestServer.start { _ in TestResponse(status: 410, body: Array("gone".utf8)) }
        let result = try await Fetcher.withFetcher(policy: testPolicy()) { await $0.fetch(FetchRequest(url: server.url("/g"))) }
        await server.shutdown()
        guard case .failure(let f) = result else { Issue.record("\(result)"); return }
        #expect(f.reason == .http(status: 410))
        #expect(f.isGoneStatus)
    }

    @Test("A policy with an impossible limit is refused")
    func policyValidation() {
        #expect(throws: FetchPolicyError.self) { try FetchPolicy(perHostConcurrency: 0).validate() }
        #expect(throws: FetchPolicyError.self) { try FetchPolicy(totalTimeout: .zero).validate() }
        #expect(throws: Never.self) { try FetchPolicy().validate() }
    }

    @Test("Retry-After parses seconds and HTTP dates; junk is ignored")
    func retryAfterParsing() {
        let now = Date(timeIntervalSince1970: 1_900_000_000)
        #expect(RetryAfter.parse("120", now: now) == .seconds(120))
        let later = now.addingTimeInterval(90)
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "GMT")
        f.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        #expect(RetryAfter.parse(f.string(from: later), now: now) == .seconds(90))
        #expect(RetryAfter.parse(f.string(from: now.addingTimeInterval(-50)), now: now) == .zero)
        #expect(RetryAfter.parse("soon", now: now) == nil)
        #expect(RetryAfter.parse("-5", now: now) == nil)
    }
}

/// The process's peak resident set size in bytes (Linux: `ru_maxrss` is in KiB).
func peakResidentBytes() -> Int {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Int(usage.ru_maxrss) * 1024
}
