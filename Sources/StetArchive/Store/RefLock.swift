// An advisory lock around ref updates, shared by every stet process writing the archive.
//
// libgit2 moves a ref by creating `<ref>.lock`, writing the new id and renaming it into place. A
// process killed between those steps leaves the `.lock` file behind, and every later update of
// that ref would fail with GIT_ELOCKED. Every stet writer holds this `flock` (on `stet.lock` in
// the archive directory) while it moves a ref, and the kernel releases it when a process dies;
// so a writer that holds it and still finds a `<ref>.lock` knows the file is stale and removes it.
//
// The lock file is opened once per `RefLock` and kept open (a snapshot used to open and close it
// each time). `flock` excludes other open file descriptions only, so threads sharing this one are
// kept apart by an in-process mutex taken first.
//
// Complexity: O(1) per use.

import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

final class RefLock: @unchecked Sendable {
    // @unchecked: `descriptor` is only touched while `mutex` is held.
    let path: String
    private let mutex = NSLock()
    private var descriptor: CInt = -1

    init(path: String) {
        self.path = path
    }

    deinit {
        if descriptor >= 0 { close(descriptor) }
    }

    /// Runs `body` while holding the exclusive lock (waits for other holders, in this process and others).
    func withLock<T>(_ body: () throws(ArchiveError) -> T) throws(ArchiveError) -> T {
        mutex.lock()
        defer { mutex.unlock() }
        if descriptor < 0 {
            descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
            guard descriptor >= 0 else {
                throw .io(path: path, message: "cannot open the lock file: \(String(cString: strerror(errno)))")
            }
        }
        while flock(descriptor, LOCK_EX) != 0 {
            guard errno == EINTR else { throw .io(path: path, message: "cannot lock: \(String(cString: strerror(errno)))") }
        }
        defer { flock(descriptor, LOCK_UN) }
        return try body()
    }
}
