import Foundation

/// Everything that can go wrong in the archive, each with a one-line description.
public enum ArchiveError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The path exists but is not a stet archive (no bare git repository there).
    case notAnArchive(path: String)
    /// The archive does not exist and was not to be created.
    case archiveMissing(path: String)
    /// A libgit2 call failed.
    case git(GitError)
    /// The SQLite index could not be read or written.
    case index(String)
    /// A file could not be read or written.
    case io(path: String, message: String)
    /// `article.md` could not be read back.
    case malformedMarkdown(line: Int, reason: String)
    /// A stored version is missing a file or holds something unreadable.
    case malformedVersion(articleID: String, commit: String, reason: String)
    /// No article matches the query.
    case unknownArticle(String)
    /// More than one article matches the query.
    case ambiguousArticle(String, candidates: [String])
    /// An article id that cannot be used (it must be usable as a git ref name).
    case invalidArticleID(String, reason: String)
    /// The capture has no URL, no file name and no explicit id to name its article by.
    case noArticleID
    /// A version selector that does not parse (`N`, `latest`, `latest~K`).
    case invalidVersionSelector(String)
    /// A version selector that names a version the article does not have.
    case versionOutOfRange(articleID: String, selector: String, versionCount: Int)
    /// A capture older than the latest stored version (history is append-only).
    case captureOlderThanLatest(articleID: String, captured: Date, latest: Date)
    /// Other writers kept moving the article's ref; the snapshot gave up after this many attempts.
    case tooManyConcurrentUpdates(articleID: String, attempts: Int)

    public var description: String {
        switch self {
        case .notAnArchive(let path): "\(path) is not a stet archive (no bare git repository there)"
        case .archiveMissing(let path): "no archive at \(path)"
        case .git(let error): "git store: \(error)"
        case .index(let message): "index: \(message)"
        case .io(let path, let message): "\(path): \(message)"
        case .malformedMarkdown(let line, let reason): "article.md line \(line): \(reason)"
        case .malformedVersion(let id, let commit, let reason): "article \(id), commit \(commit.prefix(7)): \(reason)"
        case .unknownArticle(let query): "no article matches \"\(query)\""
        case .ambiguousArticle(let query, let candidates):
            "\"\(query)\" is ambiguous: it matches \(candidates.count) articles: \(candidates.prefix(10).joined(separator: ", "))"
                + (candidates.count > 10 ? ", …" : "")
        case .invalidArticleID(let id, let reason): "invalid article id \"\(id)\": \(reason)"
        case .noArticleID: "cannot name the article: the capture has no URL, no file name and no --article"
        case .invalidVersionSelector(let text): "invalid version \"\(text)\" (use N, latest or latest~K)"
        case .versionOutOfRange(let id, let selector, let count):
            "article \(id) has \(count) version\(count == 1 ? "" : "s"); \"\(selector)\" is out of range"
        case .captureOlderThanLatest(let id, let captured, let latest):
            "capture time \(Self.format(captured)) is older than the latest version of \(id) (\(Self.format(latest))); history is append-only"
        case .tooManyConcurrentUpdates(let id, let attempts):
            "article \(id) kept changing under concurrent writers; gave up after \(attempts) attempts"
        }
    }

    private static func format(_ date: Date) -> String {
        date.formatted(.iso8601)
    }
}
