import StetDiff
import StetText

/// A diff laid out for reading: the sections (paragraphs) that hold changes, in the order a reader
/// meets them, each with its labelled changes and a little unchanged context.
///
/// Every text format (terminal, Markdown, HTML) is a formatter over this one outline, so they agree
/// on what is shown and in which order; only the decoration differs.
///
/// Layout rules:
/// - Sections follow the new version's paragraph order. A change sits at its first new sentence.
/// - A removed sentence is placed after the nearest preceding sentence of its old paragraph that
///   survives in the new version (unchanged, or edited, split or merged; moves do not anchor), or
///   before the first surviving one when none precedes it. A paragraph with no surviving sentence
///   becomes a section of its own ("was ¶3"), placed after the new paragraph that holds the
///   counterpart of the last surviving sentence before it.
/// - Unchanged sentences within `contextSentences` of a change are kept; each other run becomes one
///   elision ("…"). Paragraphs without changes are left out.
///
/// Unchanged sentences are not listed in `ArticleDiff.changes`; they are paired between the sides
/// with a longest common subsequence over their texts, which is O(n·m) in the unchanged sentence
/// counts (a few hundred at most for an article), with an O(n) fast path when both sides list the
/// same unchanged texts in the same order, which is what a well-formed diff gives.
public struct DiffOutline: Sendable, Hashable {
    /// The article's title, from the render context.
    public var title: String?
    /// The old side's label, from the render context.
    public var oldLabel: String?
    /// The new side's label, from the render context.
    public var newLabel: String?
    /// The diff's one-line editor's summary.
    public var summary: String
    /// The paragraphs that hold shown changes, in reading order.
    public var sections: [Section]
    /// Minor changes left out because `DiffRenderOptions.hideMinor` was set.
    public var hiddenMinorChanges: Int
    /// The changes shown.
    public var shownChanges: Int

    /// A paragraph that holds changes.
    public struct Section: Sendable, Hashable {
        /// `¶7` (the seventh body paragraph of the new version), `headline`, `byline`, `dateline`,
        /// or `was ¶3` for a paragraph of the old version that is gone.
        public var heading: String
        /// The block's role (paragraph, heading, block quote, …) on its side.
        public var role: BlockRole
        /// True for a paragraph that exists only in the old version.
        public var isRemovedParagraph: Bool
        /// True for a paragraph of the new version whose every sentence was added.
        public var isNewParagraph: Bool
        /// Changes and context in reading order; never without a change.
        public var items: [Item]

        /// The heading as printed: `¶5 · new paragraph`, `¶3 · blockquote`, `was ¶4`, `headline`.
        public var displayHeading: String {
            var text = heading
            if role != .paragraph && !role.isMetadata { text += " · \(role.rawValue)" }
            if isNewParagraph { text += " · new paragraph" }
            return text
        }
    }

    /// One row of a section.
    public enum Item: Sendable, Hashable {
        case change(Entry)
        /// An unchanged sentence shown for context.
        case context(String)
        /// Unchanged sentences left out.
        case elision(count: Int)
    }

    /// One change: its label and what to show of its text.
    public struct Entry: Sendable, Hashable {
        /// The change's kind, for decoration (colors, CSS classes).
        public var kind: ChangeKind
        /// The change named as an editor would: `+ added · quote (FCDO spokesperson)`.
        public var label: ChangeLabel
        /// The text to show under the label.
        public var body: Body
    }

    /// What of a change's text is shown, and how.
    public enum Body: Sendable, Hashable {
        /// Sentences only in the new version.
        case added([String])
        /// Sentences only in the old version.
        case removed([String])
        /// The old text turned into the new, word by word.
        case edited([WordDiff.Span])
        /// Sentences whose text did not change (a pure move).
        case unchanged([String])
    }
}

/// A diff that cannot be laid out because it contradicts itself.
public struct InvalidDiffError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong, naming the change and sentence index.
    public var description: String

    /// An error saying `description`.
    public init(_ description: String) {
        self.description = description
    }
}

extension DiffOutline {
    /// Lays out `diff` for reading.
    /// - Throws: `InvalidDiffError` when a change points at a sentence that does not exist, names
    ///   no sentence at all, or two changes claim the same sentence.
    /// - Complexity: O(s + c) for s sentences and c changes, plus the pairing of unchanged
    ///   sentences (see the type's discussion) and the word diffs of edited sentences.
    public init(diff: ArticleDiff, context: DiffRenderContext, options: DiffRenderOptions) throws {
        let oldSentences = diff.sentences.old, newSentences = diff.sentences.new
        let oldCount = oldSentences.count, newCount = newSentences.count

        // Which change owns each sentence.
        var changeOfOld = [Int?](repeating: nil, count: oldCount)
        var changeOfNew = [Int?](repeating: nil, count: newCount)
        for (c, change) in diff.changes.enumerated() {
            guard !change.old.isEmpty || !change.new.isEmpty else {
                throw InvalidDiffError("change \(c) (\(change.kind.rawValue)) names no sentence on either side")
            }
            for i in change.old {
                guard i >= 0 && i < oldCount else {
                    throw InvalidDiffError("change \(c) (\(change.kind.rawValue)) points at old sentence \(i), but the old version has \(oldCount)")
                }
                guard changeOfOld[i] == nil else {
                    throw InvalidDiffError("old sentence \(i) belongs to two changes")
                }
                changeOfOld[i] = c
            }
            for j in change.new {
                guard j >= 0 && j < newCount else {
                    throw InvalidDiffError("change \(c) (\(change.kind.rawValue)) points at new sentence \(j), but the new version has \(newCount)")
                }
                guard changeOfNew[j] == nil else {
                    throw InvalidDiffError("new sentence \(j) belongs to two changes")
                }
                changeOfNew[j] = c
            }
        }
        let hidden = diff.changes.map { options.hideMinor && $0.significance == .minor }
        let shown: (Int?) -> Int? = { c in c.flatMap { hidden[$0] ? nil : $0 } }

        // Where each old sentence lives in the new version, for placing removals.
        var anchor = [Int?](repeating: nil, count: oldCount)
        let freeOld = (0..<oldCount).filter { changeOfOld[$0] == nil }
        let freeNew = (0..<newCount).filter { changeOfNew[$0] == nil }
        for (i, j) in Self.pairUnchanged(freeOld, freeNew, old: oldSentences, new: newSentences) {
            anchor[i] = j
        }
        for change in diff.changes where change.kind != .moved {
            guard let first = change.new.min() else { continue }
            for i in change.old { anchor[i] = first }
        }

        let oldSpans = Self.normalized(diff.paragraphs.old, count: oldCount)
        let newSpans = Self.normalized(diff.paragraphs.new, count: newCount)
        let oldParagraph = Self.paragraphIndex(oldSpans, count: oldCount)
        let newParagraph = Self.paragraphIndex(newSpans, count: newCount)
        let oldNames = Self.names(oldSpans)
        let newNames = Self.names(newSpans)

        // Place every shown change that has no new sentence (a removal).
        enum Slot: Hashable { case before(Int), after(Int), oldParagraph(Int) }
        var removalsAt: [Slot: [Int]] = [:]
        var oldSectionAfter: [Int: [Int]] = [:]  // new paragraph (−1: before all) → old paragraphs
        for (c, change) in diff.changes.enumerated() where !hidden[c] && change.new.isEmpty {
            guard let first = change.old.min() else { continue }
            let p = oldParagraph[first]
            let span = oldSpans[p]
            let preceding = stride(from: first - 1, through: span.first, by: -1).first { anchor[$0] != nil }
            let following = (first + 1..<span.end).first { anchor[$0] != nil }
            if let i = preceding, let j = anchor[i] {
                removalsAt[.after(j), default: []].append(c)
            } else if let i = following, let j = anchor[i] {
                removalsAt[.before(j), default: []].append(c)
            } else {
                if removalsAt[.oldParagraph(p)] == nil {
                    let before = stride(from: span.first - 1, through: 0, by: -1).first { anchor[$0] != nil }
                    let after = before.flatMap { anchor[$0] }.map { newParagraph[$0] } ?? -1
                    oldSectionAfter[after, default: []].append(p)
                }
                removalsAt[.oldParagraph(p), default: []].append(c)
            }
        }
        // Several removals at one place keep their old order.
        for (slot, changes) in removalsAt {
            removalsAt[slot] = changes.sorted { (diff.changes[$0].old.min() ?? 0) < (diff.changes[$1].old.min() ?? 0) }
        }

        func entry(_ c: Int) -> Entry {
            let change = diff.changes[c]
            let olds = change.old.sorted().map { oldSentences[$0] }
            let news = change.new.sorted().map { newSentences[$0] }
            let label = ChangeLabel(
                change: change,
                oldParagraph: change.old.min().map { oldNames[oldParagraph[$0]] },
                newParagraph: change.new.min().map { newNames[newParagraph[$0]] })
            let body: Body
            if olds.isEmpty {
                body = .added(news)
            } else if news.isEmpty {
                body = .removed(olds)
            } else if olds == news {
                body = .unchanged(news)
            } else {
                body = .edited(WordDiff.spans(old: olds.joined(separator: " "), new: news.joined(separator: " ")))
            }
            return Entry(kind: change.kind, label: label, body: body)
        }

        var sections: [Section] = []
        func addOldSections(after paragraph: Int) {
            for p in (oldSectionAfter[paragraph] ?? []).sorted() {
                let items = (removalsAt[.oldParagraph(p)] ?? []).map { Item.change(entry($0)) }
                sections.append(Section(heading: "was \(oldNames[p])", role: oldSpans[p].role, isRemovedParagraph: true, isNewParagraph: false, items: items))
            }
        }
        addOldSections(after: -1)
        for (p, span) in newSpans.enumerated() {
            var items: [Item] = []
            for j in span.range {
                for c in removalsAt[.before(j)] ?? [] { items.append(.change(entry(c))) }
                if let c = shown(changeOfNew[j]) {
                    if diff.changes[c].new.min() == j { items.append(.change(entry(c))) }
                } else {
                    items.append(.context(newSentences[j]))
                }
                for c in removalsAt[.after(j)] ?? [] { items.append(.change(entry(c))) }
            }
            let trimmed = Self.trimContext(items, keep: options.contextSentences)
            if !trimmed.isEmpty {
                let isNew = span.range.allSatisfy { j in shown(changeOfNew[j]).map { diff.changes[$0].old.isEmpty } ?? false }
                sections.append(Section(
                    heading: newNames[p], role: span.role, isRemovedParagraph: false, isNewParagraph: isNew, items: trimmed))
            }
            addOldSections(after: p)
        }

        self.title = context.title
        self.oldLabel = context.oldLabel
        self.newLabel = context.newLabel
        self.summary = diff.summary
        self.sections = sections
        self.hiddenMinorChanges = hidden.filter { $0 }.count
        self.shownChanges = diff.changes.count - hiddenMinorChanges
    }

    /// Keeps the context items within `keep` items of a change; each other run becomes one elision.
    /// Returns no items when there is no change.
    static func trimContext(_ items: [Item], keep: Int) -> [Item] {
        let changePositions = items.indices.filter { if case .change = items[$0] { true } else { false } }
        guard !changePositions.isEmpty else { return [] }
        var nearest = [Int](repeating: Int.max, count: items.count)
        var last: Int?
        for k in items.indices {
            if case .change = items[k] { last = k }
            if let last { nearest[k] = k - last }
        }
        last = nil
        for k in items.indices.reversed() {
            if case .change = items[k] { last = k }
            if let last { nearest[k] = min(nearest[k], last - k) }
        }
        var result: [Item] = []
        var elided = 0
        for (k, item) in items.enumerated() {
            if case .context = item, nearest[k] > keep {
                elided += 1
                continue
            }
            if elided > 0 { result.append(.elision(count: elided)); elided = 0 }
            result.append(item)
        }
        if elided > 0 { result.append(.elision(count: elided)) }
        return result
    }

    /// Pairs unchanged old and new sentences by text, in order.
    ///
    /// A longest common subsequence over the texts, after taking off the common prefix and
    /// suffix (pairing them is what the traceback does first anyway) and replacing texts by
    /// integers, so the quadratic table only covers the part where the orders differ. Past
    /// `maximumTableCells` that part is paired greedily in order instead (each old sentence
    /// with the next equal new one), which keeps the render linear on huge rewrites.
    /// - Complexity: O(n + m) for the prefix and suffix, O(n′ × m′) for the rest (bounded).
    static func pairUnchanged(_ old: [Int], _ new: [Int], old oldText: [String], new newText: [String]) -> [(Int, Int)] {
        // Texts as integers, equal exactly where the texts are equal as `String`s.
        var ids = TextIDs()
        let oldIDs = old.map { Int32(ids.id(oldText[$0])) }
        let newIDs = new.map { Int32(ids.id(newText[$0])) }
        var head = 0
        while head < oldIDs.count, head < newIDs.count, oldIDs[head] == newIDs[head] { head += 1 }
        var tail = 0
        while tail < oldIDs.count - head, tail < newIDs.count - head,
            oldIDs[oldIDs.count - 1 - tail] == newIDs[newIDs.count - 1 - tail]
        {
            tail += 1
        }
        var pairs: [(Int, Int)] = (0..<head).map { (old[$0], new[$0]) }
        let oldMiddle = head..<(oldIDs.count - tail), newMiddle = head..<(newIDs.count - tail)
        let n = oldMiddle.count, m = newMiddle.count
        if n > 0 && m > 0 {
            if n * m > maximumTableCells {
                var positions: [Int32: [Int]] = [:]
                for b in newMiddle.reversed() { positions[newIDs[b], default: []].append(b) }
                var last = newMiddle.lowerBound - 1
                for a in oldMiddle {
                    while let next = positions[oldIDs[a]]?.last, next <= last { positions[oldIDs[a]]?.removeLast() }
                    if let next = positions[oldIDs[a]]?.popLast() {
                        pairs.append((old[a], new[next]))
                        last = next
                    }
                }
            } else {
                let table = SuffixLCS(oldIDs[oldMiddle], newIDs[newMiddle])
                var a = 0, b = 0
                while a < n && b < m {
                    if oldIDs[oldMiddle.lowerBound + a] == newIDs[newMiddle.lowerBound + b] {
                        pairs.append((old[oldMiddle.lowerBound + a], new[newMiddle.lowerBound + b])); a += 1; b += 1
                    } else if table.length(a + 1, b) >= table.length(a, b + 1) {
                        a += 1
                    } else {
                        b += 1
                    }
                }
            }
        }
        pairs += (0..<tail).map { (old[oldIDs.count - tail + $0], new[newIDs.count - tail + $0]) }
        return pairs
    }

    /// The largest LCS table `pairUnchanged` builds (cells); beyond it, greedy in-order pairing.
    static let maximumTableCells = 4_000_000

    /// The paragraph spans sorted, clipped to the sentences, without overlaps, with every sentence
    /// no span covers given a paragraph of its own run; so each sentence is in exactly one span.
    static func normalized(_ spans: [ParagraphSpan], count: Int) -> [ParagraphSpan] {
        var result: [ParagraphSpan] = []
        var next = 0
        for span in spans.sorted(by: { ($0.first, $0.end) < ($1.first, $1.end) }) {
            let first = max(span.first, next), end = min(span.end, count)
            guard first < end else { continue }
            if first > next { result.append(ParagraphSpan(role: .paragraph, first: next, end: first)) }
            result.append(ParagraphSpan(role: span.role, first: first, end: end))
            next = end
        }
        if next < count { result.append(ParagraphSpan(role: .paragraph, first: next, end: count)) }
        return result
    }

    static func paragraphIndex(_ spans: [ParagraphSpan], count: Int) -> [Int] {
        var index = [Int](repeating: 0, count: count)
        for (p, span) in spans.enumerated() {
            for s in span.range { index[s] = p }
        }
        return index
    }

    /// `headline`, `byline`, `dateline` for metadata; `¶N` numbering the body blocks from 1.
    static func names(_ spans: [ParagraphSpan]) -> [String] {
        var number = 0
        return spans.map { span in
            if span.role.isMetadata { return span.role.rawValue }
            number += 1
            return "¶\(number)"
        }
    }
}
