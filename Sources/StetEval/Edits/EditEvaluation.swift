import Foundation
import StetDiff
import StetText

/// Scores the differ on generated news updates with known truth.
///
/// Reasoning. Real revision corpora have few quotes, figures and moves, so this generator makes
/// them: it takes a corpus text (the v1 of each revision case) as the article body, adds two quoted
/// paragraphs with speakers and a casualty figure, and then applies several typed edits at once,
/// recording what an editor would say changed:
/// - **quote added** (a new attributed quote paragraph), **quote trimmed** (words cut from the end of
///   a quote), **quote re-attributed** (same words, other speaker); quotes come in ten attribution
///   styles (`QuoteStyle`: said before or after the name, a colon, "told reporters", "according
///   to", "added", a statement, single typographic quotes, a quote over two sentences, and a pronoun
///   whose antecedent is the sentence before);
/// - **figure changed with the sentence reworded** ("14 people were injured …, officials said" →
///   "Officials now say 21 people were injured …");
/// - **sentence moved and edited** (to the end of a paragraph at least two paragraphs away, with a
///   word inserted);
/// - **paragraphs split or joined** (no sentence changes: must produce no change);
/// - **typo** (two inner letters of a long word swapped: a minor edit);
/// - **update note** appended.
/// Control pairs change only line wrapping and quote style and must produce no change at all.
///
/// Scores: quote precision and recall (facet change kind and words must match), speaker accuracy
/// (on matched quotes), figure precision and recall (old and new value), move recall, significance
/// accuracy (typos minor, reworded figures, trims and moved edits substantive), and the share of
/// control pairs with no change.
///
/// - Complexity: one diff per generated pair.
public enum EditEvaluation {
    public struct Report: Sendable, Codable, Hashable {
        public var pairs = 0
        public var quoteTruth = 0, quotePredicted = 0, quoteMatchedTruth = 0, quoteMatchedPredicted = 0
        public var speakerScored = 0, speakerCorrect = 0
        public var figureTruth = 0, figurePredicted = 0, figureMatchedTruth = 0, figureMatchedPredicted = 0
        public var moveTruth = 0, moveFound = 0
        public var significanceScored = 0, significanceCorrect = 0
        public var noteTruth = 0, noteFound = 0
        public var controlPairs = 0, controlClean = 0
        public var examples: [String] = []

        public init() {}

        static func ratio(_ a: Int, _ b: Int) -> Double { b == 0 ? 1 : Double(a) / Double(b) }
        public var quotePrecision: Double { Self.ratio(quoteMatchedPredicted, quotePredicted) }
        public var quoteRecall: Double { Self.ratio(quoteMatchedTruth, quoteTruth) }
        public var speakerAccuracy: Double { Self.ratio(speakerCorrect, speakerScored) }
        public var figurePrecision: Double { Self.ratio(figureMatchedPredicted, figurePredicted) }
        public var figureRecall: Double { Self.ratio(figureMatchedTruth, figureTruth) }
        public var moveRecall: Double { Self.ratio(moveFound, moveTruth) }
        public var significanceAccuracy: Double { Self.ratio(significanceCorrect, significanceScored) }
        public var noteRecall: Double { Self.ratio(noteFound, noteTruth) }
        public var noFalseChange: Double { Self.ratio(controlClean, controlPairs) }

        public var text: String {
            """
            pairs: \(pairs) edited + \(controlPairs) control
            quote precision: \(format(quotePrecision)) (\(quoteMatchedPredicted)/\(quotePredicted))  recall: \(format(quoteRecall)) (\(quoteMatchedTruth)/\(quoteTruth))
            speaker accuracy: \(format(speakerAccuracy)) (\(speakerCorrect)/\(speakerScored))
            figure precision: \(format(figurePrecision)) (\(figureMatchedPredicted)/\(figurePredicted))  recall: \(format(figureRecall)) (\(figureMatchedTruth)/\(figureTruth))
            move recall: \(format(moveRecall)) (\(moveFound)/\(moveTruth))
            significance accuracy: \(format(significanceAccuracy)) (\(significanceCorrect)/\(significanceScored))
            update notes found: \(format(noteRecall)) (\(noteFound)/\(noteTruth))
            no false change (wrapping, quote style): \(format(noFalseChange)) (\(controlClean)/\(controlPairs))
            """
        }
    }

    /// What the generator did to one pair.
    struct Truth: Sendable {
        var quotes: [PlantedQuote] = []
        var figures: [PlantedFigure] = []
        var moved: [String] = []
        var minor: [String] = []
        var substantive: [String] = []
        var notes = 0
    }

    struct PlantedQuote: Sendable { var change: FacetChange, text: String, speaker: String }
    struct PlantedFigure: Sendable { var old: String, new: String }

    static let speakers = [
        "Maria Lopez", "John Okafor", "Ingrid Halvorsen", "a police spokesperson", "the interior ministry",
        "Deputy Mayor Ravi Patel", "a spokesperson for the regional government", "Chen Wei", "the company",
        "Amira Haddad",
    ]
    static let places = ["the northern district", "the port city", "two villages near the border", "the capital", "the old town"]

    /// One generated case: an edited pair with its truth, and a control pair (same old text, new
    /// text that only changes line wrapping and quote style).
    public struct Case: Sendable {
        /// The old version's paragraphs.
        public var old: [String]
        /// The edited version's paragraphs.
        public var new: [String]
        /// The control version as plain text (paragraphs separated by blank lines, wrapped lines).
        public var control: String
        var truth: Truth

        /// The old version as plain text (paragraphs separated by blank lines).
        public var oldText: String { old.joined(separator: "\n\n") }
        /// The edited version as plain text.
        public var newText: String { new.joined(separator: "\n\n") }
    }

    /// The differ's answers for one case: the edited pair's diff and the control pair's diff.
    public struct Answer: Sendable {
        public var edited: ArticleDiff
        public var control: ArticleDiff

        public init(edited: ArticleDiff, control: ArticleDiff) {
            self.edited = edited
            self.control = control
        }
    }

    /// Runs the generator over the `v1.txt` files under `directory` (the corpus's revisions folder)
    /// and scores stet's differ.
    public static func run(directory: URL, seed: UInt64 = 7, limit: Int = 160, configuration: DiffConfiguration = .default) throws -> Report {
        let differ = Differ(configuration: configuration)
        return score(try cases(directory: directory, seed: seed, limit: limit)) { item in
            let old = Document(blocks: item.old.map { Block(.paragraph, $0) })
            return Answer(
                edited: differ.diff(old: old, new: Document(blocks: item.new.map { Block(.paragraph, $0) })),
                control: differ.diff(old: old, new: Document(plainText: item.control)))
        }
    }

    /// Scores any differ's answers, one per case, in the order of `cases` (a peer's output read
    /// back from `stet.diff/1` JSON is scored exactly like stet's own diffs).
    public static func score(_ cases: [Case], answer: (Case) throws -> Answer) rethrows -> Report {
        var report = Report()
        for item in cases {
            let answer = try answer(item)
            score(answer.edited, item.truth, &report)
            report.controlPairs += 1
            let control = answer.control
            if control.changes.isEmpty {
                report.controlClean += 1
            } else if report.examples.count < 20 {
                let shown = control.changes.map { c in (c.old.map { control.sentences.old[$0] } + c.new.map { control.sentences.new[$0] }).joined(separator: " | ") }
                report.examples.append("control changed: \(control.summary): \(shown)")
            }
        }
        return report
    }

    /// The generated cases for a seed: the same texts, edits and truth on every call.
    public static func cases(directory: URL, seed: UInt64 = 7, limit: Int = 160) throws -> [Case] {
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        guard fm.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw RevisionEvaluation.Failure.notADirectory(directory.path)
        }
        var bases: [[String]] = []
        let segmenter = Segmenter()
        for source in try fm.contentsOfDirectory(atPath: directory.path).sorted() {
            let sourceURL = directory.appendingPathComponent(source)
            for name in ((try? fm.contentsOfDirectory(atPath: sourceURL.path)) ?? []).sorted() {
                guard let text = try? String(contentsOf: sourceURL.appendingPathComponent(name).appendingPathComponent("v1.txt"), encoding: .utf8)
                else { continue }
                var paragraphs = Document(plainText: text).blocks.map(\.text).filter { $0.count > 40 }
                if paragraphs.count < 3 {
                    // One-paragraph texts: cut into paragraphs of two sentences.
                    let sentences = paragraphs.flatMap { segmenter.sentences(in: $0) }
                    paragraphs = Swift.stride(from: 0, to: sentences.count, by: 2).map { sentences[$0..<min($0 + 2, sentences.count)].joined(separator: " ") }
                }
                if paragraphs.count >= 4 { bases.append(Array(paragraphs.prefix(14))) }
            }
        }
        var rng = Generator(seed: seed)
        bases.shuffle(using: &rng)
        let quotePool = bases.flatMap { $0 }.flatMap { segmenter.sentences(in: $0) }
            .filter { $0.count > 50 && $0.count < 200 && !$0.contains("\"") && !$0.contains("\u{201C}") && !$0.contains("\u{201D}") }
        guard quotePool.count > 10 else { return [] }
        var cases: [Case] = []
        for base in bases.prefix(limit) {
            let (old, new, truth) = generate(base: base, quotes: quotePool, rng: &rng)
            // Control: wrapping and quote style only (drawn right after its pair, so a seed repeats).
            let wrapped = old.map { rewrap($0, rng: &rng) }.joined(separator: "\n\n")
            cases.append(Case(old: old, new: new, control: wrapped, truth: truth))
        }
        return cases
    }

    // MARK: Generation

    static func quoteWords(_ sentence: String) -> String {
        var text = sentence.trimmingCharacters(in: .whitespaces)
        while let last = text.last, ".!?".contains(last) { text.removeLast() }
        return text
    }

    static func generate(base: [String], quotes: [String], rng: inout Generator) -> (old: [String], new: [String], truth: Truth) {
        var truth = Truth()
        var old = base
        func pickQuote() -> String { quoteWords(quotes.randomElement(using: &rng) ?? "We will do everything we can for the families") }
        /// A quote in one of the attribution styles newsrooms use; some quotes run over two sentences.
        func pickStyle(for speaker: String, allowPronoun: Bool = true) -> QuoteStyle {
            let styles = QuoteStyle.allCases.filter { $0 != .pronoun || (allowPronoun && isPersonName(speaker)) }
            return styles.randomElement(using: &rng) ?? .saidAfter
        }
        func pickQuote(style: QuoteStyle) -> String {
            style == .twoSentences ? pickQuote() + ". " + pickQuote() : pickQuote()
        }
        // Injected facts in the old version.
        let speakerA = speakers.randomElement(using: &rng) ?? "Maria Lopez"
        var speakerB = speakers.randomElement(using: &rng) ?? "John Okafor"
        while speakerB == speakerA { speakerB = speakers.randomElement(using: &rng) ?? "John Okafor" }
        // B keeps its sentence when re-attributed, so its speaker is never only a pronoun's antecedent.
        let styleA = pickStyle(for: speakerA), styleB = pickStyle(for: speakerB, allowPronoun: false)
        let quoteA = pickQuote(style: styleA), quoteB = pickQuote(style: styleB)
        let paragraphA = styleA.paragraph(quote: quoteA, speaker: speakerA)
        let paragraphB = styleB.paragraph(quote: quoteB, speaker: speakerB)
        let count = Int.random(in: 3...90, using: &rng)
        let place = places.randomElement(using: &rng) ?? "the capital"
        let figureOld = "At least \(count) people were injured in \(place), officials said."
        old.insert(paragraphA, at: min(1, old.count))
        old.insert(figureOld, at: min(3, old.count))
        old.insert(paragraphB, at: min(old.count - 1, 5))
        var new = old

        // Four edits at once; an update note goes last, as newsrooms append it after the changes.
        let edits = ["quoteAdded", "quoteTrimmed", "quoteReattributed", "figure", "move", "splitJoin", "typo", "note"]
            .shuffled(using: &rng).prefix(4).sorted { ($0 == "note" ? 1 : 0) < ($1 == "note" ? 1 : 0) }
        for edit in edits {
            switch edit {
            case "quoteAdded":
                let speaker = speakers.randomElement(using: &rng) ?? "Chen Wei"
                let style = pickStyle(for: speaker)
                let text = pickQuote(style: style)
                let at = Int.random(in: 1...max(1, new.count - 1), using: &rng)
                new.insert(style.paragraph(quote: text, speaker: speaker), at: at)
                truth.quotes.append(PlantedQuote(change: .added, text: text, speaker: speaker))
            case "quoteTrimmed":
                guard let index = new.firstIndex(of: paragraphA) else { continue }
                var words = quoteA.split(separator: " ")
                guard words.count > 8 else { continue }
                words.removeLast(Int.random(in: 2...4, using: &rng))
                let trimmed = words.joined(separator: " ")
                new[index] = styleA.paragraph(quote: trimmed, speaker: speakerA)
                truth.quotes.append(PlantedQuote(change: .edited, text: trimmed, speaker: speakerA))
                // The sentence the trim changed (the paragraph may hold two).
                let before = Set(Segmenter().sentences(in: paragraphA))
                truth.substantive += Segmenter().sentences(in: new[index]).filter { !before.contains($0) }
                // Words cut from a quote can carry a number ("in nearly nine years"): that figure is
                // removed too, and the truth says so (an empty `new` marks a removal).
                var kept = FigureRecognizer.figures(in: trimmed).map { $0.value.lowercased() }
                for figure in FigureRecognizer.figures(in: String(quoteA)) {
                    if let k = kept.firstIndex(of: figure.value.lowercased()) {
                        kept.remove(at: k)
                    } else {
                        truth.figures.append(PlantedFigure(old: figure.value, new: ""))
                    }
                }
            case "quoteReattributed":
                guard let index = new.firstIndex(of: paragraphB) else { continue }
                var other = speakers.randomElement(using: &rng) ?? "Amira Haddad"
                while other == speakerB || other == speakerA { other = speakers.randomElement(using: &rng) ?? "Amira Haddad" }
                new[index] = styleB.paragraph(quote: quoteB, speaker: other)
                truth.quotes.append(PlantedQuote(change: .edited, text: quoteB, speaker: other))
            case "figure":
                guard let index = new.firstIndex(of: figureOld) else { continue }
                let updated = count + Int.random(in: 2...40, using: &rng)
                new[index] = "Officials now say at least \(updated) people were injured in \(place)."
                truth.figures.append(PlantedFigure(old: "At least \(count)", new: "at least \(updated)"))
                truth.substantive.append(new[index])
            case "move":
                // A base paragraph's first sentence moves to the end of another paragraph, reworded.
                let candidates = new.indices.filter { i in base.contains(new[i]) && Segmenter().sentences(in: new[i]).count >= 2 }
                guard let from = candidates.randomElement(using: &rng) else { continue }
                var sentences = Segmenter().sentences(in: new[from])
                let moving = sentences.removeFirst()
                // It must open with a capital, or the segmenter would join it to the sentence before.
                guard moving.first?.isUppercase == true else { continue }
                var words = moving.split(separator: " ").map(String.init)
                guard words.count >= 8 else { continue }
                words.insert("reportedly", at: 1)
                let edited = words.joined(separator: " ")
                new[from] = sentences.joined(separator: " ")
                let targets = new.indices.filter { abs($0 - from) >= 2 && (new[$0].last.map { ".!?".contains($0) } ?? false) }
                guard let to = targets.randomElement(using: &rng) else { continue }
                new[to] += " " + edited
                truth.moved.append(edited)
                truth.substantive.append(edited)
            case "splitJoin":
                if let i = new.indices.first(where: { Segmenter().sentences(in: new[$0]).count >= 3 }), Bool.random(using: &rng) {
                    let sentences = Segmenter().sentences(in: new[i])
                    new[i] = sentences[0]
                    new.insert(sentences.dropFirst().joined(separator: " "), at: i + 1)
                } else if new.count > 4 {
                    let i = Int.random(in: 1..<(new.count - 1), using: &rng)
                    new[i] += " " + new.remove(at: i + 1)
                }
            case "typo":
                let candidates = new.indices.filter { base.contains(new[$0]) }
                guard let i = candidates.randomElement(using: &rng) else { continue }
                var words = new[i].split(separator: " ", omittingEmptySubsequences: false).map(String.init)
                let long = words.indices.filter { words[$0].count >= 8 && words[$0].allSatisfy(\.isLetter) && words[$0].first?.isLowercase == true }
                guard let w = long.randomElement(using: &rng) else { continue }
                var letters = Array(words[w])
                let k = Int.random(in: 2..<(letters.count - 2), using: &rng)
                guard letters[k] != letters[k + 1] else { continue }
                letters.swapAt(k, k + 1)
                words[w] = String(letters)
                new[i] = words.joined(separator: " ")
                if let sentence = Segmenter().sentences(in: new[i]).first(where: { $0.contains(words[w]) }) { truth.minor.append(sentence) }
            default:
                new.append("Update \(Int.random(in: 1...12, using: &rng))/\(Int.random(in: 1...28, using: &rng))/24, \(Int.random(in: 1...11, using: &rng)):\(Int.random(in: 10...59, using: &rng)) a.m. ET: This article has been updated with new information.")
                truth.notes += 1
            }
        }
        return (old, new, truth)
    }

    /// How a generated quote is attributed.
    enum QuoteStyle: CaseIterable {
        /// `"…," X said.`
        case saidAfter
        /// `"…," said X.`
        case saidInverted
        /// `X said: "…."`
        case colonBefore
        /// `"…," X told reporters.`
        case toldReporters
        /// `According to X, "…."`
        case accordingTo
        /// `"…. …," X said.`: a quote over two sentences.
        case twoSentences
        /// `‘…,’ X said.` (single typographic quotes, as British papers set them).
        case singleQuotes
        /// `X wrote in a statement: "…."`
        case statement
        /// `"…," X added.`
        case added
        /// `X spoke to reporters on Tuesday. "…," she said.`: the speaker is a pronoun's antecedent.
        case pronoun

        func paragraph(quote: String, speaker: String) -> String {
            let opening = speaker.prefix(1).uppercased() + speaker.dropFirst()
            switch self {
            case .saidAfter, .twoSentences: return "\"\(quote),\" \(speaker) said."
            case .saidInverted: return "\"\(quote),\" said \(speaker)."
            case .colonBefore: return "\(opening) said: \"\(quote).\""
            case .toldReporters: return "\"\(quote),\" \(speaker) told reporters."
            case .accordingTo: return "According to \(speaker), \"\(quote).\""
            case .singleQuotes: return "\u{2018}\(quote),\u{2019} \(speaker) said."
            case .statement: return "\(opening) wrote in a statement: \"\(quote).\""
            case .added: return "\"\(quote),\" \(speaker) added."
            case .pronoun: return "\(opening) spoke to reporters on Tuesday. \"\(quote),\" she said."
            }
        }
    }

    /// A person's name (every word capitalized), which a later pronoun can stand for.
    static func isPersonName(_ speaker: String) -> Bool {
        speaker.split(separator: " ").allSatisfy { $0.first?.isUppercase == true }
    }

    /// The same paragraph with other line breaks and typographic quotes.
    static func rewrap(_ paragraph: String, rng: inout Generator) -> String {
        var result = ""
        var column = 0
        let width = Int.random(in: 30...80, using: &rng)
        let characters = Array(paragraph)
        for (k, character) in characters.enumerated() {
            if character == "\"" {
                // Typographic direction from context, as a word processor would set it.
                let before = k > 0 ? characters[k - 1] : " "
                result.append(before.isWhitespace || before == "(" ? "\u{201C}" : "\u{201D}")
            } else if character == " " && column > width {
                result.append("\n")
                column = 0
                continue
            } else {
                result.append(character)
            }
            column += 1
        }
        return result
    }

    // MARK: Scoring

    static func words(_ text: String) -> [String] { Normalizer.words(text).sorted() }

    static func overlap(_ a: String, _ b: String) -> Double {
        let x = words(a), y = words(b)
        var i = 0, j = 0, shared = 0
        while i < x.count && j < y.count {
            if x[i] == y[j] { shared += 1; i += 1; j += 1 } else if x[i] < y[j] { i += 1 } else { j += 1 }
        }
        return x.isEmpty && y.isEmpty ? 1 : 2 * Double(shared) / Double(x.count + y.count)
    }

    static func sameSpeaker(_ predicted: String?, _ truth: String) -> Bool {
        guard let predicted else { return false }
        func clean(_ s: String) -> String {
            var w = s.lowercased().split(separator: " ").map(String.init)
            if let first = w.first, ["a", "an", "the"].contains(first) { w.removeFirst() }
            return w.joined(separator: " ")
        }
        let p = clean(predicted), t = clean(truth)
        return p == t || p.contains(t) || t.contains(p) && p.split(separator: " ").count >= 2
            || (t.split(separator: " ").last.map { p.hasSuffix(String($0)) } ?? false)
    }

    static func score(_ diff: ArticleDiff, _ truth: Truth, _ report: inout Report) {
        report.pairs += 1
        var quotes: [QuoteFacet] = [], figures: [FigureFacet] = []
        var notes = 0
        for change in diff.changes {
            for facet in change.facets {
                switch facet {
                case .quote(let q): quotes.append(q)
                case .figure(let f): figures.append(f)
                case .note(let n): if n.kind == .update && n.change == .added { notes += 1 }
                }
            }
        }
        // Quotes.
        report.quoteTruth += truth.quotes.count
        report.quotePredicted += quotes.count
        var used = Set<Int>()
        for expected in truth.quotes {
            let match = quotes.indices.first { k in
                !used.contains(k) && quotes[k].change == expected.change && overlap(quotes[k].new ?? quotes[k].old ?? "", expected.text) >= 0.8
            }
            if let match {
                used.insert(match)
                report.quoteMatchedTruth += 1
                report.speakerScored += 1
                if sameSpeaker(quotes[match].speaker, expected.speaker) {
                    report.speakerCorrect += 1
                } else if report.examples.count < 20 {
                    report.examples.append("speaker: expected \(expected.speaker), got \(quotes[match].speaker ?? "nil")")
                }
            } else if report.examples.count < 20 {
                report.examples.append("quote missed: \(expected.change) \(expected.speaker): \(expected.text.prefix(60)) | got \(quotes.map { "\($0.change) \($0.speaker ?? "-")" })")
            }
        }
        report.quoteMatchedPredicted += used.count
        if quotes.count > used.count, report.examples.count < 20 {
            for k in quotes.indices where !used.contains(k) {
                report.examples.append("extra quote: \(quotes[k].change) \(quotes[k].speaker ?? "-"): \((quotes[k].new ?? quotes[k].old ?? "").prefix(60))")
            }
        }
        // Figures.
        report.figureTruth += truth.figures.count
        report.figurePredicted += figures.count
        var usedFigures = Set<Int>()
        for expected in truth.figures {
            let match = figures.indices.first { k in
                guard !usedFigures.contains(k), figures[k].old?.lowercased() == expected.old.lowercased() else { return false }
                if expected.new.isEmpty { return figures[k].change == .removed }
                return figures[k].change == .changed && figures[k].new?.lowercased() == expected.new.lowercased()
            }
            if let match {
                usedFigures.insert(match)
                report.figureMatchedTruth += 1
            } else if report.examples.count < 20 {
                report.examples.append("figure missed: \(expected.old) → \(expected.new) | got \(figures.map { "\($0.change) \($0.old ?? "-") → \($0.new ?? "-")" })")
            }
        }
        report.figureMatchedPredicted += usedFigures.count
        if figures.count > usedFigures.count, report.examples.count < 20 {
            report.examples.append("extra figures: \(figures.enumerated().filter { !usedFigures.contains($0.offset) }.map { "\($0.element.change) \($0.element.old ?? "-") → \($0.element.new ?? "-")" })")
        }
        // Moves and significance, located by the new sentence text.
        func change(containing text: String) -> Change? {
            let key = Normalizer.comparisonKey(text)
            guard let j = diff.sentences.new.firstIndex(where: { Normalizer.comparisonKey($0) == key }) else { return nil }
            return diff.changes.first { $0.new.contains(j) }
        }
        for moved in truth.moved {
            report.moveTruth += 1
            if change(containing: moved)?.kind == .moved {
                report.moveFound += 1
            } else if report.examples.count < 20 {
                report.examples.append("move missed: \(change(containing: moved).map { "\($0.kind)" } ?? "no change") \(moved.prefix(60))")
            }
        }
        for (texts, expected) in [(truth.minor, Significance.minor), (truth.substantive, .substantive)] {
            for text in texts {
                report.significanceScored += 1
                if change(containing: text)?.significance == expected {
                    report.significanceCorrect += 1
                } else if report.examples.count < 20 {
                    report.examples.append("significance: expected \(expected), got \(change(containing: text).map { "\($0.kind) \($0.significance)" } ?? "no change"): \(text.prefix(60))")
                }
            }
        }
        report.noteTruth += truth.notes
        report.noteFound += min(notes, truth.notes)
    }
}

/// SplitMix64: a small seeded generator so evaluations repeat exactly.
public struct Generator: RandomNumberGenerator {
    var state: UInt64
    public init(seed: UInt64) { state = seed }
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
