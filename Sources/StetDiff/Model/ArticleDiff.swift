import StetText

/// The one result of comparing two versions of an article; every renderer consumes it.
///
/// Encoded with `JSONEncoder` it is the `stet.diff/1` contract documented in `docs/json.md`:
/// `schema`, `sentences`, `changes`, `summary`, plus the descriptive `paragraphs` and `counts`.
/// Sentence indices in changes point into `sentences.old` and `sentences.new`. Unchanged
/// sentences are not listed in `changes`; every index appears in at most one change.
public struct ArticleDiff: Sendable, Hashable, Codable {
    public static let schemaIdentifier = "stet.diff/1"

    public var schema: String
    /// The sentences of each side, in reading order (headline and byline first when present).
    public var sentences: Sides<[String]>
    /// The blocks of each side: their role and the range of sentence indices they hold.
    public var paragraphs: Sides<[ParagraphSpan]>
    public var changes: [Change]
    /// The one-line editor's summary (also the git commit message's first line).
    public var summary: String
    public var counts: ChangeCounts

    public init(
        sentences: Sides<[String]>, paragraphs: Sides<[ParagraphSpan]>, changes: [Change],
        summary: String, counts: ChangeCounts
    ) {
        self.schema = Self.schemaIdentifier
        self.sentences = sentences
        self.paragraphs = paragraphs
        self.changes = changes
        self.summary = summary
        self.counts = counts
    }

    /// True when the two versions say the same thing (no change of any kind).
    public var isEmpty: Bool { changes.isEmpty }
}

/// A pair of values, one for the old version and one for the new.
public struct Sides<Value: Sendable & Hashable & Codable>: Sendable, Hashable, Codable {
    public var old: Value
    public var new: Value

    public init(old: Value, new: Value) {
        self.old = old
        self.new = new
    }
}

/// A block of one side: its role and its sentences `first..<end` (indices into that side's sentences).
public struct ParagraphSpan: Sendable, Hashable, Codable {
    public var role: BlockRole
    public var first: Int
    public var end: Int

    public init(role: BlockRole, first: Int, end: Int) {
        self.role = role
        self.first = first
        self.end = end
    }

    public var range: Range<Int> { first..<end }
}

/// One change between the versions, as an editor would name it.
public struct Change: Sendable, Hashable, Codable {
    public var kind: ChangeKind
    /// Indices into `sentences.old` (empty for `added`).
    public var old: [Int]
    /// Indices into `sentences.new` (empty for `removed`).
    public var new: [Int]
    public var significance: Significance
    public var facets: [Facet]
    /// How alike the two sides are, 0 (nothing shared) to 1 (identical), for paired changes.
    public var similarity: Double?

    public init(
        kind: ChangeKind, old: [Int], new: [Int], significance: Significance, facets: [Facet] = [],
        similarity: Double? = nil
    ) {
        self.kind = kind
        self.old = old
        self.new = new
        self.significance = significance
        self.facets = facets
        self.similarity = similarity
    }
}

extension Change {
    private enum CodingKeys: String, CodingKey {
        case kind, old, new, significance, facets, similarity
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            kind: try container.decode(ChangeKind.self, forKey: .kind),
            old: try container.decode([Int].self, forKey: .old),
            new: try container.decode([Int].self, forKey: .new),
            significance: try container.decode(Significance.self, forKey: .significance),
            facets: try container.decodeIfPresent([Facet].self, forKey: .facets) ?? [],
            similarity: try container.decodeIfPresent(Double.self, forKey: .similarity))
    }

    /// Encodes every key, with `similarity` as `null` when absent (as facets encode their missing values).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(kind, forKey: .kind)
        try container.encode(old, forKey: .old)
        try container.encode(new, forKey: .new)
        try container.encode(significance, forKey: .significance)
        try container.encode(facets, forKey: .facets)
        try container.encode(similarity, forKey: .similarity)
    }
}

public enum ChangeKind: String, Sendable, Hashable, Codable, CaseIterable {
    case added, removed, edited, moved, split, merged
}

public enum Significance: String, Sendable, Hashable, Codable, CaseIterable {
    /// Only case, punctuation, spelling or whitespace changed.
    case minor
    case substantive
}

/// What a change does to a quote, a figure or a note.
public enum FacetChange: String, Sendable, Hashable, Codable, CaseIterable {
    case added, removed, edited, changed
}

/// A typed fact about a change: a quote, a figure or a note.
public enum Facet: Sendable, Hashable {
    case quote(QuoteFacet)
    case figure(FigureFacet)
    case note(NoteFacet)
}

/// A direct quotation added, removed or edited, with its speaker when the text attributes it.
public struct QuoteFacet: Sendable, Hashable, Codable {
    public var change: FacetChange
    public var old: String?
    public var new: String?
    public var speaker: String?

    public init(change: FacetChange, old: String?, new: String?, speaker: String?) {
        self.change = change
        self.old = old
        self.new = new
        self.speaker = speaker
    }
}

/// A number added, removed or changed, with what it counts when that can be found.
public struct FigureFacet: Sendable, Hashable, Codable {
    public var change: FacetChange
    public var old: String?
    public var new: String?
    public var subject: String?

    public init(change: FacetChange, old: String?, new: String?, subject: String?) {
        self.change = change
        self.old = old
        self.new = new
        self.subject = subject
    }
}

/// An update, correction or editor's note, or a change of headline, byline or dateline.
public struct NoteFacet: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        case update, correction, editorsNote = "editors-note", headline, byline, dateline
    }

    public var change: FacetChange
    public var kind: Kind
    public var old: String?
    public var new: String?

    public init(change: FacetChange, kind: Kind, old: String?, new: String?) {
        self.change = change
        self.kind = kind
        self.old = old
        self.new = new
    }
}

extension Facet: Codable {
    private enum CodingKeys: String, CodingKey {
        case type, change, kind, old, new, speaker, subject
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        switch try container.decode(String.self, forKey: .type) {
        case "quote": self = .quote(try QuoteFacet(from: decoder))
        case "figure": self = .figure(try FigureFacet(from: decoder))
        case "note": self = .note(try NoteFacet(from: decoder))
        case let other:
            throw DecodingError.dataCorruptedError(
                forKey: .type, in: container, debugDescription: "unknown facet type \(other)")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .quote(let quote):
            try container.encode("quote", forKey: .type)
            try container.encode(quote.change, forKey: .change)
            try container.encode(quote.old, forKey: .old)
            try container.encode(quote.new, forKey: .new)
            try container.encode(quote.speaker, forKey: .speaker)
        case .figure(let figure):
            try container.encode("figure", forKey: .type)
            try container.encode(figure.change, forKey: .change)
            try container.encode(figure.old, forKey: .old)
            try container.encode(figure.new, forKey: .new)
            try container.encode(figure.subject, forKey: .subject)
        case .note(let note):
            try container.encode("note", forKey: .type)
            try container.encode(note.change, forKey: .change)
            try container.encode(note.kind, forKey: .kind)
            try container.encode(note.old, forKey: .old)
            try container.encode(note.new, forKey: .new)
        }
    }
}

/// Counts over a diff, as stored in the index for each version.
public struct ChangeCounts: Sendable, Hashable, Codable {
    public var added: Int = 0
    public var removed: Int = 0
    public var edited: Int = 0
    public var moved: Int = 0
    public var split: Int = 0
    public var merged: Int = 0
    public var minor: Int = 0
    public var quoteChanges: Int = 0
    public var figureChanges: Int = 0
    public var noteChanges: Int = 0

    public init() {}

    public init(changes: [Change]) {
        for change in changes {
            switch change.kind {
            case .added: added += 1
            case .removed: removed += 1
            case .edited: edited += 1
            case .moved: moved += 1
            case .split: split += 1
            case .merged: merged += 1
            }
            if change.significance == .minor { minor += 1 }
            for facet in change.facets {
                switch facet {
                case .quote: quoteChanges += 1
                case .figure: figureChanges += 1
                case .note: noteChanges += 1
                }
            }
        }
    }
}
