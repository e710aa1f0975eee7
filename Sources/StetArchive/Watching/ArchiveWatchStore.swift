// The archive as the watcher's storage and sink.
//
// `capture` hands a fetched article page to `Archive.snapshot` under the target's article id, so
// the version lands on the tracked article whatever canonical URL the page claims. `record`
// writes everything one check learned in a single SQLite transaction: the target's schedule state,
// validators, digest, next due time and last outcome; a check row for the article when the
// snapshot did not already write one (304, fetch failure, unusable page); and, for a feed, the
// item links not seen before, each new one becoming a tracked article due at once.
//
// Crash safety: the snapshot commits the version (git, then index) before `record` runs. If the
// process dies in between, the target is still due with its old state; the next check captures
// the same page, the snapshot finds it unchanged and `record` completes. Nothing is half-written.
//
// Threads: git and SQLite calls block (a snapshot takes milliseconds; SQLite may wait up to its
// busy timeout for another process's write), so they run on a dispatch queue, never on the Swift
// concurrency pool that the watcher's other checks share.
//
// Complexity: `dueTargets` and `nextDueDate` use the `next_due` index (O(log t + k));
// `record` is O(items) for a feed, O(1) otherwise.

import Foundation
import GRDB
import StetWatch

/// The archive as a ``WatchStore`` and ``CaptureSink`` for ``Watcher``.
public final class ArchiveWatchStore: WatchStore, CaptureSink {
    /// The archive written to.
    public let archive: Archive
    private let now: @Sendable () -> Date
    private let timeZone: TimeZone
    private let onSnapshot: @Sendable (SnapshotOutcome, FetchedPage) -> Void

    /// Creates the store.
    /// - Parameters:
    ///   - now: the capture clock (the commit time of new versions).
    ///   - timeZone: the zone capture times are recorded in.
    ///   - onSnapshot: called after each snapshot (the CLI prints new versions like `stet snapshot`).
    public init(archive: Archive, now: @escaping @Sendable () -> Date = { Date() }, timeZone: TimeZone = .current,
                onSnapshot: @escaping @Sendable (SnapshotOutcome, FetchedPage) -> Void = { _, _ in }) {
        self.archive = archive
        self.now = now
        self.timeZone = timeZone
        self.onSnapshot = onSnapshot
    }

    // MARK: CaptureSink

    /// Snapshots the page into the target's article.
    public func capture(_ page: FetchedPage, for target: WatchTarget) async throws -> CaptureDecision {
        try Task.checkCancellation()
        let capture = Capture(
            body: page.body, url: target.url.absoluteString, finalURL: page.finalURL.absoluteString, contentType: page.contentType,
            capturedAt: now(), timeZone: timeZone, httpStatus: page.status, etag: page.validators.etag,
            lastModified: page.validators.lastModified, articleID: target.id)
        let archive = self.archive
        let outcome = try await Self.offload { try archive.snapshot(capture) }
        onSnapshot(outcome, page)
        switch outcome {
        case .newVersion(let number, _, _, _, _): return .newVersion(version: String(number))
        case .unchanged: return .unchanged
        case .rejected(_, let reason): return .rejected(reason: reason)
        }
    }

    // MARK: WatchStore

    /// Targets due at or before `now`, most overdue first; gone targets excluded.
    public func dueTargets(at now: Date, limit: Int) async throws -> [WatchTarget] {
        let archive = self.archive
        let rows = try await Self.offload {
            try archive.watchRead { db in
                try WatchTargetRow.filter(Column("gone") == false && Column("next_due") <= now)
                    .order(Column("next_due"), Column("id")).limit(max(0, limit)).fetchAll(db)
            }
        }
        return rows.compactMap { row in
            guard let url = URL(string: row.url) else { return nil }
            return WatchTarget(
                id: row.id, url: url, kind: row.targetKind,
                validators: Validators(etag: row.etag, lastModified: row.lastModified),
                schedule: row.scheduleState, lastDigest: row.digest)
        }
    }

    /// Persists one check in one transaction. A check of a target untracked meanwhile is dropped.
    public func record(_ check: StetWatch.CheckRecord) async throws {
        let archive = self.archive
        try await Self.offload { try Self.write(check, to: archive) }
    }

    static func write(_ check: StetWatch.CheckRecord, to archive: Archive) throws {
        try archive.watchWrite { db in
            guard var row = try WatchTargetRow.fetchOne(db, key: check.targetID) else { return }
            try row.setSchedule(check.schedule)
            row.etag = check.validators.etag
            row.lastModified = check.validators.lastModified
            row.digest = check.digest
            row.nextDue = check.nextDue
            row.lastCheckedAt = check.checkedAt
            row.lastOutcome = check.outcome.shortName
            row.lastStatus = check.status
            row.lastError = Self.reason(check.outcome)
            row.lastBytes = check.bytes
            row.lastElapsedMs = Int((WatchCoding.seconds(check.elapsed) * 1000).rounded())
            row.finalURL = check.finalURL?.absoluteString
            if case .captured(.newVersion(let version)) = check.outcome { row.lastVersion = version }
            try row.update(db)

            if row.targetKind == .article, let articleID = row.articleID {
                if let outcome = Self.checkOutcome(check.outcome) {
                    let versions = try ArticleRow.fetch(db, id: articleID)?.versionCount ?? 0
                    try Archive.insertCheck(
                        db, articleID: articleID, time: check.checkedAt, outcome: outcome, version: versions > 0 ? versions : nil,
                        error: row.lastError, httpStatus: check.status, url: row.url)
                }
                try Archive.mirror(row, in: db)
            }
            if row.targetKind == .feed {
                try Self.addItems(check.feedItems, of: row, at: check.checkedAt, in: db)
            }
        }
    }

    /// The earliest due time of a target that is not gone.
    public func nextDueDate() async throws -> Date? {
        let archive = self.archive
        return try await Self.offload {
            try archive.watchRead { db in
                try WatchTargetRow.filter(Column("gone") == false).order(Column("next_due")).fetchOne(db)?.nextDue
            }
        }
    }

    private static let queue = DispatchQueue(label: "stet.watch.archive", attributes: .concurrent)

    /// Runs blocking archive work on `queue` and waits for it without holding a concurrency thread.
    static func offload<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            queue.async { continuation.resume(with: Result { try work() }) }
        }
    }

    // MARK: Helpers

    /// The archive check to add for a watcher outcome, or nil when the snapshot already wrote one
    /// (captured pages) or the check was only postponed (deferred).
    static func checkOutcome(_ outcome: StetWatch.CheckOutcome) -> CheckOutcome? {
        switch outcome {
        case .notModified: .notModified
        case .failed, .unusable: .failed
        case .captured, .deferred, .feedRead: nil
        }
    }

    static func reason(_ outcome: StetWatch.CheckOutcome) -> String? {
        switch outcome {
        case .failed(let failure): failure.message
        case .unusable(let reason): reason
        case .captured(.rejected(let reason)): reason
        default: nil
        }
    }

    /// Remembers the feed's item links; each one no target has yet becomes a tracked article.
    static func addItems(_ items: [FeedItem], of feed: WatchTargetRow, at time: Date, in db: Database) throws {
        for item in items {
            guard let link = item.link, let scheme = link.scheme?.lowercased(), scheme == "http" || scheme == "https",
                let normalized = ArticleIdentity.normalize(link.absoluteString)
            else { continue }
            if try FeedItemRow.exists(db, key: ["feed_id": feed.id, "normalized_link": normalized]) { continue }
            var target: String?
            if let existing = try WatchTargetRow.filter(Column("normalized_url") == normalized).fetchOne(db) {
                target = existing.id
            } else if let id = try? Archive.articleID(forURL: link.absoluteString, normalized: normalized, in: db),
                try WatchTargetRow.fetchOne(db, key: id) == nil
            {
                var row = WatchTargetRow(
                    id: id, kind: TargetKind.article.rawValue, url: link.absoluteString, normalizedURL: normalized, articleID: id,
                    sourceFeed: feed.id, addedAt: time, everySeconds: nil, schedule: "{}", nextDue: time)
                try row.setSchedule(ScheduleState(firstSeen: time, published: item.published))
                try row.insert(db)
                try Archive.mirror(row, in: db)
                target = id
            }
            try FeedItemRow(
                feedID: feed.id, normalizedLink: normalized, link: link.absoluteString, title: item.title, itemID: item.id,
                published: item.published, firstSeenAt: time, targetID: target
            ).insert(db)
        }
    }
}
