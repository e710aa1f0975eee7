/// How the sentences of two versions correspond: the differ's intermediate result, before changes
/// are classified and facets attached. `stet debug align` prints it.
public struct Alignment: Sendable, Hashable, Codable {
    /// What one link of the alignment says about its sentences.
    public enum LinkKind: String, Sendable, Hashable, Codable, CaseIterable {
        /// Same sentence (equal comparison keys) in the same order.
        case unchanged
        /// One old sentence rewritten in place as one new sentence.
        case edited
        /// One old sentence found (unchanged or edited) in another place.
        case moved
        /// One old sentence became several consecutive new sentences.
        case split
        /// Several consecutive old sentences became one new sentence.
        case merged
        /// A new sentence with no counterpart.
        case added
        /// An old sentence with no counterpart.
        case removed
    }

    /// A set of old sentences and the new sentences they became.
    public struct Link: Sendable, Hashable, Codable {
        public var kind: LinkKind
        /// The old sentences (indices, ascending).
        public var old: [Int] {
            get { Array(oldSide) }
            set { oldSide = LinkSide(newValue) }
        }
        /// The new sentences (indices, ascending).
        public var new: [Int] {
            get { Array(newSide) }
            set { newSide = LinkSide(newValue) }
        }
        /// Word-token Dice similarity of the two sides (1 for unchanged; 0 for added or removed).
        public var similarity: Double
        /// `old` and `new` as stored: almost always a run of consecutive sentences (one for most
        /// links), kept without an array.
        var oldSide: LinkSide
        var newSide: LinkSide

        public init(kind: LinkKind, old: [Int], new: [Int], similarity: Double) {
            self.init(kind: kind, oldSide: LinkSide(old), newSide: LinkSide(new), similarity: similarity)
        }

        init(kind: LinkKind, oldSide: LinkSide, newSide: LinkSide, similarity: Double) {
            self.kind = kind
            self.oldSide = oldSide
            self.newSide = newSide
            self.similarity = similarity
        }

        private enum CodingKeys: String, CodingKey { case kind, old, new, similarity }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            self.init(
                kind: try container.decode(LinkKind.self, forKey: .kind), old: try container.decode([Int].self, forKey: .old),
                new: try container.decode([Int].self, forKey: .new), similarity: try container.decode(Double.self, forKey: .similarity))
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(kind, forKey: .kind)
            try container.encode(old, forKey: .old)
            try container.encode(new, forKey: .new)
            try container.encode(similarity, forKey: .similarity)
        }
    }

    public var sentences: Sides<[String]>
    /// Every sentence of both sides appears in exactly one link. Ordered by reading position.
    public var links: [Link]
    /// Set when a gap was too large for the exact matcher and a greedy match was used instead.
    public var fallbackReason: String?

    public init(sentences: Sides<[String]>, links: [Link], fallbackReason: String?) {
        self.sentences = sentences
        self.links = links
        self.fallbackReason = fallbackReason
    }
}

/// The sentence indices of one side of a link: a run `lower..<upper` of consecutive sentences
/// without an array (every side the aligner makes: one sentence, none, or the consecutive
/// sentences of a split or merge), or the explicit list for anything else. One form per list (a
/// consecutive list is always a run), so the synthesized equality is equality of the lists.
struct LinkSide: Sendable, Hashable, RandomAccessCollection {
    private var lower: Int
    private var upper: Int
    private var list: [Int]?

    /// No sentence.
    static let none = LinkSide(run: 0..<0)

    /// One sentence.
    init(_ index: Int) {
        lower = index
        upper = index + 1
        list = nil
    }

    /// Consecutive sentences.
    init(run: Range<Int>) {
        lower = run.isEmpty ? 0 : run.lowerBound
        upper = run.isEmpty ? 0 : run.upperBound
        list = nil
    }

    init(_ indices: [Int]) {
        lower = 0
        upper = 0
        list = nil
        if let first = indices.first, indices.indices.allSatisfy({ indices[$0] == first + $0 }) {
            lower = first
            upper = first + indices.count
        } else if !indices.isEmpty {
            list = indices
        }
    }

    var startIndex: Int { 0 }
    var endIndex: Int { list?.count ?? upper - lower }

    subscript(position: Int) -> Int {
        if let list { return list[position] }
        return lower + position
    }
}
