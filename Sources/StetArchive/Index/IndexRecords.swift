// The rows of the SQLite index. `ArticleRow` and `VersionRow` map their columns by hand
// (`init(row:)`, `encode(to:)`): GRDB's Codable path built a keyed decoding or encoding container
// per row and looked every key up through it (~11 % of a snapshot), and the runtime's first use of
// each Codable container type scans every protocol conformance record of the binary, which the
// start-up of every read command (`stet log`) paid for. The other rows stay Codable.
// Git is the truth: `ArticleRow`'s derived columns and every `VersionRow` are rebuilt from the
// refs by `reindex`; `CheckRow`s and the watcher's columns (`tracked`, `next_due`, `interval`,
// `gone`, `failures`, `last_checked_at`) exist only here and survive a reindex.

import Foundation
import GRDB

struct ArticleRow: Hashable, Sendable, FetchableRecord, PersistableRecord {
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

    init(
        id: String, url: String? = nil, normalizedURL: String? = nil, finalURL: String? = nil, normalizedFinalURL: String? = nil,
        canonicalURL: String? = nil, normalizedCanonicalURL: String? = nil, title: String? = nil, site: String? = nil,
        createdAt: Date? = nil, lastChangedAt: Date? = nil, lastSummary: String? = nil, versionCount: Int = 0,
        headCommit: String? = nil, etag: String? = nil, lastModified: String? = nil, lastCheckedAt: Date? = nil,
        tracked: Bool = false, nextDue: Date? = nil, interval: Double? = nil, gone: Bool = false, failures: Int = 0
    ) {
        self.id = id
        self.url = url
        self.normalizedURL = normalizedURL
        self.finalURL = finalURL
        self.normalizedFinalURL = normalizedFinalURL
        self.canonicalURL = canonicalURL
        self.normalizedCanonicalURL = normalizedCanonicalURL
        self.title = title
        self.site = site
        self.createdAt = createdAt
        self.lastChangedAt = lastChangedAt
        self.lastSummary = lastSummary
        self.versionCount = versionCount
        self.headCommit = headCommit
        self.etag = etag
        self.lastModified = lastModified
        self.lastCheckedAt = lastCheckedAt
        self.tracked = tracked
        self.nextDue = nextDue
        self.interval = interval
        self.gone = gone
        self.failures = failures
    }

    /// Decodes a row of `articles` (a NULL in a NOT NULL column, or a value of the wrong type,
    /// throws `RowDecodingError`).
    init(row: Row) throws {
        self.init(
            id: try row.decode(forColumn: "id"),
            url: try row.decode(forColumn: "url"),
            normalizedURL: try row.decode(forColumn: "normalized_url"),
            finalURL: try row.decode(forColumn: "final_url"),
            normalizedFinalURL: try row.decode(forColumn: "normalized_final_url"),
            canonicalURL: try row.decode(forColumn: "canonical_url"),
            normalizedCanonicalURL: try row.decode(forColumn: "normalized_canonical_url"),
            title: try row.decode(forColumn: "title"),
            site: try row.decode(forColumn: "site"),
            createdAt: try row.indexDate("created_at"),
            lastChangedAt: try row.indexDate("last_changed_at"),
            lastSummary: try row.decode(forColumn: "last_summary"),
            versionCount: try row.decode(forColumn: "version_count"),
            headCommit: try row.decode(forColumn: "head_commit"),
            etag: try row.decode(forColumn: "etag"),
            lastModified: try row.decode(forColumn: "last_modified"),
            lastCheckedAt: try row.indexDate("last_checked_at"),
            tracked: try row.decode(forColumn: "tracked"),
            nextDue: try row.indexDate("next_due"),
            interval: try row.decode(forColumn: "interval"),
            gone: try row.decode(forColumn: "gone"),
            failures: try row.decode(forColumn: "failures"))
    }

    /// Every column with its value, in the table's order: what `encode(to:)` writes and what the
    /// cached INSERT and UPDATE statements bind (`IndexPersistence`).
    var columnValues: [(String, (any DatabaseValueConvertible)?)] {
        [
            ("id", id),
            ("url", url),
            ("normalized_url", normalizedURL),
            ("final_url", finalURL),
            ("normalized_final_url", normalizedFinalURL),
            ("canonical_url", canonicalURL),
            ("normalized_canonical_url", normalizedCanonicalURL),
            ("title", title),
            ("site", site),
            ("created_at", createdAt.map(IndexDate.databaseValue)),
            ("last_changed_at", lastChangedAt.map(IndexDate.databaseValue)),
            ("last_summary", lastSummary),
            ("version_count", versionCount),
            ("head_commit", headCommit),
            ("etag", etag),
            ("last_modified", lastModified),
            ("last_checked_at", lastCheckedAt.map(IndexDate.databaseValue)),
            ("tracked", tracked),
            ("next_due", nextDue.map(IndexDate.databaseValue)),
            ("interval", interval),
            ("gone", gone),
            ("failures", failures),
        ]
    }

    func encode(to container: inout PersistenceContainer) {
        for (column, value) in columnValues { container[column] = value }
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

struct VersionRow: Hashable, Sendable, FetchableRecord, PersistableRecord {
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

    init(
        articleId: String, number: Int, commitId: String, capturedAt: Date, timeZoneOffset: Int, title: String?,
        wordCount: Int, summary: String, added: Int, removed: Int, edited: Int, moved: Int, split: Int, merged: Int,
        minor: Int, quoteChanges: Int, figureChanges: Int, noteChanges: Int, hasQuoteChange: Bool, hasFigureChange: Bool,
        hasNoteChange: Bool, revertOf: Int?, url: String?, httpStatus: Int?, extractorVersion: String?
    ) {
        self.articleId = articleId
        self.number = number
        self.commitId = commitId
        self.capturedAt = capturedAt
        self.timeZoneOffset = timeZoneOffset
        self.title = title
        self.wordCount = wordCount
        self.summary = summary
        self.added = added
        self.removed = removed
        self.edited = edited
        self.moved = moved
        self.split = split
        self.merged = merged
        self.minor = minor
        self.quoteChanges = quoteChanges
        self.figureChanges = figureChanges
        self.noteChanges = noteChanges
        self.hasQuoteChange = hasQuoteChange
        self.hasFigureChange = hasFigureChange
        self.hasNoteChange = hasNoteChange
        self.revertOf = revertOf
        self.url = url
        self.httpStatus = httpStatus
        self.extractorVersion = extractorVersion
    }

    /// Decodes a row of `versions` (see `ArticleRow.init(row:)`).
    init(row: Row) throws {
        self.init(
            articleId: try row.decode(forColumn: "article_id"),
            number: try row.decode(forColumn: "number"),
            commitId: try row.decode(forColumn: "commit_id"),
            capturedAt: try row.requiredIndexDate("captured_at"),
            timeZoneOffset: try row.decode(forColumn: "time_zone_offset"),
            title: try row.decode(forColumn: "title"),
            wordCount: try row.decode(forColumn: "word_count"),
            summary: try row.decode(forColumn: "summary"),
            added: try row.decode(forColumn: "added"),
            removed: try row.decode(forColumn: "removed"),
            edited: try row.decode(forColumn: "edited"),
            moved: try row.decode(forColumn: "moved"),
            split: try row.decode(forColumn: "split"),
            merged: try row.decode(forColumn: "merged"),
            minor: try row.decode(forColumn: "minor"),
            quoteChanges: try row.decode(forColumn: "quote_changes"),
            figureChanges: try row.decode(forColumn: "figure_changes"),
            noteChanges: try row.decode(forColumn: "note_changes"),
            hasQuoteChange: try row.decode(forColumn: "has_quote_change"),
            hasFigureChange: try row.decode(forColumn: "has_figure_change"),
            hasNoteChange: try row.decode(forColumn: "has_note_change"),
            revertOf: try row.decode(forColumn: "revert_of"),
            url: try row.decode(forColumn: "url"),
            httpStatus: try row.decode(forColumn: "http_status"),
            extractorVersion: try row.decode(forColumn: "extractor_version"))
    }

    /// Every column with its value (see `ArticleRow.columnValues`).
    var columnValues: [(String, (any DatabaseValueConvertible)?)] {
        [
            ("article_id", articleId),
            ("number", number),
            ("commit_id", commitId),
            ("captured_at", IndexDate.databaseValue(capturedAt)),
            ("time_zone_offset", timeZoneOffset),
            ("title", title),
            ("word_count", wordCount),
            ("summary", summary),
            ("added", added),
            ("removed", removed),
            ("edited", edited),
            ("moved", moved),
            ("split", split),
            ("merged", merged),
            ("minor", minor),
            ("quote_changes", quoteChanges),
            ("figure_changes", figureChanges),
            ("note_changes", noteChanges),
            ("has_quote_change", hasQuoteChange),
            ("has_figure_change", hasFigureChange),
            ("has_note_change", hasNoteChange),
            ("revert_of", revertOf),
            ("url", url),
            ("http_status", httpStatus),
            ("extractor_version", extractorVersion),
        ]
    }

    func encode(to container: inout PersistenceContainer) {
        for (column, value) in columnValues { container[column] = value }
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
