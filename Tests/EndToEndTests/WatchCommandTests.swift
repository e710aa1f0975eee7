import Foundation
import Testing

/// `stet track/follow/watch/status` with the built binary against servers on 127.0.0.1.
@Suite("stet watch against a local server", .serialized)
struct WatchCommandTests {
    /// The Samples/belgorod captures, oldest first (the third adds the FCDO quote).
    static func pages() throws -> [[UInt8]] {
        try StetRunner.captures("belgorod").map { try [UInt8](Data(contentsOf: URL(fileURLWithPath: $0.path))) }
    }

    static func html(_ body: [UInt8], _ headers: [(String, String)] = []) -> WatchResponse {
        WatchResponse(status: 200, headers: [("Content-Type", "text/html; charset=utf-8")] + headers, body: body)
    }

    /// Runs `body` with a server, shutting it down afterwards whatever happens.
    static func withServer(_ handler: @escaping @Sendable (WatchRequest) -> WatchResponse,
                           _ body: (WatchServer) async throws -> Void) async throws {
        let server = try await WatchServer.start(handler)
        do {
            try await body(server)
        } catch {
            await server.shutdown()
            throw error
        }
        await server.shutdown()
    }

    /// `stet status --format json`'s targets by id.
    static func status(_ runner: StetRunner) throws -> [String: [String: Any]] {
        let result = try runner.run(["status", "--format", "json"])
        #expect(result.succeeded, "status failed: \(result.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        let targets = object?["targets"] as? [[String: Any]] ?? []
        return Dictionary(targets.compactMap { t in (t["id"] as? String).map { ($0, t) } }, uniquingKeysWith: { a, _ in a })
    }

    static let quick = ["--host-spacing", "0s"]

    @Test func aChangingPageGivesVersionsAndAnUnchangedOneAnswers304() async throws {
        let pages = try Self.pages()
        let serving = WatchLocked(0)
        try await Self.withServer({ request in
            let index = serving.withLock { $0 }
            let etag = "\"p\(index)\""
            if request.header("If-None-Match") == etag { return WatchResponse(status: 304, headers: [("ETag", etag)]) }
            return Self.html(pages[index], [("ETag", etag)])
        }) { server in
            let runner = try StetRunner()
            defer { runner.cleanUp() }
            let url = server.url("/news/belgorod.html?utm_source=rss&fbclid=abc").absoluteString
            let tracked = try runner.run(["track", url])
            #expect(tracked.succeeded, "\(tracked.stderr)")
            #expect(tracked.stdout.contains("tracking 127.0.0.1-\(server.port)/news-belgorod"))

            let first = try runner.run(["watch", "--once"] + Self.quick)
            #expect(first.succeeded, "\(first.stderr)")
            #expect(first.stdout.contains("new version 1 of"), "\(first.stdout)")
            #expect(first.stderr.contains("status=200"), "\(first.stderr)")
            #expect(first.stderr.contains("outcome=new-version"))

            // Nothing is due yet: no request goes out.
            let idle = try runner.run(["watch", "--once"] + Self.quick)
            #expect(idle.succeeded)
            #expect(idle.stdout.isEmpty)
            #expect(server.requests.count == 1)

            let second = try runner.run(["watch", "--once", "--force-due"] + Self.quick)
            #expect(second.succeeded, "\(second.stderr)")
            #expect(server.requests.last?.header("If-None-Match") == "\"p0\"")
            #expect(second.stderr.contains("status=304"), "\(second.stderr)")
            #expect(second.stderr.contains("outcome=not-modified"))
            #expect(second.stdout.isEmpty)

            serving.withLock { $0 = 2 }
            let third = try runner.run(["watch", "--once", "--force-due"] + Self.quick)
            #expect(third.stdout.contains("new version 2 of"), "\(third.stdout) \(third.stderr)")

            let log = try runner.run(["log", url])
            #expect(log.succeeded, "\(log.stderr)")
            let target = try #require(try Self.status(runner).values.first)
            #expect(target["versions"] as? Int == 2)
            #expect(target["last_outcome"] as? String == "new-version")
            #expect(target["failing"] as? Bool == false)
            let diff = try runner.run(["diff", url, "1", "2"])
            #expect(diff.succeeded)
            #expect(diff.stdout.contains("FCDO"), "\(diff.stdout)")
        }
    }

    @Test func serverErrorsAreRecordedListedFirstAndRecoverWithoutAVersion() async throws {
        let pages = try Self.pages()
        let flakyCalls = WatchLocked(0)
        try await Self.withServer({ request in
            if request.path.hasPrefix("/flaky") {
                let call = flakyCalls.withLock { n -> Int in n += 1; return n }
                if call <= 2 { return WatchResponse.text("busy", status: 500, type: "text/plain") }
            }
            return Self.html(pages[0])
        }) { server in
            let runner = try StetRunner()
            defer { runner.cleanUp() }
            #expect(try runner.run(["track", "--every", "1m", server.url("/good").absoluteString]).succeeded)
            #expect(try runner.run(["track", server.url("/flaky").absoluteString]).succeeded)

            let round = try runner.run(["watch", "--once"] + Self.quick)
            #expect(round.succeeded, "a failed check is recorded, not a crash: \(round.stderr)")
            #expect(round.stderr.contains("status=500"), "\(round.stderr)")
            #expect(round.stderr.contains("outcome=http-500"))
            #expect(round.stdout.contains("new version 1"))

            // The failing source is listed first although the other one is due sooner.
            let text = try runner.run(["status"])
            #expect(text.succeeded)
            let firstEntry = text.stdout.split(separator: "\n").dropFirst().first.map(String.init) ?? ""  // after the header
            #expect(firstEntry.hasPrefix("FAILING"), "\(text.stdout)")
            #expect(firstEntry.contains("flaky"))
            var targets = try Self.status(runner)
            let flakyID = try #require(targets.keys.first { $0.contains("flaky") })
            #expect(targets[flakyID]?["failures"] as? Int == 1)
            #expect(targets[flakyID]?["versions"] as? Int == 0)
            #expect(targets[flakyID]?["last_status"] as? Int == 500)

            // --quiet logs the failure only, not the good page's "unchanged".
            let quiet = try runner.run(["watch", "--once", "--force-due", "--quiet"] + Self.quick)
            #expect(quiet.stderr.contains("outcome=http-500"), "\(quiet.stderr)")
            #expect(!quiet.stderr.contains("outcome=unchanged"), "\(quiet.stderr)")
            targets = try Self.status(runner)
            #expect(targets[flakyID]?["failures"] as? Int == 2)
            #expect(targets[flakyID]?["versions"] as? Int == 0)

            let recovered = try runner.run(["watch", "--once", "--force-due"] + Self.quick)
            #expect(recovered.stdout.contains("new version 1"), "\(recovered.stdout) \(recovered.stderr)")
            targets = try Self.status(runner)
            #expect(targets[flakyID]?["failures"] as? Int == 0)
            #expect(targets[flakyID]?["failing"] as? Bool == false)
            #expect(targets[flakyID]?["versions"] as? Int == 1)
            #expect(!(try runner.run(["status"]).stdout.contains("FAILING")))
        }
    }

    @Test func aFeedWithNewItemsBecomesTrackedArticles() async throws {
        let pages = try Self.pages()
        let items = WatchLocked(["/a/one", "/a/two"])
        try await Self.withServer({ request in
            if request.path == "/feed.xml" {
                let links = items.withLock { $0 }.map { "<item><title>\($0)</title><link>\($0)?utm_source=rss</link></item>" }
                let rss = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Desk</title>"
                    + links.joined() + "</channel></rss>"
                return WatchResponse.text(rss, type: "application/rss+xml")
            }
            return Self.html(pages[0])
        }) { server in
            let runner = try StetRunner()
            defer { runner.cleanUp() }
            let followed = try runner.run(["follow", server.url("/feed.xml").absoluteString])
            #expect(followed.succeeded, "\(followed.stderr)")

            let read = try runner.run(["watch", "--once"] + Self.quick)
            #expect(read.stderr.contains("outcome=feed-changed"), "\(read.stderr)")
            var targets = try Self.status(runner)
            let feedID = try #require(targets.keys.first { $0.hasPrefix("feed:") })
            var articles = targets.values.filter { $0["kind"] as? String == "article" }
            #expect(articles.count == 2)
            #expect(articles.allSatisfy { $0["source_feed"] as? String == feedID })

            let captured = try runner.run(["watch", "--once"] + Self.quick)
            #expect(captured.stdout.components(separatedBy: "new version 1").count - 1 == 2, "\(captured.stdout)")

            items.withLock { $0.append("/a/three") }
            _ = try runner.run(["watch", "--once", "--force-due"] + Self.quick)
            let third = try runner.run(["watch", "--once"] + Self.quick)
            #expect(third.stdout.components(separatedBy: "new version 1").count - 1 == 1, "\(third.stdout) \(third.stderr)")
            targets = try Self.status(runner)
            articles = targets.values.filter { $0["kind"] as? String == "article" }
            #expect(articles.count == 3)
            #expect(articles.allSatisfy { $0["versions"] as? Int == 1 })
            #expect(targets[feedID]?["feed_items"] as? Int == 3)

            let unfollowed = try runner.run(["unfollow", server.url("/feed.xml").absoluteString])
            #expect(unfollowed.succeeded, "\(unfollowed.stderr)")
            #expect(try Self.status(runner).count == 3)
        }
    }

    /// Starts `stet watch ARGS` in the background, its output going to files in the runner's directory.
    static func startWatch(_ runner: StetRunner, _ arguments: [String]) throws -> (Process, URL) {
        let process = Process()
        process.executableURL = StetRunner.binary
        process.arguments = ["watch"] + arguments + ["--archive", runner.archive]
        let out = runner.directory.appendingPathComponent("watch-\(UUID().uuidString).out")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        let handle = try FileHandle(forWritingTo: out)
        process.standardOutput = handle
        process.standardError = FileHandle.nullDevice
        process.currentDirectoryURL = runner.directory
        try process.run()
        return (process, out)
    }

    /// Waits (bounded) for `condition`.
    static func waitFor(seconds: Double, _ condition: () -> Bool) async throws -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if condition() { return true }
            try await Task.sleep(for: .milliseconds(50))
        }
        return condition()
    }

    @Test func sigtermFinishesTheCheckAndKillNineLosesNothingCommitted() async throws {
        let pages = try Self.pages()
        let serving = WatchLocked((page: 0, delay: Duration.milliseconds(1500)))
        try await Self.withServer({ _ in
            let (page, delay) = serving.withLock { $0 }
            var response = Self.html(pages[page])
            response.delayBeforeHead = delay
            return response
        }) { server in
            let runner = try StetRunner()
            defer { runner.cleanUp() }
            let url = server.url("/slow").absoluteString
            #expect(try runner.run(["track", url]).succeeded)

            // SIGTERM while the page is on its way: the check finishes and is recorded, then stet exits 0.
            let (watch, output) = try Self.startWatch(runner, Self.quick + ["--grace", "10s"])
            #expect(try await Self.waitFor(seconds: 15) { server.requests.count >= 1 }, "the watcher never asked")
            watch.terminate()
            #expect(try await Self.waitFor(seconds: 20) { !watch.isRunning }, "stet watch did not stop on SIGTERM")
            if watch.isRunning { kill(watch.processIdentifier, SIGKILL) }
            watch.waitUntilExit()
            #expect(watch.terminationReason == .exit && watch.terminationStatus == 0)
            #expect(try String(contentsOf: output, encoding: .utf8).contains("new version 1"))
            var target = try #require(try Self.status(runner).values.first)
            #expect(target["versions"] as? Int == 1)
            #expect(target["last_outcome"] as? String == "new-version")
            let checkedAt = target["last_checked_at"] as? String

            // kill -9 during the next fetch of a changed page: nothing half-written, nothing recorded.
            serving.withLock { $0 = (page: 2, delay: .milliseconds(1500)) }
            let before = server.requests.count
            let (killed, _) = try Self.startWatch(runner, Self.quick + ["--force-due"])
            #expect(try await Self.waitFor(seconds: 15) { server.requests.count > before })
            kill(killed.processIdentifier, SIGKILL)
            killed.waitUntilExit()
            target = try #require(try Self.status(runner).values.first)
            #expect(target["versions"] as? Int == 1)
            #expect(target["last_checked_at"] as? String == checkedAt)
            let fsck = try runner.git(["fsck", "--strict"])
            #expect(fsck.succeeded, "\(fsck.stderr)")

            // The next run carries on: the target was left due, and the change is captured.
            serving.withLock { $0 = (page: 2, delay: .zero) }
            let resumed = try runner.run(["watch", "--once"] + Self.quick)
            #expect(resumed.stdout.contains("new version 2"), "\(resumed.stdout) \(resumed.stderr)")
        }
    }

    @Test func badArgumentsAreCleanErrors() throws {
        let runner = try StetRunner()
        defer { runner.cleanUp() }
        try runner.run(["track", "ftp://example.com/x"]).expectCleanError(containing: "not an http(s) URL")
        try runner.run(["track", "--every", "soon", "https://example.com/x"]).expectCleanError(containing: "every")
        try runner.run(["watch", "--quiet", "--verbose"]).expectCleanError(containing: "exclude")
        #expect(try runner.run(["track", "https://example.com/x"]).succeeded)
        try runner.run(["untrack", "https://example.com/other"]).expectCleanError(containing: "no tracked article")
        try runner.run(["unfollow", "https://example.com/x"]).expectCleanError(containing: "no followed feed")
        let untracked = try runner.run(["untrack", "https://example.com/x"])
        #expect(untracked.succeeded)
        #expect(untracked.stdout.contains("no longer tracking example.com/x"))
    }
}

/// `make demo-watch`'s script: a local server, `stet track`, rounds of `stet watch --once`, the log and the FCDO diff.
@Suite("make demo-watch")
struct WatchDemoTests {
    @Test func theDemoCapturesThreeVersionsThenA304AndShowsTheFCDOUpdate() throws {
        let runner = try StetRunner()
        defer { runner.cleanUp() }
        let script = StetRunner.packageRoot.appendingPathComponent("Tests/Peers/demo/demo-watch.sh")
        let result = try StetRunner.execute(
            URL(fileURLWithPath: "/usr/bin/env"), ["bash", script.path],
            environment: ["STET": StetRunner.binary.path, "DEMO_DIR": runner.directory.appendingPathComponent("demo").path],
            currentDirectory: StetRunner.packageRoot)
        #expect(result.succeeded, "\(result.stdout)\n\(result.stderr)")
        for number in 1...3 {
            #expect(result.stdout.contains("new version \(number) of"), "\(result.stdout)")
        }
        #expect(result.stderr.contains("outcome=not-modified"), "\(result.stderr)")
        #expect(result.stdout.contains("3 versions"))
        #expect(result.stdout.contains("quote (FCDO spokesperson)"))
        #expect(result.stdout.contains("Update 1/3/24"))
    }
}
