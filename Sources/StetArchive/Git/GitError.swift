// The one place where a failing libgit2 call becomes a Swift error.
//
// Every C call that returns a status goes through `git(_:_:)`: a negative status is turned into
// a `GitError` naming the C function, carrying libgit2's code and its thread-local last error
// message (read immediately, on the same thread). Callers that expect a particular code
// (not found, modified, locked) match on `GitError.code`.

internal import CLibgit2
import Foundation

/// A libgit2 call that failed: which function, its return code and libgit2's message.
public struct GitError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The libgit2 function that failed, e.g. `git_commit_create`.
    public var function: String
    /// The negative status code libgit2 returned (`-3` not found, `-15` modified, …).
    public var code: Int32
    /// libgit2's description of the failure (may be empty).
    public var message: String

    public init(function: String, code: Int32, message: String) {
        self.function = function
        self.code = code
        self.message = message
    }

    public var description: String {
        message.isEmpty ? "\(function) failed (\(code))" : "\(function) failed (\(code)): \(message)"
    }

    /// The object or reference does not exist.
    var isNotFound: Bool { code == GIT_ENOTFOUND.rawValue }
    /// A lock file (`<ref>.lock`) is in the way.
    var isLocked: Bool { code == GIT_ELOCKED.rawValue }
    /// A reference was changed by someone else (compare-and-swap lost) or is being changed (lock held).
    var isConcurrentUpdate: Bool {
        code == GIT_EMODIFIED.rawValue || code == GIT_ELOCKED.rawValue || code == GIT_EEXISTS.rawValue
    }
}

/// Runs a libgit2 call and throws a `GitError` naming `function` when it returns a negative status.
@discardableResult
func git(_ function: String, _ status: Int32) throws(GitError) -> Int32 {
    guard status < 0 else { return status }
    var message = ""
    if let last = git_error_last(), let text = last.pointee.message {
        message = String(cString: text)
    }
    throw GitError(function: function, code: status, message: message)
}

/// Loads libgit2 (stet loads it on first use: see Sources/CLibgit2/Loader.c) and initializes it,
/// exactly once per process (Swift runs a global's initializer once, atomically): nil, or why the
/// library could not be loaded.
let libgit2Failure: String? = {
    if let failure = stet_libgit2_load() { return String(cString: failure) }
    git_libgit2_init()
    return nil
}()

/// Loads and initializes libgit2 unless done; throws when the library cannot be loaded.
func requireLibgit2() throws(GitError) {
    if let libgit2Failure { throw GitError(function: "dlopen", code: -1, message: libgit2Failure) }
}
