import Foundation

/// How the site describes itself: the public address used in feeds, and limits.
public struct WebConfiguration: Sendable {
    /// The site's public base URL (`http://127.0.0.1:8080`), for absolute links in Atom feeds.
    /// When nil, the request's `Host` header is used, else `http://localhost`.
    public var baseURL: String?
    /// Entries in the archive-wide feed (the newest versions of all articles).
    public var feedLimit: Int
    /// The clock ("changed today" filter); injectable for tests.
    public var now: @Sendable () -> Date

    public init(baseURL: String? = nil, feedLimit: Int = 50, now: @escaping @Sendable () -> Date = { Date() }) {
        self.baseURL = baseURL.map { $0.hasSuffix("/") ? String($0.dropLast()) : $0 }
        self.feedLimit = max(1, feedLimit)
        self.now = now
    }
}
