import Foundation
import Testing

@testable import StetArchive

/// `Archive.snapshot(batch:)` leaves exactly what one-by-one snapshots leave, packed.
@Suite struct BatchTests {
    /// Captures exercising every path of a snapshot: first versions, edits, a revert, an
    /// unchanged page, a rejection (too short), a rejection before an article's first version,
    /// an explicit id later found again by its URL, and two articles in one batch.
    static func captures() -> [Capture] {
        [
            textCapture(story(1)),
            textCapture(story(2), minute: 1),
            textCapture(story(1), minute: 2),
            textCapture(story(1), minute: 3),
            textCapture(["Too short now."], minute: 4),
            textCapture(["Too short too."], url: "https://example.org/b", minute: 4),
            textCapture(story(7), url: "https://example.org/b", minute: 5),
            textCapture(story(8), url: "https://example.org/b", minute: 9),
            textCapture(story(9), url: "https://example.org/memo", id: "desk/memo"),
            // Named through the index (or, in a batch, through what the batch wrote): desk/memo.
            textCapture(story(10), url: "https://example.org/memo", minute: 7),
            textCapture(story(11), url: "https://example.org/memo?utm_source=feed", minute: 8),
        ]
    }

    static func refs(_ path: String) throws -> String {
        let output = try runGit(["--git-dir", path, "for-each-ref", "--format=%(refname) %(objectname)"])
        #expect(output.status == 0)
        return output.output
    }

    @Test func aBatchLeavesWhatOneByOneSnapshotsLeave() throws {
        let directory = try TemporaryDirectory()
        let single = try Archive.open(at: directory.child("single.git"), create: true)
        let singleOutcomes = try Self.captures().map { try single.snapshot($0) }
        let batched = try Archive.open(at: directory.child("batched.git"), create: true)
        // Two batches: the second continues articles the first created (refs and index on disk).
        let all = Self.captures()
        let batchOutcomes = try batched.snapshot(batch: Array(all[..<6])) + batched.snapshot(batch: Array(all[6...]))

        #expect(batchOutcomes == singleOutcomes)
        let kinds = Set(singleOutcomes.map { outcome -> String in
            switch outcome {
            case .newVersion: "new"
            case .unchanged: "unchanged"
            case .rejected: "rejected"
            }
        })
        #expect(kinds == ["new", "unchanged", "rejected"])
        #expect(Set(singleOutcomes.map(\.articleID)) == ["example.com/news-story-1", "example.org/b", "desk/memo"])
        // Same commits (ids cover trees and blobs), same refs.
        #expect(try Self.refs(batched.path) == Self.refs(single.path))
        let expected = try indexDump(single), live = try indexDump(batched)
        #expect(live.articles == expected.articles)
        #expect(live.versions == expected.versions)
        #expect(live.checks == expected.checks)

        // The index the batch wrote is the one git alone gives.
        try batched.reindex()
        let rebuilt = try indexDump(batched)
        #expect(rebuilt.articles == live.articles && rebuilt.versions == live.versions && rebuilt.checks == live.checks)
    }

    @Test func aBatchIsOnDiskWhenItReturns() throws {
        let directory = try TemporaryDirectory()
        let path = directory.child("archive.git")
        let archive = try Archive.open(at: path, create: true)
        _ = try archive.snapshot(batch: Self.captures())

        // Every object is in one pack: no loose object, and plain git sees a consistent archive.
        let objects = path + "/objects"
        let loose = try FileManager.default.contentsOfDirectory(atPath: objects).filter { $0.count == 2 }
        #expect(loose.isEmpty)
        let packs = try FileManager.default.contentsOfDirectory(atPath: objects + "/pack").filter { $0.hasSuffix(".pack") }
        #expect(packs.count == 1)
        let fsck = try runGit(["--git-dir", path, "fsck", "--strict", "--no-dangling"])
        #expect(fsck.status == 0, "\(fsck.output)")
        let log = try runGit(["--git-dir", path, "log", "--format=%s", "refs/heads/articles/desk/memo"])
        #expect(log.status == 0 && log.output.split(separator: "\n").count == 3)

        // A fresh instance (no shared caches) reads every version back, and diffs them.
        let reopened = try Archive.open(at: path, create: false)
        for article in try reopened.articles() {
            for version in try reopened.versions(of: article.id) {
                _ = try reopened.storedVersion(of: article.id, .number(version.number))
            }
        }
        #expect(try reopened.versions(of: "desk/memo").count == 3)
        _ = try reopened.diff(article: "desk/memo", from: .number(1), to: .latest(back: 0))

        // Lone snapshots after a batch still work, on top of the batch's pack.
        #expect(try reopened.snapshot(textCapture(story(12), url: "https://example.org/memo", minute: 20)).articleID == "desk/memo")
        #expect(try reopened.versions(of: "desk/memo").count == 4)
    }

    @Test func anErrorCommitsTheCapturesBeforeIt() throws {
        let directory = try TemporaryDirectory()
        let path = directory.child("archive.git")
        let archive = try Archive.open(at: path, create: true)
        let captures = [
            textCapture(story(1), minute: 5), textCapture(story(2), minute: 6),
            // Older than the version just written: refused, as a lone snapshot would be.
            textCapture(story(3), minute: 1), textCapture(story(4), minute: 9),
        ]
        #expect(throws: ArchiveError.self) { try archive.snapshot(batch: captures) }
        let reopened = try Archive.open(at: path, create: false)
        #expect(try reopened.versions(of: "example.com/news-story-1").count == 2)
        let fsck = try runGit(["--git-dir", path, "fsck", "--strict", "--no-dangling"])
        #expect(fsck.status == 0, "\(fsck.output)")
    }

    @Test func nestingIsRefusedWithinABatch() throws {
        let directory = try TemporaryDirectory()
        let archive = try Archive.open(at: directory.child("archive.git"), create: true)
        #expect(throws: ArchiveError.self) {
            try archive.snapshot(batch: [textCapture(story(1), id: "desk/a"), textCapture(story(2), id: "desk/a/b")])
        }
        #expect(try archive.articles().map(\.id) == ["desk/a"])
    }

    @Test func bufferedObjectsReachTheDiskOnlyWithThePack() throws {
        let directory = try TemporaryDirectory()
        let path = directory.child("archive.git")
        _ = try Archive.open(at: path, create: true)
        let writer = try GitRepository.openBuffered(at: path)
        let blob = try writer.writeBlob(Array("buffered".utf8))
        let tree = try writer.writeTree([TreeFile(name: "a.txt", blob: blob)])
        let commit = try writer.writeCommit(
            tree: tree, parents: [], message: "m\n", identity: GitIdentity(name: "t", email: "t@localhost"), time: 0, offsetMinutes: 0)
        #expect(try writer.blob(blob) == Array("buffered".utf8))
        for id in [blob, tree, commit] { #expect(try runGit(["--git-dir", path, "cat-file", "-e", id.hex]).status != 0) }
        // The pack holds what the commits reach (libgit2's mempack packs from the commits).
        #expect(try writer.writeBufferedPack() == 3)
        #expect(try runGit(["--git-dir", path, "cat-file", "-p", blob.hex]).output == "buffered")
        #expect(try runGit(["--git-dir", path, "cat-file", "-t", commit.hex]).output == "commit\n")
        // Nothing buffered: no pack.
        #expect(try writer.writeBufferedPack() == 0)
        #expect(try GitRepository.open(at: path).blob(blob) == Array("buffered".utf8))
    }
}
