import Foundation
import Testing

@testable import StetArchive

#if canImport(Glibc)
import Glibc
#endif

/// Lone snapshots write one pack each; packs merge by size tiers; the generation file keeps its inodes.
@Suite struct SnapshotPackTests {
    private func packs(_ archive: String) -> [String] {
        let pack = (archive as NSString).appendingPathComponent("objects/pack")
        return ((try? FileManager.default.contentsOfDirectory(atPath: pack)) ?? []).filter { $0.hasSuffix(".pack") }.sorted()
    }

    private func inode(_ path: String) -> UInt64? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return UInt64(info.st_ino)
    }

    @Test func tiersFollowObjectCounts() {
        #expect(PackTiers.tier(objects: 1) == 0)
        #expect(PackTiers.tier(objects: 32) == 0)
        #expect(PackTiers.tier(objects: 33) == 1)
        #expect(PackTiers.tier(objects: 32 * 16) == 1)
        #expect(PackTiers.tier(objects: 32 * 16 + 1) == 2)
        #expect(PackTiers.tier(objects: Int.max) > 2)
    }

    @Test func mergePlanTakesTheLowestFullTierAndSmallerPacks() {
        func packs(_ counts: [Int]) -> [PackFileInfo] {
            counts.enumerated().map { PackFileInfo(base: String(format: "p%03d", $0.offset), objects: $0.element) }
        }
        #expect(PackTiers.mergePlan(packs(Array(repeating: 5, count: 15))).isEmpty)
        #expect(PackTiers.mergePlan(packs(Array(repeating: 5, count: 16))).count == 16)
        // A full tier 1 takes the tier-0 packs along; the big pack stays.
        let mixed = packs(Array(repeating: 100, count: 16) + [5, 5, 100_000])
        let plan = PackTiers.mergePlan(mixed)
        #expect(plan.count == 18)
        #expect(!plan.contains { $0.objects == 100_000 })
        // Sixteen tier-0 packs always merge into a higher tier (no pack merged twice at one level).
        #expect(PackTiers.tier(objects: 16 * 1) == 0)
        #expect(PackTiers.tier(objects: 16 * 33) == 2)
        #expect(PackIndexFile.objectCount(atPath: "/nonexistent/pack.idx") == nil)
    }

    @Test func loneSnapshotsWritePacksThatMergeAndStayReadable() throws {
        let directory = try TemporaryDirectory()
        let path = directory.child("archive.git")
        let archive = try Archive.open(at: path)
        var previousCount = 0
        var merged = false
        for version in 0..<20 {
            _ = try archive.snapshot(textCapture(story(version), minute: version))
            let count = packs(path).count
            if count < previousCount { merged = true }
            previousCount = count
            #expect(count < PackTiers.fanIn)
        }
        #expect(merged)
        // 16 snapshot packs became one (80 objects), then four more snapshots.
        #expect(packs(path).count == 5)
        let objects = (path as NSString).appendingPathComponent("objects")
        let loose = ((try? FileManager.default.contentsOfDirectory(atPath: objects)) ?? []).filter { $0.count == 2 }
        #expect(loose.isEmpty)
        let id = try archive.articles()[0].id
        #expect(try archive.versions(of: id).count == 20)
        // The merged versions read back, here and in a fresh process-level handle.
        let reopened = try Archive.open(at: path, create: false)
        for number in [1, 8, 16, 17, 20] {
            let stored = try reopened.storedVersion(of: id, .number(number))
            #expect(stored.metadata.version == number)
        }
        let before = try reopened.indexRows()
        _ = try reopened.reindex()
        #expect(try reopened.indexRows().versions == before.versions)
        let fsck = try runGit(["--git-dir", path, "fsck", "--full", "--strict"])
        #expect(fsck.status == 0, "\(fsck.output)")
        // The next snapshot after the merge still finds its parent.
        _ = try archive.snapshot(textCapture(story(21), minute: 21))
        #expect(try archive.versions(of: id).count == 21)
    }

    @Test func generationBumpsKeepTheirInodesAndSurviveLeftovers() throws {
        let directory = try TemporaryDirectory()
        let archive = directory.child("generation")
        try FileManager.default.createDirectory(atPath: archive, withIntermediateDirectories: true)
        let file = archive + "/" + RefGeneration.fileName
        #expect(try RefGeneration.bump(archive: archive) == 1)
        #expect(try RefGeneration.bump(archive: archive) == 2)
        // From now on the two inodes take turns: no file is created or freed.
        let inodes = Set([inode(file), inode(file + ".tmp")].compactMap { $0 })
        #expect(inodes.count == 2)
        for expected in 3...6 {
            #expect(try RefGeneration.bump(archive: archive) == expected)
            #expect(Set([inode(file), inode(file + ".tmp")].compactMap { $0 }) == inodes)
            #expect(!FileManager.default.fileExists(atPath: file + ".old"))
        }
        #expect(RefGeneration.read(archive: archive) == 6)
        // A writer killed between its link and its renames leaves `.old` (and no spare): the next
        // bump still gives the next value.
        #expect(link(file, file + ".old") == 0)
        try FileManager.default.removeItem(atPath: file + ".tmp")
        #expect(try RefGeneration.bump(archive: archive) == 7)
        #expect(RefGeneration.read(archive: archive) == 7)
        #expect(!FileManager.default.fileExists(atPath: file + ".old"))
        #expect(try RefGeneration.bump(archive: archive) == 8)
        #expect(String(decoding: FileManager.default.contents(atPath: file) ?? Data(), as: UTF8.self) == "8\n")
    }
}
