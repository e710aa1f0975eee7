// Snapshots in batches: many captures, one pack, one ref move per article, one index transaction.
//
// A lone snapshot writes five loose objects (each a temporary file renamed into place), moves its
// ref (a lock file renamed into place), bumps the ref generation and commits a SQLite
// transaction. Creating files dominated its cost (most of a snapshot's time was the kernel
// allocating inodes), so a caller with many captures at hand (`stet debug generate-archive`, a
// `stet snapshot` of many files) can hand them over at once:
//
// 1. Take the archive's write lock for the whole batch, and open a second libgit2 handle whose
//    object writes stay in memory (`GitRepository.openBuffered`), on the archive's objects through
//    a git directory without refs (ObjectWriterDirectory: libgit2's packbuilder opens every ref
//    file of its repository when it writes a pack). Refs are read and moved through the
//    archive's own handle.
// 2. Run each capture through the very code of `snapshot(_:)` (extract, name, compare, diff,
//    build the same blobs, tree and commit), with three differences: objects go to memory; the
//    new head of each article is kept in the batch, and later captures of the same article read
//    it from there; index rows wait as records (checks in capture order, and which articles to
//    sync). Naming a capture by URL also consults the articles the batch wrote (their index rows
//    do not exist yet), and the nesting check the refs it will create.
// 3. Commit: write every object as one pack with its index (complete on disk first), then bump
//    the ref generation once, move each article's ref once by compare-and-swap from the head it
//    had when the batch first read it, then write the index in one transaction (each touched
//    article synced from its ref, the checks inserted in capture order, the generation advanced).
//
// The archive is then what the same captures snapshotted one by one would leave (same objects,
// refs and index rows), only packed. An error in a capture commits the captures before it and is
// rethrown, as one-by-one calls would have done. A process killed before step 3 leaves nothing
// (the objects were in memory); killed during it, the pack may be there without refs (harmless,
// `gc` drops unreachable packs' objects) or refs without index rows (the generation differs, so
// the next open reconciles). Each batch adds one pack: `stet gc` merges them.
//
// Complexity: the snapshots' own work, plus O(objects) to pack (libgit2's packbuilder, with its
// delta search) and index the pack; O(articles) ref moves; one SQLite transaction.

import Foundation
import GRDB

/// A check row waiting for the batch's index transaction.
struct BatchCheck {
    var articleID: String
    var time: Date
    var outcome: CheckOutcome
    var version: Int?
    var error: String?
    var httpStatus: Int?
    var url: String?
    /// Whether the article's version rows are brought up to its ref first (as a lone snapshot
    /// does for new and unchanged versions, not for rejections).
    var sync: Bool
}

/// The normalized URLs an article's index row will have once the batch commits.
struct BatchArticleURLs {
    var normalizedURL: String?
    var normalizedCanonicalURL: String?
}

/// What a batch of snapshots has written and not yet committed. Used by one thread, under the
/// archive's write lock.
final class SnapshotBatch {
    /// The handle whose object writes stay in memory until the commit.
    let repository: GitRepository
    /// Each moved ref's new head.
    private(set) var heads: [String: ObjectID] = [:]
    /// Each moved ref with the head it had before the batch (nil: created by the batch), in the
    /// order first moved.
    private(set) var moved: [(reference: String, original: ObjectID?)] = []
    /// The versions written, as `readVersion` would read them back (the index step needs them all).
    var versions: [ObjectID: VersionFiles] = [:]
    /// The number of versions of each article the batch wrote to.
    var versionCounts: [String: Int] = [:]
    /// The URLs of article rows the batch will create or change, and the reverse map.
    private(set) var articleURLs: [String: BatchArticleURLs] = [:]
    private var articlesByURL: [String: Set<String>] = [:]
    /// The checks to insert, in capture order.
    var records: [BatchCheck] = []

    init(repository: GitRepository) {
        self.repository = repository
    }

    func move(_ reference: String, from head: ObjectID?, to commit: ObjectID) {
        if heads[reference] == nil { moved.append((reference, head)) }
        heads[reference] = commit
    }

    func setURLs(of articleID: String, _ urls: BatchArticleURLs) {
        if let old = articleURLs[articleID] {
            for url in [old.normalizedURL, old.normalizedCanonicalURL].compactMap({ $0 }) { articlesByURL[url]?.remove(articleID) }
        }
        articleURLs[articleID] = urls
        for url in [urls.normalizedURL, urls.normalizedCanonicalURL].compactMap({ $0 }) { articlesByURL[url, default: []].insert(articleID) }
    }

    /// The batch's articles whose row-to-be has `url` as its normalized or normalized canonical URL.
    func articles(withURL url: String) -> [String] { Array(articlesByURL[url] ?? []) }
}

extension Archive {
    /// Stores many captures, in order, exactly as calling `snapshot(_:)` on each would, but with
    /// all new objects written as one pack, each article's ref moved once and the index written
    /// in one transaction (see Archive+Batch.swift). Everything is on disk when it returns.
    ///
    /// Holds the archive's write lock throughout: other writers wait for the whole batch.
    /// - Returns: one outcome per capture, in order.
    /// - Throws: the first capture's error, after committing the captures before it; git and
    ///   index errors of the commit.
    public func snapshot(batch captures: [Capture]) throws(ArchiveError) -> [SnapshotOutcome] {
        let result = try snapshotUntilFailure(batch: captures)
        if let failure = result.failure { throw failure }
        return result.outcomes
    }

    /// `snapshot(batch:)` for a caller that reports each capture: the captures before the first
    /// failing one are committed and their outcomes returned with that capture's error (its
    /// index is `outcomes.count`); the captures after it are not stored.
    /// - Throws: git and index errors of the commit (then nothing of the batch is in the index).
    public func snapshotUntilFailure(batch captures: [Capture]) throws(ArchiveError) -> (outcomes: [SnapshotOutcome], failure: ArchiveError?) {
        try checkWritable()
        return try refLock.withLock { () throws(ArchiveError) -> (outcomes: [SnapshotOutcome], failure: ArchiveError?) in
            let writer: GitRepository
            do throws(GitError) { writer = try GitRepository.openBuffered(at: ObjectWriterDirectory.ensure(archive: path)) } catch {
                throw .git(error)
            }
            let batch = SnapshotBatch(repository: writer)
            var outcomes: [SnapshotOutcome] = []
            var failure: ArchiveError?
            for capture in captures {
                do throws(ArchiveError) { outcomes.append(try snapshot(capture, batch: batch)) } catch {
                    failure = error
                    break
                }
            }
            try commit(batch)
            return (outcomes, failure)
        }
    }

    /// Writes a batch's pack, moves its refs and writes its index rows (see the file comment).
    private func commit(_ batch: SnapshotBatch) throws(ArchiveError) {
        var generation: Int?
        do throws(GitError) {
            try batch.repository.writeBufferedPack()
        } catch { throw .git(error) }
        if !batch.moved.isEmpty {
            // Bumped before the refs move, as a lone snapshot does (see RefGeneration).
            generation = try RefGeneration.bump(archive: path)
            for (reference, original) in batch.moved {
                guard let head = batch.heads[reference] else { continue }
                let moved: Bool
                do { moved = try moveReference(reference, to: head, expected: original) } catch { throw .git(error) }
                // Only a writer that ignores the write lock (git itself) can have moved it.
                guard moved else {
                    throw .tooManyConcurrentUpdates(articleID: String(reference.dropFirst(Self.referencePrefix.count)), attempts: 1)
                }
            }
        }
        guard !batch.records.isEmpty || generation != nil else { return }
        try index.write { db in
            var synced = Set<String>()
            for record in batch.records {
                if record.sync, synced.insert(record.articleID).inserted { try syncArticle(record.articleID, in: db, batch: batch) }
                try Self.insertCheck(
                    db, articleID: record.articleID, time: record.time, outcome: record.outcome, version: record.version,
                    error: record.error, httpStatus: record.httpStatus, url: record.url)
            }
            if let generation { try Self.advanceReconciledGeneration(db, to: generation) }
        }
    }
}
