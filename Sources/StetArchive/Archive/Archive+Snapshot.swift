// Snapshot: one captured page in, at most one new version out.
//
// 1. Extract the article (HTML or plain text); an extraction error becomes a failed check.
// 2. Name the article: the explicit id; else an indexed article whose URL matches one of the
//    capture's URLs (requested, final, canonical); else an id derived from the canonical, final
//    or requested URL; else from the file name.
// 3. Loop (bounded): read the article's head; refuse a capture older than it (history is
//    append-only); if article.md is identical (or differs only in its `Modified:` line), record
//    an `unchanged` check; apply the quality guard against the head; otherwise find an earlier version with the same article.md (a revert),
//    diff against the head, write blobs, tree and commit, and move the ref by compare-and-swap
//    from the head we read. Losing the race sends us back to the top with the new head.
// 4. Index the new version (and anything else git has that the index lacks) and record the check.
//
// In a batch (`snapshot(batch:)`, Archive+Batch.swift) the same steps run under the write lock
// held for the whole batch: objects go to memory, the new head stays in the batch, and the index
// rows wait for the batch's commit.
//
// Complexity: one diff against the previous version plus a walk of the article's history
// (linear in its number of versions) per attempt.

import Foundation
import GRDB
import StetDiff
import StetExtract
import StetText

extension Archive {
    /// Stores a captured page as a new version of its article when its text changed.
    ///
    /// - Returns: `.newVersion` (committed), `.unchanged` (same text as the latest version), or
    ///   `.rejected` (the quality guard or the extractor refused the page). Unchanged and rejected
    ///   captures are recorded as checks.
    /// - Throws: `captureOlderThanLatest` when the capture time is before the latest version's;
    ///   `noArticleID` / `invalidArticleID` when the article cannot be named; git and index errors.
    public func snapshot(_ capture: Capture) throws(ArchiveError) -> SnapshotOutcome {
        try checkWritable()
        return try snapshot(capture, batch: nil)
    }

    /// `snapshot(_:)`, alone (objects written loose, ref moved and index written before it
    /// returns) or as part of `batch` (the caller holds the write lock; objects, ref moves and
    /// index rows wait in the batch until `commit(_:)`; see Archive+Batch.swift).
    func snapshot(_ capture: Capture, batch: SnapshotBatch?) throws(ArchiveError) -> SnapshotOutcome {
        let plainText = capture.isPlainText
        let contentType = capture.contentType ?? (plainText ? "text/plain; charset=utf-8" : nil)
        let extraction: Result<ExtractedArticle, ExtractionError>
        do {
            extraction = .success(try Extractor().extract(html: capture.body, url: capture.finalURL ?? capture.url, contentType: contentType))
        } catch {
            extraction = .failure(error)
        }
        let canonical = (try? extraction.get())?.canonicalURL
        let articleID = try decideArticleID(capture, canonicalURL: canonical, batch: batch)
        let article: ExtractedArticle
        switch extraction {
        case .failure(let error):
            return try reject(articleID: articleID, capture: capture, reason: error.description, batch: batch)
        case .success(let extracted):
            article = extracted
        }

        let markdown = ArticleMarkdown.render(article)
        let markdownBytes = Array(markdown.utf8)
        let words = QualityGuard.wordCount(article)
        let reference = Self.reference(for: articleID)
        let captureSeconds = Int64(capture.capturedAt.timeIntervalSince1970.rounded(.down))
        let offsetSeconds = capture.timeZone.secondsFromGMT(for: capture.capturedAt)

        for _ in 0..<Self.maximumAttempts {
            let head: ObjectID?
            let chain: [CommitInfo]
            let repository: GitRepository
            do throws(GitError) {
                // In a batch, objects written earlier in it exist only in the batch's handle. Refs
                // are read through the archive's own handle: the batch's works in a git directory
                // of its own, without refs (see ObjectWriterDirectory).
                if let batch { repository = batch.repository } else { repository = try self.repository }
                if let pending = batch?.heads[reference] { head = pending } else { head = try self.repository.resolve(reference: reference) }
                chain = try head.map { id throws(GitError) in try repository.firstParentChain(from: id) } ?? []
            } catch { throw .git(error) }

            var previous: VersionFiles?
            if let last = chain.last {
                guard captureSeconds >= last.time else {
                    throw .captureOlderThanLatest(
                        articleID: articleID, captured: capture.capturedAt, latest: Date(timeIntervalSince1970: TimeInterval(last.time)))
                }
                previous = try readVersion(articleID: articleID, commit: last, batch: batch)
            }
            if let previous, Self.isUnchanged(markdown, article: article, previous: previous) {
                if let batch {
                    batch.records.append(
                        BatchCheck(
                            articleID: articleID, time: capture.capturedAt, outcome: .unchanged, version: chain.count, error: nil,
                            httpStatus: capture.httpStatus, url: capture.url, sync: true))
                    return .unchanged(articleID: articleID, version: chain.count)
                }
                try index.write { db in
                    try syncArticle(articleID, in: db)
                    try Self.insertCheck(
                        db, articleID: articleID, time: capture.capturedAt, outcome: .unchanged, version: chain.count, error: nil,
                        httpStatus: capture.httpStatus, url: capture.url)
                }
                return .unchanged(articleID: articleID, version: chain.count)
            }

            if !capture.skipQualityGuard,
                let reason = qualityGuard.rejection(
                    words: words, linkWordRatio: article.linkWordRatio, previousWords: previous.map { QualityGuard.wordCount($0.article) })
            {
                return try reject(articleID: articleID, capture: capture, reason: reason, batch: batch)
            }
            let number = chain.count + 1
            do {
                let markdownBlob = try GitRepository.hashBlob(markdownBytes)
                var revertOf: Int?
                for (offset, commit) in chain.enumerated().dropLast().reversed() {
                    if try repository.treeEntries(commit.tree)["article.md"] == markdownBlob {
                        revertOf = offset + 1
                        break
                    }
                }
                var counts = ChangeCounts()
                var summary: String
                if let previous {
                    let diff = Differ().diff(old: previous.article.document, new: article.document)
                    counts = diff.counts
                    summary = diff.isEmpty ? Self.metadataSummary(old: previous.article, new: article) : diff.summary
                } else {
                    summary = article.title.map { "First version: \"\($0)\"" } ?? "First version"
                }
                if let revertOf { summary = "Back to version \(revertOf): \(summary)" }

                let metadata = VersionMetadata(
                    url: capture.url, finalURL: capture.finalURL, canonicalURL: article.canonicalURL,
                    capturedAt: Self.timestamp(capture.capturedAt, offsetSeconds: offsetSeconds), httpStatus: capture.httpStatus,
                    etag: capture.etag, lastModified: capture.lastModified, contentType: capture.contentType,
                    extractorVersion: Extractor.version, linkWordRatio: article.linkWordRatio,
                    sourceFile: capture.sourceFileName.map { ($0 as NSString).lastPathComponent },
                    sourceName: plainText ? "source.txt" : "source.html", version: number, revertOf: revertOf)
                let message = CommitMessage(
                    summary: summary, articleID: articleID, version: number, counts: counts, revertOf: revertOf, wordCount: words,
                    blockCount: article.blocks.count)

                // Objects and ref are written under the archive's write lock, and only if the head
                // is still the one we diffed against (else: retry without leaving dangling objects).
                var generation = 0
                let metadataBytes = metadata.encoded()
                var blobs: (markdown: ObjectID, source: ObjectID)?
                var commit: ObjectID?
                func writeObjects() throws(GitError) -> ObjectID {
                    let markdownBlob = try repository.writeBlob(markdownBytes)
                    let sourceBlob = try repository.writeBlob(capture.body)
                    let tree = try repository.writeTree([
                        TreeFile(name: "article.md", blob: markdownBlob),
                        TreeFile(name: "meta.json", blob: try repository.writeBlob(metadataBytes)),
                        TreeFile(name: metadata.sourceName, blob: sourceBlob),
                    ])
                    blobs = (markdownBlob, sourceBlob)
                    return try repository.writeCommit(
                        tree: tree, parents: head.map { [$0] } ?? [], message: message.text, identity: Self.identity,
                        time: captureSeconds, offsetMinutes: Int32(offsetSeconds / 60))
                }
                if let batch {
                    // The caller holds the write lock for the whole batch; the ref moves at commit.
                    if head == nil { try checkNoNesting(articleID, batch: batch) }
                    let newCommit: ObjectID
                    do throws(GitError) { newCommit = try writeObjects() } catch { throw ArchiveError.git(error) }
                    batch.move(reference, from: head, to: newCommit)
                    if let blobs, let stored = try? ArticleMarkdown.parse(markdown), let storedMetadata = try? VersionMetadata.decode(metadataBytes) {
                        batch.versions[newCommit] = VersionFiles(
                            article: stored, markdown: markdown, markdownBlob: blobs.markdown, metadata: storedMetadata,
                            sourceName: metadata.sourceName, sourceBlob: blobs.source)
                    }
                    batch.versionCounts[articleID] = number
                    // What `syncArticle` will write into the article's row, for `decideArticleID`.
                    let url = metadata.url ?? metadata.finalURL
                    batch.setURLs(
                        of: articleID,
                        BatchArticleURLs(
                            normalizedURL: url.flatMap(ArticleIdentity.normalize) ?? batch.articleURLs[articleID]?.normalizedURL,
                            normalizedCanonicalURL: (metadata.canonicalURL ?? article.canonicalURL).flatMap(ArticleIdentity.normalize)))
                    batch.records.append(
                        BatchCheck(
                            articleID: articleID, time: capture.capturedAt, outcome: .newVersion, version: number, error: nil,
                            httpStatus: capture.httpStatus, url: capture.url, sync: true))
                    return .newVersion(
                        number: number, articleID: articleID, title: article.title, summary: message.oneLine,
                        revertOf: revertOf)
                }
                let written = try refLock.withLock { () throws(ArchiveError) -> Bool in
                    if head == nil { try checkNoNesting(articleID, batch: nil) }
                    let newCommit: ObjectID
                    do throws(GitError) {
                        guard try repository.resolve(reference: reference) == head else { return false }
                        newCommit = try writeObjects()
                    } catch {
                        throw .git(error)
                    }
                    // Bumped before the ref moves: a writer killed in between costs the next open
                    // a reconcile, never a missed version (see RefGeneration).
                    generation = try RefGeneration.bump(archive: path)
                    commit = newCommit
                    do throws(GitError) {
                        return try moveReference(reference, to: newCommit, expected: head)
                    } catch {
                        throw .git(error)
                    }
                }
                guard written else { continue }
                // The version as `readVersion` would read it back (parsed from the bytes just
                // written), so indexing it and the article's next snapshot need not read git.
                if let commit, let blobs, let stored = try? ArticleMarkdown.parse(markdown),
                    let storedMetadata = try? VersionMetadata.decode(metadataBytes)
                {
                    recentVersions[commit] = VersionFiles(
                        article: stored, markdown: markdown, markdownBlob: blobs.markdown, metadata: storedMetadata,
                        sourceName: metadata.sourceName, sourceBlob: blobs.source)
                }

                let title = article.title
                let finalSummary = message.oneLine
                try index.write { db in
                    try syncArticle(articleID, in: db)
                    try Self.insertCheck(
                        db, articleID: articleID, time: capture.capturedAt, outcome: .newVersion, version: number, error: nil,
                        httpStatus: capture.httpStatus, url: capture.url)
                    try Self.advanceReconciledGeneration(db, to: generation)
                }
                return .newVersion(number: number, articleID: articleID, title: title, summary: finalSummary, revertOf: revertOf)
            } catch let error as GitError {
                throw .git(error)
            } catch let error as ArchiveError {
                throw error
            } catch {
                throw .index("\(error)")
            }
        }
        throw .tooManyConcurrentUpdates(articleID: articleID, attempts: Self.maximumAttempts)
    }

    /// Moves the ref by compare-and-swap; the caller holds the archive's write lock. Returns false
    /// when another writer moved it first (the caller retries with the new head).
    func moveReference(_ reference: String, to commit: ObjectID, expected: ObjectID?) throws(GitError) -> Bool {
        for attempt in 0..<2 {
            do {
                try repository.updateReference(reference, to: commit, expected: expected, logMessage: "stet: snapshot")
                return true
            } catch where error.isLocked && attempt == 0 {
                // GIT_ELOCKED while we hold the write lock: a writer died mid-update; its lock file is stale.
                let lockFile = (path as NSString).appendingPathComponent(reference + ".lock")
                try? FileManager.default.removeItem(atPath: lockFile)
            } catch where error.isConcurrentUpdate {
                return false
            }
        }
        return false
    }

    /// A new article's ref must not nest under or above another article's ref (git stores refs as
    /// paths, so `a/b` and `a/b/c` cannot both exist). Looks up the id's ancestors and the refs
    /// under it only: O(depth), whatever the number of articles.
    /// In a batch, the refs it will create count too (linear in the batch's articles).
    private func checkNoNesting(_ articleID: String, batch: SnapshotBatch?) throws(ArchiveError) {
        let components = articleID.split(separator: "/", omittingEmptySubsequences: false)
        var nested: String?
        do throws(GitError) {
            for length in stride(from: 1, to: components.count, by: 1) where nested == nil {
                let ancestor = components[..<length].joined(separator: "/")
                let reference = Self.reference(for: ancestor)
                if batch?.heads[reference] != nil { nested = ancestor } else if try repository.referenceExists(reference) { nested = ancestor }
            }
            let prefix = Self.reference(for: articleID) + "/"
            if nested == nil {
                var below = batch?.heads.keys.first(where: { $0.hasPrefix(prefix) })
                if below == nil { below = try repository.firstReference(withPrefix: prefix) }
                if let below { nested = String(below.dropFirst(Self.referencePrefix.count)) }
            }
        } catch {
            throw .git(error)
        }
        if let nested { throw .invalidArticleID(articleID, reason: "it would nest with the existing article \(nested)") }
    }

    private func reject(articleID: String, capture: Capture, reason: String, batch: SnapshotBatch?) throws(ArchiveError) -> SnapshotOutcome {
        if let batch {
            let row = try index.read { db in try ArticleRow.fetch(db, id: articleID) }
            let version = batch.versionCounts[articleID] ?? row?.versionCount
            // `insertCheck` creates the article's row (with the capture's URL) when there is none.
            if row == nil, batch.articleURLs[articleID] == nil {
                batch.setURLs(
                    of: articleID, BatchArticleURLs(normalizedURL: capture.url.flatMap(ArticleIdentity.normalize), normalizedCanonicalURL: nil))
            }
            batch.records.append(
                BatchCheck(
                    articleID: articleID, time: capture.capturedAt, outcome: .failed, version: version.flatMap { $0 > 0 ? $0 : nil },
                    error: reason, httpStatus: capture.httpStatus, url: capture.url, sync: false))
            return .rejected(articleID: articleID, reason: reason)
        }
        try index.write { db in
            let version = try ArticleRow.fetch(db, id: articleID)?.versionCount
            try Self.insertCheck(
                db, articleID: articleID, time: capture.capturedAt, outcome: .failed, version: version.flatMap { $0 > 0 ? $0 : nil },
                error: reason, httpStatus: capture.httpStatus, url: capture.url)
        }
        return .rejected(articleID: articleID, reason: reason)
    }

    /// The article id for a capture (see the file comment).
    func decideArticleID(_ capture: Capture, canonicalURL: String?, batch: SnapshotBatch? = nil) throws(ArchiveError) -> String {
        if let explicit = capture.articleID {
            try ArticleIdentity.validate(explicit)
            return explicit
        }
        // A canonical URL that names only a site's home page while the page itself has a path
        // is a site-wide default, not this article's name.
        let pageURLs = [capture.finalURL, capture.url].compactMap { $0 }.filter { Self.isWebURL($0) }
        var canonical = canonicalURL.flatMap { Self.isWebURL($0) ? $0 : nil }
        if let value = canonical, Self.isHomePage(value), pageURLs.contains(where: { !Self.isHomePage($0) }) { canonical = nil }
        let urls = (canonical.map { [$0] } ?? []) + pageURLs
        let normalized = urls.compactMap(ArticleIdentity.normalize)
        if !normalized.isEmpty {
            // A cached prepared statement per number of URLs (one to three): this runs for every capture.
            let placeholders = Array(repeating: "?", count: normalized.count).joined(separator: ", ")
            let sql = "SELECT id FROM articles WHERE normalized_url IN (\(placeholders)) OR normalized_canonical_url IN (\(placeholders)) "
                + "ORDER BY id LIMIT 1"
            if let batch, !batch.articleURLs.isEmpty {
                // Articles the batch wrote are not indexed yet: their rows-to-be replace the index's.
                let indexed = try index.read { db in
                    try db.fetchAll(
                        cached: sql.replacingOccurrences(of: " LIMIT 1", with: ""),
                        arguments: StatementArguments(normalized + normalized)
                    ) { row in try row.decode(String.self, atIndex: 0) }
                }
                let pending = normalized.flatMap { batch.articles(withURL: $0) }
                let candidates = indexed.filter { batch.articleURLs[$0] == nil } + pending
                // SQLite's BINARY order: UTF-8 bytes.
                if let first = candidates.min(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) { return first }
            } else {
                // The id only: decoding the whole row (dates included) was most of this lookup.
                let known = try index.read { db in
                    try db.fetchOne(cached: sql, arguments: StatementArguments(normalized + normalized)) { row in
                        try row.decode(String.self, atIndex: 0)
                    }
                }
                if let known { return known }
            }
        }
        for url in urls {
            if let id = ArticleIdentity.articleID(forURL: url) { return id }
        }
        if let file = capture.sourceFileName, let id = ArticleIdentity.articleID(forFileName: file) { return id }
        throw .noArticleID
    }

    private static func isHomePage(_ url: String) -> Bool {
        guard let normalized = ArticleIdentity.normalize(url) else { return false }
        return !normalized.contains("/")
    }

    private static func isWebURL(_ url: String) -> Bool {
        let lower = url.lowercased()
        return lower.hasPrefix("http://") || lower.hasPrefix("https://") || !lower.contains("://")
    }

    /// The same text as the previous version: article.md is identical, or differs only in the
    /// `Modified:` line (pages that stamp every response with a fresh modification time would
    /// otherwise make a version per check).
    static func isUnchanged(_ markdown: String, article: ExtractedArticle, previous: VersionFiles) -> Bool {
        if markdown == previous.markdown { return true }
        guard article.modified != previous.article.modified else { return false }
        var sameDate = article
        sameDate.modified = previous.article.modified
        return ArticleMarkdown.render(sameDate) == previous.markdown
    }

    /// The summary line for a version whose text is unchanged but whose metadata is not.
    static func metadataSummary(old: ExtractedArticle, new: ExtractedArticle) -> String {
        var changed: [String] = []
        if old.published != new.published { changed.append("published date") }
        if old.modified != new.modified { changed.append("modified date") }
        if old.siteName != new.siteName { changed.append("site name") }
        if old.canonicalURL != new.canonicalURL { changed.append("canonical URL") }
        if old.language != new.language { changed.append("language") }
        if old.title != new.title { changed.append("title") }
        if old.byline != new.byline { changed.append("byline") }
        if old.blocks != new.blocks { changed.append("layout") }
        return changed.isEmpty ? "Metadata changed" : "Metadata changed: " + changed.joined(separator: ", ")
    }

    /// ISO 8601 with the capture's zone, e.g. `2024-01-03T09:15:00+00:00`.
    static func timestamp(_ date: Date, offsetSeconds: Int) -> String {
        TimestampFormatters.shared.string(from: date, offsetSeconds: offsetSeconds)
    }
}

/// One `ISO8601DateFormatter` per zone offset, kept: making one (an ICU formatter underneath) cost
/// about 4% of a snapshot. Formatting happens under a lock (the formatter is not thread-safe here).
final class TimestampFormatters: @unchecked Sendable {
    static let shared = TimestampFormatters()
    // @unchecked: `formatters` is only touched while `lock` is held.
    private let lock = NSLock()
    private var formatters: [Int: ISO8601DateFormatter] = [:]

    func string(from date: Date, offsetSeconds: Int) -> String {
        lock.lock()
        defer { lock.unlock() }
        if let formatter = formatters[offsetSeconds] { return formatter.string(from: date) }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        formatter.timeZone = TimeZone(secondsFromGMT: offsetSeconds) ?? TimeZone(secondsFromGMT: 0)
        if formatters.count < 64 { formatters[offsetSeconds] = formatter }
        return formatter.string(from: date)
    }
}
