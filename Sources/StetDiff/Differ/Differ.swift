import StetText

/// Compares two versions of an article and says what changed, the way an editor would.
///
/// The pipeline (see `docs/diff-algorithm.md`): normalize each sentence into comparison keys and
/// word-token ids (`Normalizer`, `PreparedSide`), segment (`Segmenter`), align (`Aligner`: exact
/// anchors, exact moves, similar pairs, splits and merges, metadata by role), classify and attach
/// quote, figure and note facets and a significance (`Classifier`), and summarize (`Summarizer`).
/// Pure: no I/O. Every threshold lives in `DiffConfiguration`.
public struct Differ: Sendable {
    public var configuration: DiffConfiguration

    public init(configuration: DiffConfiguration = .default) {
        self.configuration = configuration
    }

    /// The semantic diff of two versions.
    /// - Complexity: near-linear in the number of sentences for ordinary updates (see `Aligner`).
    public func diff(old: Document, new: Document) -> ArticleDiff {
        let team = team(for: old)
        let (oldSide, newSide, vocabulary) = prepare(old, new, team: team)
        let alignment = Aligner(configuration: configuration, vocabulary: vocabulary, team: team).align(oldSide, newSide)
        let classifier = Classifier(configuration: configuration, old: oldSide, new: newSide, alignment: alignment, team: team)
        let classified = classifier.changes(from: alignment, vocabulary: vocabulary, team: team)
        team?.finish()
        let paragraphs = Sides(
            old: oldSide.blocks.map { ParagraphSpan(role: $0.role, first: $0.sentences.lowerBound, end: $0.sentences.upperBound) },
            new: newSide.blocks.map { ParagraphSpan(role: $0.role, first: $0.sentences.lowerBound, end: $0.sentences.upperBound) })
        let changes = classified.map(\.change)
        return ArticleDiff(
            sentences: Sides(old: oldSide.texts, new: newSide.texts),
            paragraphs: paragraphs,
            changes: changes,
            summary: Summarizer.summary(classified, paragraphsOld: paragraphs.old),
            counts: ChangeCounts(changes: changes))
    }

    /// The sentence alignment alone, with similarity scores (what `stet debug align` prints).
    public func align(old: Document, new: Document) -> Alignment {
        let team = team(for: old)
        defer { team?.finish() }
        let (oldSide, newSide, vocabulary) = prepare(old, new, team: team)
        return Aligner(configuration: configuration, vocabulary: vocabulary, team: team).align(oldSide, newSide)
    }

    /// The quotations of one version, with speakers.
    public func quotations(in document: Document) -> [Quotation] {
        let side = PreparedSide(document, segmenter: Segmenter(), vocabulary: Vocabulary())
        return QuoteRecognizer.quotations(sentences: side.texts, blocks: side.blocks.map(\.sentences), configuration: configuration)
    }

    /// The figures of one version's body (notes and metadata excluded), sentence by sentence.
    public func figures(in document: Document) -> [(sentence: Int, figure: Figure)] {
        let side = PreparedSide(document, segmenter: Segmenter(), vocabulary: Vocabulary())
        let notes = Classifier.notes(side)
        var result: [(Int, Figure)] = []
        for s in 0..<side.count where notes[s] == nil {
            for figure in FigureRecognizer.figures(in: side.texts[s]) { result.append((s, figure)) }
        }
        return result
    }

    /// Two threads for the comparison of `old` with another version when it is large
    /// (`DiffConfiguration.parallelBytes`) and the machine has a second core; nil: one thread.
    private func team(for old: Document) -> Team? {
        guard configuration.parallelBytes > 0, Team.hasSecondCore else { return nil }
        var bytes = 0
        for block in old.blocks {
            bytes += block.text.utf8.count
            if bytes >= configuration.parallelBytes { return Team() }
        }
        return nil
    }

    private func prepare(_ old: Document, _ new: Document, team: Team?) -> (PreparedSide, PreparedSide, Vocabulary) {
        let vocabulary = Vocabulary()
        let (oldSide, newSide) = PreparedSide.pair(old, new, segmenter: Segmenter(), vocabulary: vocabulary, team: team)
        return (oldSide, newSide, vocabulary)
    }
}
