import Foundation

/// One article in `stet list`.
public struct ArticleListRow: Sendable, Hashable, Codable {
    public var id: String
    public var title: String?
    public var site: String?
    public var url: String?
    public var versionCount: Int
    /// When the newest version was captured.
    public var lastChangedAt: Date?
    /// The summary of the newest version's changes.
    public var lastSummary: String?

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
