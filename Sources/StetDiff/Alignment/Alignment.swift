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
        public var old: [Int]
        public var new: [Int]
        /// Word-token Dice similarity of the two sides (1 for unchanged; 0 for added or removed).
        public var similarity: Double

        public init(kind: LinkKind, old: [Int], new: [Int], similarity: Double) {
            self.kind = kind
            self.old = old
            self.new = new
            self.similarity = similarity
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
