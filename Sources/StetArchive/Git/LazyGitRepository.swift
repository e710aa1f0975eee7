// A git repository opened on first use.
//
// Initializing libgit2 is not free: Debian's libgit2 (built with mbedTLS) parses the whole system
// CA bundle in `git_libgit2_init`, ~50 million instructions, which was 45% of a `stet log` that
// never touches git (it reads the index). The archive therefore checks that its directory looks
// like a bare repository (what libgit2's own discovery checks: `HEAD`, `objects/`, `refs/`) and
// opens it only when something needs git.
//
// Complexity: O(1); the open happens at most once per archive.

import Foundation

final class LazyGitRepository: @unchecked Sendable {
    // @unchecked: `opened` is only touched while `lock` is held.
    private let lock = NSLock()
    private var opened: GitRepository?
    let path: String

    /// A repository already open (a new archive).
    init(_ repository: GitRepository) {
        self.opened = repository
        self.path = repository.path
    }

    /// A repository to open at `path` when first needed.
    init(path: String) {
        self.path = path
    }

    /// The repository, opening it on the first call.
    func get() throws(GitError) -> GitRepository {
        lock.lock()
        defer { lock.unlock() }
        if let opened { return opened }
        let repository = try GitRepository.open(at: path)
        opened = repository
        return repository
    }

    /// Whether `path` has what a bare repository needs: a `HEAD` file and `objects` and `refs` directories.
    static func looksLikeBareRepository(_ path: String) -> Bool {
        let files = FileManager.default
        var isDirectory: ObjCBool = false
        func directory(_ name: String) -> Bool {
            files.fileExists(atPath: (path as NSString).appendingPathComponent(name), isDirectory: &isDirectory) && isDirectory.boolValue
        }
        let head = (path as NSString).appendingPathComponent("HEAD")
        guard files.fileExists(atPath: head, isDirectory: &isDirectory), !isDirectory.boolValue else { return false }
        return directory("objects") && directory("refs")
    }
}
