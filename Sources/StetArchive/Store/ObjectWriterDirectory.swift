// A git directory of its own for the handle that writes a batch's objects.
//
// libgit2's packbuilder, which turns a batch's buffered objects into one pack, first lists every
// tag (`git_tag_foreach` in its write order), and with loose refs that means opening every ref
// file of the repository: one file per article, for every pack. So the batch's handle is opened
// on `stet.writer/` inside the archive: a bare git directory with an empty `refs/`, a `HEAD`, and
// `objects` a symbolic link to the archive's own `../objects`. Objects it writes and reads are
// the archive's; refs are never read or moved through it (the archive's own handle does that).
// git ignores unknown entries of a git directory, so `git` and `git fsck` see the archive as
// before.
//
// Made in a staging directory and renamed into place, so a process killed midway leaves a
// `stet.writer.creating-*` directory (swept on open) and never a half-made one.
//
// Complexity: O(1); done once per archive.

import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

enum ObjectWriterDirectory {
    static let name = "stet.writer"
    static let stagingPrefix = "stet.writer.creating-"

    /// The writer's git directory inside `archive`, made when missing.
    static func ensure(archive: String) throws(GitError) -> String {
        let directory = (archive as NSString).appendingPathComponent(name)
        if LazyGitRepository.looksLikeBareRepository(directory) { return directory }
        let staging = (archive as NSString).appendingPathComponent(stagingPrefix + UUID().uuidString)
        func fail(_ what: String) -> GitError {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(atPath: staging)
            return GitError(function: "stet.writer", code: -1, message: "cannot make \(directory): \(what): \(reason)")
        }
        guard mkdir(staging, 0o755) == 0 else { throw fail("mkdir") }
        guard mkdir(staging + "/refs", 0o755) == 0 else { throw fail("mkdir refs") }
        guard symlink("../objects", staging + "/objects") == 0 else { throw fail("symlink objects") }
        guard writeFile(staging + "/HEAD", "ref: refs/heads/main\n") else { throw fail("HEAD") }
        if rename(staging, directory) != 0 {
            // Another process made it first (ENOTEMPTY/EEXIST): use theirs.
            let failure = errno
            try? FileManager.default.removeItem(atPath: staging)
            guard (failure == ENOTEMPTY || failure == EEXIST), LazyGitRepository.looksLikeBareRepository(directory) else {
                errno = failure
                throw fail("rename")
            }
        }
        return directory
    }

    /// Creates `path` (it must not exist) holding `text`; false on any failure.
    private static func writeFile(_ path: String, _ text: String) -> Bool {
        let bytes = Array(text.utf8)
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { return false }
        let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        close(descriptor)
        return written == bytes.count
    }
}
