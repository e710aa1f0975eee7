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
    ///
    /// Lines end at `\n`, `\r\n` or `\r` (the only characters that end a line here; a newline is
    /// always a character of its own). An all-ASCII line is tested and trimmed on its bytes; a line
    /// with other characters by `Character.isWhitespace`, as before.
    ///
    /// - Complexity: O(n) in the length of the text.
    public init(plainText: String) {
        var blocks: [Block] = []
        var current: [String] = []
        func flush() {
            if !current.isEmpty {
                let joined = current.joined(separator: " ")
                if !joined.isEmpty { blocks.append(Block(.paragraph, joined)) }
                current.removeAll(keepingCapacity: true)
            }
        }
        var text = plainText
        text.withUTF8 { bytes in
            let n = bytes.count
            var lineStart = 0
            var i = 0
            while i <= n {
                guard i == n || bytes[i] == 0x0A || bytes[i] == 0x0D else {
                    i += 1
                    continue
                }
                let line = UnsafeBufferPointer(rebasing: bytes[lineStart..<i])
                if line.allSatisfy({ $0 < 0x80 }) {
                    var lo = 0, hi = line.count
                    while lo < hi, Self.isASCIIWhitespace(line[lo]) { lo += 1 }
                    while hi > lo, Self.isASCIIWhitespace(line[hi - 1]) { hi -= 1 }
                    if lo == hi {
                        flush()
                    } else {
                        current.append(String(decoding: UnsafeBufferPointer(rebasing: line[lo..<hi]), as: UTF8.self))
                    }
                } else {
                    let substring = Substring(String(decoding: line, as: UTF8.self))
                    if substring.allSatisfy({ $0.isWhitespace }) {
                        flush()
                    } else {
                        let trimmed = substring.trimmingWhitespace()
                        if !trimmed.isEmpty { current.append(trimmed) }
                    }
                }
                if i + 1 < n, bytes[i] == 0x0D, bytes[i + 1] == 0x0A { i += 1 }
                i += 1
                lineStart = i
            }
        }
        flush()
        self.init(blocks: blocks)
    }

    /// The ASCII characters `Character.isWhitespace` accepts: tab, line feed, vertical tab, form
    /// feed, carriage return and space.
    private static func isASCIIWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (byte >= 0x09 && byte <= 0x0D)
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
