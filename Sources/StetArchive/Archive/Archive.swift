// The façade the CLI calls: open an archive, snapshot pages into it, and read articles,
// versions, documents, diffs and checks back.
//
// An archive is a directory holding a bare git repository (the truth: one ref per article, one
// commit per version) and `index.sqlite` (derived rows for fast listing, rebuilt by `reindex`).
// Write order is commit → ref → index; on open, `reconcile` indexes whatever a crash left
// unindexed (only when the ref generation says a write may be missing: see RefGeneration). See docs/archive-format.md.

import Foundation
import GRDB

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import StetDiff
import StetExtract
import StetText

/// A stet archive: the git store of article versions and its SQLite index.
///
/// Safe to use from several threads and tasks at once, and from several processes on the same
/// directory: refs move by compare-and-swap and index writes are serialized by SQLite.
public final class Archive: Sendable {
    /// The release written into each version's `meta.json`.
    public static let softwareVersion = "0.1.0"
    /// Where the CLI keeps the archive when neither `--archive` nor `STET_ARCHIVE` says otherwise.
    public static let defaultPath = ".stet/archive.git"
    /// Every article's ref is `refs/heads/articles/<article-id>`.
    public static let referencePrefix = "refs/heads/articles/"
    /// The index file's name inside the archive directory.
    public static let indexFileName = "index.sqlite"

    /// How many times a snapshot re-reads the head and retries after losing a ref race.
    static let maximumAttempts = 16
    static let identity = GitIdentity(name: "stet", email: "stet@localhost")

    /// The archive directory (the bare repository).
    public let path: String
    /// The thresholds the snapshot quality guard uses.
    public let qualityGuard: QualityGuard
    /// Opened on first use: commands that only read the index (`log`, `list`) never initialize
    /// libgit2, whose start-up (Debian's build parses the system's CA bundle) was 45% of `stet log`.
    let lazyRepository: LazyGitRepository
    let index: ArchiveIndex

    /// The git repository, opened (and libgit2 initialized) the first time it is needed.
    var repository: GitRepository {
        get throws(GitError) { try lazyRepository.get() }
    }
    /// Held while writing objects and moving refs (see `RefLock`).
    let refLock: RefLock
    /// The files of versions this process wrote or read lately, by commit (see `RecentVersions`).
    let recentVersions = RecentVersions()
    /// Opened by `openForReading`: writing git objects or refs is refused up front (the index,
    /// opened read-only, refuses its own writes).
    let readOnly: Bool

    private init(path: String, repository: LazyGitRepository, index: ArchiveIndex, qualityGuard: QualityGuard, readOnly: Bool = false) {
        self.readOnly = readOnly
        self.path = path
        self.lazyRepository = repository
        self.index = index
        self.qualityGuard = qualityGuard
        self.refLock = RefLock(path: (path as NSString).appendingPathComponent("stet.lock"))
    }

    /// The archive path the CLI should use: `explicit` (`--archive`), else `STET_ARCHIVE` from
    /// `environment`, else `defaultPath`.
    public static func path(explicit: String?, environment: [String: String]) -> String {
        if let explicit, !explicit.isEmpty { return explicit }
        if let fromEnvironment = environment["STET_ARCHIVE"], !fromEnvironment.isEmpty { return fromEnvironment }
        return defaultPath
    }

    /// Opens the archive at `path`, creating it (and missing parent directories) when `create`
    /// is true and nothing is there (or an empty directory). Removes temporary object files
    /// left by killed writers and brings the index up to date with git (`reconcile`).
    /// - Throws: `archiveMissing` when there is nothing at `path` and `create` is false;
    ///   `notAnArchive` when `path` holds something that is not a bare git repository.
    public static func open(at path: String, create: Bool = true, qualityGuard: QualityGuard = QualityGuard()) throws(ArchiveError)
        -> Archive
    {
        let files = FileManager.default
        var isDirectory: ObjCBool = false
        let exists = files.fileExists(atPath: path, isDirectory: &isDirectory)
        let repository: LazyGitRepository
        if !exists {
            guard create else { throw .archiveMissing(path: path) }
            try createRepositoryAtomically(at: path)
            repository = LazyGitRepository(path: path)
        } else {
            guard isDirectory.boolValue else { throw .notAnArchive(path: path) }
            if files.fileExists(atPath: (path as NSString).appendingPathComponent("HEAD")) {
                // What libgit2 checks to accept a bare repository; the open itself waits for first use.
                guard LazyGitRepository.looksLikeBareRepository(path) else { throw .notAnArchive(path: path) }
                repository = LazyGitRepository(path: path)
            } else {
                let contents = (try? files.contentsOfDirectory(atPath: path)) ?? []
                guard create, contents.isEmpty else { throw .notAnArchive(path: path) }
                do { repository = LazyGitRepository(try GitRepository.create(at: path)) } catch { throw .git(error) }
            }
        }
        // Under the write lock: the index's migrations (two processes creating an archive at once
        // would both run them: "table already exists"), the sweep of killed writers' temporary
        // objects, and reading the ref generation (so no writer is between bumping it and moving
        // its ref). Best effort: an archive on a read-only medium can still be read, unlocked.
        let indexPath = (path as NSString).appendingPathComponent(indexFileName)
        let lock = RefLock(path: (path as NSString).appendingPathComponent("stet.lock"))
        var index: ArchiveIndex?
        var generation: Int?
        do {
            (index, generation) = try lock.withLock { () throws(ArchiveError) -> (ArchiveIndex, Int?) in
                let index = try ArchiveIndex(path: indexPath)
                StaleFiles.removeTemporaryObjects(in: path)
                return (index, RefGeneration.read(archive: path))
            }
        } catch {
            guard case .io(let failedPath, _) = error, failedPath == lock.path else { throw error }
        }
        let openIndex: ArchiveIndex
        if let index { openIndex = index } else { openIndex = try ArchiveIndex(path: indexPath) }
        let archive = Archive(path: path, repository: repository, index: openIndex, qualityGuard: qualityGuard)
        try archive.reconcile(ifBehind: generation)
        return archive
    }

    /// Opens an existing archive for reading (`stet log`, `list`, `diff`): no write lock, no sweep
    /// of killed writers' files, and the index through one read-only connection, which closes
    /// without a WAL checkpoint. Falls back to `open(at:create: false)` whenever that cannot
    /// give the same answers: the index missing, unmigrated or without its WAL files, or behind
    /// git (its reconciled generation differs from the ref generation, read here without the
    /// lock: a writer bumps it before moving its ref, so a generation equal to the index's means
    /// every ref moved so far is indexed).
    ///
    /// Snapshots and other writes through the returned archive fail with an index error.
    /// - Throws: what `open(at:create: false)` throws.
    public static func openForReading(at path: String, qualityGuard: QualityGuard = QualityGuard()) throws(ArchiveError) -> Archive {
        let files = FileManager.default
        let indexPath = (path as NSString).appendingPathComponent(indexFileName)
        guard LazyGitRepository.looksLikeBareRepository(path),
            files.fileExists(atPath: indexPath + "-wal"), files.fileExists(atPath: indexPath + "-shm"),
            let index = try? ArchiveIndex(path: indexPath, readOnly: true),
            let generation = RefGeneration.read(archive: path),
            (try? index.read({ db in try reconciledGeneration(db) })) == generation
        else {
            return try open(at: path, create: false, qualityGuard: qualityGuard)
        }
        return Archive(path: path, repository: LazyGitRepository(path: path), index: index, qualityGuard: qualityGuard, readOnly: true)
    }

    /// Throws when the archive was opened for reading only.
    func checkWritable() throws(ArchiveError) {
        if readOnly { throw .io(path: path, message: "the archive was opened for reading only") }
    }

    /// Creates the bare repository in a sibling staging directory and renames it into place, so a
    /// process killed while libgit2 writes the skeleton leaves either no archive or a whole one
    /// (never a directory with a `HEAD` and no `objects`, which nothing could open again). When
    /// another process created the archive first, its archive is kept and ours dropped.
    private static func createRepositoryAtomically(at path: String) throws(ArchiveError) {
        let files = FileManager.default
        var target = path
        while target.count > 1 && target.hasSuffix("/") { target.removeLast() }
        let parent = (target as NSString).deletingLastPathComponent
        do {
            if !parent.isEmpty { try files.createDirectory(atPath: parent, withIntermediateDirectories: true) }
        } catch {
            throw .io(path: path, message: "cannot create the archive directory: \(error.localizedDescription)")
        }
        let staging = target + ".creating-\(UUID().uuidString)"
        do { _ = try GitRepository.create(at: staging) } catch {
            try? files.removeItem(atPath: staging)
            throw .git(error)
        }
        if rename(staging, target) != 0 {
            let failure = errno
            try? files.removeItem(atPath: staging)
            // ENOTEMPTY / EEXIST: another process made the archive meanwhile; use theirs.
            guard failure == ENOTEMPTY || failure == EEXIST else {
                throw .io(path: path, message: "cannot create the archive: \(String(cString: strerror(failure)))")
            }
        }
    }

    static func reference(for articleID: String) -> String { referencePrefix + articleID }

    // MARK: Articles

    /// The articles, most recently changed first. Articles that only have failed checks (no
    /// version) are left out unless `includeEmpty` is true.
    public func articles(includeEmpty: Bool = false) throws(ArchiveError) -> [ArticleSummary] {
        let rows = try index.read { db in
            try db.fetchAll(cached: "SELECT * FROM articles ORDER BY last_changed_at DESC, id", ArticleRow.init(row:))
        }
        return rows.filter { includeEmpty || $0.versionCount > 0 }.map(Self.summary)
    }

    /// One article's summary.
    public func article(_ id: String) throws(ArchiveError) -> ArticleSummary {
        guard let row = try index.read({ db in try ArticleRow.fetch(db, id: id) }) else { throw .unknownArticle(id) }
        return Self.summary(row)
    }

    static func summary(_ row: ArticleRow) -> ArticleSummary {
        ArticleSummary(
            id: row.id, title: row.title, site: row.site, url: row.url, canonicalURL: row.canonicalURL,
            versionCount: row.versionCount, createdAt: row.createdAt, lastChangedAt: row.lastChangedAt,
            lastSummary: row.lastSummary, lastCheckedAt: row.lastCheckedAt, etag: row.etag, lastModified: row.lastModified,
            tracked: row.tracked, nextDue: row.nextDue, interval: row.interval, gone: row.gone, failures: row.failures)
    }

    /// Sets an article's watch state (index-only; kept by `reindex`). Creates the article's index
    /// row when it has none yet (an article to be fetched for the first time).
    public func setWatch(
        articleID: String, tracked: Bool, nextDue: Date?, interval: TimeInterval?, gone: Bool = false, url: String? = nil
    ) throws(ArchiveError) {
        try ArticleIdentity.validate(articleID)
        try index.write { db in
            var row = try ArticleRow.fetch(db, id: articleID)
                ?? ArticleRow(id: articleID, url: url, normalizedURL: url.flatMap(ArticleIdentity.normalize))
            row.tracked = tracked
            row.nextDue = nextDue
            row.interval = interval
            row.gone = gone
            try row.saveRow(db)
        }
    }

    /// Tracked articles that are due at `date` (not gone), soonest first.
    public func dueArticles(at date: Date) throws(ArchiveError) -> [ArticleSummary] {
        let rows = try index.read { db in
            try ArticleRow.filter(Column("tracked") == true && Column("gone") == false)
                .filter(Column("next_due") == nil || Column("next_due") <= date)
                .order(Column("next_due"), Column("id")).fetchAll(db)
        }
        return rows.map(Self.summary)
    }

    /// Finds the article a user means: an exact id, an exact URL (normalized; the requested,
    /// final or canonical one), or an unambiguous prefix of an id or of a normalized URL.
    /// Articles without versions match only by exact id when any article has versions.
    /// - Throws: `unknownArticle`, or `ambiguousArticle` listing the candidates.
    public func resolveArticle(_ query: String) throws(ArchiveError) -> String {
        let trimmed = query.trimmingWhitespace
        guard !trimmed.isEmpty else { throw .unknownArticle(query) }
        // Index lookups only (id primary key, indexed normalized URLs), so the cost does not grow
        // with the number of articles. The SQL is written out, not GRDB's query interface (whose
        // key lookups ask SQLite for the table's primary key first), and the query is parsed as a
        // URL only when it is not an id: this runs at the start of most read commands.
        let outcome = try index.read { db -> ArticleResolution in
            if try ArticleRow.exists(db, id: trimmed) { return .found(trimmed) }
            let normalized = ArticleIdentity.normalize(trimmed)
            // Beyond an exact id, articles with versions win over those that only have failed checks.
            let anyVersioned = try db.fetchOne(cached: "SELECT 1 FROM articles WHERE version_count > 0 LIMIT 1") { _ in true } ?? false
            let versioned = anyVersioned ? " AND version_count > 0" : ""
            func candidates(_ condition: String, _ arguments: [String]) throws -> [String] {
                try db.fetchAll(
                    cached: "SELECT id FROM articles WHERE (\(condition))\(versioned) ORDER BY id", arguments: StatementArguments(arguments)
                ) { row in try row.decode(String.self, atIndex: 0) }
            }
            // Prefixes are ranges [prefix, prefix + U+10FFFF).
            func prefix(_ column: String) -> String { "(\(column) >= ? AND \(column) < ?)" }
            let urlColumns = ["normalized_url", "normalized_final_url", "normalized_canonical_url"]
            func resolution(_ found: [String]) -> ArticleResolution? {
                found.count == 1 ? .found(found[0]) : found.count > 1 ? .ambiguous(found) : nil
            }
            if let normalized, let exact = resolution(try candidates(
                urlColumns.map { "\($0) = ?" }.joined(separator: " OR "), Array(repeating: normalized, count: urlColumns.count)))
            {
                return exact
            }
            if let byID = resolution(try candidates(prefix("id"), [trimmed, trimmed + "\u{10FFFF}"])) { return byID }
            if let normalized, let byURL = resolution(try candidates(
                urlColumns.map(prefix).joined(separator: " OR "),
                Array(repeating: [normalized, normalized + "\u{10FFFF}"], count: urlColumns.count).flatMap { $0 }))
            {
                return byURL
            }
            return .unknown
        }
        switch outcome {
        case .found(let id): return id
        case .ambiguous(let candidates): throw .ambiguousArticle(query, candidates: candidates)
        case .unknown: throw .unknownArticle(query)
        }
    }

    // MARK: Versions

    /// All versions of an article, oldest first.
    public func versions(of articleID: String) throws(ArchiveError) -> [VersionRecord] {
        let rows = try index.read { db -> [VersionRow]? in
            guard try ArticleRow.exists(db, id: articleID) else { return nil }
            return try VersionRow.fetchAll(db, articleID: articleID)
        }
        guard let rows else { throw .unknownArticle(articleID) }
        return rows.compactMap(Self.record)
    }

    /// The version a selector names.
    /// - Throws: `versionOutOfRange` when the article has no such version.
    public func version(of articleID: String, _ selector: VersionSelector) throws(ArchiveError) -> VersionRecord {
        let all = try versions(of: articleID)
        guard let number = selector.resolve(count: all.count), all.indices.contains(number - 1) else {
            throw .versionOutOfRange(articleID: articleID, selector: selector.description, versionCount: all.count)
        }
        return all[number - 1]
    }

    /// The version a selector string (`N`, `latest`, `latest~K`) names.
    public func version(of articleID: String, _ selector: String) throws(ArchiveError) -> VersionRecord {
        try version(of: articleID, VersionSelector(parsing: selector))
    }

    static func record(_ row: VersionRow) -> VersionRecord? {
        guard let commit = ObjectID(hex: row.commitId) else { return nil }
        var counts = ChangeCounts()
        counts.added = row.added
        counts.removed = row.removed
        counts.edited = row.edited
        counts.moved = row.moved
        counts.split = row.split
        counts.merged = row.merged
        counts.minor = row.minor
        counts.quoteChanges = row.quoteChanges
        counts.figureChanges = row.figureChanges
        counts.noteChanges = row.noteChanges
        return VersionRecord(
            articleID: row.articleId, number: row.number, commit: commit, capturedAt: row.capturedAt,
            timeZoneOffset: row.timeZoneOffset, title: row.title, wordCount: row.wordCount, summary: row.summary,
            counts: counts, revertOf: row.revertOf, url: row.url, httpStatus: row.httpStatus,
            extractorVersion: row.extractorVersion)
    }

    /// A version read back from git: the parsed article, `article.md`, `meta.json` and the source page.
    public func storedVersion(of articleID: String, _ selector: VersionSelector) throws(ArchiveError) -> StoredVersion {
        let record = try version(of: articleID, selector)
        let files = try readVersion(articleID: articleID, commit: record.commit)
        var article = files.article
        article.linkWordRatio = files.metadata.linkWordRatio
        let source: [UInt8]
        do { source = try repository.blob(files.sourceBlob) } catch { throw .git(error) }
        return StoredVersion(
            record: record, article: article, markdown: files.markdown, metadata: files.metadata,
            sourceName: files.sourceName, source: source)
    }

    /// The text of a version as the differ sees it (headline, byline, body).
    public func document(of articleID: String, version selector: VersionSelector) throws(ArchiveError) -> Document {
        let record = try version(of: articleID, selector)
        return try readVersion(articleID: articleID, commit: record.commit).article.document
    }

    /// Compares two versions of an article with the differ.
    public func diff(article articleID: String, from old: VersionSelector, to new: VersionSelector) throws(ArchiveError) -> ArticleDiff {
        let oldDocument = try document(of: articleID, version: old)
        let newDocument = try document(of: articleID, version: new)
        return Differ().diff(old: oldDocument, new: newDocument)
    }

    // MARK: Checks

    /// The checks of an article, oldest first.
    public func checks(of articleID: String) throws(ArchiveError) -> [CheckRecord] {
        let rows = try index.read { db in
            try CheckRow.filter(Column("article_id") == articleID).order(Column("checked_at"), Column("id")).fetchAll(db)
        }
        return rows.map { row in
            CheckRecord(
                articleID: row.articleId, checkedAt: row.checkedAt, outcome: CheckOutcome(rawValue: row.outcome) ?? .failed,
                version: row.version, error: row.error, httpStatus: row.httpStatus)
        }
    }

    /// Records a check that did not go through `snapshot` (e.g. an HTTP 304 or a fetch error).
    /// Creates the article's index row when it has none yet.
    public func recordCheck(
        articleID: String, at time: Date, outcome: CheckOutcome, httpStatus: Int? = nil, error: String? = nil, url: String? = nil
    ) throws(ArchiveError) {
        try ArticleIdentity.validate(articleID)
        try index.write { db in
            let version = try ArticleRow.fetch(db, id: articleID)?.versionCount
            try Self.insertCheck(
                db, articleID: articleID, time: time, outcome: outcome, version: version.flatMap { $0 > 0 ? $0 : nil },
                error: error, httpStatus: httpStatus, url: url)
        }
    }

    static func insertCheck(
        _ db: Database, articleID: String, time: Date, outcome: CheckOutcome, version: Int?, error: String?, httpStatus: Int?,
        url: String?
    ) throws {
        func failures(after previous: Int) -> Int { outcome == .failed ? previous + 1 : 0 }
        // An existing article: only its two check columns change (read and written alone, not the
        // whole row: this runs for every snapshot).
        let existing = try db.fetchOne(cached: "SELECT last_checked_at, failures FROM articles WHERE id = ?", arguments: [articleID]) {
            row in (try row.indexDate("last_checked_at"), try row.decode(Int.self, forColumn: "failures"))
        }
        if let (lastCheckedAt, previousFailures) = existing {
            let checked = lastCheckedAt.map { $0 < time } ?? true ? time : lastCheckedAt
            try db.cachedStatement(sql: "UPDATE articles SET last_checked_at = ?, failures = ? WHERE id = ?").execute(
                arguments: [checked.map(IndexDate.databaseValue), failures(after: previousFailures), articleID])
        } else {
            var article = ArticleRow(id: articleID, url: url, normalizedURL: url.flatMap(ArticleIdentity.normalize))
            article.lastCheckedAt = time
            article.failures = failures(after: 0)
            try article.insertRow(db)
        }
        let check = CheckRow(
            id: nil, articleId: articleID, checkedAt: time, outcome: outcome.rawValue, version: version, error: error,
            httpStatus: httpStatus)
        try check.insertRow(db)
    }
}

/// What `resolveArticle` found (a plain enum: `Result<String, ArchiveError>` made the runtime look
/// up `ArchiveError: Error` among every conformance record of the binary on first use).
private enum ArticleResolution {
    case found(String)
    case ambiguous([String])
    case unknown
}
