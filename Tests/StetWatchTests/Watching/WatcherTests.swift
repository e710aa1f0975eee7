import Foundation
import Logging
import ServiceLifecycle
import ServiceLifecycleTestKit
import Testing
import StetWatch

@Suite("Watcher rounds against a loopback server")
struct WatcherTests {
    /// A watcher over an in-memory store with a settable clock and a seeded jitter source.
    func makeWatcher(_ fetcher: Fetcher, store: InMemoryWatchStore, sink: VersioningSink, clock: TestClock,
                     logLines: Locked<[String]> = Locked([]), options: WatchOptions = WatchOptions()) -> Watcher {
        let logger = Logger(label: "test.watch") { _ in CapturingLogHandler(lines: logLines) }
        return Watcher(store: store, sink: sink, fetcher: fetcher, options: options, logger: logger,
                       now: { clock.now }, random: SeededGenerator(seed: 11))
    }

    @Test("A page changing between rounds: new version, unchanged, new version; one log line per check")
    func pageChanges() async throws {
        let body = Locked("<p>first</p>")
        let server = try await TestServer.start { _ in .text(body.withLock { $0 }) }
        let clock = TestClock()
        let store = InMemoryWatchStore()
        let sink = VersioningSink()
        let url = server.url("/story")
        await store.add(url, at: clock.now)
        let lines = Locked<[String]>([])
        try await Fetcher.withFetcher(policy: testPolicy()) { fetcher in
            let watcher = makeWatcher(fetcher, store: store, sink: sink, clock: clock, logLines: lines)
            let r1 = try await watcher.runOnce()
            #expect(r1.due == 1 && r1.changed == 1)
            // Nothing is due right after a check.
            let idle = try await watcher.runOnce()
            #expect(idle.due == 0)
            clock.advance(3600)
            let r2 = try await watcher.runOnce()
            #expect(r2.unchanged == 1)
            body.withLock { $0 = "<p>second</p>" }
            clock.advance(3600)
            let r3 = try await watcher.runOnce()
            #expect(r3.changed == 1)
        }
        await server.shutdown()
        let records = await store.records(for: url)
        #expect(records.map(\.outcome) == [.captured(.newVersion(version: "v1")), .captured(.unchanged),
                                           .captured(.newVersion(version: "v2"))])
        #expect(records.allSatisfy { $0.nextDue > $0.checkedAt })
        #expect(await sink.versions[url.absoluteString] == 2)
        let checkLines = lines.withLock { $0 }.filter { $0.contains("check ") }
        #expect(checkLines.count == 3)
        #expect(checkLines.allSatisfy { $0.contains(url.absoluteString) && $0.contains("status=200") && $0.contains("bytes=")
                && $0.contains("time=") && $0.contains("outcome=") })
        #expect(checkLines.first?.contains("outcome=new-version") == true)
    }

    @Test("ETag round trip through the store: the second check is a 304 and the sink is not called")
    func etagThroughStore() async throws {
        let server = try await TestServer.start { req in
            req.header("If-None-Match") == "\"7\"" ? TestResponse(status: 304) : .text("<p>x</p>", headers: [("ETag", "\"7\"")])
        }
        let clock = TestClock()
        let store = InMemoryWatchStore()
        let sink = VersioningSink()
        let url = server.url("/e")
        await store.add(url, at: clock.now)
        try await Fetcher.withFetcher(policy: testPolicy()) { fetcher in
            let watcher = makeWatcher(fetcher, store: store, sink: sink, clock: clock)
            try await watcher.runOnce()
            clock.advance(86_400)
            try await watcher.runOnce()
        }
        await server.shutdown()
        let records = await store.records(for: url)
        #expect(records.map(\.outcome) == [.captured(.newVersion(version: "v1")), .notModified])
        #expect(records.last?.status == 304)
        #expect(records.last?.validators.etag == "\"7\"")
        #expect(await sink.pages.count == 1)
    }

    @Test("500s then recovery: the backoff grows, then success resets it")
    func failuresThenRecovery() async throws {
        let hits = Locked(0)
        let server = try await TestServer.start { _ in
            let n = hits.withLock { $0 += 1; return $0 }
            return n <= 4 ? TestResponse(status: 500, body: Array("oops".utf8)) : .text("<p>back</p>")
        }
        let clock = TestClock()
        let store = InMemoryWatchStore()
        let sink = VersioningSink()
        let url = server.url("/flaky")
        await store.add(url, at: clock.now)
        let lines = Locked<[String]>([])
        try await Fetcher.withFetcher(policy: testPolicy()) { fetcher in
            let watcher = makeWatcher(fetcher, store: store, sink: sink, clock: clock, logLines: lines)
            for _ in 0..<5 {
                try await watcher.runOnce()
                guard let next = await store.due[url.absoluteString] else { break }
                clock.set(next)
            }
        }
        await server.shutdown()
        let records = await store.records(for: url)
        #expect(records.count == 5)
        let delays = records.map { $0.nextDue.timeIntervalSince($0.checkedAt) }
        let failures = records.prefix(4)
        #expect(failures.allSatisfy { if case .failed(let f) = $0.outcome { f.reason == .http(status: 500) } else { false } })
        #expect(failures.map(\.schedule.consecutiveFailures) == [1, 2, 3, 4])
        // Equal jitter keeps each delay within [½, 1] of 5, 10, 20, 40 minutes: strictly growing overall.
        #expect(delays[3] > delays[0] * 3)
        for (i, d) in delays.prefix(4).enumerated() {
            let full = 300.0 * pow(2, Double(i))
            #expect(d >= full / 2 && d <= full)
        }
        #expect(records[4].outcome == .captured(.newVersion(version: "v1")))
        // Failures are logged as warnings with their reason, one line per check.
        let logged = lines.withLock { $0 }.filter { $0.contains("check ") }
        #expect(logged.count == 5)
        #expect(logged.prefix(4).allSatisfy { $0.hasPrefix("warning") && $0.contains("outcome=http-500")
                && $0.contains("reason=") && $0.contains("status=500") })
        #expect(logged.last?.hasPrefix("info") == true)
        #expect(records[4].schedule.consecutiveFailures == 0)
    }

    @Test("A 404 that persists past goneAfter marks the target gone and it is no longer due")
    func goneTarget() async throws {
        let server = try await TestServer.start { _ in TestResponse(status: 404) }
        let clock = TestClock()
        let store = InMemoryWatchStore()
        let url = server.url("/deleted")
        await store.add(url, at: clock.now)
        try await Fetcher.withFetcher(policy: testPolicy()) { fetcher in
            let watcher = makeWatcher(fetcher, store: store, sink: VersioningSink(), clock: clock)
            var rounds = 0
            while rounds < 20, await store.targets[url.absoluteString]?.schedule.isGone == false {
                try await watcher.runOnce()
                if let next = await store.due[url.absoluteString] { clock.set(next) }
                rounds += 1
            }
            let last = try await watcher.runOnce()
            #expect(last.due == 0)
        }
        await server.shutdown()
        let records = await store.records(for: url)
        #expect(records.last?.isGone == true)
        let first = try #require(records.first?.checkedAt)
        let goneAt = try #require(records.last?.checkedAt)
        #expect(goneAt.timeIntervalSince(first) >= 7 * 86_400)
        #expect(records.dropLast().allSatisfy { !$0.isGone })
    }

    @Test("A feed: its items become tracked articles; new items appear on a later read")
    func feedNewItems() async throws {
        let extra = Locked(false)
        let server = try await TestServer.start { req in
            if req.path == "/feed.xml" {
                var items = """
                <item><title>One</title><link>/a/1</link></item>
                <item><title>Two</title><link>/a/2</link></item>
                """
                if extra.withLock({ $0 }) { items = "<item><title>Three</title><link>/a/3</link></item>" + items }
                return .text("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>F</title>\(items)</channel></rss>",
                             type: "application/rss+xml")
            }
            return .text("<p>article \(req.path)</p>")
        }
        let clock = TestClock()
        let store = InMemoryWatchStore()
        let sink = VersioningSink()
        let feedURL = server.url("/feed.xml")
        await store.add(feedURL, kind: .feed, at: clock.now)
        try await Fetcher.withFetcher(policy: testPolicy()) { fetcher in
            let watcher = makeWatcher(fetcher, store: store, sink: sink, clock: clock)
            let r1 = try await watcher.runOnce()
            #expect(r1.feedItems == 2)
            #expect(await store.targets.count == 3)
            // The new articles are due at once and get captured in the next round.
            let r2 = try await watcher.runOnce()
            #expect(r2.due == 2 && r2.changed == 2)
            extra.withLock { $0 = true }
            clock.advance(86_400)
            let r3 = try await watcher.runOnce()
            #expect(r3.changed >= 1)
        }
        await server.shutdown()
        let targets = await store.targets
        #expect(targets.count == 4)
        #expect(targets[server.url("/a/3").absoluteString]?.kind == .article)
        let feedRecords = await store.records(for: feedURL)
        #expect(feedRecords.map(\.outcome) == [.feedRead(changed: true), .feedRead(changed: true)])
        #expect(await sink.pages.allSatisfy { $0.finalURL.path.hasPrefix("/a/") })
    }

    @Test("A body that is not a feed is an unusable check, not a crash")
    func badFeed() async throws {
        let server = try await TestServer.start { _ in .text("<html><body>not a feed</body></html>") }
        let clock = TestClock()
        let store = InMemoryWatchStore()
        await store.add(server.url("/f"), kind: .feed, at: clock.now)
        try await Fetcher.withFetcher(policy: testPolicy()) { fetcher in
            try await makeWatcher(fetcher, store: store, sink: VersioningSink(), clock: clock).runOnce()
        }
        await server.shutdown()
        let record = try #require(await store.records.first)
        guard case .unusable(let reason) = record.outcome else { Issue.record("\(record.outcome)"); return }
        #expect(reason.contains("not a feed"))
        #expect(record.schedule.consecutiveFailures == 1)
    }

    @Test("429 in a round: recorded with Retry-After as the floor of the next due time; others on the host deferred")
    func retryAfterInRound() async throws {
        let server = try await TestServer.start { _ in TestResponse(status: 429, headers: [("Retry-After", "3600")]) }
        let clock = TestClock()
        let store = InMemoryWatchStore()
        await store.add(server.url("/1"), at: clock.now)
        await store.add(server.url("/2"), at: clock.now.addingTimeInterval(1))
        clock.advance(2)
        try await Fetcher.withFetcher(policy: testPolicy { $0.maxHostWait = .seconds(1) }) { fetcher in
            let watcher = makeWatcher(fetcher, store: store, sink: VersioningSink(), clock: clock,
                                      options: WatchOptions(maxConcurrentFetches: 1))
            let report = try await watcher.runOnce()
            #expect(report.failed == 1 && report.deferred == 1)
        }
        await server.shutdown()
        let first = try #require(await store.records(for: server.url("/1")).first)
        let second = try #require(await store.records(for: server.url("/2")).first)
        #expect(first.nextDue.timeIntervalSince(first.checkedAt) >= 3600)
        #expect(second.outcome == .deferred)
        #expect(second.schedule.consecutiveFailures == 0)
        #expect(second.nextDue.timeIntervalSince(second.checkedAt) > 3500)
        #expect(server.requests.count == 1)
    }

    @Test("Cancelling in the middle of a round leaves no half-recorded check")
    func cancellationMidRound() async throws {
        let server = try await TestServer.start { req in
            var r = TestResponse.text("<p>\(req.path)</p>")
            if req.path != "/fast" { r.delayBeforeHead = .seconds(60) }
            return r
        }
        let clock = TestClock()
        let store = InMemoryWatchStore()
        for path in ["/fast", "/slow1", "/slow2"] { await store.add(server.url(path), at: clock.now) }
        let fetcher = try Fetcher(policy: testPolicy { $0.totalTimeout = .seconds(30) })
        let watcher = makeWatcher(fetcher, store: store, sink: VersioningSink(), clock: clock)
        let round = Task { try await watcher.runOnce() }
        // Wait (bounded) until the fast check is recorded and the slow ones are at the server.
        // (Bounds are generous: the suite runs in parallel on shared machines.)
        for _ in 0..<1500 {
            if await store.records.count == 1, server.requests.count == 3 { break }
            try await Task.sleep(for: .milliseconds(20))
        }
        let start = ContinuousClock.now
        round.cancel()
        let report = try await round.value
        let took = ContinuousClock.now - start
        await fetcher.shutdown()
        await server.shutdown()
        // Cancelled, not waited out: the slow responses would take a minute.
        #expect(took < .seconds(30))
        let records = await store.records
        #expect(records.map(\.url) == [server.url("/fast")])
        #expect(report.recorded == 1 && report.skipped == 2)
        // The interrupted targets are still due, untouched.
        let due = try await store.dueTargets(at: clock.now, limit: 10)
        #expect(Set(due.map(\.url)) == [server.url("/slow1"), server.url("/slow2")])
        #expect(due.allSatisfy { $0.schedule.lastCheck == nil })
    }

    @Test("Graceful shutdown as a Service: in-flight checks finish within the grace period, then run() returns")
    func gracefulShutdownFinishesInFlight() async throws {
        let server = try await TestServer.start { _ in
            var r = TestResponse.text("<p>slow but fine</p>")
            r.delayBeforeHead = .milliseconds(400)
            return r
        }
        let clock = TestClock()
        let store = InMemoryWatchStore()
        await store.add(server.url("/a"), at: clock.now)
        await store.add(server.url("/b"), at: clock.now)
        let fetcher = try Fetcher(policy: testPolicy())
        let watcher = makeWatcher(fetcher, store: store, sink: VersioningSink(), clock: clock,
                                  options: WatchOptions(maxConcurrentFetches: 1, idleInterval: .seconds(5),
                                                        shutdownGracePeriod: .seconds(30)))
        let service = Task { try await watcher.run() }
        for _ in 0..<3000 where server.requests.isEmpty { try await Task.sleep(for: .milliseconds(10)) }
        watcher.requestStop()
        let start = ContinuousClock.now
        try await service.value
        let took = ContinuousClock.now - start
        await fetcher.shutdown()
        await server.shutdown()
        // The first check finished and was recorded; the second was never started.
        let records = await store.records
        #expect(records.count == 1)
        #expect(server.requests.count == 1)
        // It returned once the in-flight check finished, well before the idle interval and grace period.
        #expect(took < .seconds(30))
    }

    @Test("Graceful shutdown: a check that outlives the grace period is abandoned, not recorded")
    func gracePeriodExpires() async throws {
        let server = try await TestServer.start { _ in
            var r = TestResponse.text("<p>never</p>")
            r.delayBeforeHead = .seconds(60)
            return r
        }
        let clock = TestClock()
        let store = InMemoryWatchStore()
        await store.add(server.url("/stuck"), at: clock.now)
        let fetcher = try Fetcher(policy: testPolicy { $0.totalTimeout = .seconds(30) })
        let watcher = makeWatcher(fetcher, store: store, sink: VersioningSink(), clock: clock,
                                  options: WatchOptions(shutdownGracePeriod: .milliseconds(200)))
        // Driven by ServiceLifecycle's graceful shutdown, as `stet watch` would be on SIGTERM.
        try await testGracefulShutdown { trigger in
            let service = Task { try await watcher.run() }
            for _ in 0..<3000 where server.requests.isEmpty { try await Task.sleep(for: .milliseconds(10)) }
            let start = ContinuousClock.now
            trigger.triggerGracefulShutdown()
            try await service.value
            // Abandoned after the grace period, not waited out (the response would take a minute).
            #expect(ContinuousClock.now - start < .seconds(30))
        }
        await fetcher.shutdown()
        await server.shutdown()
        #expect(await store.records.isEmpty)
    }

    @Test("SIGTERM during a round: the in-flight check finishes and is recorded, then the watcher returns")
    func sigterm() async throws {
        let server = try await TestServer.start { _ in
            var r = TestResponse.text("<p>fine</p>")
            r.delayBeforeHead = .milliseconds(300)
            return r
        }
        let clock = TestClock()
        let store = InMemoryWatchStore()
        await store.add(server.url("/1"), at: clock.now)
        await store.add(server.url("/2"), at: clock.now)
        let fetcher = try Fetcher(policy: testPolicy())
        let watcher = makeWatcher(fetcher, store: store, sink: VersioningSink(), clock: clock,
                                  options: WatchOptions(maxConcurrentFetches: 1, shutdownGracePeriod: .seconds(30)))
        let service = Task { try await watcher.runUntilSignalled() }
        // The service group traps the signals before it starts the watcher, so once a request has
        // reached the server, SIGTERM goes to the group, not to the default handler.
        for _ in 0..<3000 where server.requests.isEmpty { try await Task.sleep(for: .milliseconds(10)) }
        #expect(server.requests.count == 1)
        kill(getpid(), SIGTERM)
        let start = ContinuousClock.now
        try await service.value
        #expect(ContinuousClock.now - start < .seconds(30))
        await fetcher.shutdown()
        await server.shutdown()
        #expect(await store.records.count == 1)
        #expect(server.requests.count == 1)
        #expect(watcher.isStopping)
    }

    @Test("--every for a run replaces the adaptive interval without being stored")
    func everyOverride() async throws {
        let server = try await TestServer.start { _ in .text("<p>same</p>") }
        let clock = TestClock()
        let store = InMemoryWatchStore()
        let url = server.url("/old-story")
        await store.add(url, at: clock.now.addingTimeInterval(-200 * 86_400))
        try await Fetcher.withFetcher(policy: testPolicy()) { fetcher in
            try await makeWatcher(fetcher, store: store, sink: VersioningSink(), clock: clock,
                                  options: WatchOptions(every: .seconds(600))).runOnce()
        }
        await server.shutdown()
        let record = try #require(await store.records.first)
        let delay = record.nextDue.timeIntervalSince(record.checkedAt)
        #expect(delay >= 540 && delay <= 660)   // 10 min ± 10 %, not the 30 days a settled story gets
        #expect(record.schedule.every == nil)
    }

    @Test("The digest is stable and sensitive")
    func digest() {
        #expect(Watcher.digest([]) == "cbf29ce484222325")
        #expect(Watcher.digest(Array("a".utf8)) == "af63dc4c8601ec8c")
        #expect(Watcher.digest(Array("ab".utf8)) != Watcher.digest(Array("ba".utf8)))
    }
}
