import StetText

/// For every sentence of every version, the version that introduced it.
///
/// Reasoning. Consecutive versions are diffed; a sentence inherits the origin of the old sentence
/// it continues: unchanged sentences, moved sentences whose words are the same, and sentences of a
/// **minor** edit, split or merge (a typo fix does not make a sentence new). A substantive edit,
/// split or merge, an edited move and an addition make the sentence originate in the version that
/// made them. A merge of minor edits takes the oldest origin of the merged sentences.
///
/// - Complexity: one diff per consecutive pair of versions.
public struct Blame: Sendable, Hashable, Codable {
    /// The sentences of each version.
    public var sentences: [[String]]
    /// `origins[k][s]` is the index of the version that introduced sentence `s` of version `k`.
    public var origins: [[Int]]

    public init(versions: [Document], configuration: DiffConfiguration = .default) {
        let differ = Differ(configuration: configuration)
        sentences = []
        origins = []
        guard let first = versions.first else { return }
        var previousDocument = first
        let firstSide = PreparedSide(first, segmenter: Segmenter(), vocabulary: Vocabulary())
        sentences.append(firstSide.texts)
        origins.append(Array(repeating: 0, count: firstSide.count))
        for (k, document) in versions.enumerated().dropFirst() {
            let diff = differ.diff(old: previousDocument, new: document)
            let before = origins[k - 1]
            var origin = [Int](repeating: k, count: diff.sentences.new.count)
            var inOld = Set<Int>(), inNew = Set<Int>()
            for change in diff.changes {
                inOld.formUnion(change.old)
                inNew.formUnion(change.new)
                switch change.kind {
                case .added, .removed:
                    continue
                case .edited, .split, .merged:
                    guard change.significance == .minor else { continue }
                    let oldest = change.old.compactMap { $0 < before.count ? before[$0] : nil }.min() ?? k
                    for j in change.new { origin[j] = oldest }
                case .moved:
                    for (i, j) in zip(change.old, change.new) where i < before.count {
                        if Normalizer.words(diff.sentences.old[i]) == Normalizer.words(diff.sentences.new[j]) { origin[j] = before[i] }
                    }
                }
            }
            let restOld = diff.sentences.old.indices.filter { !inOld.contains($0) }
            let restNew = diff.sentences.new.indices.filter { !inNew.contains($0) }
            for (i, j) in zip(restOld, restNew) where i < before.count { origin[j] = before[i] }
            sentences.append(diff.sentences.new)
            origins.append(origin)
            previousDocument = document
        }
    }
}
