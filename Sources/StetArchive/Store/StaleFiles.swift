// Leftovers of killed writers.
//
// libgit2 writes each loose object to `objects/xx/tmp_object_git2_*` and renames it into place,
// so a writer killed mid-write leaves only such a temporary file: never a half object, but
// `git fsck` reports the file as a "bad sha1 file" (without failing). Opening an archive removes
// these files once they are old enough that no live writer can still be filling them.
//
// Complexity: one directory listing per object fan-out directory (at most 256).

import Foundation

enum StaleFiles {
    /// A temporary object file older than this is a leftover (a live write takes milliseconds).
    static let minimumAge: TimeInterval = 60

    /// Removes leftover temporary object files under `repository/objects`; returns how many.
    @discardableResult
    static func removeTemporaryObjects(in repository: String, now: Date = Date()) -> Int {
        let files = FileManager.default
        let objects = (repository as NSString).appendingPathComponent("objects")
        guard let fanout = try? files.contentsOfDirectory(atPath: objects) else { return 0 }
        var removed = 0
        for directory in fanout where directory.count == 2 || directory == "pack" {
            let folder = (objects as NSString).appendingPathComponent(directory)
            guard let names = try? files.contentsOfDirectory(atPath: folder) else { continue }
            for name in names where name.hasPrefix("tmp_") {
                let file = (folder as NSString).appendingPathComponent(name)
                guard let modified = (try? files.attributesOfItem(atPath: file))?[.modificationDate] as? Date,
                    now.timeIntervalSince(modified) > minimumAge
                else { continue }
                if (try? files.removeItem(atPath: file)) != nil { removed += 1 }
            }
        }
        return removed
    }
}
