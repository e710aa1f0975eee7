import Foundation
import StetDiff
import StetText
import Testing

/// A small seeded generator (SplitMix64) so generated texts are the same on every run.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

enum Generated {
    static let words = """
        the council said officials water city report police budget school river minister a of to in on
        while after during new old many residents protest election court judge ruled week month year
        hospital bridge road storm power company shares fell rose market talks peace army border village
        """.split(whereSeparator: \.isWhitespace).map(String.init)

    static func sentence(_ rng: inout SeededGenerator) -> String {
        let count = Int.random(in: 5...18, using: &rng)
        var parts = (0..<count).map { _ in words.randomElement(using: &rng) ?? "the" }
        parts[0] = parts[0].prefix(1).uppercased() + parts[0].dropFirst()
        return parts.joined(separator: " ") + "."
    }

    static func document(paragraphs: Int, seed: UInt64) -> Document {
        var rng = SeededGenerator(seed: seed)
        return Document(blocks: (0..<paragraphs).map { _ in
            Block(.paragraph, (0..<Int.random(in: 1...4, using: &rng)).map { _ in sentence(&rng) }.joined(separator: " "))
        })
    }
}

@Suite struct PropertyTests {
    /// Consecutive version files of the revision corpus (paths only; read on demand).
    static let corpusFilePairs: [(URL, URL)] = Fixtures.revisionSeries().flatMap { series in
        Array(zip(series, series.dropFirst()))
    }

    /// About `limit` consecutive-version pairs spread evenly over all sources.
    static func corpusPairs(limit: Int) -> [(Document, Document)] {
        let all = corpusFilePairs
        let stride = max(1, all.count / max(1, limit))
        return Swift.stride(from: 0, to: all.count, by: stride).compactMap { k in
            guard let x = Fixtures.read(all[k].0), let y = Fixtures.read(all[k].1) else { return nil }
            return (Document(plainText: x), Document(plainText: y))
        }
    }

    /// Every index appears at most once; the sentences outside all changes pair up in order with
    /// equal comparison keys (so every sentence that changed is in some change).
    static func checkAccounting(_ diff: ArticleDiff, _ label: String) {
        var seenOld = Set<Int>(), seenNew = Set<Int>()
        for change in diff.changes {
            for i in change.old { #expect(seenOld.insert(i).inserted, "\(label): old \(i) twice") }
            for j in change.new { #expect(seenNew.insert(j).inserted, "\(label): new \(j) twice") }
            switch change.kind {
            case .added: #expect(change.old.isEmpty && !change.new.isEmpty)
            case .removed: #expect(change.new.isEmpty && !change.old.isEmpty)
            case .edited: #expect(change.old.count == 1 && change.new.count == 1)
            case .split: #expect(change.old.count == 1 && change.new.count > 1)
            case .merged: #expect(change.old.count > 1 && change.new.count == 1)
            case .moved: #expect(!change.old.isEmpty && change.old.count == change.new.count)
            }
        }
        let restOld = diff.sentences.old.indices.filter { !seenOld.contains($0) }.map { Normalizer.comparisonKey(diff.sentences.old[$0]) }
        let restNew = diff.sentences.new.indices.filter { !seenNew.contains($0) }.map { Normalizer.comparisonKey(diff.sentences.new[$0]) }
        #expect(restOld == restNew, "\(label): unchanged sentences differ")
    }

    @Test func identicalVersionsHaveNoChanges() {
        for (a, b) in Self.corpusPairs(limit: 60) {
            for document in [a, b] {
                let diff = Differ().diff(old: document, new: document)
                #expect(diff.changes.isEmpty)
                #expect(diff.summary == "No change")
            }
        }
        for seed in 1...20 as ClosedRange<UInt64> {
            let document = Generated.document(paragraphs: 8, seed: seed)
            #expect(Differ().diff(old: document, new: document).changes.isEmpty)
        }
    }

    @Test func corpusDiffsAccountForEverySentence() {
        for (index, (a, b)) in Self.corpusPairs(limit: 80).enumerated() {
            Self.checkAccounting(Differ().diff(old: a, new: b), "pair \(index)")
        }
    }

    /// Preparing the versions and finding their quotations on two threads (what a large article
    /// gets, `DiffConfiguration.parallelBytes`) changes nothing in the result: every corpus pair,
    /// both ways, and the sample series' pairs, with the work split on every pair.
    @Test func twoThreadsGiveTheSameDiff() throws {
        var parallel = DiffConfiguration.default
        parallel.parallelBytes = 1
        var serial = DiffConfiguration.default
        serial.parallelBytes = 0
        var pairs = Self.corpusPairs(limit: 120)
        for seed in 1...10 as ClosedRange<UInt64> {
            pairs.append((Generated.document(paragraphs: 12, seed: seed), Generated.document(paragraphs: 12, seed: seed + 100)))
        }
        #expect(pairs.count > 100)
        for (index, (a, b)) in pairs.enumerated() {
            for (old, new) in [(a, b), (b, a)] {
                let one = Differ(configuration: serial).diff(old: old, new: new)
                let two = Differ(configuration: parallel).diff(old: old, new: new)
                #expect(one == two, "pair \(index)")
                #expect(Differ(configuration: serial).align(old: old, new: new) == Differ(configuration: parallel).align(old: old, new: new))
            }
        }
    }

    @Test func swappingSidesSwapsKinds() {
        for (a, b) in Self.corpusPairs(limit: 80) {
            let forward = Differ().diff(old: a, new: b).counts
            let backward = Differ().diff(old: b, new: a).counts
            #expect(forward.added == backward.removed && forward.removed == backward.added)
            #expect(forward.split == backward.merged && forward.merged == backward.split)
            #expect(forward.edited == backward.edited && forward.moved == backward.moved)
        }
    }

    @Test func movingAParagraphYieldsOnlyMoved() {
        var checked = 0
        for (a, _) in Self.corpusPairs(limit: 60) where a.blocks.count >= 4 {
            let keys = a.blocks.map { Normalizer.comparisonKey($0.text) }
            guard Set(keys).count == keys.count else { continue }
            var blocks = a.blocks
            let moved = blocks.remove(at: 1)
            blocks.append(moved)
            let diff = Differ().diff(old: a, new: Document(blocks: blocks))
            #expect(!diff.changes.isEmpty)
            #expect(diff.changes.allSatisfy { $0.kind == .moved }, "\(diff.changes.map(\.kind))")
            #expect(diff.summary.hasPrefix("Moved"))
            checked += 1
        }
        #expect(checked > 10)
    }

    @Test func generatedEditsAreAccountedFor() {
        for seed in 1...30 as ClosedRange<UInt64> {
            var rng = SeededGenerator(seed: seed * 7919)
            let a = Generated.document(paragraphs: 10, seed: seed)
            var blocks = a.blocks
            // A few random edits: drop, insert, reword, swap.
            for _ in 0..<4 {
                let k = Int.random(in: 0..<blocks.count, using: &rng)
                switch Int.random(in: 0..<4, using: &rng) {
                case 0 where blocks.count > 2: blocks.remove(at: k)
                case 1: blocks.insert(Block(.paragraph, Generated.sentence(&rng)), at: k)
                case 2: blocks[k].text = blocks[k].text.replacingOccurrences(of: " the ", with: " a ")
                default: blocks.swapAt(k, Int.random(in: 0..<blocks.count, using: &rng))
                }
            }
            let b = Document(blocks: blocks)
            Self.checkAccounting(Differ().diff(old: a, new: b), "seed \(seed)")
            Self.checkAccounting(Differ().diff(old: b, new: a), "seed \(seed) swapped")
        }
    }

    @Test func oddInputDoesNotCrash() {
        let cases: [String] = [
            "",
            "   \n\n  \n",
            "\"",
            "\"Unbalanced quote. It never closes. \"Nor does this one",
            "He said: \u{201C}open and never closed. And more. And more.",
            String(repeating: "\u{0}\u{1}\u{FFFD}\u{7F}", count: 500),
            String(decoding: (0..<4000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }, as: UTF8.self),
            String(repeating: "....!!!???", count: 300),
            String(repeating: "'", count: 999) + String(repeating: "\"", count: 1001),
            "1,000,000 $5bn 3.5% 10-12 at least one of the 9:20 a.m. 1/3/24 COVID-19 2022",
        ]
        for x in cases {
            for y in cases {
                let diff = Differ().diff(old: Document(plainText: x), new: Document(plainText: y))
                Self.checkAccounting(diff, "odd input")
            }
        }
    }

    /// One enormous sentence full of apostrophes, quote marks and speech verbs stays fast (the
    /// recognizers look at bounded windows, not at everything before each mark).
    @Test(.timeLimit(.minutes(1))) func longSentenceIsBounded() {
        let unit = "it's what the officials' report said, 'they said' and \"he said\" again, "
        let text = String(repeating: unit, count: 2_000)
        let clock = ContinuousClock()
        let elapsed = clock.measure {
            let diff = Differ().diff(old: Document(plainText: text), new: Document(plainText: text + " Done."))
            #expect(!diff.changes.isEmpty)
        }
        #expect(elapsed < .seconds(20))
    }

    /// 20,000-sentence inputs finish in bounded time (debug build), including the pathological
    /// shapes that defeat anchors: identical sentences and unrelated texts.
    @Test(.timeLimit(.minutes(1))) func hugeInputIsBounded() {
        var rng = SeededGenerator(seed: 42)
        let sentences = (0..<20_000).map { _ in Generated.sentence(&rng) }
        func document(_ list: [String]) -> Document {
            Document(blocks: Swift.stride(from: 0, to: list.count, by: 5).map { Block(.paragraph, list[$0..<min($0 + 5, list.count)].joined(separator: " ")) })
        }
        var edited = sentences
        for k in Swift.stride(from: 0, to: edited.count, by: 37) { edited[k] = Generated.sentence(&rng) }
        let clock = ContinuousClock()
        let start = clock.now
        var elapsed = clock.measure {
            let diff = Differ().diff(old: document(sentences), new: document(edited))
            #expect(diff.counts.edited + diff.counts.added > 0)
        }
        #expect(elapsed < .seconds(20))
        let same = Array(repeating: "The same sentence again.", count: 20_000)
        elapsed = clock.measure {
            let diff = Differ().diff(old: document(same), new: document(Array(same.dropLast(7))))
            #expect(diff.counts.removed >= 1)
        }
        #expect(elapsed < .seconds(20))
        let other = (0..<20_000).map { _ in Generated.sentence(&rng) }
        elapsed = clock.measure {
            _ = Differ().diff(old: document(sentences), new: document(other))
        }
        #expect(elapsed < .seconds(30))
        #expect(clock.now - start < .seconds(60))
    }
}
