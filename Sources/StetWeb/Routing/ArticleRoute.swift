// Routing of `/a/<article-id>/…` URLs.
//
// Article ids contain `/` (`newsweek.com/russia-blames-…`), so a single path parameter cannot hold
// one. Every page of an article lives under a catch-all route `/a/**` and this file splits the
// path into the id and the view:
//
//   /a/<id>                       the history           /a/<id>/v/<n>        a version
//   /a/<id>/diff/<from>..<to>     a diff                /a/<id>/timeline     quotes and figures
//   /a/<id>/feed.atom             the article's feed
//
// Ids use only `[A-Za-z0-9._-]` and `/`, so they appear in URLs as they are; a client may also
// percent-encode the slashes (`/a/newsweek.com%2Fslug`), which is decoded first. The split is
// unambiguous: an id never contains `..` (so never `…/diff/2..3`), and git cannot hold both the refs
// `articles/x` and `articles/x/timeline`, so the whole path and a path minus a view suffix are
// never both article ids. The whole path is tried first, then the view suffixes.
//
// Complexity: linear in the path length, plus at most two `isArticle` look-ups.

import Foundation

/// What a page of an article shows.
public enum ArticleView: Sendable, Hashable {
    /// The update history.
    case history
    /// The diff between two versions (selectors as written: `2`, `latest`, `latest~1`).
    case diff(from: String, to: String)
    /// One version's text with blame shading.
    case version(String)
    /// Quotes and figures across versions.
    case timeline
    /// The article's Atom feed.
    case feed
}

/// An article page's address: the article id and the view.
public struct ArticleRoute: Sendable, Hashable {
    public var articleID: String
    public var view: ArticleView

    public init(articleID: String, view: ArticleView) {
        self.articleID = articleID
        self.view = view
    }

    /// Splits the path after `/a/` (raw, possibly percent-encoded) into an id and a view.
    /// `isArticle` says whether an id names an archived article. Returns nil for an empty path.
    public static func parse(_ rawPath: Substring, isArticle: (String) -> Bool) -> ArticleRoute? {
        let parts = rawPath.split(separator: "/", omittingEmptySubsequences: true)
            .map { String($0).removingPercentEncoding ?? String($0) }
            .joined(separator: "/")
            .split(separator: "/", omittingEmptySubsequences: true)
            .map(String.init)
        guard !parts.isEmpty else { return nil }
        let whole = parts.joined(separator: "/")
        if isArticle(whole) { return ArticleRoute(articleID: whole, view: .history) }
        func prefix(dropping count: Int) -> String? {
            parts.count > count ? parts.dropLast(count).joined(separator: "/") : nil
        }
        let last = parts[parts.count - 1]
        if parts.count >= 3, parts[parts.count - 2] == "diff", let id = prefix(dropping: 2) {
            let sides = last.components(separatedBy: "..")
            if sides.count == 2 { return ArticleRoute(articleID: id, view: .diff(from: sides[0], to: sides[1])) }
        }
        if parts.count >= 3, parts[parts.count - 2] == "v", let id = prefix(dropping: 2) {
            return ArticleRoute(articleID: id, view: .version(last))
        }
        if last == "timeline", let id = prefix(dropping: 1), isArticle(id) {
            return ArticleRoute(articleID: id, view: .timeline)
        }
        if last == "feed.atom", let id = prefix(dropping: 1), isArticle(id) {
            return ArticleRoute(articleID: id, view: .feed)
        }
        return ArticleRoute(articleID: whole, view: .history)
    }

    /// The site-relative path of a page of `articleID`.
    public static func path(_ articleID: String, _ view: ArticleView = .history) -> String {
        let base = "/a/" + encode(articleID)
        switch view {
        case .history: return base
        case .diff(let from, let to): return "\(base)/diff/\(encode(from))..\(encode(to))"
        case .version(let number): return "\(base)/v/\(encode(number))"
        case .timeline: return "\(base)/timeline"
        case .feed: return "\(base)/feed.atom"
        }
    }

    /// Percent-encodes everything but the characters ids are made of (and `/`, `~`).
    static func encode(_ text: String) -> String {
        let allowed = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-/~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}
