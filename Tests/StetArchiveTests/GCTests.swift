import Foundation
import Testing

@testable import StetArchive

@Suite struct GCTests {
    /// Loose object files under `objects/xx/`.
    private func looseObjects(_ archive: String) -> Int {
        let objects = (archive as NSString).appendingPathComponent("objects")
        let fanout = (try? FileManager.default.contentsOfDirectory(atPath: objects)) ?? []
        return fanout.filter { $0.count == 2 }.reduce(0) { total, directory in
            total + ((try? FileManager.default.contentsOfDirectory(atPath: (objects as NSString).appendingPathComponent(directory))) ?? []).count
        }
    }

    private func packs(_ archive: String) -> [String] {
        let pack = (archive as NSString).appendingPathComponent("objects/pack")
        return ((try? FileManager.default.contentsOfDirectory(atPath: pack)) ?? []).filter { $0.hasSuffix(".pack") }
    }

    @Test func packingSomeArticlesLeavesTheOthersLooseAndOlderPacksInPlace() throws {
        let directory = try TemporaryDirectory()
        let path = directory.child("archive.git")
        let archive = try Archive.open(at: path)
        for version in 0..<3 {
            _ = try archive.snapshot(textCapture(story(version), minute: version))
        }
        let first = try archive.packObjects(ofArticles: ["example.com/news-story-1"])
        #expect(first.packedObjects == 3 * 5)
        #expect(looseObjects(path) == 0)
        for version in 0..<3 {
            _ = try archive.snapshot(textCapture(story(version, extra: ["A second article."]), url: "https://example.org/b", minute: version))
        }
        let loose = looseObjects(path)
        let second = try archive.packObjects(ofArticles: ["example.org/b"])
        #expect(second.packedObjects == loose)
        #expect(looseObjects(path) == 0)
        #expect(packs(path).count == 2)
        let reopened = try Archive.open(at: path, create: false)
        for id in ["example.com/news-story-1", "example.org/b"] {
            #expect(try reopened.versions(of: id).count == 3)
            _ = try reopened.diff(article: id, from: .number(1), to: .latest(back: 0))
        }
        let fsck = try runGit(["--git-dir", path, "fsck", "--full", "--strict"])
        #expect(fsck.status == 0, "\(fsck.output)")
        // A full gc then makes one pack of both.
        _ = try reopened.gc()
        #expect(packs(path).count == 1)
    }

    @Test func packsLooseObjectsKeepsHistoryAndFsckIsClean() throws {
        let directory = try TemporaryDirectory()
        let path = directory.child("archive.git")
        let archive = try Archive.open(at: path)
        for version in 0..<6 {
            _ = try archive.snapshot(textCapture(story(version), minute: version))
            _ = try archive.snapshot(textCapture(story(version, extra: ["A second article."]), url: "https://example.org/b", minute: version))
        }
        let before = try archive.indexRows()
        let loose = looseObjects(path)
        #expect(loose > 0)

        let report = try archive.gc()
        #expect(report.packedObjects == loose)
        #expect(report.removedLooseObjects == loose)
        #expect(report.keptLooseObjects == 0)
        #expect(looseObjects(path) == 0)
        #expect(packs(path).count == 1)
        #expect(report.bytesAfter < report.bytesBefore)

        // Everything still reads: the same index after a rebuild, and the same diffs.
        let ids = try archive.articles().map(\.id)
        #expect(ids.count == 2)
        for id in ids {
            _ = try archive.diff(article: id, from: .number(1), to: .latest(back: 0))
        }
        _ = try archive.reindex()
        #expect(try archive.indexRows().versions == before.versions)
        let fsck = try runGit(["--git-dir", path, "fsck", "--full", "--strict"])
        #expect(fsck.status == 0, "\(fsck.output)")

        // A reopened archive reads from the pack alone.
        let reopened = try Archive.open(at: path, create: false)
        #expect(try reopened.versions(of: ids[0]).count == 6)
        // Nothing loose, one pack: nothing to do.
        let again = try reopened.gc()
        #expect(again.alreadyPacked)
        #expect(packs(path).count == 1)
    }

    @Test func secondGCReplacesTheOldPackAndKeepsUnreachableLooseObjects() throws {
        let directory = try TemporaryDirectory()
        let path = directory.child("archive.git")
        let archive = try Archive.open(at: path)
        _ = try archive.snapshot(textCapture(story(1), minute: 1))
        try archive.gc()
        let firstPacks = packs(path)
        #expect(firstPacks.count == 1)

        _ = try archive.snapshot(textCapture(story(2), minute: 2))
        // An object no ref reaches (as a writer killed before moving its ref leaves behind).
        let orphan = try archive.repository.writeBlob(Array("orphan".utf8))
        let report = try archive.gc()
        #expect(report.removedPacks == 1)
        #expect(report.keptLooseObjects == 1)
        #expect(packs(path).count == 1)
        #expect(packs(path) != firstPacks)
        #expect(try archive.repository.blob(orphan) == Array("orphan".utf8))
        #expect(try archive.versions(of: archive.articles()[0].id).count == 2)
        let fsck = try runGit(["--git-dir", path, "fsck", "--full"])
        #expect(fsck.status == 0, "\(fsck.output)")

        // Nothing new but the kept unreachable object: the same pack again, nothing removed.
        let again = try archive.gc()
        #expect(!again.alreadyPacked)
        #expect(again.removedPacks == 0)
        #expect(again.removedLooseObjects == 0)
        #expect(packs(path).count == 1)
    }

    @Test func openingRemovesAPackAKilledGCWasWriting() throws {
        let directory = try TemporaryDirectory()
        let path = directory.child("archive.git")
        let archive = try Archive.open(at: path)
        _ = try archive.snapshot(textCapture(story(1)))
        try archive.gc()
        let leftover = path + "/objects/pack/pack_git2_0123456789abcdef"
        #expect(FileManager.default.createFile(atPath: leftover, contents: Data("PACK".utf8)))
        _ = try Archive.open(at: path, create: false)
        #expect(!FileManager.default.fileExists(atPath: leftover))
        #expect(packs(path).count == 1)
    }

    @Test func emptyArchiveIsANoOp() throws {
        let directory = try TemporaryDirectory()
        let archive = try Archive.open(at: directory.child("archive.git"))
        let report = try archive.gc()
        #expect(report.packedObjects == 0)
        #expect(report.packName.isEmpty)
        #expect(report.alreadyPacked)
        #expect(packs(directory.child("archive.git")).isEmpty)
    }

    @Test func packIndexReaderRejectsGarbage() throws {
        let directory = try TemporaryDirectory()
        let file = directory.child("bad.idx")
        try Data([0xff, 0x74, 0x4f, 0x63, 0, 0, 0, 2, 1, 2]).write(to: URL(fileURLWithPath: file))
        #expect(PackIndexFile.objectIDs(atPath: file) == nil)
        #expect(PackIndexFile.objectIDs(atPath: directory.child("missing.idx")) == nil)
    }
}
