// A synthetic archive for benchmarks: many articles, each with a chain of realistic edits.
//
// Texts are generated, not copied from anywhere: a seeded generator picks words from a small
// built-in news vocabulary and builds paragraphs of sentences (about 300 words an article). Each
// later version applies one edit of the kinds updates show: a sentence added, a figure changed,
// a sentence reworded, a sentence removed. Every version goes through `Archive.snapshot` as a
// plain-text capture (extract, diff, commit, index), so the archive is exactly what stet writes.
//
// Complexity: articles × versions snapshots. They go to `Archive.snapshot(batch:)` a batch of
// `--batch` articles at a time: one pack, one ref move per article and one index transaction per
// batch, instead of five loose object files, a ref move and a transaction per snapshot (creating
// files was most of the cost). The end repacks everything into one pack (`stet gc`) unless
// `--no-final-gc`; without it the archive keeps one pack per batch.

import ArgumentParser
import Foundation
import StetArchive

/// `stet debug generate-archive`.
struct GenerateArchiveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate-archive",
        abstract: "Build a synthetic archive (generated texts, realistic edits) for benchmarks.")

    @Option(help: "Number of articles.") var articles: Int = 1000
    @Option(help: "Versions per article.") var versions: Int = 10
    @Option(help: "Seed of the text generator (the same seed gives the same archive).") var seed: UInt64 = 1
    @Option(help: "Articles per batch (each batch is one pack and one index transaction).") var batch: Int = 250
    @Flag(inversion: .prefixedNo, help: "Repack all objects into one pack at the end (slow for 100,000 articles).")
    var finalGC = true
    @Option(help: "The archive to create (must not exist yet).") var archive: String
    @Flag(help: "No progress line.") var quiet = false

    func validate() throws {
        guard articles >= 1 else { throw ValidationError("--articles must be at least 1") }
        guard versions >= 1 else { throw ValidationError("--versions must be at least 1") }
        guard batch >= 1 else { throw ValidationError("--batch must be at least 1") }
    }

    func run() throws {
        if FileManager.default.fileExists(atPath: archive) {
            throw CLIError("\(archive) already exists: generate-archive only creates new archives")
        }
        let store = try Archive.open(at: archive, create: true)
        let bar = quiet ? nil : ProgressBar(label: "Generating")
        let start = Date()
        var generator = SyntheticNews(seed: seed)
        let base = Date(timeIntervalSince1970: 1_700_000_000)
        var captures: [Capture] = []
        for number in 0..<articles {
            var text = generator.article()
            let url = "https://synthetic.example/news/\(number / 1000)/story-\(number)"
            for version in 0..<versions {
                if version > 0 { generator.edit(&text) }
                captures.append(
                    Capture(
                        body: Array(text.joined(separator: "\n\n").utf8), url: url, contentType: "text/plain; charset=utf-8",
                        capturedAt: base.addingTimeInterval(TimeInterval(version * 3600 + number)), timeZone: .gmt, httpStatus: 200,
                        skipQualityGuard: true))
            }
            if (number + 1) % batch == 0 || number + 1 == articles {
                _ = try store.snapshot(batch: captures)
                captures.removeAll(keepingCapacity: true)
                bar?.update(done: number + 1, total: articles)
            }
        }
        let report = finalGC ? try store.gc() : nil
        bar?.finish()
        let seconds = Date().timeIntervalSince(start)
        print(
            "Generated \(articles) articles × \(versions) versions in \(String(format: "%.1f", seconds)) s "
                + "(\(String(format: "%.0f", Double(articles * versions) / max(seconds, 0.001))) snapshots/s); "
                + (report.map { "objects \(GCCommand.bytes($0.bytesAfter))." } ?? "one pack per batch, not repacked."))
    }
}

/// A seeded generator of news-like paragraphs and of the edits updates make to them.
struct SyntheticNews {
    private var state: UInt64

    init(seed: UInt64) { state = seed &* 0x9E37_79B9_7F4A_7C15 | 1 }

    /// xorshift64*: fast, and the same sequence on every platform.
    private mutating func next() -> UInt64 {
        state ^= state >> 12
        state ^= state << 25
        state ^= state >> 27
        return state &* 0x2545_F491_4F6C_DD1D
    }

    private mutating func pick<T>(_ items: [T]) -> T { items[Int(next() % UInt64(items.count))] }
    private mutating func number(_ range: ClosedRange<Int>) -> Int { range.lowerBound + Int(next() % UInt64(range.count)) }

    static let subjects = [
        "The mayor", "Officials", "The council", "Police", "Residents", "The minister", "Engineers", "A spokesperson",
        "The company", "Investigators", "Union leaders", "The court", "Health officials", "The governor", "Analysts",
    ]
    static let verbs = [
        "said", "announced", "confirmed", "warned", "told reporters", "argued", "estimated", "reported", "denied",
        "acknowledged",
    ]
    static let objects = [
        "the bridge would reopen", "the budget had been cut", "the fire was under control", "the vote was postponed",
        "repairs would cost more", "the inquiry would continue", "the talks had stalled", "the plant would close",
        "the roads were flooded", "the schools would stay open", "the contract was signed", "the port was closed",
    ]
    static let tails = [
        "after a long meeting on Monday", "according to a statement", "in a report published on Tuesday",
        "despite objections from residents", "before the end of the month", "in the eastern districts",
        "at a briefing downtown", "following weeks of negotiations", "during an inspection in October",
    ]
    static let counted = ["people", "homes", "jobs", "dollars", "vehicles", "families", "buildings", "workers"]

    mutating func sentence() -> String {
        let subject = pick(Self.subjects), verb = pick(Self.verbs), object = pick(Self.objects), tail = pick(Self.tails)
        if next() % 3 == 0 {
            return "\(subject) \(verb) that \(number(2...950)) \(pick(Self.counted)) were affected and \(object) \(tail)."
        }
        return "\(subject) \(verb) that \(object) \(tail)."
    }

    mutating func paragraph() -> String { (0..<number(2...4)).map { _ in sentence() }.joined(separator: " ") }

    /// A headline paragraph and about 300 words of body.
    mutating func article() -> [String] {
        ["\(pick(Self.subjects)) says \(pick(Self.objects))"] + (0..<number(7...10)).map { _ in paragraph() }
    }

    /// One edit: add a sentence or paragraph, change a figure, reword or remove a sentence.
    mutating func edit(_ text: inout [String]) {
        let index = 1 + Int(next() % UInt64(max(text.count - 1, 1)))
        guard index < text.count else {
            text.append(paragraph())
            return
        }
        if next() % 5 == 0 {
            text.insert(paragraph(), at: index)
            return
        }
        var sentences = text[index].components(separatedBy: ". ")
        let s = Int(next() % UInt64(sentences.count))
        switch next() % 4 {
        case 0: sentences.append(sentence())
        case 1: sentences[s] = sentences[s].replacingOccurrences(of: pick(Self.verbs), with: pick(Self.verbs))
        case 2 where sentences.count > 1: sentences.remove(at: s)
        default: sentences[s] = sentence()
        }
        text[index] = sentences.joined(separator: ". ")
    }
}
