/// The text of one version of an article, as an ordered list of blocks.
///
/// A `Document` is what every stage of the pure core consumes: the extractor produces one from
/// a page, the archive rebuilds one from a stored version, and `Document(plainText:)` makes one
/// from a plain-text file. The differ never sees HTML or Markdown.
public struct Document: Sendable, Hashable, Codable {
    public var blocks: [Block]

    public init(blocks: [Block]) {
        self.blocks = blocks
    }

    /// The blocks that carry the body text (everything but headline, byline and dateline).
    public var bodyBlocks: [Block] { blocks.filter { !$0.role.isMetadata } }
}

/// One block of an article: a paragraph, a heading, a block quote, a list item, or one of the
/// metadata lines (headline, byline, dateline) that the differ reports as notes.
public struct Block: Sendable, Hashable, Codable {
    public var role: BlockRole
    public var text: String

    public init(_ role: BlockRole, _ text: String) {
        self.role = role
        self.text = text
    }
}

/// What a block is in the article.
public enum BlockRole: String, Sendable, Hashable, Codable, CaseIterable {
    case headline
    case byline
    case dateline
    case paragraph
    case heading
    case blockquote
    case listItem = "list-item"

    /// Headline, byline and dateline describe the article rather than tell it.
    public var isMetadata: Bool {
        switch self {
        case .headline, .byline, .dateline: true
        case .paragraph, .heading, .blockquote, .listItem: false
        }
    }
}

extension Document {
    /// Reads a plain-text article: paragraphs are separated by blank lines; single newlines inside
    /// a paragraph are spaces. Leading and trailing whitespace of each paragraph is dropped and
    /// empty paragraphs are skipped. Every block is a `.paragraph`.
    public init(plainText: String) {
        var blocks: [Block] = []
        var current: [Substring] = []
        func flush() {
            if !current.isEmpty {
                let joined = current.map { $0.trimmingWhitespace() }.filter { !$0.isEmpty }.joined(separator: " ")
                if !joined.isEmpty { blocks.append(Block(.paragraph, joined)) }
                current.removeAll(keepingCapacity: true)
            }
        }
        for line in plainText.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }) {
            if line.allSatisfy({ $0.isWhitespace }) {
                flush()
            } else {
                current.append(line)
            }
        }
        flush()
        self.init(blocks: blocks)
    }
}

extension Substring {
    /// The substring without leading and trailing whitespace (including non-breaking spaces).
    @usableFromInline
    func trimmingWhitespace() -> String {
        var start = startIndex
        var end = endIndex
        while start < end, self[start].isWhitespace { start = index(after: start) }
        while end > start, self[index(before: end)].isWhitespace { end = index(before: end) }
        return String(self[start..<end])
    }
}
