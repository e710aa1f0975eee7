// Keeping the index in step with git.
//
// `syncArticle` is the one way version rows get written: inside a SQLite write transaction it
// reads the article's ref, walks the first-parent chain (oldest first), keeps the index rows
// whose commit ids match the chain's prefix, and writes rows for the rest. Reading the ref inside
// the write transaction serializes it with every other writer (in any process), so the index can
// only move forward to what git holds. `reconcile` runs it for every ref whose head differs from
// the index; `reindex` clears every derived row and runs it for every ref.
//
// Complexity: `syncArticle` reads only the commits added since the indexed head when the index
// holds a consistent prefix (the usual case after a snapshot), else the whole first-parent
// chain; it reads two blobs per version it adds. `reconcile` is linear in the number of refs.

import Foundation
import GRDB
import StetExtract

/// The files of one stored version, read back from its commit.
struct VersionFiles {
    var article: ExtractedArticle
    var markdown: String
    var markdownBlob: ObjectID
    var metadata: VersionMetadata
    var sourceName: String
    var sourceBlob: ObjectID
}

extension Database {
    /// The rows a cached prepared statement returns, each decoded by `decode` straight from the
    /// statement. GRDB's `fetchAll`/`fetchOne` on a record or value type instantiate a generic
    /// cursor type (`RecordCursor<T>`, `FastDatabaseValueCursor<T>`), and the runtime's first
    /// instantiation of each one scans every protocol conformance record of the binary (~0.4 M
    /// instructions each): a read command's start-up paid for several. `RowCursor` is not generic.
    func fetchAll<T>(cached sql: String, arguments: StatementArguments = StatementArguments(), _ decode: (Row) throws -> T) throws -> [T] {
        let cursor = try Row.fetchCursor(cachedStatement(sql: sql), arguments: arguments)
        var values: [T] = []
        while let row = try cursor.next() { values.append(try decode(row)) }
        return values
    }

    /// The first row a cached prepared statement returns, decoded by `decode` (see `fetchAll(cached:)`).
    func fetchOne<T>(cached sql: String, arguments: StatementArguments = StatementArguments(), _ decode: (Row) throws -> T) throws -> T? {
        let cursor = try Row.fetchCursor(cachedStatement(sql: sql), arguments: arguments)
        guard let row = try cursor.next() else { return nil }
        return try decode(row)
    }
}

extension ArticleRow {
    /// The row of `id`, through a cached prepared statement (hot in every snapshot).
    static func fetch(_ db: Database, id: String) throws -> ArticleRow? {
        try db.fetchOne(cached: "SELECT * FROM articles WHERE id = ?", arguments: [id], ArticleRow.init(row:))
    }

    /// Whether the article has a row (cached prepared statement; no schema introspection, unlike
    /// GRDB's `exists(_:key:)`, which asks for the table's primary key first).
    static func exists(_ db: Database, id: String) throws -> Bool {
        try db.fetchOne(cached: "SELECT 1 FROM articles WHERE id = ?", arguments: [id]) { _ in true } ?? false
    }
}

extension VersionRow {
    /// One version row, through a cached prepared statement.
    static func fetch(_ db: Database, articleID: String, number: Int) throws -> VersionRow? {
        try db.fetchOne(
            cached: "SELECT * FROM versions WHERE article_id = ? AND number = ?", arguments: [articleID, number], VersionRow.init(row:))
    }

    /// An article's version rows, oldest first, through a cached prepared statement.
    static func fetchAll(_ db: Database, articleID: String) throws -> [VersionRow] {
        try db.fetchAll(cached: "SELECT * FROM versions WHERE article_id = ? ORDER BY number", arguments: [articleID], VersionRow.init(row:))
    }

    /// The number of version rows of an article, through a cached prepared statement.
    static func count(_ db: Database, articleID: String) throws -> Int {
        try db.fetchOne(cached: "SELECT COUNT(*) FROM versions WHERE article_id = ?", arguments: [articleID]) { row in
            try row.decode(Int.self, atIndex: 0)
        } ?? 0
    }
}

/// The files of the versions this process wrote or read lately, by commit id. A snapshot reads
/// the article's previous version (to compare and diff) and then indexes the one it wrote; both
/// were read back from git and parsed again every time. Commits never change, so an entry never
/// goes stale; a written version is stored here as `readVersion` would read it (its article.md
/// parsed and its meta.json decoded from the bytes written). Bounded: emptied when full.
final class RecentVersions: @unchecked Sendable {
    // @unchecked: `cache` is only touched while `lock` is held.
    private let lock = NSLock()
    private var cache = BoundedCache<ObjectID, VersionFiles>(limit: 64)

    subscript(commit: ObjectID) -> VersionFiles? {
        get {
            lock.lock()
            defer { lock.unlock() }
            return cache[commit]
        }
        set {
            lock.lock()
            defer { lock.unlock() }
            cache[commit] = newValue
        }
    }
}

extension Archive {
    func readVersion(articleID: String, commit id: ObjectID) throws(ArchiveError) -> VersionFiles {
        do {
            let commit = try repository.commit(id)
            return try readVersion(articleID: articleID, commit: commit)
        } catch let error as GitError {
            throw .git(error)
        } catch let error as ArchiveError {
            throw error
        } catch {
            throw .index("\(error)")
        }
    }

    /// With `batch`, its versions come first and objects are read through its handle (the only
    /// one that sees what the batch wrote before it commits).
    func readVersion(articleID: String, commit: CommitInfo, batch: SnapshotBatch? = nil) throws(ArchiveError) -> VersionFiles {
        if let cached = batch?.versions[commit.id] ?? recentVersions[commit.id] { return cached }
        func bad(_ reason: String) -> ArchiveError { .malformedVersion(articleID: articleID, commit: commit.id.hex, reason: reason) }
        let repository: GitRepository
        let entries: [String: ObjectID]
        do throws(GitError) {
            if let batch { repository = batch.repository } else { repository = try self.repository }
            entries = try repository.treeEntries(commit.tree)
        } catch { throw .git(error) }
        guard let markdownBlob = entries["article.md"] else { throw bad("no article.md") }
        guard let metaBlob = entries["meta.json"] else { throw bad("no meta.json") }
        let sourceName = entries["source.html"] != nil ? "source.html" : "source.txt"
        guard let sourceBlob = entries[sourceName] else { throw bad("no source.html or source.txt") }
        let markdownBytes: [UInt8]
        let metaBytes: [UInt8]
        do {
            markdownBytes = try repository.blob(markdownBlob)
            metaBytes = try repository.blob(metaBlob)
        } catch { throw .git(error) }
        let markdown = String(decoding: markdownBytes, as: UTF8.self)
        let article: ExtractedArticle
        do { article = try ArticleMarkdown.parse(markdown) } catch { throw bad("article.md: \(error)") }
        let metadata: VersionMetadata
        do { metadata = try VersionMetadata.decode(metaBytes) } catch { throw bad("meta.json: \(error)") }
        let files = VersionFiles(
            article: article, markdown: markdown, markdownBlob: markdownBlob, metadata: metadata, sourceName: sourceName,
            sourceBlob: sourceBlob)
        recentVersions[commit.id] = files
        return files
    }

    /// Brings one article's index rows up to its ref, inside the caller's write transaction
    /// (reading objects through the batch's handle when given, else the archive's).
    func syncArticle(_ articleID: String, in db: Database, batch: SnapshotBatch? = nil) throws {
        let repository = try batch?.repository ?? self.repository
        // The ref from the archive's own handle (a batch's handle has no refs of its own).
        let refs = try self.repository
        guard let head = try refs.resolve(reference: Self.reference(for: articleID)) else { return }
        let stored = try ArticleRow.fetch(db, id: articleID)
        var row = stored ?? ArticleRow(id: articleID)
        if row.headCommit == head.hex && row.versionCount > 0 { return }
        // Fast path: the index holds a consistent prefix ending at its recorded head, and git only
        // added commits on top of it; walk back to that head and no further.
        var newCommits: [CommitInfo] = []
        var kept = 0
        var firstTime: Int64?
        if let indexedHead = row.headCommit.flatMap(ObjectID.init(hex:)), row.versionCount > 0,
            let lastRow = try VersionRow.fetch(db, articleID: articleID, number: row.versionCount),
            lastRow.commitId == indexedHead.hex,
            try VersionRow.count(db, articleID: articleID) == row.versionCount,
            let first = try VersionRow.fetch(db, articleID: articleID, number: 1)
        {
            let walk = try repository.firstParentChain(from: head, stoppingAt: indexedHead)
            if walk.reachedStop {
                newCommits = walk.commits
                kept = row.versionCount
                firstTime = Int64(first.capturedAt.timeIntervalSince1970)
            }
        }
        if firstTime == nil {
            let chain = try repository.firstParentChain(from: head)
            let existing = try VersionRow.fetchAll(db, articleID: articleID)
            kept = 0
            while kept < existing.count, kept < chain.count, existing[kept].number == kept + 1,
                existing[kept].commitId == chain[kept].id.hex
            {
                kept += 1
            }
            try db.cachedStatement(sql: "DELETE FROM versions WHERE article_id = ? AND number > ?").execute(arguments: [articleID, kept])
            newCommits = Array(chain[kept...])
            firstTime = chain.first?.time
        }
        // The article row must exist before its versions (foreign key); an existing row is
        // updated once, below.
        if stored == nil { try row.insertRow(db) }
        var latest: (VersionRow, VersionFiles)?
        for (offset, commit) in newCommits.enumerated() {
            let files = try readVersion(articleID: articleID, commit: commit, batch: batch)
            let version = Self.versionRow(articleID: articleID, number: kept + offset + 1, commit: commit, files: files)
            try version.insertRow(db)
            latest = (version, files)
        }
        if latest == nil, kept > 0 {
            let commit = try repository.commit(head)
            let files = try readVersion(articleID: articleID, commit: commit, batch: batch)
            latest = (Self.versionRow(articleID: articleID, number: kept, commit: commit, files: files), files)
        }
        let versionCount = kept + newCommits.count
        guard let (version, files) = latest, let firstTime else { return }
        let meta = files.metadata
        row.url = meta.url ?? meta.finalURL ?? row.url
        row.normalizedURL = row.url.flatMap(ArticleIdentity.normalize)
        row.finalURL = meta.finalURL
        row.normalizedFinalURL = meta.finalURL.flatMap(ArticleIdentity.normalize)
        row.canonicalURL = meta.canonicalURL ?? files.article.canonicalURL
        row.normalizedCanonicalURL = row.canonicalURL.flatMap(ArticleIdentity.normalize)
        row.title = files.article.title
        row.site = files.article.siteName
        row.createdAt = Date(timeIntervalSince1970: TimeInterval(firstTime))
        row.lastChangedAt = version.capturedAt
        row.lastSummary = version.summary
        row.versionCount = versionCount
        row.headCommit = head.hex
        row.etag = meta.etag
        row.lastModified = meta.lastModified
        try row.updateRow(db)
    }

    static func versionRow(articleID: String, number: Int, commit: CommitInfo, files: VersionFiles) -> VersionRow {
        let message = CommitMessage.parse(commit.message)
        let counts = message.counts
        return VersionRow(
            articleId: articleID, number: number, commitId: commit.id.hex,
            capturedAt: Date(timeIntervalSince1970: TimeInterval(commit.time)), timeZoneOffset: Int(commit.offsetMinutes) * 60,
            title: files.article.title, wordCount: QualityGuard.wordCount(files.article), summary: message.summary,
            added: counts.added, removed: counts.removed, edited: counts.edited, moved: counts.moved, split: counts.split,
            merged: counts.merged, minor: counts.minor, quoteChanges: counts.quoteChanges, figureChanges: counts.figureChanges,
            noteChanges: counts.noteChanges, hasQuoteChange: counts.quoteChanges > 0, hasFigureChange: counts.figureChanges > 0,
            hasNoteChange: counts.noteChanges > 0, revertOf: message.revertOf ?? files.metadata.revertOf,
            url: files.metadata.finalURL ?? files.metadata.url, httpStatus: files.metadata.httpStatus,
            extractorVersion: files.metadata.extractorVersion)
    }

    /// The ids of all articles that have a ref.
    func articleIDsInGit() throws(ArchiveError) -> [String] {
        do {
            return try repository.references(withPrefix: Self.referencePrefix).map { String($0.dropFirst(Self.referencePrefix.count)) }
        } catch { throw .git(error) }
    }

    /// Indexes every version that git has and the index lacks (after a crash between the ref
    /// update and the index write, or after another process wrote). An article whose stored
    /// history cannot be read is skipped and reported, so one damaged ref does not close the archive.
    @discardableResult
    public func reconcile() throws(ArchiveError) -> IndexReport {
        let ids = try articleIDsInGit()
        let indexed = try index.read { db in
            Dictionary(try ArticleRow.fetchAll(db).map { ($0.id, $0.headCommit) }, uniquingKeysWith: { first, _ in first })
        }
        var report = IndexReport()
        for id in ids {
            let head: ObjectID?
            do { head = try repository.resolve(reference: Self.reference(for: id)) } catch { throw .git(error) }
            guard let head, indexed[id] ?? nil != head.hex else { continue }
            do {
                try index.write { db in try syncArticle(id, in: db) }
                report.updated.append(id)
            } catch let error where Self.isArticleDamage(error) {
                report.skipped[id] = error.description
            }
        }
        return report
    }

    /// Rebuilds every derived index row from the refs. Checks, the watcher's columns and
    /// re-extractions are index-only and kept. `progress` is called with (articles done, articles
    /// in all). Articles whose stored history cannot be read are skipped and reported.
    @discardableResult
    public func reindex(progress: (Int, Int) -> Void = { _, _ in }) throws(ArchiveError) -> IndexReport {
        let ids = try articleIDsInGit()
        var report = IndexReport()
        try index.write { db in
            try VersionRow.deleteAll(db)
            for var row in try ArticleRow.fetchAll(db) {
                row.clearDerived()
                try row.updateRow(db)
            }
            for (offset, id) in ids.enumerated() {
                do {
                    try db.inSavepoint {
                        try syncArticle(id, in: db)
                        return .commit
                    }
                    report.updated.append(id)
                } catch let error as ArchiveError where Self.isArticleDamage(error) {
                    report.skipped[id] = error.description
                } catch let error as GitError {
                    report.skipped[id] = ArchiveError.git(error).description
                }
                progress(offset + 1, ids.count)
            }
        }
        // Anything written by another process while we rebuilt.
        let late = try reconcile()
        report.skipped.merge(late.skipped) { first, _ in first }
        return report
    }

    static let reconciledGenerationKey = "reconciled_generation"

    /// The ref generation (see `RefGeneration`) up to which the index is known to hold everything.
    static func reconciledGeneration(_ db: Database) throws -> Int? {
        try db.fetchOne(cached: "SELECT value FROM archive_state WHERE key = ?", arguments: [reconciledGenerationKey]) { row in
            try row.decode(Int.self, atIndex: 0)
        }
    }

    /// Records that the index holds every version written up to `generation`.
    static func setReconciledGeneration(_ db: Database, _ generation: Int) throws {
        try db.execute(
            sql: "INSERT INTO archive_state (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            arguments: [reconciledGenerationKey, generation])
    }

    /// A writer that bumped the generation to `generation` and indexed its version: the index is
    /// complete up to it if it was complete up to the one before.
    static func advanceReconciledGeneration(_ db: Database, to generation: Int) throws {
        try db.cachedStatement(sql: "UPDATE archive_state SET value = ? WHERE key = ? AND value = ?")
            .execute(arguments: [generation, reconciledGenerationKey, generation - 1])
    }

    /// `reconcile`, unless the index already holds everything up to `generation` (read under the
    /// write lock; nil: unknown, reconcile). Afterwards records `generation` as reconciled.
    func reconcile(ifBehind generation: Int?) throws(ArchiveError) {
        if let generation, try index.read({ db in try Self.reconciledGeneration(db) }) == generation { return }
        try reconcile()
        if let generation { try index.write { db in try Self.setReconciledGeneration(db, generation) } }
    }

    /// Errors that mean one article's stored history is unreadable (not the archive as a whole).
    static func isArticleDamage(_ error: ArchiveError) -> Bool {
        switch error {
        case .malformedVersion, .malformedMarkdown, .git: true
        default: false
        }
    }
}

/// What `reconcile` or `reindex` did: the articles (re)indexed, and those skipped with the reason.
public struct IndexReport: Sendable, Hashable {
    public var updated: [String] = []
    public var skipped: [String: String] = [:]

    public init() {}
}

/// Every row of the index, ordered, for comparing an index with its rebuild.
struct IndexRows: Hashable {
    var articles: [ArticleRow]
    var versions: [VersionRow]
    var checks: [CheckRow]
}

extension Archive {
    /// All index rows (articles by id, versions by article and number, checks by id).
    func indexRows() throws(ArchiveError) -> IndexRows {
        try index.read { db in
            IndexRows(
                articles: try ArticleRow.order(Column("id")).fetchAll(db),
                versions: try VersionRow.order(Column("article_id"), Column("number")).fetchAll(db),
                checks: try CheckRow.order(Column("id")).fetchAll(db))
        }
    }

    /// Runs raw SQL on the index (tests use it to make the index lag behind git).
    func executeOnIndex(_ sql: String, arguments: [String?] = []) throws(ArchiveError) {
        try index.write { db in try db.execute(sql: sql, arguments: StatementArguments(arguments)) }
    }
}
