import StetText

/// Compares two versions of an article and says what changed.
///
/// Interim implementation: an LCS over exact sentences, reporting the rest as added and removed.
/// The semantic differ issue replaces it with alignment, facets and significance.
public struct Differ: Sendable {
    public var configuration: DiffConfiguration

    public init(configuration: DiffConfiguration = .default) {
        self.configuration = configuration
    }

    public func diff(old: Document, new: Document) -> ArticleDiff {
        let segmenter = Segmenter()
        let oldSegments = segmenter.segment(old)
        let newSegments = segmenter.segment(new)
        let oldTexts = oldSegments.sentences.map(\.text)
        let newTexts = newSegments.sentences.map(\.text)
        let n = oldTexts.count, m = newTexts.count
        var table = Array(repeating: Array(repeating: 0, count: m + 1), count: n + 1)
        for i in stride(from: n - 1, through: 0, by: -1) {
            for j in stride(from: m - 1, through: 0, by: -1) {
                table[i][j] = oldTexts[i] == newTexts[j] ? table[i + 1][j + 1] + 1 : max(table[i + 1][j], table[i][j + 1])
            }
        }
        var changes: [Change] = []
        var i = 0, j = 0
        while i < n || j < m {
            if i < n, j < m, oldTexts[i] == newTexts[j] {
                i += 1; j += 1
            } else if j < m, i == n || table[i][j + 1] >= table[i + 1][j] {
                changes.append(Change(kind: .added, old: [], new: [j], significance: .substantive))
                j += 1
            } else {
                changes.append(Change(kind: .removed, old: [i], new: [], significance: .substantive))
                i += 1
            }
        }
        let counts = ChangeCounts(changes: changes)
        var parts: [String] = []
        if counts.added > 0 { parts.append("Added \(counts.added) statement\(counts.added == 1 ? "" : "s")") }
        if counts.removed > 0 { parts.append("Removed \(counts.removed) statement\(counts.removed == 1 ? "" : "s")") }
        return ArticleDiff(
            sentences: Sides(old: oldTexts, new: newTexts),
            paragraphs: Sides(
                old: oldSegments.blocks.map { ParagraphSpan(role: $0.role, first: $0.sentences.lowerBound, end: $0.sentences.upperBound) },
                new: newSegments.blocks.map { ParagraphSpan(role: $0.role, first: $0.sentences.lowerBound, end: $0.sentences.upperBound) }),
            changes: changes,
            summary: parts.isEmpty ? "No change" : parts.joined(separator: "; "),
            counts: counts)
    }
}

/// Every threshold of the differ, in one place. See `docs/diff-algorithm.md`.
public struct DiffConfiguration: Sendable, Hashable, Codable {
    public static let `default` = DiffConfiguration()

    public init() {}
}
