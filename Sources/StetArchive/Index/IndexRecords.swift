// The rows of the SQLite index, as plain Codable records (GRDB maps them to snake_case columns).
// Git is the truth: `ArticleRow`'s derived columns and every `VersionRow` are rebuilt from the
// refs by `reindex`; `CheckRow`s and the watcher's columns (`tracked`, `next_due`, `interval`,
// `gone`, `failures`, `last_checked_at`) exist only here and survive a reindex.

import Foundation
import GRDB

struct ArticleRow: Codable, Hashable, Sendable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "articles"

    var id: String
    // Derived from the latest version in git.
    var url: String?
    var normalizedURL: String?
    var finalURL: String?
    var normalizedFinalURL: String?
    var canonicalURL: String?
    var normalizedCanonicalURL: String?
    var title: String?
    var site: String?
    var createdAt: Date?
    var lastChangedAt: Date?
    var lastSummary: String?
    var versionCount: Int = 0
    var headCommit: String?
    var etag: String?
    var lastModified: String?
    // Index-only state, kept by reindex.
    var lastCheckedAt: Date?
    var tracked: Bool = false
    var nextDue: Date?
    var interval: Double?
    var gone: Bool = false
    var failures: Int = 0

    // The columns' own names: GRDB's snake-case key strategy converted every key on every row
    // written or read, which showed in snapshot profiles.
    enum CodingKeys: String, CodingKey {
        case id, url, normalizedURL = "normalized_url", finalURL = "final_url", normalizedFinalURL = "normalized_final_url"
        case canonicalURL = "canonical_url", normalizedCanonicalURL = "normalized_canonical_url", title, site
        case createdAt = "created_at", lastChangedAt = "last_changed_at", lastSummary = "last_summary"
        case versionCount = "version_count", headCommit = "head_commit", etag, lastModified = "last_modified"
        case lastCheckedAt = "last_checked_at", tracked, nextDue = "next_due", interval, gone, failures
    }

    /// Empties the columns that come from git (before a rebuild).
    mutating func clearDerived() {
        let keep = self
        self = ArticleRow(id: keep.id)
        url = keep.url
        normalizedURL = keep.normalizedURL
        lastCheckedAt = keep.lastCheckedAt
        tracked = keep.tracked
        nextDue = keep.nextDue
        interval = keep.interval
        gone = keep.gone
        failures = keep.failures
    }
}

struct VersionRow: Codable, Hashable, Sendable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "versions"

    var articleId: String
    var number: Int
    var commitId: String
    var capturedAt: Date
    var timeZoneOffset: Int
    var title: String?
    var wordCount: Int
    var summary: String
    var added: Int
    var removed: Int
    var edited: Int
    var moved: Int
    var split: Int
    var merged: Int
    var minor: Int
    var quoteChanges: Int
    var figureChanges: Int
    var noteChanges: Int
    var hasQuoteChange: Bool
    var hasFigureChange: Bool
    var hasNoteChange: Bool
    var revertOf: Int?
    var url: String?
    var httpStatus: Int?
    var extractorVersion: String?

    /// The columns' own names (see `ArticleRow.CodingKeys`).
    enum CodingKeys: String, CodingKey {
        case articleId = "article_id", number, commitId = "commit_id", capturedAt = "captured_at"
        case timeZoneOffset = "time_zone_offset", title, wordCount = "word_count", summary, added, removed, edited, moved
        case split, merged, minor, quoteChanges = "quote_changes", figureChanges = "figure_changes", noteChanges = "note_changes"
        case hasQuoteChange = "has_quote_change", hasFigureChange = "has_figure_change", hasNoteChange = "has_note_change"
        case revertOf = "revert_of", url, httpStatus = "http_status", extractorVersion = "extractor_version"
    }
}

struct CheckRow: Codable, Hashable, Sendable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "checks"
    static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    var id: Int64?
    var articleId: String
    var checkedAt: Date
    var outcome: String
    var version: Int?
    var error: String?
    var httpStatus: Int?

    mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

/// A stored version's source page run through a newer extractor (index-only; git is untouched).
struct ReextractionRow: Codable, Hashable, Sendable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "reextractions"
    static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    var articleId: String
    var number: Int
    var extractorVersion: String
    /// The version's commit when it was re-extracted (a rebuilt history invalidates the row).
    var commitId: String
    var markdown: String?
    var title: String?
    var wordCount: Int?
    var differs: Bool
    var error: String?
    var createdAt: Date
}
