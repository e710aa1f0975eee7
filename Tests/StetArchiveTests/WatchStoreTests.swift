import Foundation
import StetWatch
import Testing

@testable import StetArchive

/// The archive as the watcher's store and sink: targets, due times, checks, feeds, restarts.
@Suite struct WatchStoreTests {
    static let start = Date(timeIntervalSince1970: 1_800_000_000)
    static let url = URL(string: "https://www.example.com/news/bridge-reopens?utm_source=rss")!

    static func page(_ variant: Int, url: URL = url, etag: String? = nil) -> FetchedPage {
        FetchedPage(
            status: 200, requestedURL: url, finalURL: url, contentType: "text/plain; charset=utf-8",
            body: Array(story(variant).joined(separator: "\n\n").utf8), validators: Validators(etag: etag))
    }

    /// The record the watcher would write for `outcome` on `target` at `time`, due `next` later.
    static func record(_ target: WatchTarget, _ outcome: StetWatch.CheckOutcome, at time: Date, next: TimeInterval = 900,
                       status: Int? = 200, etag: String? = nil, items: [FeedItem] = []) -> StetWatch.CheckRecord {
        var state = target.schedule
        state.lastCheck = time
        if case .failed = outcome { state.consecutiveFailures += 1 } else { state.consecutiveFailures = 0 }
        return StetWatch.CheckRecord(
            targetID: target.id, url: target.url, checkedAt: time, outcome: outcome, status: status, finalURL: target.url,
            redirects: [], bytes: 100, elapsed: .milliseconds(12), validators: Validators(etag: etag), digest: "00ff",
            schedule: state, nextDue: time.addingTimeInterval(next), feedItems: items)
    }

    @Test func trackedArticleIsDueAtOnceAndNamedWithoutTrackingParameters() async throws {
        let directory = try TemporaryDirectory()
        let archive = try Archive.open(at: directory.child("archive.git"))
        let result = try archive.track(url: Self.url.absoluteString, at: Self.start)
        #expect(result.isNew)
        #expect(result.entry.id == "example.com/news-bridge-reopens")
        let store = ArchiveWatchStore(archive: archive)
        #expect(try await store.dueTargets(at: Self.start.addingTimeInterval(-1), limit: 10).isEmpty)
        let due = try await store.dueTargets(at: Self.start, limit: 10)
        #expect(due.map(\.id) == ["example.com/news-bridge-reopens"])
        #expect(due.first?.kind == .article)
        #expect(try await store.nextDueDate() == Self.start)

        // Tracking it again (another spelling) neither duplicates it nor loses the interval.
        let again = try archive.track(url: "https://example.com/news/bridge-reopens/", every: .seconds(600), at: Self.start)
        #expect(!again.isNew)
        #expect(again.entry.every == .seconds(600))
        #expect(try archive.watchEntries().count == 1)
    }

    @Test func capturesGoToTheTrackedArticleAndChecksAreRecorded() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.child("archive.git")
        let archive = try Archive.open(at: path)
        try archive.track(url: Self.url.absoluteString, at: Self.start)
        let clock = WatchTestBox(Self.start)
        let store = ArchiveWatchStore(archive: archive, now: { clock.withLock { $0 } })
        let target = try #require(try await store.dueTargets(at: Self.start, limit: 10).first)

        let first = try await store.capture(Self.page(1, etag: "\"a\""), for: target)
        #expect(first == .newVersion(version: "1"))
        try await store.record(Self.record(target, .captured(first), at: Self.start, etag: "\"a\""))
        clock.withLock { $0 = Self.start.addingTimeInterval(60) }
        #expect(try await store.capture(Self.page(1), for: target) == .unchanged)
        clock.withLock { $0 = Self.start.addingTimeInterval(120) }
        #expect(try await store.capture(Self.page(2), for: target) == .newVersion(version: "2"))
        #expect(try archive.versions(of: target.id).count == 2)

        // A 304 and a failure are checks, never versions.
        try await store.record(Self.record(target, .notModified, at: Self.start.addingTimeInterval(180), status: 304, etag: "\"a\""))
        let failure = FetchFailure(reason: .http(status: 500), url: target.url, status: 500, message: "answered HTTP 500")
        try await store.record(Self.record(target, .failed(failure), at: Self.start.addingTimeInterval(240), status: 500))
        let outcomes = try archive.checks(of: target.id).map(\.outcome)
        #expect(outcomes == [.newVersion, .unchanged, .newVersion, .notModified, .failed])
        #expect(try archive.checks(of: target.id).last?.error == "answered HTTP 500")
        #expect(try archive.versions(of: target.id).count == 2)

        // A restart (a new Archive on the same directory) resumes with the stored state.
        let reopened = ArchiveWatchStore(archive: try Archive.open(at: path, create: false))
        let nextDue = Self.start.addingTimeInterval(240 + 900)
        #expect(try await reopened.nextDueDate() == nextDue)
        #expect(try await reopened.dueTargets(at: nextDue.addingTimeInterval(-1), limit: 10).isEmpty)
        let resumed = try #require(try await reopened.dueTargets(at: nextDue, limit: 10).first)
        #expect(resumed.schedule.consecutiveFailures == 1)
        #expect(resumed.schedule.firstSeen == Self.start)
        #expect(resumed.validators.etag == nil)
        #expect(resumed.lastDigest == "00ff")
        let entry = try #require(try archive.watchEntry(id: target.id))
        #expect(entry.isFailing)
        #expect(entry.lastOutcome == "http-500")
        #expect(entry.versionCount == 2)
    }

    @Test func feedItemsBecomeTrackedArticlesOnceEvenAfterUntrack() async throws {
        let directory = try TemporaryDirectory()
        let archive = try Archive.open(at: directory.child("archive.git"))
        let feed = try archive.follow(feedURL: "https://example.com/feed.xml", at: Self.start)
        #expect(feed.entry.id.hasPrefix("feed:"))
        let store = ArchiveWatchStore(archive: archive)
        let target = try #require(try await store.dueTargets(at: Self.start, limit: 10).first)
        let items = [
            FeedItem(link: URL(string: "https://example.com/a/one?utm_medium=rss"), title: "One"),
            FeedItem(link: URL(string: "https://example.com/a/two"), title: "Two",
                     published: Self.start.addingTimeInterval(-3600)),
            FeedItem(link: nil, title: "No link"),
        ]
        try await store.record(Self.record(target, .feedRead(changed: true), at: Self.start, next: 3600, items: items))
        let due = try await store.dueTargets(at: Self.start, limit: 10)
        #expect(Set(due.map(\.id)) == ["example.com/a-one", "example.com/a-two"])
        #expect(due.allSatisfy { $0.kind == .article })
        #expect(due.first { $0.id == "example.com/a-two" }?.schedule.published == Self.start.addingTimeInterval(-3600))

        try archive.untrack("example.com/a-one")
        let later = Self.start.addingTimeInterval(3600)
        let feedTarget = try #require(try await store.dueTargets(at: later, limit: 10).first { $0.kind == .feed })
        let more = items + [FeedItem(link: URL(string: "https://example.com/a/three"), title: "Three")]
        try await store.record(Self.record(feedTarget, .feedRead(changed: true), at: later, next: 3600, items: more))
        let articles = try archive.watchEntries().filter { $0.kind == .article }.map(\.id)
        #expect(Set(articles) == ["example.com/a-two", "example.com/a-three"])
        #expect(try archive.watchEntry(id: feed.entry.id)?.feedItemCount == 3)

        // Unfollowing keeps the articles it added.
        try archive.unfollow("https://example.com/feed.xml")
        #expect(try archive.watchEntries().count == 2)
    }

    @Test func untrackKeepsVersionsAndStopsHandingTheArticleOut() async throws {
        let directory = try TemporaryDirectory()
        let archive = try Archive.open(at: directory.child("archive.git"))
        try archive.track(url: Self.url.absoluteString, at: Self.start)
        let store = ArchiveWatchStore(archive: archive, now: { Self.start })
        let target = try #require(try await store.dueTargets(at: Self.start, limit: 10).first)
        _ = try await store.capture(Self.page(1), for: target)
        let removed = try archive.untrack(Self.url.absoluteString)
        #expect(removed.versionCount == 1)
        #expect(try await store.dueTargets(at: Self.start.addingTimeInterval(86_400), limit: 10).isEmpty)
        #expect(try await store.nextDueDate() == nil)
        #expect(try archive.versions(of: target.id).count == 1)
        #expect(try archive.article(target.id).tracked == false)
        // A check that finishes after the untrack is dropped, not resurrecting the target.
        try await store.record(Self.record(target, .notModified, at: Self.start, status: 304))
        #expect(try archive.watchEntries().isEmpty)
    }

    @Test func goneTargetsAreKeptButNotDueAndFailingOnesListFirst() async throws {
        let directory = try TemporaryDirectory()
        let archive = try Archive.open(at: directory.child("archive.git"))
        try archive.track(url: "https://example.com/fine", at: Self.start)
        try archive.track(url: "https://example.com/broken", at: Self.start.addingTimeInterval(10))
        try archive.track(url: "https://example.com/removed", at: Self.start.addingTimeInterval(20))
        let store = ArchiveWatchStore(archive: archive)
        let due = try await store.dueTargets(at: Self.start.addingTimeInterval(30), limit: 10)
        #expect(due.map(\.id) == ["example.com/fine", "example.com/broken", "example.com/removed"])
        let time = Self.start.addingTimeInterval(40)
        try await store.record(Self.record(due[0], .notModified, at: time, next: 60, status: 304))
        let failure = FetchFailure(reason: .connection, url: due[1].url, message: "connection refused")
        try await store.record(Self.record(due[1], .failed(failure), at: time, next: 600, status: nil))
        var goneRecord = Self.record(due[2], .failed(FetchFailure(reason: .http(status: 410), url: due[2].url, status: 410,
                                                                  message: "answered HTTP 410")), at: time, status: 410)
        goneRecord.schedule.isGone = true
        try await store.record(goneRecord)

        let entries = try archive.watchEntries()
        #expect(entries.map(\.id) == ["example.com/broken", "example.com/removed", "example.com/fine"])
        #expect(entries[1].gone)
        #expect(try archive.article("example.com/removed").gone)
        let farFuture = time.addingTimeInterval(86_400 * 365)
        #expect(try await store.dueTargets(at: farFuture, limit: 10).map(\.id) == ["example.com/fine", "example.com/broken"])
        // Tracking a gone page again makes it due.
        try archive.track(url: "https://example.com/removed", at: farFuture)
        #expect(try await store.dueTargets(at: farFuture, limit: 10).contains { $0.id == "example.com/removed" })
    }

    @Test func badInputIsAClearError() throws {
        let directory = try TemporaryDirectory()
        let archive = try Archive.open(at: directory.child("archive.git"))
        #expect(throws: WatchError.invalidURL("ftp://example.com/x")) { try archive.track(url: "ftp://example.com/x") }
        #expect(throws: WatchError.invalidURL("not a url")) { try archive.track(url: "not a url") }
        #expect(throws: WatchError.self) { try archive.track(url: "https://example.com/x", every: .zero) }
        try archive.follow(feedURL: "https://example.com/rss")
        #expect(throws: WatchError.kindMismatch(url: "https://example.com/rss", existing: .feed)) {
            try archive.track(url: "https://example.com/rss")
        }
        #expect(throws: WatchError.unknownTarget("nothing", kind: .article)) { try archive.untrack("nothing") }
        #expect(throws: WatchError.unknownTarget("https://example.com/rss", kind: .article)) {
            try archive.untrack("https://example.com/rss")
        }
    }

    @Test func makeAllDueBringsEveryLiveTargetForward() async throws {
        let directory = try TemporaryDirectory()
        let archive = try Archive.open(at: directory.child("archive.git"))
        try archive.track(url: "https://example.com/one", at: Self.start)
        let store = ArchiveWatchStore(archive: archive)
        let target = try #require(try await store.dueTargets(at: Self.start, limit: 1).first)
        try await store.record(Self.record(target, .notModified, at: Self.start, next: 86_400, status: 304))
        #expect(try await store.dueTargets(at: Self.start.addingTimeInterval(60), limit: 1).isEmpty)
        #expect(try archive.makeAllDue(at: Self.start.addingTimeInterval(60)) == 1)
        #expect(try await store.dueTargets(at: Self.start.addingTimeInterval(60), limit: 1).count == 1)
    }
}

/// A lock-protected value for the tests' clocks.
final class WatchTestBox<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value
    init(_ value: Value) { self.value = value }
    func withLock<R>(_ body: (inout Value) -> R) -> R {
        lock.lock()
        defer { lock.unlock() }
        return body(&value)
    }
}
