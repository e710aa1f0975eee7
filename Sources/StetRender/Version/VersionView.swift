import Foundation
import StetText

/// One stored version of an article, as `stet show` prints it: its metadata and its blocks.
///
/// The fields mirror StetExtract's `ExtractedArticle`, so StetRender needs no StetExtract import;
/// the archive (or the command) copies them over, adding the version's number and capture time.
public struct VersionView: Sendable, Hashable, Codable {
    /// The archive's identifier for the article.
    public var articleID: String?
    /// The version's number, 1 for the first capture.
    public var number: Int?
    /// When stet fetched this version.
    public var capturedAt: Date?
    /// The headline.
    public var title: String?
    /// The byline as printed, e.g. `By Rachel Dobkin`.
    public var byline: String?
    /// As the page states it, ISO 8601 with zone, e.g. `2024-01-02T10:20:00-05:00`.
    public var published: String?
    /// As the page states it, like `published`.
    public var modified: String?
    /// The page's canonical URL.
    public var canonicalURL: String?
    /// The publisher's name, e.g. `Newsweek`.
    public var siteName: String?
    /// A BCP 47 language tag such as `en`; used as the HTML `lang` when well formed.
    public var language: String?
    /// The body in reading order.
    public var blocks: [Block]

    /// A version view; only the blocks are required.
    public init(
        articleID: String? = nil, number: Int? = nil, capturedAt: Date? = nil, title: String? = nil, byline: String? = nil,
        published: String? = nil, modified: String? = nil, canonicalURL: String? = nil, siteName: String? = nil,
        language: String? = nil, blocks: [Block]
    ) {
        self.articleID = articleID
        self.number = number
        self.capturedAt = capturedAt
        self.title = title
        self.byline = byline
        self.published = published
        self.modified = modified
        self.canonicalURL = canonicalURL
        self.siteName = siteName
        self.language = language
        self.blocks = blocks
    }

    /// The metadata lines under the title: dates, then the version and its capture time.
    var factLines: [String] {
        var lines: [String] = []
        var dates: [String] = []
        if let published = published?.trimmed.nonEmpty { dates.append("published \(published)") }
        if let modified = modified?.trimmed.nonEmpty { dates.append("modified \(modified)") }
        if !dates.isEmpty { lines.append(dates.joined(separator: " · ")) }
        var version: [String] = []
        if let siteName = siteName?.trimmed.nonEmpty { version.append(siteName) }
        if let number { version.append("version \(number)") }
        if let capturedAt { version.append("captured \(Timestamp.utcMinutes(capturedAt)) UTC") }
        if let articleID = articleID?.trimmed.nonEmpty { version.append("id \(articleID)") }
        if !version.isEmpty { lines.append(version.joined(separator: " · ")) }
        return lines
    }
}
