/// Splits text into sentences.
///
/// Interim implementation: breaks after `.`, `!` or `?` followed by whitespace and an uppercase
/// letter or an opening quote. The segmentation issue replaces it with the full rule set.
public struct Segmenter: Sendable {
    public init() {}

    /// The sentences of one paragraph, trimmed, in order. Their concatenation (with single spaces)
    /// reproduces the paragraph's words.
    public func sentences(in text: String) -> [String] {
        var result: [String] = []
        var current = ""
        let characters = Array(text)
        var index = 0
        while index < characters.count {
            let character = characters[index]
            current.append(character)
            if character == "." || character == "!" || character == "?" {
                var next = index + 1
                while next < characters.count, characters[next] == "\"" || characters[next] == "\u{201D}" {
                    current.append(characters[next])
                    next += 1
                }
                if next < characters.count, characters[next].isWhitespace {
                    var after = next
                    while after < characters.count, characters[after].isWhitespace { after += 1 }
                    if after < characters.count, characters[after].isUppercase || characters[after] == "\"" || characters[after] == "\u{201C}" {
                        result.append(current.trimmingCharacters())
                        current = ""
                        index = after
                        continue
                    }
                }
                index = next
                continue
            }
            index += 1
        }
        let last = current.trimmingCharacters()
        if !last.isEmpty { result.append(last) }
        return result
    }

    /// Segments every block of a document.
    public func segment(_ document: Document) -> SegmentedDocument {
        var sentences: [SegmentedDocument.Sentence] = []
        var spans: [SegmentedDocument.BlockSpan] = []
        for (blockIndex, block) in document.blocks.enumerated() {
            let first = sentences.count
            let parts = block.role == .paragraph || block.role == .blockquote || block.role == .listItem
                ? self.sentences(in: block.text) : [block.text]
            for part in parts where !part.isEmpty {
                sentences.append(.init(text: part, block: blockIndex))
            }
            spans.append(.init(role: block.role, sentences: first..<sentences.count))
        }
        return SegmentedDocument(sentences: sentences, blocks: spans)
    }
}

/// A document cut into sentences, each knowing the block it belongs to.
public struct SegmentedDocument: Sendable, Hashable {
    public struct Sentence: Sendable, Hashable {
        public var text: String
        /// Index of the block in the source document.
        public var block: Int

        public init(text: String, block: Int) {
            self.text = text
            self.block = block
        }
    }

    public struct BlockSpan: Sendable, Hashable {
        public var role: BlockRole
        public var sentences: Range<Int>

        public init(role: BlockRole, sentences: Range<Int>) {
            self.role = role
            self.sentences = sentences
        }
    }

    public var sentences: [Sentence]
    public var blocks: [BlockSpan]

    public init(sentences: [Sentence], blocks: [BlockSpan]) {
        self.sentences = sentences
        self.blocks = blocks
    }
}

extension String {
    func trimmingCharacters() -> String {
        Substring(self).trimmingWhitespace()
    }
}
