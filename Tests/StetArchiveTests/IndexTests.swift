import Foundation
import Testing

@testable import StetArchive

/// Every row of the derived tables and the checks, as comparable values.
func indexDump(_ archive: Archive) throws -> IndexRows {
    try archive.indexRows()
}

@Suite struct IndexTests {
    /// Three articles with histories, a revert, an unchanged check and a rejection.
    func populated(_ directory: TemporaryDirectory) throws -> Archive {
        let archive = try Archive.open(at: directory.child("archive.git"), create: true)
        _ = try archive.snapshot(textCapture(story(1)))
        _ = try archive.snapshot(textCapture(story(2), minute: 1))
        _ = try archive.snapshot(textCapture(story(1), minute: 2))
        _ = try archive.snapshot(textCapture(story(1), minute: 3))
        _ = try archive.snapshot(textCapture(["Too short now."], minute: 4))
        _ = try archive.snapshot(textCapture(story(7), url: "https://example.org/b"))
        _ = try archive.snapshot(textCapture(story(8), url: "https://example.org/b", minute: 9))
        _ = try archive.snapshot(textCapture(story(9), id: "desk/memo"))
        try archive.recordCheck(articleID: "example.org/b", at: Date(timeIntervalSince1970: 1_704_100_000), outcome: .notModified, httpStatus: 304)
        try archive.recordCheck(articleID: "example.org/gone", at: Date(timeIntervalSince1970: 1_704_100_000), outcome: .failed, httpStatus: 404, error: "HTTP 404", url: "https://example.org/gone")
        return archive
    }

    @Test func reindexRebuildsTheSameRows() throws {
        let directory = try TemporaryDirectory()
        let archive = try populated(directory)
        let live = try indexDump(archive)
        #expect(live.versions.count == 6)
        #expect(live.articles.count == 4)
        var calls: [(Int, Int)] = []
        try archive.reindex { done, total in calls.append((done, total)) }
        let rebuilt = try indexDump(archive)
        #expect(rebuilt.articles == live.articles)
        #expect(rebuilt.versions == live.versions)
        #expect(rebuilt.checks == live.checks)
        #expect(calls.map(\.0) == [1, 2, 3] && calls.allSatisfy { $0.1 == 3 })

        // A brand-new index file rebuilt from git alone has the same version rows.
        let fresh = try TemporaryDirectory()
        let copy = fresh.child("copy.git")
        try FileManager.default.copyItem(atPath: archive.path, toPath: copy)
        for name in ["index.sqlite", "index.sqlite-wal", "index.sqlite-shm"] { try? FileManager.default.removeItem(atPath: copy + "/" + name) }
        let reopened = try Archive.open(at: copy, create: false)
        #expect(try indexDump(reopened).versions == live.versions)
    }

    @Test func reconcileIndexesWhatTheIndexLacks() throws {
        let directory = try TemporaryDirectory()
        let archive = try populated(directory)
        let live = try indexDump(archive)
        // The index lags: the last version's row is gone and the article row points at the old head.
        try archive.executeOnIndex("DELETE FROM versions WHERE article_id = ? AND number = 4", arguments: ["example.com/news-story-1"])
        try archive.executeOnIndex(
            "UPDATE articles SET head_commit = ?, version_count = 3 WHERE id = ?",
            arguments: [live.versions[2].commitId, "example.com/news-story-1"])
        try archive.executeOnIndex("DELETE FROM versions WHERE article_id = 'desk/memo'")
        try archive.executeOnIndex("UPDATE articles SET head_commit = NULL, version_count = 0 WHERE id = 'desk/memo'")
        // An index lags only after a writer died between its ref move and its index write, which
        // leaves the ref generation ahead of the index's (see RefGeneration): emulate that.
        _ = try RefGeneration.bump(archive: archive.path)
        let reopened = try Archive.open(at: archive.path, create: false)
        let after = try indexDump(reopened)
        #expect(after.versions == live.versions)
        #expect(after.articles == live.articles)
    }

    @Test func aCrashAfterTheRefUpdateIsRepairedOnOpen() throws {
        let directory = try TemporaryDirectory()
        let archive = try populated(directory)
        let before = try indexDump(archive)
        // Simulate a process that died after moving the ref and before writing the index:
        // write the version with the library's own git layer, then skip the index.
        let id = "example.org/b"
        let reference = Archive.reference(for: id)
        let head = try #require(try archive.repository.resolve(reference: reference))
        let headCommit = try archive.repository.commit(head)
        let previousTree = try archive.repository.treeEntries(headCommit.tree)
        let markdown = try archive.repository.writeBlob(Array(ArticleMarkdown.render(ArticleMarkdown.article(from: .init(plainText: story(10).joined(separator: "\n\n")))).utf8))
        let tree = try archive.repository.writeTree([
            TreeFile(name: "article.md", blob: markdown), TreeFile(name: "meta.json", blob: try #require(previousTree["meta.json"])),
            TreeFile(name: "source.txt", blob: try #require(previousTree["source.txt"])),
        ])
        let message = CommitMessage(summary: "Edited 1 statement", articleID: id, version: 3, counts: .init(), revertOf: nil, wordCount: 1, blockCount: 1)
        let commit = try archive.repository.writeCommit(
            tree: tree, parents: [head], message: message.text, identity: Archive.identity, time: headCommit.time + 60, offsetMinutes: 0)
        // And a commit that was written but whose ref update never happened (dangling).
        _ = try archive.repository.writeCommit(
            tree: tree, parents: [commit], message: "never referenced\n", identity: Archive.identity, time: headCommit.time + 120, offsetMinutes: 0)
        // As a writer does: bump the ref generation, move the ref, then die before the index write.
        _ = try RefGeneration.bump(archive: archive.path)
        try archive.repository.updateReference(reference, to: commit, expected: head, logMessage: "test")
        #expect(try indexDump(archive).versions == before.versions)

        let reopened = try Archive.open(at: archive.path, create: false)
        let versions = try reopened.versions(of: id)
        #expect(versions.map(\.number) == [1, 2, 3])
        #expect(versions[2].commit == commit)
        #expect(versions[2].summary == "Edited 1 statement")
        #expect(try reopened.articles().first(where: { $0.id == id })?.versionCount == 3)
        let fsck = try runGit(["--git-dir", archive.path, "fsck", "--strict"])
        #expect(fsck.status == 0, "\(fsck.output)")
        // The next snapshot builds on the repaired history.
        let next = try reopened.snapshot(textCapture(story(11), url: "https://example.org/b", minute: 500))
        guard case .newVersion(4, id, _, _, _) = next else {
            Issue.record("expected version 4, got \(next)")
            return
        }
    }

    @Test func aStaleRefLockLeftByAKilledWriterIsRemoved() throws {
        let directory = try TemporaryDirectory()
        let archive = try Archive.open(at: directory.child("a.git"), create: true)
        _ = try archive.snapshot(textCapture(story(1)))
        let lock = archive.path + "/refs/heads/articles/example.com/news-story-1.lock"
        _ = FileManager.default.createFile(atPath: lock, contents: Data())
        guard case .newVersion(2, _, _, _, _) = try archive.snapshot(textCapture(story(2), minute: 1)) else {
            Issue.record("the snapshot should have gone through the stale lock")
            return
        }
        #expect(!FileManager.default.fileExists(atPath: lock))
    }
}

@Suite struct StaleFileTests {
    @Test func openingRemovesTemporaryObjectsOfKilledWriters() throws {
        let directory = try TemporaryDirectory()
        let archive = try Archive.open(at: directory.child("a.git"), create: true)
        _ = try archive.snapshot(textCapture(story(1)))
        let folder = archive.path + "/objects/ab"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let old = folder + "/tmp_object_git2_old"
        let fresh = folder + "/tmp_object_git2_new"
        _ = FileManager.default.createFile(atPath: old, contents: Data("partial".utf8))
        _ = FileManager.default.createFile(atPath: fresh, contents: Data("partial".utf8))
        // Where libgit2 1.5's loose backend actually writes them: `objects/` itself.
        let topLevel = archive.path + "/objects/tmp_object_git2_killed"
        _ = FileManager.default.createFile(atPath: topLevel, contents: Data("partial".utf8))
        _ = try Archive.open(at: archive.path, create: false)
        #expect(!FileManager.default.fileExists(atPath: old))
        #expect(!FileManager.default.fileExists(atPath: fresh))
        #expect(!FileManager.default.fileExists(atPath: topLevel))
        #expect(FileManager.default.fileExists(atPath: archive.path + "/objects"))
    }
}

@Suite struct DamageTests {
    @Test func aDamagedArticleIsSkippedNotFatal() throws {
        let directory = try TemporaryDirectory()
        let archive = try Archive.open(at: directory.child("a.git"), create: true)
        _ = try archive.snapshot(textCapture(story(1)))
        // A ref under refs/heads/articles/ whose commit holds no article.md.
        let blob = try archive.repository.writeBlob(Array("not an article\n".utf8))
        let tree = try archive.repository.writeTree([TreeFile(name: "README", blob: blob)])
        let commit = try archive.repository.writeCommit(
            tree: tree, parents: [], message: "foreign\n", identity: Archive.identity, time: 1_704_067_200, offsetMinutes: 0)
        try archive.repository.updateReference(Archive.reference(for: "foreign/thing"), to: commit, expected: nil, logMessage: "test")

        let reopened = try Archive.open(at: archive.path, create: false)
        #expect(try reopened.articles().map(\.id) == ["example.com/news-story-1"])
        let report = try reopened.reconcile()
        #expect(report.skipped["foreign/thing"]?.contains("no article.md") == true)
        let rebuilt = try reopened.reindex()
        #expect(rebuilt.updated == ["example.com/news-story-1"])
        #expect(rebuilt.skipped.keys.sorted() == ["foreign/thing"])
        #expect(try reopened.versions(of: "example.com/news-story-1").count == 1)
    }
}
