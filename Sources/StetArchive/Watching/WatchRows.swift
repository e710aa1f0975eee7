// The watcher's rows in the SQLite index (migration `v5-watch`): one `watch_targets` row per
// tracked article or followed feed, and one `feed_items` row per item link a feed has shown.
// Like checks, they exist only in the index and survive `reindex`; git never sees them.

import Foundation
import GRDB
import StetWatch

/// A tracked article or followed feed.
struct WatchTargetRow: Codable, Hashable, Sendable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "watch_targets"
    static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    /// The article id for articles; `feed:` + a slug of the URL for feeds.
    var id: String
    /// `article` or `feed` (`TargetKind.rawValue`).
    var kind: String
    var url: String
    var normalizedURL: String
    /// The archive article the versions go to (articles only).
    var articleID: String?
    /// The feed whose item this article was (articles added by a feed).
    var sourceFeed: String?
    var addedAt: Date
    /// The per-target `--every`, in seconds (also inside `schedule`; a column for queries).
    var everySeconds: Double?
    /// `ScheduleState` as JSON.
    var schedule: String
    var etag: String?
    var lastModified: String?
    var digest: String?
    var nextDue: Date
    var gone: Bool = false
    /// Consecutive failed checks (from the schedule state).
    var failures: Int = 0
    var lastCheckedAt: Date?
    /// `CheckOutcome.shortName` of the last check.
    var lastOutcome: String?
    var lastStatus: Int?
    var lastError: String?
    var lastBytes: Int?
    var lastElapsedMs: Int?
    var finalURL: String?
    /// The archive's version name from the last check that stored one.
    var lastVersion: String?

    enum CodingKeys: String, CodingKey {
        case id, kind, url, normalizedURL = "normalizedUrl", articleID = "articleId", sourceFeed, addedAt, everySeconds
        case schedule, etag, lastModified, digest, nextDue, gone, failures, lastCheckedAt, lastOutcome, lastStatus
        case lastError, lastBytes, lastElapsedMs, finalURL = "finalUrl", lastVersion
    }

    var targetKind: TargetKind { TargetKind(rawValue: kind) ?? .article }

    /// The stored schedule state; a row whose JSON cannot be read starts afresh from `addedAt`
    /// rather than stopping the watcher.
    var scheduleState: ScheduleState {
        if let state = try? WatchCoding.decoder.decode(ScheduleState.self, from: Data(schedule.utf8)) { return state }
        return ScheduleState(firstSeen: addedAt, every: everySeconds.map(WatchCoding.duration(seconds:)))
    }

    mutating func setSchedule(_ state: ScheduleState) throws {
        schedule = String(decoding: try WatchCoding.encoder.encode(state), as: UTF8.self)
        everySeconds = state.every.map(WatchCoding.seconds)
        gone = state.isGone
        failures = state.consecutiveFailures
    }
}

/// An item link a feed has shown (so that an untracked article is not added back by its feed).
struct FeedItemRow: Codable, Hashable, Sendable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "feed_items"
    static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    var feedID: String
    var normalizedLink: String
    var link: String
    var title: String?
    var itemID: String?
    var published: Date?
    var firstSeenAt: Date
    /// The article target the item became, if it did.
    var targetID: String?

    enum CodingKeys: String, CodingKey {
        case feedID = "feedId", normalizedLink, link, title, itemID = "itemId", published, firstSeenAt
        case targetID = "targetId"
    }
}

enum WatchCoding {
    static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .secondsSince1970
        return encoder
    }
    static var decoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        return decoder
    }

    static func seconds(_ duration: Duration) -> Double {
        let parts = duration.components
        return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
    }

    static func duration(seconds: Double) -> Duration {
        .milliseconds(Int64((seconds * 1000).rounded()))
    }
}
