// `stet-bench`: the in-process half of `make bench`.
//
// Each subcommand measures one workload of docs/performance.md inside this process (no start-up
// cost), prints one JSON object per result line, and leaves the table to the runner
// (`Tests/Peers/bench/run_bench.py`), which measures the peers in the same run.

import ArgumentParser
import Foundation
import StetArchive
import StetDiff
import StetExtract
import StetRender
import StetText

@main
struct StetBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stet-bench",
        abstract: "In-process benchmarks of stet (JSON lines on standard output).",
        subcommands: [DiffBench.self, ExtractBench.self, IngestBench.self, StorageBench.self, ArchiveBench.self])
}

struct TimingOptions: ParsableArguments {
    @Option(help: "Uncounted runs first.") var warmups: Int = 5
    @Option(help: "Counted runs (at least).") var runs: Int = 30
    @Option(help: "Keep running until this many seconds are spent (0: exactly --runs).") var budget: Double = 1

    var budgetSeconds: Double? { budget > 0 ? budget : nil }
}

/// Reads a file as UTF-8 text, with a one-line error.
func readText(_ path: String) throws -> String {
    guard let data = FileManager.default.contents(atPath: path) else { throw ValidationError("cannot read \(path)") }
    return String(decoding: data, as: UTF8.self)
}

func wordCount(_ text: String) -> Int { text.split(whereSeparator: { $0.isWhitespace }).count }

/// `stet-bench diff OLD NEW`: the semantic diff of two plain texts (segmentation included).
struct DiffBench: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "diff", abstract: "Time Differ.diff on a pair of texts.")
    @Argument var old: String
    @Argument var new: String
    @Option var label: String = ""
    @Flag(inversion: .prefixedNo, help: "Also time the terminal rendering of the diff.") var render = true
    @Option(help: "DiffConfiguration.parallelBytes (0: prepare on one thread; default: the configuration's).")
    var parallelBytes: Int?
    @OptionGroup var timing: TimingOptions

    func run() throws {
        let oldText = try readText(old), newText = try readText(new)
        let oldDocument = Document(plainText: oldText), newDocument = Document(plainText: newText)
        var configuration = DiffConfiguration.default
        if let parallelBytes { configuration.parallelBytes = parallelBytes }
        let differ = Differ(configuration: configuration)
        let samples = measure(warmups: timing.warmups, runs: timing.runs, budgetSeconds: timing.budgetSeconds) {
            consume(differ.diff(old: oldDocument, new: newDocument))
        }
        let diff = differ.diff(old: oldDocument, new: newDocument)
        // What `stet diff` adds on top: the terminal rendering (no colors, 80 columns).
        var result: [String: Any] = [
            "workload": "diff", "label": label, "words": wordCount(oldText), "median_ms": samples.median,
            "min_ms": samples.minimum, "p10_ms": samples.p10, "runs": samples.milliseconds.count, "changes": diff.changes.count,
        ]
        if render {
            let renderer = DiffRenderer(options: DiffRenderOptions(colors: false, width: 80))
            let rendering = try measure(warmups: timing.warmups, runs: timing.runs, budgetSeconds: timing.budgetSeconds) {
                consume(try renderer.render(diff, context: DiffRenderContext(oldLabel: "old", newLabel: "new"), format: .text))
            }
            result["render_median_ms"] = rendering.median
        }
        emit(result)
    }
}

/// `stet-bench extract PAGE…`: extraction of each page (parse, find content, metadata).
struct ExtractBench: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "extract", abstract: "Time Extractor.extract on pages.")
    @Argument var pages: [String]
    @OptionGroup var timing: TimingOptions
    @Option(help: "Also write each page's whole result (metadata and blocks) as JSON to DIR/<n>.json, for comparing outputs.")
    var dump: String?

    func run() throws {
        let extractor = Extractor()
        if let dump { try FileManager.default.createDirectory(atPath: dump, withIntermediateDirectories: true) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        for (number, page) in pages.enumerated() {
            guard let data = FileManager.default.contents(atPath: page) else { throw ValidationError("cannot read \(page)") }
            let bytes = [UInt8](data)
            if let dump {
                let result: Data
                do { result = try encoder.encode(try extractor.extract(html: bytes)) } catch { result = Data("\(error)\n".utf8) }
                try (Data("\(page)\n".utf8) + result).write(to: URL(fileURLWithPath: dump).appendingPathComponent(String(format: "%04d.json", number)))
            }
            var failed = false
            let samples = measure(warmups: timing.warmups, runs: timing.runs, budgetSeconds: timing.budgetSeconds) {
                do { consume(try extractor.extract(html: bytes)) } catch { failed = true }
            }
            emit(["workload": "extract", "page": page, "bytes": bytes.count, "median_ms": samples.median, "failed": failed])
        }
    }
}

/// `stet-bench ingest SERIES…`: snapshots each series (a directory of successive captures,
/// in name order) into a fresh archive: extract, diff, commit, index. With `--batch`, each
/// series goes in as one `Archive.snapshot(batch:)` call (one pack, one transaction).
struct IngestBench: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "ingest", abstract: "Snapshots per second from local files.")
    @Argument var series: [String]
    @Option var archive: String
    @Option(help: "Times to ingest everything (each into a fresh archive).") var repeats: Int = 3
    @Flag(help: "One batch per series instead of one snapshot call per capture.") var batch = false
    @Option(help: "Batches of this many captures, across series, in capture order (0: see --batch).") var batchSize = 0

    func run() throws {
        let files = FileManager.default
        var captures: [(String, [UInt8])] = []
        for directory in series {
            let names = try files.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".html") }.sorted()
            for name in names {
                let path = (directory as NSString).appendingPathComponent(name)
                guard let data = files.contents(atPath: path) else { throw ValidationError("cannot read \(path)") }
                captures.append((directory, [UInt8](data)))
            }
        }
        var rates: [Double] = []
        var cpuRates: [Double] = []
        // Each round ingests into an archive of its own, and all are deleted after the last one:
        // deleting a round's thousands of files right before the next round creates its own made
        // the file system's inode allocator skip the just-freed inodes, which slowed the next
        // round's file creation (a cost of the harness, not of ingest).
        let roundArchives = (0..<repeats).map { "\(archive)-round\($0)" }
        defer { for path in roundArchives { try? files.removeItem(atPath: path) } }
        for round in 0..<repeats {
            try? files.removeItem(atPath: roundArchives[round])
            let store = try Archive.open(at: roundArchives[round], create: true)
            var minute = 0
            let start = monotonicNanoseconds()
            let cpuStart = processCPUSeconds()
            var outcomes: [String: Int] = [:]
            var pending: [Capture] = []
            func record(_ outcome: SnapshotOutcome) {
                switch outcome {
                case .newVersion: outcomes["new", default: 0] += 1
                case .unchanged: outcomes["unchanged", default: 0] += 1
                case .rejected: outcomes["rejected", default: 0] += 1
                }
            }
            for (index, (directory, body)) in captures.enumerated() {
                minute += 1
                let capture = Capture(
                    body: body, url: "https://bench.example/" + (directory as NSString).lastPathComponent,
                    contentType: "text/html; charset=utf-8", capturedAt: Date(timeIntervalSince1970: 1_700_000_000 + Double(minute * 60)),
                    timeZone: .gmt, httpStatus: 200, skipQualityGuard: true)
                guard batch || batchSize > 0 else {
                    record(try store.snapshot(capture))
                    continue
                }
                pending.append(capture)
                let ends = batchSize > 0 ? pending.count == batchSize : captures[index + 1 < captures.count ? index + 1 : index].0 != directory
                if index + 1 == captures.count || ends {
                    try store.snapshot(batch: pending).forEach(record)
                    pending.removeAll()
                }
            }
            let seconds = Double(monotonicNanoseconds() - start) / 1e9
            rates.append(Double(captures.count) / seconds)
            cpuRates.append(Double(captures.count) / (processCPUSeconds() - cpuStart))
            if round == repeats - 1 {
                emit([
                    "workload": batchSize > 0 ? "ingest-batch-\(batchSize)" : batch ? "ingest-batch" : "ingest", "snapshots": captures.count, "median_per_second": rates.sorted()[rates.count / 2],
                    "median_per_cpu_second": cpuRates.sorted()[cpuRates.count / 2], "rates": rates, "outcomes": outcomes,
                ])
            }
        }
        try? files.removeItem(atPath: archive)
    }
}

/// `stet-bench storage TEXT`: 50 versions of one article (one edit each), then `gc`; bytes on
/// disk against the raw bytes of the stored files and of the texts.
struct StorageBench: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "storage", abstract: "Archive size of many versions after gc.")
    @Argument var text: String
    @Option var archive: String
    @Option var versions: Int = 50

    func run() throws {
        let files = FileManager.default
        try? files.removeItem(atPath: archive)
        let store = try Archive.open(at: archive, create: true)
        var paragraphs = try readText(text).components(separatedBy: "\n\n").filter { !$0.isEmpty }
        var editor = VersionEditor(seed: 7)
        var textBytes = 0
        var previous: [UInt8] = []
        for version in 0..<versions {
            var body = Array(paragraphs.joined(separator: "\n\n").utf8)
            // Every version differs from the one before (an edit can land on unchanged text).
            while version > 0, body == previous {
                editor.edit(&paragraphs)
                body = Array(paragraphs.joined(separator: "\n\n").utf8)
            }
            previous = body
            textBytes += body.count
            _ = try store.snapshot(
                Capture(
                    body: body, url: "https://bench.example/storage", contentType: "text/plain; charset=utf-8",
                    capturedAt: Date(timeIntervalSince1970: 1_700_000_000 + Double(version * 3600)), timeZone: .gmt, httpStatus: 200,
                    skipQualityGuard: true))
        }
        let id = try store.resolveArticle("https://bench.example/storage")
        var storedBytes = 0
        for version in try store.versions(of: id) {
            let stored = try store.storedVersion(of: id, .number(version.number))
            storedBytes += stored.markdown.utf8.count + stored.source.count + (try JSONEncoder().encode(stored.metadata).count)
        }
        let report = try store.gc()
        emit([
            "workload": "storage", "versions": try store.versions(of: id).count, "text_bytes": textBytes,
            "stored_file_bytes": storedBytes, "objects_bytes_before": report.bytesBefore, "objects_bytes_after": report.bytesAfter,
        ])
        try? files.removeItem(atPath: archive)
    }
}

/// Deterministic edits of a real text: a sentence reworded, a figure changed, a sentence added
/// or removed, one per version.
struct VersionEditor {
    private var state: UInt64
    init(seed: UInt64) { state = seed &* 0x9E37_79B9_7F4A_7C15 | 1 }
    private mutating func next() -> Int {
        state ^= state >> 12
        state ^= state << 25
        state ^= state >> 27
        return Int((state &* 0x2545_F491_4F6C_DD1D) >> 1)
    }

    mutating func edit(_ paragraphs: inout [String]) {
        guard !paragraphs.isEmpty else { return }
        let p = next() % paragraphs.count
        var sentences = paragraphs[p].components(separatedBy: ". ")
        let s = next() % sentences.count
        switch next() % 4 {
        case 0:
            let donor = paragraphs[next() % paragraphs.count].components(separatedBy: ". ")
            sentences.insert("Updated: " + donor[next() % donor.count], at: s)
        case 1 where sentences.count > 1:
            sentences.remove(at: s)
        case 2:
            sentences[s] += " The figure was revised to \(next() % 1000)"
        default:
            var words = sentences[s].split(separator: " ").map(String.init)
            if words.count > 2 { words.swapAt(1, words.count - 1) }
            sentences[s] = words.joined(separator: " ")
        }
        paragraphs[p] = sentences.joined(separator: ". ")
    }
}

/// `stet-bench archive PATH ID`: the library calls behind `stet log` / `list` / `diff`, in process.
struct ArchiveBench: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "archive", abstract: "Open, log, list and diff in process.")
    @Argument var archive: String
    @Argument var article: String
    @OptionGroup var timing: TimingOptions

    func run() throws {
        let open = measure(warmups: 2, runs: 10, budgetSeconds: timing.budgetSeconds) {
            consume(try? Archive.open(at: archive, create: false))
        }
        let store = try Archive.open(at: archive, create: false)
        let log = try measure(warmups: timing.warmups, runs: timing.runs, budgetSeconds: timing.budgetSeconds) {
            let id = try store.resolveArticle(article)
            consume(try store.versions(of: id))
        }
        let diff = try measure(warmups: timing.warmups, runs: timing.runs, budgetSeconds: timing.budgetSeconds) {
            let id = try store.resolveArticle(article)
            consume(try store.diff(article: id, from: .latest(back: 1), to: .latest(back: 0)))
        }
        let list = try measure(warmups: 1, runs: 5, budgetSeconds: timing.budgetSeconds) {
            consume(try store.articles())
        }
        let count = try store.articles().count
        for (name, samples) in [("open", open), ("log", log), ("diff", diff), ("list", list)] {
            emit(["workload": "archive-\(name)", "articles": count, "median_ms": samples.median])
        }
    }
}
