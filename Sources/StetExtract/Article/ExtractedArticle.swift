import StetText

/// An article taken from a page: its text as blocks, and its metadata.
public struct ExtractedArticle: Sendable, Hashable, Codable {
    public var title: String?
    public var byline: String?
    /// ISO 8601 with zone, e.g. `2024-01-02T10:20:00-05:00`.
    public var published: String?
    public var modified: String?
    public var canonicalURL: String?
    public var siteName: String?
    public var language: String?
    /// The body: paragraphs, headings, block quotes and list items, in reading order.
    public var blocks: [Block]
    /// Share of the body's words that sit inside links (0…1); high values mean a link list, not an article.
    public var linkWordRatio: Double

    public init(
        title: String? = nil, byline: String? = nil, published: String? = nil, modified: String? = nil,
        canonicalURL: String? = nil, siteName: String? = nil, language: String? = nil, blocks: [Block], linkWordRatio: Double = 0
    ) {
        self.title = title
        self.byline = byline
        self.published = published
        self.modified = modified
        self.canonicalURL = canonicalURL
        self.siteName = siteName
        self.language = language
        self.blocks = blocks
        self.linkWordRatio = linkWordRatio
    }

    /// The body text: blocks separated by blank lines.
    public var text: String { blocks.map(\.text).joined(separator: "\n\n") }

    /// What the differ compares: headline, byline, then the body.
    public var document: Document {
        var all: [Block] = []
        if let title, !title.isEmpty { all.append(Block(.headline, title)) }
        if let byline, !byline.isEmpty { all.append(Block(.byline, byline)) }
        all.append(contentsOf: blocks)
        return Document(blocks: all)
    }
}
