/// Every threshold of the differ, in one place. See `docs/diff-algorithm.md`.
///
/// Similarities are word-token Dice coefficients over normalized tokens: 0 means no word in
/// common, 1 means the same words (in any order, with any case and punctuation).
public struct DiffConfiguration: Sendable, Hashable, Codable {
    public static let `default` = DiffConfiguration()

    /// Least similarity for pairing an old and a new sentence that sit in the same place (between
    /// the same unchanged neighbours) as one `edited` change. Range 0…1, default 0.5. Lower pairs
    /// heavier rewrites; higher reports them as a removal plus an addition.
    public var editThreshold: Double = 0.5

    /// Least similarity for pairing sentences that sit in different places as one `moved` change.
    /// Range 0…1, default 0.6 (stricter than `editThreshold`: a far-away pairing needs more evidence).
    public var moveThreshold: Double = 0.6

    /// Least similarity for pairing very short sentences (fewer than `shortSentenceWords` words on
    /// either side), whose Dice score jumps in big steps. Range 0…1, default 0.66.
    public var shortSentenceThreshold: Double = 0.66

    /// Sentences with fewer words than this count as short (see `shortSentenceThreshold`).
    /// Range 1…20, default 4.
    public var shortSentenceWords: Int = 4

    /// Least share of a split-off (or merged-in) sentence's words that must come from the sentence
    /// it was split from. Range 0…1, default 0.6.
    public var splitContainment: Double = 0.6

    /// How much adding a neighbouring sentence must raise the similarity before a pair grows into
    /// a split or a merge. Range 0…1, default 0.05.
    public var splitGain: Double = 0.05

    /// Words that occur in more than this many unmatched sentences are ignored when looking for
    /// pairing candidates (they still count in the similarity). Keeps the candidate search
    /// near-linear. Range 1…10,000, default 64.
    public var candidatePostingLimit: Int = 64

    /// How many candidates (by shared rarer words) each unmatched sentence scores. Range 1…100, default 8.
    public var candidatesPerSentence: Int = 8

    /// Priority added to pairs in the same gap over pairs across gaps, so an in-place edit wins over
    /// a far-away look-alike. Range 0…1, default 0.1.
    public var sameGapBonus: Double = 0.1

    /// Gaps (runs of unmatched sentences between two unchanged ones) with at most this many
    /// sentences on each side compare every old sentence with every new one, so pairs that share
    /// only common words are still found; splits and merges of unpaired sentences are searched in
    /// gaps of up to four times this many. Range 0…1,000, default 12.
    public var exhaustiveGap: Int = 12

    /// Largest table (old × new sentences of one gap) for the exact longest-common-subsequence step
    /// when no unique anchor is left. Above it the aligner falls back to a greedy in-order match and
    /// records the reason. Range 0…10⁸, default 1,000,000.
    public var maxTableCells: Int = 1_000_000

    /// Largest edit distance for a word change to count as a typo (a minor edit), for words of at
    /// least 6 characters; words of 4–5 characters allow 1, shorter words none. Range 0…5, default 2.
    public var typoDistance: Int = 2

    /// Longest different ending for two words with a common stem of at least 3 letters to count as
    /// an inflection ("announces" → "announced", "winner" → "winners"): a minor edit. Range 0…5, default 3.
    public var inflectionSuffix: Int = 3

    /// Most function words (articles, prepositions, auxiliaries, conjunctions) one difference may add,
    /// drop or swap and still be a minor (grammar) edit. Range 0…6, default 3.
    public var functionWordEdits: Int = 3

    /// Least number of words for a quotation; shorter quoted text (one or two words, such as
    /// 'terror attack') is a scare quote, not a quote. Range 1…10, default 3.
    public var quoteMinimumWords: Int = 3

    /// Quoted runs of fewer than this many words in the middle of a clause (not after a colon, a
    /// comma or a speech verb, not opening the sentence) are also scare quotes. Range 1…10, default 5.
    public var inlineQuoteMinimumWords: Int = 5

    /// Least word similarity for two quotations of a change to be the same quotation (edited) rather
    /// than one removed and one added. Range 0…1, default 0.5.
    public var quotePairThreshold: Double = 0.5

    /// Least share of an added (or removed) quotation's words already present on the other side of
    /// the change for it to count as quote marks added (or dropped) around existing words, which is
    /// punctuation, not a quotation change. Range 0…1, default 0.9.
    public var quoteMarkContainment: Double = 0.9

    /// Largest word table (old × new words of one change) for the significance comparison; larger
    /// rewrites are substantive without comparison. Range 0…10⁷, default 250,000.
    public var maxWordTableCells: Int = 250_000

    /// How many sentences back a pronoun speaker ("she said") may be resolved to a named one.
    /// Range 0…20, default 4.
    public var pronounLookback: Int = 4

    /// Size of the old version (UTF-8 bytes of its text) from which a comparison runs its
    /// independent parts on two threads, on a machine with more than one core: segmenting and
    /// normalizing the versions, finding each version's quotations, classifying the changes
    /// (`Team`); 0 runs everything on one. Changes only the time a comparison takes, never its
    /// result. Range 0…, default 65,536 (about 10,000 words: below it, handing work to a second
    /// thread costs more than it saves).
    public var parallelBytes: Int = 65_536

    public init() {}
}
