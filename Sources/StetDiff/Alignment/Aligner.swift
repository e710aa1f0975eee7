import StetText

/// Aligns the sentences of two versions.
///
/// Reasoning. Most sentences of a news update survive untouched, so the aligner first pins those
/// down cheaply and only then spends effort on what is left:
///
/// 1. **Exact anchors (patience diff).** Body sentences are compared by comparison-key id. Common
///    prefixes and suffixes are matched; then keys that occur exactly once on each side of the
///    current range are anchors, and their longest increasing subsequence (by new position) fixes
///    an in-order skeleton. The ranges between anchors are handled the same way, recursively (with
///    an explicit stack). A range with no unique key left is solved by an exact LCS table when it is
///    small (`maxTableCells`) and otherwise by a greedy in-order match, recording `fallbackReason`
///    (pathological input such as thousands of identical sentences).
/// 2. **Exact moves.** An unmatched old sentence whose key is the key of an unmatched new sentence
///    left one place and appears in another: a `moved` link with similarity 1.
/// 3. **Similar pairs.** The remaining sentences are paired by word-token Dice similarity. Candidates
///    come from an inverted index over rarer words (`candidatePostingLimit`) and, in small gaps, from
///    every pair (`exhaustiveGap`). Pairs are taken best first; pairs in the same gap (between the same
///    two anchors) need `editThreshold` and get a small bonus, pairs across gaps need `moveThreshold`.
///    Within a gap, pairs that cross other pairs (not on the longest increasing subsequence) are moves;
///    among equally long subsequences the one keeping the more rewritten pairs in place wins.
/// 4. **Splits and merges.** A paired sentence grows to take in unmatched neighbours of its partner
///    when they are mostly made of its words (`splitContainment`) and the similarity rises
///    (`splitGain`); an unpaired sentence can match a run of two or three unpaired ones the same way.
/// 5. **Metadata.** Headline, byline and dateline sentences pair with the same role on the other side.
///
/// Complexity: O(N log N) for step 1 in practice (each recursion level is linear in its range), O(N)
/// for step 2, O(N · L · K) for step 3 with L words per sentence and K the posting limit, O(N) for
/// steps 4–5. Only the bounded LCS table (`maxTableCells`) is quadratic.
struct Aligner {
    let configuration: DiffConfiguration
    /// The words of the sentences' keys (made on first use).
    let vocabulary: Vocabulary
    /// For a large comparison, the helper thread that does steps 1 and 2 meanwhile.
    var team: Team? = nil

    /// The word-token ids of sentence `index` of `side`, sorted.
    private func sortedTokens(_ side: PreparedSide, _ index: Int) -> [Int32] {
        vocabulary.tokens(ofKey: side.keyIDs[index]).sorted
    }

    private struct State: Sendable {
        var linkOfOld: [Int]
        var linkOfNew: [Int]
        var links: [Alignment.Link] = []

        init(oldCount: Int, newCount: Int) {
            linkOfOld = Array(repeating: -1, count: oldCount)
            linkOfNew = Array(repeating: -1, count: newCount)
        }

        mutating func add(_ link: Alignment.Link) {
            let index = links.count
            links.append(link)
            for i in link.oldSide { linkOfOld[i] = index }
            for j in link.newSide { linkOfNew[j] = index }
        }
    }

    func align(_ old: PreparedSide, _ new: PreparedSide) -> Alignment {
        let (bodyOld, metadataOld) = Self.bodyAndMetadata(old)
        let (bodyNew, metadataNew) = Self.bodyAndMetadata(new)

        // Steps 1 and 2 read the keys only. A body sentence whose key the other side's body lacks
        // can be neither an anchor nor an exact move: its words (needed in step 3) are made
        // meanwhile, new side first as step 3 asks for them, on the calling thread (the vocabulary
        // is its own), while a `team`'s helper does steps 1 and 2.
        let keysOld = bodyOld.map { old.keyIDs[$0] }, keysNew = bodyNew.map { new.keyIDs[$0] }
        let makeWords = {
            let (onlyOld, onlyNew) = Self.unmatched(keysOld, keysNew, keyCount: vocabulary.keyCount)
            // With nothing free on one side, step 3 pairs nothing and needs no words.
            guard !onlyOld.isEmpty, !onlyNew.isEmpty else { return }
            for position in onlyNew { _ = vocabulary.tokens(ofKey: keysNew[position]) }
            for position in onlyOld { _ = vocabulary.tokens(ofKey: keysOld[position]) }
        }
        let maxTableCells = configuration.maxTableCells
        let exact: @Sendable () -> ExactLinks = {
            Self.exactLinks(old, new, bodyOld: bodyOld, bodyNew: bodyNew, keysOld: keysOld, keysNew: keysNew, maxTableCells: maxTableCells)
        }
        var linked: ExactLinks
        if let team {
            linked = team.run(exact, beside: makeWords)
        } else {
            makeWords()
            linked = exact()
        }
        let (gapOfOld, gapOfNew, fallbackReason) = (linked.gapOfOld, linked.gapOfNew, linked.fallbackReason)
        var state = linked.state
        // Let go of the other reference to the state's arrays, so that changing them copies nothing.
        linked = ExactLinks()

        // 3. Similar pairs.
        let freeOld = bodyOld.filter { state.linkOfOld[$0] < 0 }
        let freeNew = bodyNew.filter { state.linkOfNew[$0] < 0 }
        var scored = similarPairs(old, new, freeOld: freeOld, freeNew: freeNew, gapOfOld: gapOfOld, gapOfNew: gapOfNew)
        // A total order, so the order the pairs were scored in does not matter (two pairs tied on
        // the rest, (i, j) and (j, i), are told apart by the old sentence).
        scored.sort { a, b in
            if a.score != b.score { return a.score > b.score }
            if a.i + a.j != b.i + b.j { return a.i + a.j < b.i + b.j }
            if abs(a.i - a.j) != abs(b.i - b.j) { return abs(a.i - a.j) < abs(b.i - b.j) }
            return a.i < b.i
        }
        var pairsByGap: [Int: [(i: Int, j: Int, similarity: Double)]] = [:]
        for pair in scored where state.linkOfOld[pair.i] < 0 && state.linkOfNew[pair.j] < 0 {
            if pair.sameGap {
                pairsByGap[gapOfOld[pair.i], default: []].append((pair.i, pair.j, pair.similarity))
                // Reserve both sentences; the kind is settled below.
                state.linkOfOld[pair.i] = Int.max
                state.linkOfNew[pair.j] = Int.max
            } else {
                state.add(.init(kind: .moved, oldSide: LinkSide(pair.i), newSide: LinkSide(pair.j), similarity: pair.similarity))
            }
        }
        for gap in pairsByGap.keys.sorted() {
            guard var pairs = pairsByGap[gap] else { continue }
            pairs.sort { $0.i < $1.i }
            // Fewest moves first; among equally short move sets, the more rewritten sentences stay in
            // place (an edit in place is likelier than an edit plus a move: moves are cut and paste).
            let inOrder = Set(
                pairs.count <= 400
                    ? Ordering.heaviestIncreasing(pairs.map(\.j), weights: pairs.map { 1 - $0.similarity })
                    : Ordering.longestIncreasing(pairs.map(\.j)))
            for (position, pair) in pairs.enumerated() {
                let kind: Alignment.LinkKind = inOrder.contains(position) ? .edited : .moved
                state.add(.init(kind: kind, oldSide: LinkSide(pair.i), newSide: LinkSide(pair.j), similarity: pair.similarity))
            }
        }

        // 4. Splits and merges.
        growSplits(old, new, state: &state, gapOfOld: gapOfOld, gapOfNew: gapOfNew)

        // 5. Metadata by role.
        for role in [BlockRole.headline, .byline, .dateline] {
            let oldMeta = metadataOld.filter { old.roles[$0] == role }
            let newMeta = metadataNew.filter { new.roles[$0] == role }
            for (i, j) in zip(oldMeta, newMeta) {
                let same = old.keyIDs[i] == new.keyIDs[j]
                state.add(.init(
                    kind: same ? .unchanged : .edited, oldSide: LinkSide(i), newSide: LinkSide(j),
                    similarity: same ? 1 : Overlap.dice(sortedTokens(old, i), sortedTokens(new, j))))
            }
        }

        // The rest was added or removed.
        for i in 0..<old.count where state.linkOfOld[i] < 0 {
            state.add(.init(kind: .removed, oldSide: LinkSide(i), newSide: .none, similarity: 0))
        }
        for j in 0..<new.count where state.linkOfNew[j] < 0 {
            state.add(.init(kind: .added, oldSide: .none, newSide: LinkSide(j), similarity: 0))
        }
        return Alignment(
            sentences: Sides(old: old.texts, new: new.texts),
            links: Self.readingOrder(state.links, oldCount: old.count, newCount: new.count),
            fallbackReason: fallbackReason)
    }

    // MARK: Step 1

    /// The body sentences of `side`, and its metadata sentences (headline, byline, dateline), in one pass.
    private static func bodyAndMetadata(_ side: PreparedSide) -> (body: [Int], metadata: [Int]) {
        var body: [Int] = [], metadata: [Int] = []
        body.reserveCapacity(side.count)
        for index in 0..<side.count {
            if side.isMetadata(index) { metadata.append(index) } else { body.append(index) }
        }
        return (body, metadata)
    }

    /// What steps 1 and 2 leave: the links so far, the gap number of every body sentence (how many
    /// anchors come before it on its side), and why step 1 fell back, if it did.
    private struct ExactLinks: Sendable {
        var state = State(oldCount: 0, newCount: 0)
        var gapOfOld: [Int] = []
        var gapOfNew: [Int] = []
        var fallbackReason: String?
    }

    /// Steps 1 (exact anchors) and 2 (exact moves), from the keys of the body sentences
    /// (`keysOld[p]` is the key of `bodyOld[p]`) alone.
    private static func exactLinks(
        _ old: PreparedSide, _ new: PreparedSide, bodyOld: [Int], bodyNew: [Int], keysOld: [Int], keysNew: [Int], maxTableCells: Int
    ) -> ExactLinks {
        var state = State(oldCount: old.count, newCount: new.count)
        // 1. Exact anchors.
        let (anchors, fallbackReason) = exactAnchors(keysOld, keysNew, maxTableCells: maxTableCells)
        for (a, b) in anchors {
            state.add(.init(kind: .unchanged, oldSide: LinkSide(bodyOld[a]), newSide: LinkSide(bodyNew[b]), similarity: 1))
        }
        // Gap number of every body position: how many anchors come before it.
        var gapOfOld = [Int](repeating: 0, count: old.count)
        var gapOfNew = [Int](repeating: 0, count: new.count)
        var k = 0
        for (position, index) in bodyOld.enumerated() {
            while k < anchors.count && anchors[k].0 < position { k += 1 }
            gapOfOld[index] = k
        }
        k = 0
        for (position, index) in bodyNew.enumerated() {
            while k < anchors.count && anchors[k].1 < position { k += 1 }
            gapOfNew[index] = k
        }

        // 2. Exact moves.
        var waiting: [Int: [Int]] = [:]
        for j in bodyNew where state.linkOfNew[j] < 0 { waiting[new.keyIDs[j], default: []].append(j) }
        var taken: [Int: Int] = [:]
        for i in bodyOld where state.linkOfOld[i] < 0 {
            let key = old.keyIDs[i]
            guard let queue = waiting[key] else { continue }
            let next = taken[key, default: 0]
            if next < queue.count {
                taken[key] = next + 1
                state.add(.init(kind: .moved, oldSide: LinkSide(i), newSide: LinkSide(queue[next]), similarity: 1))
            }
        }
        return ExactLinks(state: state, gapOfOld: gapOfOld, gapOfNew: gapOfNew, fallbackReason: fallbackReason)
    }

    /// In-order exact matches between two key sequences, as position pairs sorted by position.
    private static func exactAnchors(_ a: [Int], _ b: [Int], maxTableCells: Int) -> (anchors: [(Int, Int)], fallbackReason: String?) {
        var fallbackReason: String?
        var matches: [(Int, Int)] = []
        var stack: [(Int, Int, Int, Int)] = [(0, a.count, 0, b.count)]
        // Key ids are small and dense: occurrence counts live in arrays indexed by id, cleared
        // after each range (only the entries the range touched), instead of a dictionary per range.
        let size = max(a.max() ?? -1, b.max() ?? -1) + 1
        var countA = [Int32](repeating: 0, count: size)
        var countB = [Int32](repeating: 0, count: size)
        var firstB = [Int](repeating: 0, count: size)
        while let range = stack.popLast() {
            var (alo, ahi, blo, bhi) = range
            while alo < ahi && blo < bhi && a[alo] == b[blo] {
                matches.append((alo, blo)); alo += 1; blo += 1
            }
            while alo < ahi && blo < bhi && a[ahi - 1] == b[bhi - 1] {
                matches.append((ahi - 1, bhi - 1)); ahi -= 1; bhi -= 1
            }
            if alo == ahi || blo == bhi { continue }
            // Keys unique on both sides of this range.
            for p in alo..<ahi { countA[a[p]] += 1 }
            for p in blo..<bhi {
                if countB[b[p]] == 0 { firstB[b[p]] = p }
                countB[b[p]] += 1
            }
            var unique: [(Int, Int)] = []
            for p in alo..<ahi where countA[a[p]] == 1 && countB[a[p]] == 1 { unique.append((p, firstB[a[p]])) }
            for p in alo..<ahi { countA[a[p]] = 0 }
            for p in blo..<bhi { countB[b[p]] = 0 }
            if !unique.isEmpty {
                let chain = Ordering.longestIncreasing(unique.map(\.1)).map { unique[$0] }
                var previous = (alo - 1, blo - 1)
                for anchor in chain {
                    matches.append(anchor)
                    stack.append((previous.0 + 1, anchor.0, previous.1 + 1, anchor.1))
                    previous = anchor
                }
                stack.append((previous.0 + 1, ahi, previous.1 + 1, bhi))
                continue
            }
            let n = ahi - alo, m = bhi - blo
            if n * m <= maxTableCells {
                matches.append(contentsOf: lcs(a, alo, ahi, b, blo, bhi))
            } else {
                fallbackReason = "a gap of \(n) × \(m) sentences without unique anchors exceeds maxTableCells (\(maxTableCells)); matched greedily in order"
                var positions: [Int: [Int]] = [:]
                for p in blo..<bhi { positions[b[p], default: []].append(p) }
                var cursor: [Int: Int] = [:]
                var next = blo
                for p in alo..<ahi {
                    guard let list = positions[a[p]] else { continue }
                    var k = cursor[a[p], default: 0]
                    while k < list.count && list[k] < next { k += 1 }
                    cursor[a[p]] = k
                    if k < list.count {
                        matches.append((p, list[k]))
                        next = list[k] + 1
                        cursor[a[p]] = k + 1
                    }
                }
            }
        }
        matches.sort { $0.0 < $1.0 }
        return (matches, fallbackReason)
    }

    /// The positions in `a` whose key `b` never holds, and those in `b` whose key `a` never holds,
    /// in order (keys are ids below `keyCount`).
    private static func unmatched(_ a: [Int], _ b: [Int], keyCount: Int) -> (onlyA: [Int], onlyB: [Int]) {
        var inA = [Bool](repeating: false, count: keyCount), inB = [Bool](repeating: false, count: keyCount)
        for key in a { inA[key] = true }
        for key in b { inB[key] = true }
        return (a.indices.filter { !inB[a[$0]] }, b.indices.filter { !inA[b[$0]] })
    }

    /// Longest common subsequence of two small ranges, as matched position pairs. O(n·m).
    private static func lcs(_ a: [Int], _ alo: Int, _ ahi: Int, _ b: [Int], _ blo: Int, _ bhi: Int) -> [(Int, Int)] {
        let n = ahi - alo, m = bhi - blo
        let width = m + 1
        var table = [Int32](repeating: 0, count: (n + 1) * (m + 1))
        for i in stride(from: n - 1, through: 0, by: -1) {
            for j in stride(from: m - 1, through: 0, by: -1) {
                table[i * width + j] = a[alo + i] == b[blo + j]
                    ? table[(i + 1) * width + j + 1] + 1
                    : max(table[(i + 1) * width + j], table[i * width + j + 1])
            }
        }
        var result: [(Int, Int)] = []
        var i = 0, j = 0
        while i < n && j < m {
            if a[alo + i] == b[blo + j] {
                result.append((alo + i, blo + j)); i += 1; j += 1
            } else if table[(i + 1) * width + j] >= table[i * width + j + 1] {
                i += 1
            } else {
                j += 1
            }
        }
        return result
    }

    // MARK: Step 3

    /// A similar pair worth taking: its priority (`score`), Dice similarity, sentences, and whether
    /// both are in the same gap between anchors.
    typealias Scored = (score: Double, similarity: Double, i: Int, j: Int, sameGap: Bool)

    /// The pairs of free sentences similar enough to take (`SimilarPairs`). Their words are made
    /// first (new side, then old, in order); with a `team` the free old sentences are then scored in
    /// parts on both threads, from a frozen copy of the vocabulary.
    private func similarPairs(
        _ old: PreparedSide, _ new: PreparedSide, freeOld: [Int], freeNew: [Int], gapOfOld: [Int], gapOfNew: [Int]
    ) -> [Scored] {
        if freeOld.isEmpty || freeNew.isEmpty { return [] }
        for j in freeNew { _ = vocabulary.tokens(ofKey: new.keyIDs[j]) }
        for i in freeOld { _ = vocabulary.tokens(ofKey: old.keyIDs[i]) }
        let pairs = SimilarPairs(
            configuration: configuration, vocabulary: vocabulary.frozen, old: old, new: new, freeOld: freeOld, freeNew: freeNew,
            gapOfOld: gapOfOld, gapOfNew: gapOfNew)
        guard let team, freeOld.count >= 16 else { return pairs.scored(freeOld[...]) }
        let parts = 4, size = (freeOld.count + parts - 1) / parts
        return team.map(parts) { part in
            pairs.scored(freeOld[min(part * size, freeOld.count)..<min((part + 1) * size, freeOld.count)])
        }.flatMap { $0 }
    }

    // MARK: Step 4

    /// One way to grow a link or pair an unpaired sentence: `one` (a sentence of the single side)
    /// with `many` (consecutive sentences of the other side).
    private struct Growth {
        var link: Int?  // existing link to grow, or nil for a new link
        var swapped: Bool  // false: split (one old → many new); true: merge (many old → one new)
        var one: Int
        var many: [Int]
        var similarity: Double
        var order: Int  // symmetric tie-break: old + new position
    }

    /// Grows one-to-one links into splits or merges and pairs unpaired sentences with runs of
    /// unpaired neighbours. Options from both directions are ranked together, best similarity
    /// first, so swapping the versions swaps splits and merges.
    private func growSplits(_ old: PreparedSide, _ new: PreparedSide, state: inout State, gapOfOld: [Int], gapOfNew: [Int]) {
        func side(_ swapped: Bool) -> (one: PreparedSide, many: PreparedSide) { swapped ? (new, old) : (old, new) }
        // Reads the sides' arrays in place: `side(_:)` copies two `PreparedSide`s (a retain per array).
        func isFree(_ y: Int, onManySideOf swapped: Bool) -> Bool {
            guard y >= 0 && y < (swapped ? old.count : new.count) && !(swapped ? old.isMetadata(y) : new.isMetadata(y)) else { return false }
            return (swapped ? state.linkOfOld[y] : state.linkOfNew[y]) < 0
        }
        func contained(_ y: Int, in x: Int, _ swapped: Bool) -> Bool {
            let (one, many) = side(swapped)
            return Overlap.containment(sortedTokens(many, y), in: sortedTokens(one, x)) >= configuration.splitContainment
        }
        func similarity(_ x: Int, _ group: [Int], _ swapped: Bool) -> Double {
            let (one, many) = side(swapped)
            return Overlap.dice(sortedTokens(one, x), Overlap.merged(group.map { sortedTokens(many, $0) }))
        }
        /// Best one-step growth of an existing one-to-one link in one direction.
        func growth(ofLink index: Int, _ swapped: Bool) -> Growth? {
            let link = state.links[index]
            let x = swapped ? link.newSide[0] : link.oldSide[0]
            let group = Array(swapped ? link.oldSide : link.newSide)
            var best: Growth?
            for y in [(group.first ?? 0) - 1, (group.last ?? 0) + 1] where isFree(y, onManySideOf: swapped) {
                guard contained(y, in: x, swapped) else { continue }
                let grown = similarity(x, (group + [y]).sorted(), swapped)
                if grown >= link.similarity + configuration.splitGain, grown > (best?.similarity ?? 0) {
                    best = Growth(link: index, swapped: swapped, one: x, many: (group + [y]).sorted(), similarity: grown, order: x + y)
                }
            }
            return best
        }

        var options: [Growth] = []
        for index in state.links.indices {
            // The kind read in place first: most links are unchanged, and copying one retains its sides.
            guard state.links[index].kind == .edited || state.links[index].kind == .moved else { continue }
            let link = state.links[index]
            guard link.oldSide.count == 1, link.newSide.count == 1 else { continue }
            for swapped in [false, true] {
                if let option = growth(ofLink: index, swapped) { options.append(option) }
            }
        }
        // Unpaired sentences against runs of unpaired sentences in the same gap.
        for swapped in [false, true] {
            let (one, many) = side(swapped)
            let gapOfOne = swapped ? gapOfNew : gapOfOld
            let gapOfMany = swapped ? gapOfOld : gapOfNew
            var freeManyByGap: [Int: [Int]] = [:]
            for y in 0..<many.count where isFree(y, onManySideOf: swapped) { freeManyByGap[gapOfMany[y], default: []].append(y) }
            for x in 0..<one.count where !one.isMetadata(x) && (swapped ? state.linkOfNew[x] : state.linkOfOld[x]) < 0 {
                guard let starts = freeManyByGap[gapOfOne[x]], starts.count <= 4 * configuration.exhaustiveGap else { continue }
                for start in starts where contained(start, in: x, swapped) {
                    var group = [start]
                    while group.count < 3, let next = group.last.map({ $0 + 1 }), isFree(next, onManySideOf: swapped),
                        contained(next, in: x, swapped)
                    {
                        group.append(next)
                    }
                    guard group.count > 1 else { continue }
                    let value = similarity(x, group, swapped)
                    if value >= configuration.editThreshold {
                        options.append(Growth(link: nil, swapped: swapped, one: x, many: group, similarity: value, order: x + start))
                    }
                }
            }
        }
        options.sort { $0.similarity != $1.similarity ? $0.similarity > $1.similarity : $0.order < $1.order }

        for option in options {
            let swapped = option.swapped
            guard option.many.allSatisfy({ y in
                isFree(y, onManySideOf: swapped) || (option.link.map { state.links[$0] }.map { (swapped ? $0.oldSide : $0.newSide).contains(y) } ?? false)
            }) else { continue }
            let kind: Alignment.LinkKind = swapped ? .merged : .split
            guard let index = option.link else {
                guard (swapped ? state.linkOfNew[option.one] : state.linkOfOld[option.one]) < 0 else { continue }
                state.add(.init(
                    kind: kind, old: swapped ? option.many : [option.one], new: swapped ? [option.one] : option.many,
                    similarity: option.similarity))
                continue
            }
            let link = state.links[index]
            // Still one-to-one, or already grown the same way.
            let manyNow = swapped ? link.old : link.new
            let oneNow = swapped ? link.new : link.old
            guard oneNow == [option.one], link.kind == kind || (link.old.count == 1 && link.new.count == 1) else { continue }
            guard option.many.count == manyNow.count + 1, Set(manyNow).isSubset(of: option.many) else { continue }
            var group = option.many
            var value = option.similarity
            // Keep growing the same way while it helps.
            var grew = true
            while grew {
                grew = false
                for y in [(group.first ?? 0) - 1, (group.last ?? 0) + 1] where isFree(y, onManySideOf: swapped) && !group.contains(y) {
                    guard contained(y, in: option.one, swapped) else { continue }
                    let grown = similarity(option.one, (group + [y]).sorted(), swapped)
                    if grown >= value + configuration.splitGain {
                        group = (group + [y]).sorted()
                        value = grown
                        grew = true
                        break
                    }
                }
            }
            if swapped {
                state.links[index].old = group
                for y in group { state.linkOfOld[y] = index }
            } else {
                state.links[index].new = group
                for y in group { state.linkOfNew[y] = index }
            }
            state.links[index].kind = kind
            state.links[index].similarity = value
        }
    }

    // MARK: Ordering

    /// Sorts links by where they appear: by new position, with links that have no new side placed
    /// right after the new sentence that follows their old predecessor.
    static func readingOrder(_ links: [Alignment.Link], oldCount: Int, newCount: Int) -> [Alignment.Link] {
        // New position of each old sentence, through one-to-one links.
        var newOfOld = [Int](repeating: -1, count: oldCount)
        for index in links.indices {
            if let first = links[index].newSide.first {
                for i in links[index].oldSide { newOfOld[i] = first }
            }
        }
        var lastSeen = -1
        var anchorOfOld = [Int](repeating: -1, count: oldCount)
        for i in 0..<oldCount {
            if newOfOld[i] >= 0 { lastSeen = newOfOld[i] }
            anchorOfOld[i] = lastSeen
        }
        func key(_ link: Alignment.Link) -> (Double, Int) {
            if let first = link.newSide.first { return (Double(first), link.oldSide.first ?? -1) }
            let i = link.oldSide.first ?? 0
            return (Double(anchorOfOld[i]) + 0.5, i)
        }
        // Keys are distinct (a new sentence is in one link, a removed link's key is a half-step
        // with its own old sentence), so the order does not depend on the sort: keys are made
        // once and sorted with the link's position, then the links are read in that order.
        var keyed: [(key: (Double, Int), index: Int)] = []
        keyed.reserveCapacity(links.count)
        for index in links.indices where !(links[index].oldSide.isEmpty && links[index].newSide.isEmpty) {
            keyed.append((key(links[index]), index))
        }
        keyed.sort { $0.key < $1.key }
        return keyed.map { links[$0.index] }
    }
}

enum Ordering {
    /// Positions of a longest strictly increasing subsequence that, among the longest, has the
    /// largest total weight (weights in 0…1). O(n²); for small inputs.
    static func heaviestIncreasing(_ values: [Int], weights: [Double]) -> [Int] {
        let n = values.count
        if n == 0 { return [] }
        // Score: length first, weight second.
        var length = [Int](repeating: 1, count: n)
        var weight = weights
        var previous = [Int](repeating: -1, count: n)
        for i in 0..<n {
            for j in 0..<i where values[j] < values[i] {
                let candidateLength = length[j] + 1
                let candidateWeight = weight[j] + weights[i]
                if candidateLength > length[i] || (candidateLength == length[i] && candidateWeight > weight[i] + 1e-12) {
                    length[i] = candidateLength
                    weight[i] = candidateWeight
                    previous[i] = j
                }
            }
        }
        var best = 0
        for i in 1..<n where length[i] > length[best] || (length[i] == length[best] && weight[i] > weight[best] + 1e-12) {
            best = i
        }
        var result: [Int] = []
        var cursor = best
        while cursor >= 0 {
            result.append(cursor)
            cursor = previous[cursor]
        }
        return result.reversed()
    }

    /// Positions (into `values`) of one longest strictly increasing subsequence. O(n log n).
    static func longestIncreasing(_ values: [Int]) -> [Int] {
        var tails: [Int] = []  // positions
        var previous = [Int](repeating: -1, count: values.count)
        for (position, value) in values.enumerated() {
            var low = 0, high = tails.count
            while low < high {
                let mid = (low + high) / 2
                if values[tails[mid]] < value { low = mid + 1 } else { high = mid }
            }
            if low > 0 { previous[position] = tails[low - 1] }
            if low == tails.count { tails.append(position) } else { tails[low] = position }
        }
        var result: [Int] = []
        var cursor = tails.last ?? -1
        while cursor >= 0 {
            result.append(cursor)
            cursor = previous[cursor]
        }
        return result.reversed()
    }
}

/// Step 3's candidates and scores, read-only once made, so that parts of the free old sentences
/// can be scored on two threads.
///
/// Candidates of a free old sentence: the free new sentences sharing its rarer words (an inverted
/// index over the free new sentences' words that occur in at most `candidatePostingLimit` of them,
/// the `candidatesPerSentence` with most shared words), plus every free new sentence of its gap
/// when the gap is small on both sides (`exhaustiveGap`). A candidate is kept when its word Dice
/// similarity reaches `editThreshold` in the same gap, `moveThreshold` across gaps, and at least
/// `shortSentenceThreshold` when either sentence is shorter than `shortSentenceWords`.
private struct SimilarPairs: Sendable {
    let configuration: DiffConfiguration
    let vocabulary: FrozenVocabulary
    let old: PreparedSide
    let new: PreparedSide
    let gapOfOld: [Int]
    let gapOfNew: [Int]
    /// The postings in one flat array (each word's list at `start[id]..<start[id + 1]`), filled in
    /// two passes over the free new sentences' distinct words: no array per word.
    private let start: [Int]
    private let postings: [Int]
    private let freeNewByGap: [Int: [Int]]
    private let freeOldByGap: [Int: Int]

    /// The index over `freeNew`; the words of every free sentence must be in `vocabulary`.
    init(
        configuration: DiffConfiguration, vocabulary: FrozenVocabulary, old: PreparedSide, new: PreparedSide, freeOld: [Int],
        freeNew: [Int], gapOfOld: [Int], gapOfNew: [Int]
    ) {
        self.configuration = configuration
        self.vocabulary = vocabulary
        self.old = old
        self.new = new
        self.gapOfOld = gapOfOld
        self.gapOfNew = gapOfNew
        let newTokens = freeNew.map { vocabulary.sortedTokens(ofKey: new.keyIDs[$0]) }
        var start = [Int](repeating: 0, count: (newTokens.lazy.compactMap(\.last).max().map { Int($0) } ?? -1) + 2)
        for tokens in newTokens {
            var previous: Int32 = -1
            for token in tokens where token != previous {
                previous = token
                start[Int(token) + 1] += 1
            }
        }
        for id in start.indices.dropFirst() { start[id] += start[id - 1] }
        var postings = [Int](repeating: 0, count: start.last ?? 0)
        var fill = start
        for (position, tokens) in newTokens.enumerated() {
            var previous: Int32 = -1
            for token in tokens where token != previous {
                previous = token
                postings[fill[Int(token)]] = freeNew[position]
                fill[Int(token)] += 1
            }
        }
        var freeNewByGap: [Int: [Int]] = [:]
        for j in freeNew { freeNewByGap[gapOfNew[j], default: []].append(j) }
        var freeOldByGap: [Int: Int] = [:]
        for i in freeOld { freeOldByGap[gapOfOld[i], default: 0] += 1 }
        self.start = start
        self.postings = postings
        self.freeNewByGap = freeNewByGap
        self.freeOldByGap = freeOldByGap
    }

    /// The pairs of `olds` (free old sentences) worth taking, old sentence by old sentence. Hit
    /// counts live in an array indexed by new sentence with a list of the touched ones, so
    /// scoring a sentence hashes nothing.
    func scored(_ olds: ArraySlice<Int>) -> [Aligner.Scored] {
        var result: [Aligner.Scored] = []
        var hitCount = [Int](repeating: 0, count: new.count)
        var touched: [Int] = []
        for i in olds {
            let a = vocabulary.sortedTokens(ofKey: old.keyIDs[i])
            var previous: Int32 = -1
            for token in a where token != previous {
                previous = token
                let id = Int(token)
                guard id + 1 < start.count else { continue }
                let list = start[id]..<start[id + 1]
                guard !list.isEmpty, list.count <= configuration.candidatePostingLimit else { continue }
                for j in postings[list] {
                    if hitCount[j] == 0 { touched.append(j) }
                    hitCount[j] += 1
                }
            }
            let hits = touched.map { (key: $0, value: hitCount[$0]) }
            for j in touched { hitCount[j] = 0 }
            touched.removeAll(keepingCapacity: true)
            var list = hits.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
                .prefix(configuration.candidatesPerSentence).map(\.key)
            let gap = gapOfOld[i]
            if let inGap = freeNewByGap[gap], inGap.count <= configuration.exhaustiveGap,
                freeOldByGap[gap, default: 0] <= configuration.exhaustiveGap
            {
                for j in inGap where !list.contains(j) { list.append(j) }
            }
            for j in list {
                let b = vocabulary.sortedTokens(ofKey: new.keyIDs[j])
                let similarity = Overlap.dice(a, b)
                let sameGap = gapOfOld[i] == gapOfNew[j]
                var threshold = sameGap ? configuration.editThreshold : configuration.moveThreshold
                // (A sentence's sorted tokens are its tokens, reordered: the counts are the same.)
                if min(a.count, b.count) < configuration.shortSentenceWords {
                    threshold = max(threshold, configuration.shortSentenceThreshold)
                }
                if similarity >= threshold {
                    result.append((similarity + (sameGap ? configuration.sameGapBonus : 0), similarity, i, j, sameGap))
                }
            }
        }
        return result
    }
}
