// Splits blocks of news text into sentences: the public face of the segmenter.
//
// The decisions live in `BoundaryScanner` (where sentences begin) and `ListMarkers` (list items),
// with the word lists in `Lexicon`; see docs/segmentation.md. This file turns the scanner's cut
// offsets into trimmed sentence ranges and strings, and applies them per block: paragraphs, block
// quotes and list items are split; headlines, bylines, datelines and headings never are.
//
// Complexity: O(n) in the length of the text — one pass to collect scalars, one scan, one pass to
// convert scalar offsets to string indices and UTF-8 offsets. An ASCII paragraph is scanned on its
// bytes (one byte is one scalar and one UTF-8 offset), so the first and last passes disappear.

/// Splits English news text into sentences.
///
/// Sentences are substrings of the input: the original characters are kept and only outer
/// whitespace is trimmed. Every non-whitespace character of the input lands in exactly one
/// sentence, in order.
///
/// ```swift
/// Segmenter().sentences(in: "At 5 a.m. Mr. Smith left. He said, \"Why?\" she asked.")
/// // ["At 5 a.m. Mr. Smith left.", "He said, \"Why?\" she asked."]
/// ```
public struct Segmenter: Sendable {
    public init() {}

    /// One sentence of a text: where it is, as string indices and as UTF-8 byte offsets.
    public struct SentenceSpan: Sendable, Hashable {
        /// The sentence's range in the text (scalar-aligned, outer whitespace excluded).
        public var range: Range<String.Index>
        /// The same range as UTF-8 byte offsets from the start of the text.
        public var utf8Range: Range<Int>

        public init(range: Range<String.Index>, utf8Range: Range<Int>) {
            self.range = range
            self.utf8Range = utf8Range
        }
    }

    /// The sentences of one paragraph, trimmed, in order. Their concatenation (with single spaces)
    /// reproduces the paragraph's words.
    ///
    /// - Complexity: O(n) in the length of `text`.
    public func sentences(in text: String) -> [String] {
        spans(in: text).map { String(Substring(text.unicodeScalars[$0.range])) }
    }

    /// The ranges of the sentences of one paragraph in `text`, in order.
    ///
    /// - Complexity: O(n) in the length of `text`.
    public func sentenceRanges(in text: String) -> [Range<String.Index>] {
        spans(in: text).map(\.range)
    }

    /// The sentences of one paragraph as ranges and UTF-8 offsets, in order.
    ///
    /// - Complexity: O(n) in the length of `text`.
    public func spans(in text: String) -> [SentenceSpan] {
        var result: [SentenceSpan] = []
        var buffers = Buffers()
        appendSpans(in: text, to: &result, buffers: &buffers)
        return result
    }

    /// Scratch arrays kept across paragraphs by a caller segmenting many (`appendSpans`): their
    /// storage is reused instead of allocated per paragraph.
    package struct Buffers {
        var cuts: [Int] = []
        var pieces: [Range<Int>] = []

        package init() {}
    }

    /// `spans(in:)` appended to `result`, with scratch arrays from `buffers`.
    package func appendSpans(in text: String, to result: inout [SentenceSpan], buffers: inout Buffers) {
        // An ASCII paragraph (most of them) is scanned on its bytes: no scalar array, and scalar
        // offsets are UTF-8 offsets.
        var copy = text
        let isASCII: Bool = copy.withUTF8 { bytes in
            guard bytes.isASCII else { return false }
            let scalars = ASCIIScalars(bytes: bytes)
            BoundaryScanner.cuts(in: scalars, into: &buffers.cuts)
            Self.pieces(cuts: buffers.cuts, in: scalars, into: &buffers.pieces)
            return true
        }
        if isASCII {
            Self.appendASCIISpans(of: buffers.pieces, in: text, to: &result)
            return
        }
        let scalars = text.scalarArray
        scalars.withUnsafeBufferPointer { BoundaryScanner.cuts(in: $0, into: &buffers.cuts) }
        Self.pieces(cuts: buffers.cuts, in: scalars, into: &buffers.pieces)
        Self.appendSpans(of: buffers.pieces, in: text, scalarCount: scalars.count, to: &result)
    }

    /// The trimmed, non-empty sentence ranges between the cuts, written over `pieces`.
    private static func pieces<Scalars: ScalarBuffer>(cuts: [Int], in scalars: Scalars, into pieces: inout [Range<Int>]) {
        pieces.removeAll(keepingCapacity: true)
        var start = 0
        for end in cuts {
            if let trimmed = trim(start..<end, in: scalars) { pieces.append(trimmed) }
            start = end
        }
        if let trimmed = trim(start..<scalars.count, in: scalars) { pieces.append(trimmed) }
    }

    /// Whether blocks of `role` are split into sentences. Headlines, bylines, datelines and
    /// headings are one sentence each.
    public static func splitsBlocks(of role: BlockRole) -> Bool {
        switch role {
        case .paragraph, .blockquote, .listItem: true
        case .headline, .byline, .dateline, .heading: false
        }
    }

    /// Segments every block of a document.
    ///
    /// - Complexity: O(n) in the total length of the blocks.
    public func segment(_ document: Document) -> SegmentedDocument {
        var sentences: [SegmentedDocument.Sentence] = []
        var spans: [SegmentedDocument.BlockSpan] = []
        for (blockIndex, block) in document.blocks.enumerated() {
            let first = sentences.count
            for part in self.spans(of: block) {
                sentences.append(.init(text: String(Substring(block.text.unicodeScalars[part.range])), block: blockIndex, utf8Range: part.utf8Range))
            }
            spans.append(.init(role: block.role, sentences: first..<sentences.count))
        }
        return SegmentedDocument(sentences: sentences, blocks: spans)
    }

    /// The sentences of one block as ranges and UTF-8 offsets, in order: split when blocks of its
    /// role are (`splitsBlocks(of:)`), else the whole trimmed block (none when it is blank).
    ///
    /// - Complexity: O(n) in the length of the block's text.
    public func spans(of block: Block) -> [SentenceSpan] {
        var result: [SentenceSpan] = []
        var buffers = Buffers()
        appendSpans(of: block, to: &result, buffers: &buffers)
        return result
    }

    /// `spans(of:)` appended to `result`, with scratch arrays from `buffers`.
    package func appendSpans(of block: Block, to result: inout [SentenceSpan], buffers: inout Buffers) {
        if Self.splitsBlocks(of: block.role) {
            appendSpans(in: block.text, to: &result, buffers: &buffers)
            return
        }
        let scalars = block.text.scalarArray
        if let whole = Self.trim(0..<scalars.count, in: scalars) {
            Self.appendSpans(of: [whole], in: block.text, scalarCount: scalars.count, to: &result)
        }
    }

    /// `range` without leading and trailing whitespace, or nil when nothing is left.
    private static func trim<Scalars: ScalarBuffer>(_ range: Range<Int>, in scalars: Scalars) -> Range<Int>? {
        var lo = range.lowerBound
        var hi = range.upperBound
        while lo < hi, scalars[lo].isSpace { lo += 1 }
        while hi > lo, scalars[hi - 1].isSpace { hi -= 1 }
        return lo < hi ? lo..<hi : nil
    }

    /// Spans of an ASCII text, whose scalar offsets are its UTF-8 offsets.
    private static func appendASCIISpans(of pieces: [Range<Int>], in text: String, to result: inout [SentenceSpan]) {
        let view = text.utf8
        for piece in pieces {
            let lowerIndex = view.index(view.startIndex, offsetBy: piece.lowerBound)
            result.append(SentenceSpan(range: lowerIndex..<view.index(lowerIndex, offsetBy: piece.count), utf8Range: piece))
        }
    }

    /// Converts ascending, non-overlapping scalar-offset ranges into spans in one walk over the
    /// text's UTF-8 (a scalar per lead byte; eight ASCII bytes at a time where no range bound falls
    /// among them); string indices come from the UTF-8 view.
    private static func appendSpans(of pieces: [Range<Int>], in text: String, scalarCount: Int, to result: inout [SentenceSpan]) {
        let view = text.utf8
        if view.count == scalarCount { return appendASCIISpans(of: pieces, in: text, to: &result) }
        var copy = text
        copy.withUTF8 { bytes in
            guard let base = bytes.baseAddress else { return }
            let n = bytes.count
            var position = 0
            var utf8 = 0
            func advance(to target: Int) {
                while position < target && utf8 < n {
                    if position + 8 <= target, utf8 + 8 <= n,
                        UnsafeRawPointer(base + utf8).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0
                    {
                        position += 8
                        utf8 += 8
                        continue
                    }
                    let lead = base[utf8]
                    utf8 += lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
                    position += 1
                }
            }
            for piece in pieces {
                advance(to: piece.lowerBound)
                let lower = utf8
                advance(to: piece.upperBound)
                let lowerIndex = view.index(view.startIndex, offsetBy: lower)
                let upperIndex = view.index(lowerIndex, offsetBy: utf8 - lower)
                result.append(SentenceSpan(range: lowerIndex..<upperIndex, utf8Range: lower..<utf8))
            }
        }
    }
}

/// A document cut into sentences, each knowing the block it belongs to.
public struct SegmentedDocument: Sendable, Hashable {
    /// One sentence and where it sits.
    public struct Sentence: Sendable, Hashable {
        public var text: String
        /// Index of the block in the source document.
        public var block: Int
        /// Where the sentence sits in its block's text, as UTF-8 byte offsets; nil when unknown.
        public var utf8Range: Range<Int>?

        public init(text: String, block: Int) {
            self.text = text
            self.block = block
            self.utf8Range = nil
        }

        public init(text: String, block: Int, utf8Range: Range<Int>?) {
            self.text = text
            self.block = block
            self.utf8Range = utf8Range
        }
    }

    /// One block and the sentences it holds.
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
