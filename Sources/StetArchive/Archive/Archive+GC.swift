// `gc`: pack the archive's objects, then remove what the pack made redundant.
//
// Order, all under the archive's write lock (`RefLock`, the one every snapshot holds while it
// writes objects and moves a ref, so no writer is between writing an object and pointing a ref
// at it while we look):
// 1. Read every ref's commit and write one pack of everything reachable from them
//    (`GitRepository.pack`); the pack and its index are complete on disk before anything goes.
// 2. Remove each older pack whose objects are all in the new pack (index first, so a reader never
//    sees an index without its pack), unless a `.keep` file protects it.
// 3. Remove each loose object the new pack holds (git's `prune-packed`), then empty fan-out
//    directories. Loose objects that no ref reaches (left by a writer killed between writing and
//    moving its ref) are kept and counted: they cost little and `git fsck` accepts them.
// Readers in other processes need no lock: an object is always in a pack or loose file that
// exists, and libgit2 rescans the pack directory when a lookup misses.
//
// With no loose object and at most one pack there is nothing to gain, and gc returns at once.
//
// Complexity: linear in the number of objects (walk, pack, one directory listing per fan-out
// directory), plus libgit2's delta search.

import Foundation

/// What `Archive.gc` did.
public struct GCReport: Sendable, Hashable {
    /// Objects in the new pack.
    public var packedObjects: Int = 0
    /// Loose object files removed because the pack holds them.
    public var removedLooseObjects: Int = 0
    /// Loose objects kept because no ref reaches them.
    public var keptLooseObjects: Int = 0
    /// Older packs removed because the new pack holds all their objects.
    public var removedPacks: Int = 0
    /// Bytes under `objects/` before and after.
    public var bytesBefore: Int64 = 0
    public var bytesAfter: Int64 = 0
    /// The new pack's name (`pack-<name>.pack`); empty when nothing was packed.
    public var packName: String = ""
    /// True when there was nothing to do: no loose object and at most one pack.
    public var alreadyPacked: Bool = false

    public init() {}
}

extension Archive {
    /// Packs every object that a ref reaches into one pack file (delta-compressed by libgit2's
    /// packbuilder) and removes the loose objects and older packs it makes redundant.
    ///
    /// Safe while other processes read the archive; writers wait for it (it holds the write lock).
    /// - Throws: git errors (nothing is removed unless the new pack was written), I/O errors.
    @discardableResult
    public func gc() throws(ArchiveError) -> GCReport {
        try checkWritable()
        return try refLock.withLock { () throws(ArchiveError) -> GCReport in
            var report = GCReport()
            let objects = (path as NSString).appendingPathComponent("objects")
            report.bytesBefore = Self.directorySize(objects)
            let packDirectory = (objects as NSString).appendingPathComponent("pack")
            let files = FileManager.default
            let oldIndexes = ((try? files.contentsOfDirectory(atPath: packDirectory)) ?? []).filter {
                $0.hasPrefix("pack-") && $0.hasSuffix(".idx")
            }

            // Nothing loose and at most one pack: repacking would rewrite the same pack.
            let hexDigits = Set("0123456789abcdef")
            let fanout = (try? files.contentsOfDirectory(atPath: objects)) ?? []
            let looseDirectories = fanout.filter { $0.count == 2 && $0.allSatisfy(hexDigits.contains) }
            let anyLoose = looseDirectories.contains { directory in
                !((try? files.contentsOfDirectory(atPath: (objects as NSString).appendingPathComponent(directory))) ?? []).isEmpty
            }
            if !anyLoose && oldIndexes.count <= 1 {
                report.alreadyPacked = true
                report.bytesAfter = report.bytesBefore
                return report
            }

            let written: PackWrite
            do throws(GitError) {
                var heads: [ObjectID] = []
                for name in try repository.references(withPrefix: "refs/") {
                    if let head = try repository.resolve(reference: name) { heads.append(head) }
                }
                written = try repository.pack(reachableFrom: heads)
            } catch { throw .git(error) }
            report.packName = written.name
            report.packedObjects = written.objects.count

            // With nothing packed, no older pack is redundant; the new pack itself may share its name
            // with one already there (same objects), which then stays.
            for indexName in oldIndexes where !written.name.isEmpty && indexName != "pack-\(written.name).idx" {
                let base = (packDirectory as NSString).appendingPathComponent(String(indexName.dropLast(".idx".count)))
                guard !files.fileExists(atPath: base + ".keep"),
                    let ids = PackIndexFile.objectIDs(atPath: base + ".idx"),
                    ids.allSatisfy(written.objects.contains)
                else { continue }
                do {
                    try files.removeItem(atPath: base + ".idx")
                } catch {
                    throw .io(path: base + ".idx", message: "cannot remove a redundant pack index: \(error.localizedDescription)")
                }
                for suffix in [".pack", ".rev", ".bitmap", ".mtimes", ".promisor"] where files.fileExists(atPath: base + suffix) {
                    try? files.removeItem(atPath: base + suffix)
                }
                report.removedPacks += 1
            }

            try Self.removeLooseObjects(in: objects, directories: looseDirectories, packed: written.objects, report: &report)
            do throws(GitError) { try repository.refreshObjectDatabase() } catch { throw .git(error) }
            report.bytesAfter = Self.directorySize(objects)
            return report
        }
    }

    /// Packs the objects reachable from the given articles' refs (those written since the last
    /// pack, when every article is new: `stet debug generate-archive` between batches) and removes
    /// their loose copies. Older packs are kept, so the cost follows the batch, not the archive
    /// (`gc` repacks everything: calling it every batch made generation quadratic). `bytesBefore`
    /// and `bytesAfter` are not measured (0).
    @discardableResult
    public func packObjects(ofArticles articleIDs: [String]) throws(ArchiveError) -> GCReport {
        try checkWritable()
        return try refLock.withLock { () throws(ArchiveError) -> GCReport in
            var report = GCReport()
            let written: PackWrite
            do throws(GitError) {
                var heads: [ObjectID] = []
                for id in articleIDs {
                    if let head = try repository.resolve(reference: Self.reference(for: id)) { heads.append(head) }
                }
                written = try repository.pack(reachableFrom: heads)
            } catch { throw .git(error) }
            guard !written.name.isEmpty else { return report }
            report.packName = written.name
            report.packedObjects = written.objects.count
            let objects = (path as NSString).appendingPathComponent("objects")
            let hexDigits = Set("0123456789abcdef")
            let fanout = (try? FileManager.default.contentsOfDirectory(atPath: objects)) ?? []
            let looseDirectories = fanout.filter { $0.count == 2 && $0.allSatisfy(hexDigits.contains) }
            try Self.removeLooseObjects(in: objects, directories: looseDirectories, packed: written.objects, report: &report)
            do throws(GitError) { try repository.refreshObjectDatabase() } catch { throw .git(error) }
            return report
        }
    }

    /// Removes each loose object that `packed` holds (git's `prune-packed`), counting the others;
    /// removes fan-out directories left empty.
    private static func removeLooseObjects(
        in objects: String, directories looseDirectories: [String], packed: Set<ObjectID>, report: inout GCReport
    ) throws(ArchiveError) {
        let files = FileManager.default
        for directory in looseDirectories {
            let folder = (objects as NSString).appendingPathComponent(directory)
            guard let names = try? files.contentsOfDirectory(atPath: folder) else { continue }
            var left = names.count
            for name in names where name.count == 38 {
                guard let id = ObjectID(hex: directory + name) else { continue }
                if packed.contains(id) {
                    let file = (folder as NSString).appendingPathComponent(name)
                    do { try files.removeItem(atPath: file) } catch {
                        throw .io(path: file, message: "cannot remove a packed loose object: \(error.localizedDescription)")
                    }
                    report.removedLooseObjects += 1
                    left -= 1
                } else {
                    report.keptLooseObjects += 1
                }
            }
            if left == 0 { try? files.removeItem(atPath: folder) }
        }
    }

    /// The bytes of the regular files under `path` (recursively).
    static func directorySize(_ path: String) -> Int64 {
        let files = FileManager.default
        guard let enumerator = files.enumerator(atPath: path) else { return 0 }
        var total: Int64 = 0
        while let relative = enumerator.nextObject() as? String {
            let full = (path as NSString).appendingPathComponent(relative)
            if let attributes = try? files.attributesOfItem(atPath: full), (attributes[.type] as? FileAttributeType) == .typeRegular,
                let size = attributes[.size] as? NSNumber
            {
                total += size.int64Value
            }
        }
        return total
    }
}
