// The archive side of watching: tracking and following URLs, and reading the watch state back
// for `stet status`. The watcher itself talks to the archive through `ArchiveWatchStore`.
//
// A tracked article's target id is its article id (an indexed article whose URL matches, else the
// id derived from the URL with tracking parameters stripped), so every version the watcher
// captures lands on the article `stet log` shows. A feed's id is `feed:` + the same slug; feeds
// are not articles and have no ref. Tracking something already tracked makes it due at once
// (and no longer gone) and updates `--every` when given; it never duplicates a target.
//
// Complexity: each call is one indexed lookup and one write transaction; `watchEntries` reads
// every target once (O(t log t) to order them).

import Foundation
import GRDB
import StetWatch

/// A tracked article or followed feed as `stet status` shows it.
public struct WatchEntry: Sendable, Hashable {
    /// The target's key: the article id, or `feed:…` for a feed.
    public var id: String
    /// Article or feed.
    public var kind: TargetKind
    /// The URL fetched.
    public var url: String
    /// The archive article the versions go to (articles only).
    public var articleID: String?
    /// The feed that added this article, if one did.
    public var sourceFeed: String?
    /// When it was tracked or followed.
    public var addedAt: Date
    /// The fixed interval set with `--every`, if any (otherwise adaptive).
    public var every: Duration?
    /// When it is next due.
    public var nextDue: Date
    /// Marked gone after answering 404/410 for long enough; no longer checked.
    public var gone: Bool
    /// Consecutive failed checks (0 after any success).
    public var failures: Int
    /// The last completed check, if any.
    public var lastCheckedAt: Date?
    /// `new-version`, `unchanged`, `not-modified`, `http-500`, `feed-changed`, … of the last check.
    public var lastOutcome: String?
    /// The HTTP status of the last check.
    public var lastStatus: Int?
    /// Why the last check failed (or the page was not stored).
    public var lastError: String?
    /// Body bytes received by the last check.
    public var lastBytes: Int?
    /// Wall time of the last fetch, in milliseconds.
    public var lastElapsedMilliseconds: Int?
    /// The URL after redirects in the last check.
    public var finalURL: String?
    /// Versions of the article in the archive (0 for feeds).
    public var versionCount: Int
    /// Item links a feed has shown so far (0 for articles).
    public var feedItemCount: Int

    /// True when the target needs attention: it is gone, or its last check failed.
    public var isFailing: Bool { gone || failures > 0 }
}

/// What `track` or `follow` did.
public struct TrackResult: Sendable, Hashable {
    /// The target as stored now.
    public var entry: WatchEntry
    /// False when the URL was already tracked (it was made due at once and `every` updated).
    public var isNew: Bool
}

/// Errors of the watch commands, each with a one-line description.
public enum WatchError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Not an absolute http(s) URL with a host.
    case invalidURL(String)
    /// No tracked article (or followed feed) matches.
    case unknownTarget(String, kind: TargetKind)
    /// More than one target matches.
    case ambiguousTarget(String, candidates: [String])
    /// The URL is already watched as the other kind.
    case kindMismatch(url: String, existing: TargetKind)
    /// An interval that is zero or negative.
    case invalidInterval(String)

    /// One line for the user.
    public var description: String {
        switch self {
        case .invalidURL(let url): "\"\(url)\" is not an http(s) URL with a host name"
        case .unknownTarget(let query, let kind):
            kind == .feed ? "no followed feed matches \"\(query)\" (see stet status)"
                : "no tracked article matches \"\(query)\" (see stet status)"
        case .ambiguousTarget(let query, let candidates):
            "\"\(query)\" is ambiguous: it matches \(candidates.count) targets: \(candidates.prefix(10).joined(separator: ", "))"
        case .kindMismatch(let url, let existing):
            existing == .feed ? "\(url) is followed as a feed; unfollow it first to track it as an article"
                : "\(url) is tracked as an article; untrack it first to follow it as a feed"
        case .invalidInterval(let text): "invalid interval \(text): it must be longer than zero"
        }
    }
}

extension Archive {
    /// Starts watching an article page: it is due at once, then on the adaptive schedule, or every
    /// `every` when given.
    /// - Throws: ``WatchError`` for a bad URL or one followed as a feed; archive errors.
    @discardableResult
    public func track(url: String, every: Duration? = nil, at now: Date = Date()) throws -> TrackResult {
        try addTarget(url: url, kind: .article, every: every, at: now)
    }

    /// Starts reading a feed (RSS or Atom): each item link not seen before becomes a tracked article.
    /// - Throws: ``WatchError`` for a bad URL or one tracked as an article; archive errors.
    @discardableResult
    public func follow(feedURL: String, every: Duration? = nil, at now: Date = Date()) throws -> TrackResult {
        try addTarget(url: feedURL, kind: .feed, every: every, at: now)
    }

    /// Stops watching an article (by id, URL or unambiguous prefix). Its versions and checks stay.
    @discardableResult
    public func untrack(_ query: String) throws -> WatchEntry {
        try removeTarget(query, kind: .article)
    }

    /// Stops reading a feed (by id or URL). The articles it added stay tracked.
    @discardableResult
    public func unfollow(_ query: String) throws -> WatchEntry {
        try removeTarget(query, kind: .feed)
    }

    /// Every tracked article and followed feed: failing and gone ones first (most failures first),
    /// then the rest by next due time.
    public func watchEntries() throws -> [WatchEntry] {
        let entries = try watchRead { db in
            try WatchTargetRow.fetchAll(db).map { row in try Self.entry(row, db: db) }
        }
        return entries.sorted { a, b in
            if a.isFailing != b.isFailing { return a.isFailing }
            if a.isFailing, a.gone != b.gone { return !a.gone }
            if a.isFailing, a.failures != b.failures { return a.failures > b.failures }
            if a.nextDue != b.nextDue { return a.nextDue < b.nextDue }
            return a.id < b.id
        }
    }

    /// One target's state, by id.
    public func watchEntry(id: String) throws -> WatchEntry? {
        try watchRead { db in try WatchTargetRow.fetchOne(db, key: id).map { try Self.entry($0, db: db) } }
    }

    /// Makes every target that is not gone due at `now` (`stet watch --force-due`).
    /// - Returns: how many targets were made due.
    @discardableResult
    public func makeAllDue(at now: Date = Date()) throws -> Int {
        try watchWrite { db in
            try WatchTargetRow.filter(Column("gone") == false && Column("next_due") > now)
                .updateAll(db, Column("next_due").set(to: now))
        }
    }

    // MARK: Internals

    /// A write transaction whose ``WatchError``s reach the caller as they are.
    func watchWrite<T>(_ body: (Database) throws -> T) throws -> T {
        do { return try index.pool.write(body) } catch let error as WatchError { throw error } catch let error as ArchiveError {
            throw error
        } catch { throw ArchiveError.index("\(error)") }
    }

    /// A read whose ``WatchError``s reach the caller as they are.
    func watchRead<T>(_ body: (Database) throws -> T) throws -> T {
        do { return try index.pool.read(body) } catch let error as WatchError { throw error } catch let error as ArchiveError {
            throw error
        } catch { throw ArchiveError.index("\(error)") }
    }

    private func addTarget(url text: String, kind: TargetKind, every: Duration?, at now: Date) throws -> TrackResult {
        let url = try Self.webURL(text)
        if let every, every <= .zero { throw WatchError.invalidInterval("\(every)") }
        guard let normalized = ArticleIdentity.normalize(url.absoluteString) else { throw WatchError.invalidURL(text) }
        return try watchWrite { db -> TrackResult in
            if var existing = try WatchTargetRow.filter(Column("normalized_url") == normalized).fetchOne(db) {
                guard existing.targetKind == kind else { throw WatchError.kindMismatch(url: text, existing: existing.targetKind) }
                var state = existing.scheduleState
                if let every { state.every = every }
                try existing.setSchedule(state)
                existing.gone = false
                existing.nextDue = now
                try existing.update(db)
                if kind == .article { try Self.mirror(existing, in: db) }
                return TrackResult(entry: try Self.entry(existing, db: db), isNew: false)
            }
            let id: String
            switch kind {
            case .article: id = try Self.articleID(forURL: url.absoluteString, normalized: normalized, in: db)
            case .feed: id = "feed:" + (ArticleIdentity.articleID(forURL: url.absoluteString) ?? normalized)
            }
            if var existing = try WatchTargetRow.fetchOne(db, key: id) {
                // Another URL of the same article (e.g. its canonical URL) is already tracked.
                guard existing.targetKind == kind else { throw WatchError.kindMismatch(url: text, existing: existing.targetKind) }
                existing.nextDue = now
                existing.gone = false
                try existing.update(db)
                return TrackResult(entry: try Self.entry(existing, db: db), isNew: false)
            }
            var row = WatchTargetRow(
                id: id, kind: kind.rawValue, url: url.absoluteString, normalizedURL: normalized,
                articleID: kind == .article ? id : nil, sourceFeed: nil, addedAt: now, everySeconds: nil, schedule: "{}",
                nextDue: now)
            try row.setSchedule(ScheduleState(firstSeen: now, every: every))
            try row.insert(db)
            if kind == .article { try Self.mirror(row, in: db) }
            return TrackResult(entry: try Self.entry(row, db: db), isNew: true)
        }
    }

    private func removeTarget(_ query: String, kind: TargetKind) throws -> WatchEntry {
        try watchWrite { db -> WatchEntry in
            let row = try Self.findTarget(query, kind: kind, in: db)
            let entry = try Self.entry(row, db: db)
            _ = try row.delete(db)
            if kind == .article, var article = try ArticleRow.fetch(db, id: row.id) {
                article.tracked = false
                article.nextDue = nil
                article.interval = nil
                try article.updateRow(db)
            }
            return entry
        }
    }

    /// A target by exact id, exact URL (normalized), or an unambiguous prefix of an id.
    static func findTarget(_ query: String, kind: TargetKind, in db: Database) throws -> WatchTargetRow {
        let trimmed = query.trimmingWhitespace
        let rows = try WatchTargetRow.filter(Column("kind") == kind.rawValue).fetchAll(db)
        if let exact = rows.first(where: { $0.id == trimmed || $0.id == "feed:" + trimmed }) { return exact }
        if let normalized = ArticleIdentity.normalize(trimmed) {
            let byURL = rows.filter { $0.normalizedURL == normalized }
            if byURL.count == 1 { return byURL[0] }
        }
        let byPrefix = rows.filter { $0.id.hasPrefix(trimmed) || $0.id.hasPrefix("feed:" + trimmed) }
        if byPrefix.count == 1 { return byPrefix[0] }
        if byPrefix.count > 1 { throw WatchError.ambiguousTarget(query, candidates: byPrefix.map(\.id).sorted()) }
        throw WatchError.unknownTarget(query, kind: kind)
    }

    /// The article id for a URL: an indexed article with that URL (requested or canonical), else
    /// the id derived from the URL.
    static func articleID(forURL url: String, normalized: String, in db: Database) throws -> String {
        if let known = try ArticleRow.filter(
            Column("normalized_url") == normalized || Column("normalized_canonical_url") == normalized
        ).order(Column("id")).fetchOne(db) {
            return known.id
        }
        guard let id = ArticleIdentity.articleID(forURL: url) else { throw WatchError.invalidURL(url) }
        try ArticleIdentity.validate(id)
        return id
    }

    /// An absolute http(s) URL with a host, or ``WatchError/invalidURL(_:)``.
    static func webURL(_ text: String) throws -> URL {
        let trimmed = text.trimmingWhitespace
        guard let url = URL(string: trimmed), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
            let host = url.host, !host.isEmpty
        else { throw WatchError.invalidURL(text) }
        return url
    }

    /// Keeps the article row's watch columns (`tracked`, `next_due`, `gone`) in step with the
    /// target, creating the row for an article not fetched yet.
    static func mirror(_ target: WatchTargetRow, in db: Database) throws {
        guard let articleID = target.articleID else { return }
        var article = try ArticleRow.fetch(db, id: articleID)
            ?? ArticleRow(id: articleID, url: target.url, normalizedURL: target.normalizedURL)
        article.tracked = true
        article.nextDue = target.nextDue
        article.interval = target.everySeconds
        article.gone = target.gone
        try article.saveRow(db)
    }

    static func entry(_ row: WatchTargetRow, db: Database) throws -> WatchEntry {
        let versions = try row.articleID.flatMap { try ArticleRow.fetch(db, id: $0)?.versionCount } ?? 0
        let items = row.targetKind == .feed ? try FeedItemRow.filter(Column("feed_id") == row.id).fetchCount(db) : 0
        return WatchEntry(
            id: row.id, kind: row.targetKind, url: row.url, articleID: row.articleID, sourceFeed: row.sourceFeed,
            addedAt: row.addedAt, every: row.everySeconds.map(WatchCoding.duration(seconds:)), nextDue: row.nextDue,
            gone: row.gone, failures: row.failures, lastCheckedAt: row.lastCheckedAt, lastOutcome: row.lastOutcome,
            lastStatus: row.lastStatus, lastError: row.lastError, lastBytes: row.lastBytes,
            lastElapsedMilliseconds: row.lastElapsedMs, finalURL: row.finalURL, versionCount: versions, feedItemCount: items)
    }
}
