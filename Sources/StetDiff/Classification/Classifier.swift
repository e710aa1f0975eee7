import Foundation
import StetText

/// Turns an alignment into the changes an editor would name, with facets and significance.
///
/// Reasoning. Links that are not `unchanged` become changes. Runs of added sentences in one
/// paragraph form one `added` change (a statement may span sentences, like a quote in two
/// sentences or an update note cut at "a.m."); likewise removed runs, and runs of moved sentences
/// that stay consecutive on both sides (a moved paragraph is one change). Each change then gets:
///
/// - a **note** facet when it touches an update, correction or editor's note paragraph, or the
///   headline, byline or dateline (those changes carry no quote or figure facets);
/// - **quote** facets: the quotations inside the change's old and new sentences are paired by word
///   similarity; unpaired ones are added or removed, paired ones whose words differ beyond a minor
///   edit, or whose named speaker changed (not merely re-spelled), are edited;
/// - **figure** facets (paired changes only: an added or removed statement is news as a whole):
///   figures equal on both sides cancel out; the rest pair by subject, then by order, as changed;
///   leftovers are added or removed;
/// - a **significance**: added, removed and moved are substantive; an edit, split or merge is minor
///   when it has no quote or figure facet and its words are the same up to case and punctuation, or
///   every difference (a run of dropped words against a run of added words) is one word replaced by
///   a near spelling (`typoDistance`), an accent, or an inflection (`inflectionSuffix`), words joined
///   or split, the same number in digits or words, a plural ending, or a few
///   function words (`functionWordEdits`: articles, prepositions, auxiliaries) added, dropped or
///   swapped. Changed numbers and negations are never minor.
///
/// - Complexity: O(N) over the sentences plus O(a·b) word LCS for each edited pair (sentences are short).
struct Classifier {
    let configuration: DiffConfiguration
    let old: PreparedSide
    let new: PreparedSide
    /// The words of the sentences' keys, frozen once every sentence a change reads has its words
    /// (`changes(from:vocabulary:team:)`); empty before.
    private(set) var vocabulary = FrozenVocabulary()
    let oldQuotes: QuoteRecognizer.Scan
    let newQuotes: QuoteRecognizer.Scan
    let oldNotes: [NoteFacet.Kind?]
    let newNotes: [NoteFacet.Kind?]

    /// Quotes are scanned only around changed blocks that can hold a quotation (two blocks before,
    /// for multi-paragraph quotes and pronoun speakers, and one after, for trailing attributions).
    /// A change that touches a note or metadata sentence takes a note facet instead of quote facets,
    /// and a block no quotation can touch gives none: neither widens the scan.
    /// With a `team`, the two versions' quotations are found on two threads.
    init(
        configuration: DiffConfiguration, old: PreparedSide, new: PreparedSide, alignment: Alignment, team: Team? = nil
    ) {
        self.configuration = configuration
        self.old = old
        self.new = new
        let oldNotes = Self.notes(old), newNotes = Self.notes(new)
        self.oldNotes = oldNotes
        self.newNotes = newNotes
        let oldBlocks = old.blocks.map(\.sentences), newBlocks = new.blocks.map(\.sentences)
        // The blocks around each change (two before, one after), by block index; whether a block
        // can hold a quotation is found once (nil: not yet asked).
        var relevantOld = [Bool](repeating: false, count: old.blocks.count)
        var relevantNew = [Bool](repeating: false, count: new.blocks.count)
        var quotableOld = [Bool?](repeating: nil, count: old.blocks.count)
        var quotableNew = [Bool?](repeating: nil, count: new.blocks.count)
        func mark(_ b: Int, _ relevant: inout [Bool], _ quotable: inout [Bool?], _ side: PreparedSide, _ blocks: [Range<Int>]) {
            if quotable[b] == nil { quotable[b] = QuoteRecognizer.mayHoldQuotation(sentences: side.texts, block: blocks[b]) }
            guard quotable[b] == true else { return }
            for r in max(0, b - 2)...min(blocks.count - 1, b + 1) { relevant[r] = true }
        }
        // By index: most links are unchanged, and reading the kind in place copies no link.
        for index in alignment.links.indices where alignment.links[index].kind != .unchanged {
            let link = alignment.links[index]
            if link.oldSide.contains(where: { oldNotes[$0] != nil }) || link.newSide.contains(where: { newNotes[$0] != nil }) { continue }
            for i in link.oldSide { mark(old.blockOf[i], &relevantOld, &quotableOld, old, oldBlocks) }
            for j in link.newSide { mark(new.blockOf[j], &relevantNew, &quotableNew, new, newBlocks) }
        }
        let oldTexts = old.texts, newTexts = new.texts, oldRelevant = relevantOld, newRelevant = relevantNew
        let scanOld: @Sendable () -> QuoteRecognizer.Scan = {
            QuoteRecognizer.scan(sentences: oldTexts, blocks: oldBlocks, configuration: configuration, relevant: oldRelevant)
        }
        let scanNew: @Sendable () -> QuoteRecognizer.Scan = {
            QuoteRecognizer.scan(sentences: newTexts, blocks: newBlocks, configuration: configuration, relevant: newRelevant)
        }
        (oldQuotes, newQuotes) = team?.both(scanOld, scanNew) ?? (scanOld(), scanNew())
    }

    static func notes(_ side: PreparedSide) -> [NoteFacet.Kind?] {
        var result = [NoteFacet.Kind?](repeating: nil, count: side.count)
        for (index, block) in side.blocks.enumerated() {
            let kind: NoteFacet.Kind?
            switch block.role {
            case .headline: kind = .headline
            case .byline: kind = .byline
            case .dateline: kind = .dateline
            default: kind = side.blockNotes[index]
            }
            for s in block.sentences { result[s] = kind }
        }
        return result
    }

    /// Whether a change is a typo-level (spelling) fix, kept for the summary.
    struct Classified {
        var change: Change
        var isTypo: Bool
    }

    /// The changes of `alignment`, classified. The words of the sentences a change reads (those of
    /// changes with sentences on both sides: edits, splits, merges, moves) are made with
    /// `vocabulary` first; the changes are then classified from a frozen copy of it, with
    /// a `team` on two threads, each taking the next change when it is done with one (longest first).
    func changes(from alignment: Alignment, vocabulary: Vocabulary, team: Team? = nil) -> [Classified] {
        var groups: [Alignment.Link] = []
        for index in alignment.links.indices where alignment.links[index].kind != .unchanged {
            let link = alignment.links[index]
            if let last = groups.last, canJoin(last, link) {
                groups[groups.count - 1].old += link.old
                groups[groups.count - 1].new += link.new
                groups[groups.count - 1].similarity = min(last.similarity, link.similarity)
            } else {
                groups.append(link)
            }
        }
        for group in groups where !group.oldSide.isEmpty && !group.newSide.isEmpty {
            for i in group.oldSide { _ = vocabulary.tokens(ofKey: old.keyIDs[i]) }
            for j in group.newSide { _ = vocabulary.tokens(ofKey: new.keyIDs[j]) }
        }
        var reader = self
        reader.vocabulary = vocabulary.frozen
        guard let team, groups.count > 1 else { return groups.map(reader.classify) }
        // The longest changes first (by the bytes of their sentences), so that neither thread is
        // left with a long one at the end; the results go back in the changes' order.
        func bytes(_ group: Alignment.Link) -> Int {
            var total = 0
            for i in group.oldSide { total += old.texts[i].utf8.count }
            for j in group.newSide { total += new.texts[j].utf8.count }
            return total
        }
        let order = groups.indices.map { ($0, bytes(groups[$0])) }.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }.map(\.0)
        let frozen = reader, all = groups
        let done = team.map(all.count) { frozen.classify(all[order[$0]]) }
        var positionOf = [Int](repeating: 0, count: order.count)
        for (position, index) in order.enumerated() { positionOf[index] = position }
        return positionOf.map { done[$0] }
    }

    private func canJoin(_ a: Alignment.Link, _ b: Alignment.Link) -> Bool {
        guard a.kind == b.kind else { return false }
        switch a.kind {
        case .added:
            guard let last = a.newSide.last, let next = b.newSide.first else { return false }
            return next == last + 1 && new.blockOf[last] == new.blockOf[next] && newNotes[last] == newNotes[next]
        case .removed:
            guard let last = a.oldSide.last, let next = b.oldSide.first else { return false }
            return next == last + 1 && old.blockOf[last] == old.blockOf[next] && oldNotes[last] == oldNotes[next]
        case .moved:
            guard let lastOld = a.oldSide.last, let nextOld = b.oldSide.first, let lastNew = a.newSide.last, let nextNew = b.newSide.first
            else { return false }
            return nextOld == lastOld + 1 && nextNew == lastNew + 1
        default:
            return false
        }
    }

    private func classify(_ link: Alignment.Link) -> Classified {
        let kind: ChangeKind
        switch link.kind {
        case .added: kind = .added
        case .removed: kind = .removed
        case .edited, .unchanged: kind = .edited
        case .moved: kind = .moved
        case .split: kind = .split
        case .merged: kind = .merged
        }
        var facets: [Facet] = []
        var reattributed = false
        let noteKind = link.newSide.lazy.compactMap { newNotes[$0] }.first ?? link.oldSide.lazy.compactMap { oldNotes[$0] }.first
        if let noteKind {
            let oldText = link.oldSide.map { old.texts[$0] }.joined(separator: " ")
            let newText = link.newSide.map { new.texts[$0] }.joined(separator: " ")
            let change: FacetChange = link.oldSide.isEmpty ? .added : link.newSide.isEmpty ? .removed : .edited
            if !(kind == .moved && link.similarity >= 1) {
                facets.append(.note(NoteFacet(
                    change: change, kind: noteKind, old: link.oldSide.isEmpty ? nil : oldText,
                    new: link.newSide.isEmpty ? nil : newText)))
            }
        } else {
            let quotes = quoteFacets(link)
            facets += quotes.facets
            reattributed = quotes.reattributed
            // Figures are facts about a rewrite; an added or removed statement is news as a whole.
            if !link.oldSide.isEmpty && !link.newSide.isEmpty { facets += figureFacets(link) }
        }
        var significance = Significance.substantive
        var isTypo = false
        if kind == .edited || kind == .split || kind == .merged {
            // Figures always matter; a quote added, removed or re-attributed matters; a quote whose
            // words were only re-spelled follows the word-level verdict below.
            let hasFact = facets.contains {
                switch $0 {
                case .figure: return true
                case .quote(let quote): return quote.change != .edited
                case .note: return false
                }
            }
            if !hasFact && !reattributed {
                let verdict = minorVerdict(
                    Array(link.oldSide.map { tokens(old, $0) }.joined()), Array(link.newSide.map { tokens(new, $0) }.joined()))
                if verdict.minor {
                    significance = .minor
                    isTypo = verdict.typo
                }
            }
        }
        let similarity: Double? = (link.oldSide.isEmpty || link.newSide.isEmpty) ? nil : (link.similarity * 1000).rounded() / 1000
        return Classified(
            change: Change(kind: kind, old: link.old, new: link.new, significance: significance, facets: facets, similarity: similarity),
            isTypo: isTypo)
    }

    // MARK: Quotes


    /// The quotations touching `sentences`: the words inside those sentences (`text`), the whole
    /// quotation (`whole`, which may run on into unchanged sentences), and the speaker.
    private func quotes(_ scan: QuoteRecognizer.Scan, _ sentences: LinkSide) -> [(text: String, whole: String, speaker: String?)] {
        var order: [Int] = []
        var texts: [Int: [String]] = [:]
        for s in sentences {
            for part in scan.parts[s] {
                if texts[part.quote] == nil { order.append(part.quote) }
                texts[part.quote, default: []].append(part.text)
            }
        }
        return order.map { (texts[$0, default: []].joined(separator: " "), scan.quotations[$0].text, scan.quotations[$0].speaker) }
    }

    /// Quote facets of a change, and whether a kept quote changed speaker (always substantive).
    private func quoteFacets(_ link: Alignment.Link) -> (facets: [Facet], reattributed: Bool) {
        let before = quotes(oldQuotes, link.oldSide)
        let after = quotes(newQuotes, link.newSide)
        if before.isEmpty && after.isEmpty { return ([], false) }
        var reattributed = false
        var usedOld = Set<Int>()
        var facets: [Facet] = []
        let oldWords = before.map { Normalizer.words($0.text).sorted() }
        for quote in after {
            let words = Normalizer.words(quote.text).sorted()
            var best: (index: Int, score: Double)?
            for (index, candidate) in oldWords.enumerated() where !usedOld.contains(index) {
                let score = Self.dice(words, candidate)
                if score >= configuration.quotePairThreshold, score > (best?.score ?? 0) { best = (index, score) }
            }
            if let best {
                usedOld.insert(best.index)
                let previous = before[best.index]
                let sameText = Normalizer.comparisonKey(previous.text) == Normalizer.comparisonKey(quote.text)
                // A different speaker, not the same name re-spelled ("Whitford" → "Whitfield").
                var speakerChanged = false
                if let before = previous.speaker, let after = quote.speaker, before != after {
                    speakerChanged = !minorVerdict(words: Normalizer.words(before), Normalizer.words(after)).minor
                }
                if speakerChanged { reattributed = true }
                // A quote whose words changed only in spelling or punctuation is not a quote change.
                // Quotations are verbatim: function words added or dropped inside the marks change
                // what someone is reported to have said, so they give a facet here; significance
                // still follows the word-level verdict (annotators call such edits fluency).
                let wordsChanged = !sameText && !minorVerdict(
                    words: Normalizer.words(previous.text), Normalizer.words(quote.text), functionWords: false).minor
                if wordsChanged || speakerChanged {
                    // An edited quotation is shown whole, also when it runs over unchanged sentences.
                    facets.append(.quote(QuoteFacet(change: .edited, old: previous.whole, new: quote.whole, speaker: quote.speaker ?? previous.speaker)))
                }
            } else if !link.oldSide.isEmpty, Self.containment(words, in: oldSideWords(link)) >= configuration.quoteMarkContainment {
                // The words were already there: quote marks were added, not a quotation.
                continue
            } else {
                facets.append(.quote(QuoteFacet(change: .added, old: nil, new: quote.text, speaker: quote.speaker)))
            }
        }
        for (index, quote) in before.enumerated() where !usedOld.contains(index) {
            if !link.newSide.isEmpty, Self.containment(oldWords[index], in: newSideWords(link)) >= configuration.quoteMarkContainment { continue }
            facets.append(.quote(QuoteFacet(change: .removed, old: quote.text, new: nil, speaker: quote.speaker)))
        }
        return (facets, reattributed)
    }

    /// The word-token ids of sentence `s` of `side`, in order.
    private func tokens(_ side: PreparedSide, _ s: Int) -> [Int32] {
        vocabulary.tokens(ofKey: side.keyIDs[s])
    }

    private func oldSideWords(_ link: Alignment.Link) -> [String] {
        let words = vocabulary.words
        return link.oldSide.flatMap { tokens(old, $0) }.map { words[Int($0)] }.sorted()
    }

    private func newSideWords(_ link: Alignment.Link) -> [String] {
        let words = vocabulary.words
        return link.newSide.flatMap { tokens(new, $0) }.map { words[Int($0)] }.sorted()
    }

    /// Share of the sorted words `part` found in the sorted words `whole`.
    static func containment(_ part: [String], in whole: [String]) -> Double {
        if part.isEmpty { return 1 }
        var i = 0, j = 0, shared = 0
        while i < part.count && j < whole.count {
            if part[i] == whole[j] { shared += 1; i += 1; j += 1 } else if part[i] < whole[j] { i += 1 } else { j += 1 }
        }
        return Double(shared) / Double(part.count)
    }

    static func dice(_ a: [String], _ b: [String]) -> Double {
        if a.isEmpty && b.isEmpty { return 1 }
        var i = 0, j = 0, shared = 0
        while i < a.count && j < b.count {
            if a[i] == b[j] { shared += 1; i += 1; j += 1 } else if a[i] < b[j] { i += 1 } else { j += 1 }
        }
        return 2 * Double(shared) / Double(a.count + b.count)
    }

    // MARK: Figures

    private func figureFacets(_ link: Alignment.Link) -> [Facet] {
        // Cheap check on the interned words first: a sentence with no number word has no figure.
        func hasNumber(_ side: PreparedSide, _ s: Int) -> Bool {
            let words = vocabulary.words
            return tokens(side, s).contains { id in
                let word = words[Int(id)]
                return word.utf8.first.map { $0 >= 0x30 && $0 <= 0x39 } ?? false
                    || FigureRecognizer.mayBeNumberWord(word)
                    && (FigureRecognizer.units[word] != nil || FigureRecognizer.vagueNumbers.contains(word))
            }
        }
        var before = link.oldSide.flatMap { hasNumber(old, $0) ? FigureRecognizer.figures(in: old.texts[$0]) : [] }
        var after = link.newSide.flatMap { hasNumber(new, $0) ? FigureRecognizer.figures(in: new.texts[$0]) : [] }
        if before.isEmpty && after.isEmpty { return [] }
        // Equal values cancel out.
        var k = 0
        while k < after.count {
            if let match = before.firstIndex(where: { $0.key == after[k].key }) {
                before.remove(at: match)
                after.remove(at: k)
            } else {
                k += 1
            }
        }
        var facets: [Facet] = []
        // Same subject, then order.
        var pairs: [(Figure, Figure)] = []
        k = 0
        while k < after.count {
            if let subject = after[k].subject, let match = before.firstIndex(where: { $0.subject == subject }) {
                pairs.append((before.remove(at: match), after.remove(at: k)))
            } else {
                k += 1
            }
        }
        if link.kind != .added && link.kind != .removed {
            while !before.isEmpty && !after.isEmpty {
                pairs.append((before.removeFirst(), after.removeFirst()))
            }
        }
        for (a, b) in pairs {
            facets.append(.figure(FigureFacet(change: .changed, old: a.value, new: b.value, subject: b.subject ?? a.subject)))
        }
        for figure in after { facets.append(.figure(FigureFacet(change: .added, old: nil, new: figure.value, subject: figure.subject))) }
        for figure in before { facets.append(.figure(FigureFacet(change: .removed, old: figure.value, new: nil, subject: figure.subject))) }
        return facets
    }

    // MARK: Significance

    /// Minor when the words match up to case and punctuation, or every difference is a near
    /// spelling of one word or words joined or split.
    func minorVerdict(_ a: [Int32], _ b: [Int32]) -> (minor: Bool, typo: Bool) {
        // The same word ids are the same words (what the word lists' comparison below answers first).
        if a == b { return (true, false) }
        let words = vocabulary.words
        let wordsA = a.map { words[Int($0)] }, wordsB = b.map { words[Int($0)] }
        // Equal ids are equal words; for ASCII words (almost all) different ids are different
        // words too, so the ids can stand in for them in the table. Other words may be equal as
        // `String`s (canonically equivalent) with different bytes: they go by their text.
        let isASCII = vocabulary.wordIsASCII
        let ascii = a.allSatisfy { isASCII[Int($0)] } && b.allSatisfy { isASCII[Int($0)] }
        return minorVerdict(words: wordsA, wordsB, codes: ascii ? (a, b) : nil)
    }

    /// The same verdict over lowercased word lists.
    /// With `functionWords` false, function words added, dropped or swapped are not minor (quotes).
    /// `codes`, when given, are integers equal exactly where the words are equal.
    func minorVerdict(
        words a: [String], _ b: [String], functionWords allowFunctionWords: Bool = true, codes: (a: [Int32], b: [Int32])? = nil
    ) -> (minor: Bool, typo: Bool) {
        if a == b { return (true, false) }
        let n = a.count, m = b.count
        guard n * m <= configuration.maxWordTableCells else { return (false, false) }
        let (x, y) = codes ?? Self.codes(a, b)
        // A common prefix is matched word for word by the walk below, whatever the table says
        // about it: the table starts after it.
        var prefix = 0
        while prefix < n && prefix < m && x[prefix] == y[prefix] { prefix += 1 }
        // table.length(i - prefix, j - prefix): the LCS length of x[i...] and y[j...].
        let table = SuffixLCS(x[prefix...], y[prefix...])
        var i = prefix, j = prefix
        var deleted: [String] = [], inserted: [String] = []
        var typo = false
        func settle() -> Bool {
            defer { deleted.removeAll(); inserted.removeAll() }
            if deleted.isEmpty && inserted.isEmpty { return true }
            let d = deleted, s = inserted
            if d.joined() == s.joined() { typo = true; return true }
            // The same number in digits or words ("31" → "thirty-one").
            if let x = NumberWords.value(d.joined(separator: "-")), let y = NumberWords.value(s.joined(separator: "-")), x.value == y.value { return true }
            if d.count == 1 && s.count == 1 && isTypo(d[0], s[0]) { typo = true; return true }
            // Grammar-level fluency: only function words added, dropped or swapped.
            if allowFunctionWords, d.count + s.count <= configuration.functionWordEdits, (d + s).allSatisfy(Self.functionWords.contains) { return true }
            return false
        }
        while i < n || j < m {
            if i < n && j < m && x[i] == y[j] {
                if !settle() { return (false, false) }
                i += 1; j += 1
            } else if i < n && (j == m || table.length(i + 1 - prefix, j - prefix) >= table.length(i - prefix, j + 1 - prefix)) {
                deleted.append(a[i]); i += 1
            } else {
                inserted.append(b[j]); j += 1
            }
        }
        if !settle() { return (false, false) }
        return (true, typo)
    }

    /// A small integer for each distinct word of `a` and `b` (words equal as `String`s share one).
    private static func codes(_ a: [String], _ b: [String]) -> (a: [Int32], b: [Int32]) {
        var codeOf: [String: Int32] = [:]
        codeOf.reserveCapacity(a.count + b.count)
        func code(_ word: String) -> Int32 {
            if let known = codeOf[word] { return known }
            let new = Int32(codeOf.count)
            codeOf[word] = new
            return new
        }
        return (a.map(code), b.map(code))
    }

    /// Articles, prepositions, auxiliaries, conjunctions and relative words: adding, dropping or
    /// swapping a few of them is a grammar fix, not a change of meaning. Negations are not here.
    static let functionWords: Set<String> = [
        "the", "a", "an", "that", "which", "who", "whom", "of", "in", "on", "at", "to", "for", "from", "by", "with",
        "as", "is", "are", "was", "were", "be", "been", "being", "has", "have", "had", "and", "or", "its", "it", "s",
        "this", "these", "those", "there", "their", "then", "than", "into", "onto", "upon", "also", "so", "do", "does",
        "did", "such", "while", "whilst", "about", "over", "per", "both", "either", "whether", "some", "any",
        "after", "before", "because", "but", "if", "though", "although", "until", "since", "between", "through",
        "during", "within", "without", "under", "against", "among", "across", "toward", "towards", "via", "around",
        "near", "off", "out", "up", "down", "onto", "whose", "what", "where", "when", "how", "yet", "thus",
    ]

    private func isTypo(_ a: String, _ b: String) -> Bool {
        if a.contains(where: \.isNumber) || b.contains(where: \.isNumber) { return false }
        // Accents added or dropped: "Vucic" → "Vučić".
        // (ASCII words carry no diacritics: folding leaves two of them as they are, and they differ.)
        if !(a.utf8.allSatisfy { $0 < 0x80 } && b.utf8.allSatisfy { $0 < 0x80 }),
            a.folding(options: .diacriticInsensitive, locale: nil) == b.folding(options: .diacriticInsensitive, locale: nil)
        {
            return true
        }
        // Inflection: the same stem with a short different ending ("announces" → "announced").
        let x = Array(a), y = Array(b)
        var shared = 0
        while shared < min(x.count, y.count) && x[shared] == y[shared] { shared += 1 }
        if shared >= 3, x.count - shared <= configuration.inflectionSuffix, y.count - shared <= configuration.inflectionSuffix { return true }
        // Plural: "MP" → "MPs".
        if b == a + "s" || a == b + "s" || b == a + "es" || a == b + "es" { return true }
        // Abbreviation: "Mar." → "March".
        if shared >= 3, shared == min(x.count, y.count) { return true }
        let shorter = min(a.count, b.count)
        // Three-letter words allow one inserted or dropped letter ("aand" → "and"), not a swap.
        let allowed = shorter >= 6 ? configuration.typoDistance
            : shorter >= 4 || (shorter == 3 && a.count != b.count) ? min(1, configuration.typoDistance) : 0
        if allowed == 0 { return false }
        return Self.editDistance(Array(a), Array(b), limit: allowed) <= allowed
    }

    /// Levenshtein distance, stopping early above `limit`.
    static func editDistance(_ a: [Character], _ b: [Character], limit: Int) -> Int {
        if abs(a.count - b.count) > limit { return limit + 1 }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...max(a.count, 1) where !a.isEmpty {
            current[0] = i
            var rowMin = current[0]
            for j in 1...max(b.count, 1) where !b.isEmpty {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
                rowMin = min(rowMin, current[j])
            }
            if rowMin > limit { return limit + 1 }
            swap(&previous, &current)
        }
        return a.isEmpty ? b.count : previous[b.count]
    }
}
