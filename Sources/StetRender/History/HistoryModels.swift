import Foundation
import StetDiff

/// What `stet log` and `stet list` say about an article before its versions.
public struct ArticleHeader: Sendable, Hashable, Codable {
    /// The archive's identifier for the article (as the command line accepts it back).
    public var id: String
    /// The newest version's headline.
    public var title: String?
    /// The site's name or host, e.g. `Newsweek` or `newsweek.com`.
    public var site: String?
    /// The article's canonical URL.
    public var url: String?
    /// How many versions the archive holds.
    public var versionCount: Int

    /// An article header; missing facts are `nil` and print as nothing.
    public init(id: String, title: String?, site: String?, url: String?, versionCount: Int) {
        self.id = id
        self.title = title
        self.site = site
        self.url = url
        self.versionCount = versionCount
    }
}

/// One version in an article's history, as `stet log` lists it.
public struct VersionLine: Sendable, Hashable, Codable {
    /// 1 for the first capture.
    public var number: Int
    /// When stet fetched this version.
    public var capturedAt: Date
    /// The editor's summary of what changed from the previous version (for the first, e.g. "First capture").
    public var summary: String
    /// A quote was added, removed or edited: labelled `[quote]`.
    public var hasQuoteChange: Bool
    /// A number changed: labelled `[figure]`.
    public var hasFigureChange: Bool
    /// An update, correction or editor's note changed: labelled `[note]`.
    public var hasNoteChange: Bool
    /// The earlier version this one restores word for word, if any.
    public var revertOf: Int?
    /// The headline changed: labelled `[title]`.
    public var titleChanged: Bool

    /// A history line with explicit flags.
    public init(
        number: Int, capturedAt: Date, summary: String, hasQuoteChange: Bool = false, hasFigureChange: Bool = false,
        hasNoteChange: Bool = false, revertOf: Int? = nil, titleChanged: Bool = false
    ) {
        self.number = number
        self.capturedAt = capturedAt
        self.summary = summary
        self.hasQuoteChange = hasQuoteChange
        self.hasFigureChange = hasFigureChange
        self.hasNoteChange = hasNoteChange
        self.revertOf = revertOf
        self.titleChanged = titleChanged
    }

    /// A line whose flags come from the counts of the diff against the previous version.
    public init(number: Int, capturedAt: Date, summary: String, counts: ChangeCounts, revertOf: Int? = nil, titleChanged: Bool = false) {
        self.init(
            number: number, capturedAt: capturedAt, summary: summary, hasQuoteChange: counts.quoteChanges > 0,
            hasFigureChange: counts.figureChanges > 0, hasNoteChange: counts.noteChanges > 0, revertOf: revertOf,
            titleChanged: titleChanged)
    }

    /// The bracketed labels, in a fixed order: `title`, `quote`, `figure`, `note`, `revert of v1`.
    public var labels: [String] {
        var labels: [String] = []
        if titleChanged { labels.append("title") }
        if hasQuoteChange { labels.append("quote") }
        if hasFigureChange { labels.append("figure") }
        if hasNoteChange { labels.append("note") }
        if let revertOf { labels.append("revert of v\(revertOf)") }
        return labels
    }
}
