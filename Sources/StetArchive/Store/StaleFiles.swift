// Leftovers of killed writers.
//
// libgit2 (1.5, Debian's) writes each loose object to `objects/tmp_object_git2_*` and renames it
// into place (`strace` of a snapshot shows it; earlier notes said `objects/xx/`, and both places
// are swept),
// so a writer killed mid-write leaves only such a temporary file: never a half object, but
// `git fsck` reports the file as a "bad sha1 file" (without failing). Every stet writer writes
// objects only while holding the archive's write lock (`RefLock`), so whoever holds that lock
// knows every temporary object file is a leftover: opening an archive takes the lock and
// removes them. `gc` writes its pack under the same lock, so a half-written pack
// (`objects/pack/pack_git2_*`) left by a killed gc is removed the same way.
//
// Complexity: one directory listing of `objects/` and one per object fan-out directory (at most
// 256; their size follows the loose objects, so an archive with many loose objects pays for them
// on every open until `stet gc`).

import Foundation

enum StaleFiles {
    /// Removes temporary object files under `repository/objects`; returns how many.
    /// The caller must hold the archive's write lock.
    @discardableResult
    static func removeTemporaryObjects(in repository: String) -> Int {
        let files = FileManager.default
        var removed = 0
        // A writer directory half made by a killed process (see ObjectWriterDirectory).
        for name in (try? files.contentsOfDirectory(atPath: repository)) ?? [] where name.hasPrefix(ObjectWriterDirectory.stagingPrefix) {
            if (try? files.removeItem(atPath: (repository as NSString).appendingPathComponent(name))) != nil { removed += 1 }
        }
        let objects = (repository as NSString).appendingPathComponent("objects")
        guard let fanout = try? files.contentsOfDirectory(atPath: objects) else { return removed }
        // Where libgit2's loose backend puts its temporary files: `objects/` itself.
        for name in fanout where name.hasPrefix("tmp_") {
            if (try? files.removeItem(atPath: (objects as NSString).appendingPathComponent(name))) != nil { removed += 1 }
        }
        for directory in fanout where directory.count == 2 || directory == "pack" {
            let folder = (objects as NSString).appendingPathComponent(directory)
            guard let names = try? files.contentsOfDirectory(atPath: folder) else { continue }
            // `tmp_*`: loose objects and indexer files; `pack_git2_*`: the packbuilder's pack
            // being written (a `gc` killed midway, also under the write lock).
            for name in names where name.hasPrefix("tmp_") || (directory == "pack" && name.hasPrefix("pack_git2_")) {
                let file = (folder as NSString).appendingPathComponent(name)
                if (try? files.removeItem(atPath: file)) != nil { removed += 1 }
            }
        }
        return removed
    }
}
