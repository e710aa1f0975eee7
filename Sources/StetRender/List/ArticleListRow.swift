import Foundation

/// One article in `stet list`.
public struct ArticleListRow: Sendable, Hashable, Codable {
    /// The archive's identifier for the article.
    public var id: String
    /// The newest version's headline.
    public var title: String?
    /// The site's name or host.
    public var site: String?
    /// The canonical URL; titles link to it in Markdown and HTML when it is http(s).
    public var url: String?
    /// How many versions the archive holds.
    public var versionCount: Int
    /// When the newest version was captured.
    public var lastChangedAt: Date?
    /// The summary of the newest version's changes.
    public var lastSummary: String?

    /// A row; missing facts are `nil` and print as `–`.
    public init(
        id: String, title: String?, site: String?, url: String? = nil, versionCount: Int, lastChangedAt: Date?,
        lastSummary: String? = nil
    ) {
        self.id = id
        self.title = title
        self.site = site
        self.url = url
        self.versionCount = versionCount
        self.lastChangedAt = lastChangedAt
        self.lastSummary = lastSummary
    }
}
