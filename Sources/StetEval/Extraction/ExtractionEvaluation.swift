// Runs the extractor over the extraction corpus (`corpus/extraction/<source>/<case>/`) and scores
// it beside optional peer results (trafilatura, readability-lxml, newspaper4k) written as JSON by
// `Tests/Peers/extraction/run_peers.py`. Every tool is scored by the same Swift code
// (`ExtractionScoring`), so the figures are comparable.
//
// Complexity: linear in the corpus size; extraction dominates.

import Foundation
import StetExtract

/// One corpus case: the page and what it should give.
public struct ExtractionCase: Sendable {
    /// The corpus source a case comes from; each is scored its own way.
    public enum Source: String, Sendable, CaseIterable {
        case zyte = "zyte-aeb"
        case readability
        case trafilatura = "trafilatura-eval"
    }

    public var source: Source
    /// The case folder's name.
    public var name: String
    /// `source.html` as fetched.
    public var html: [UInt8]
    /// The page's URL from meta.json, when known.
    public var url: String?
    /// Expected body text (zyte: expected.txt; readability: text content of expected.html).
    public var expectedText: String?
    /// readability's expected title and byline.
    public var expectedTitle: String?
    public var expectedByline: String?
    /// trafilatura-eval snippets that must (`with`) and must not (`without`) appear.
    public var with: [String] = []
    public var without: [String] = []

    /// `source/name`, the key used in peer JSON.
    public var key: String { "\(source.rawValue)/\(name)" }
}

/// What one tool gave for one case.
public struct ExtractionOutput: Sendable, Codable {
    /// The body text (nil when extraction failed).
    public var text: String?
    public var title: String?
    public var byline: String?
    /// Why extraction failed, if it did.
    public var error: String?
    /// Wall-clock time of the extraction call.
    public var milliseconds: Double?
    /// CPU time of the extraction call (robust on a loaded machine).
    public var cpuMilliseconds: Double?

    public init(text: String?, title: String? = nil, byline: String? = nil, error: String? = nil, milliseconds: Double? = nil, cpuMilliseconds: Double? = nil) {
        self.text = text
        self.title = title
        self.byline = byline
        self.error = error
        self.milliseconds = milliseconds
        self.cpuMilliseconds = cpuMilliseconds
    }
}

/// The scores of one tool on one source.
public struct ExtractionScore: Sendable {
    public var tool: String
    public var pages: Int
    /// Pages with no text.
    public var failures: Int
    /// Shingle precision/recall/F1 (zyte, readability) or snippet precision/recall/F (trafilatura-eval).
    public var precision: Double
    public var recall: Double
    public var f1: Double
    /// Share of readability pages whose title / byline agrees with the expected one.
    public var titleAgreement: Double?
    public var bylineAgreement: Double?
    /// Snippet counts (trafilatura-eval only).
    public var tp = 0, fp = 0, fn = 0
    public var medianMilliseconds: Double?
    public var medianCPUMilliseconds: Double?
}

/// Loading, running and scoring the extraction corpus.
public enum ExtractionEvaluation {
    /// Loads every case under `directory` (the `extraction` folder, or one source folder).
    public static func loadCases(directory: URL) throws -> [ExtractionCase] {
        let fm = FileManager.default
        var sourceDirs: [(ExtractionCase.Source, URL)] = []
        if let source = ExtractionCase.Source(rawValue: directory.lastPathComponent) {
            sourceDirs = [(source, directory)]
        } else {
            for source in ExtractionCase.Source.allCases {
                let dir = directory.appendingPathComponent(source.rawValue)
                if fm.fileExists(atPath: dir.path) { sourceDirs.append((source, dir)) }
            }
        }
        guard !sourceDirs.isEmpty else { throw EvaluationFailure("no extraction sources (zyte-aeb, readability, trafilatura-eval) under \(directory.path)") }
        var cases: [ExtractionCase] = []
        for (source, dir) in sourceDirs {
            for name in try fm.contentsOfDirectory(atPath: dir.path).sorted() {
                let caseDir = dir.appendingPathComponent(name)
                guard let html = fm.contents(atPath: caseDir.appendingPathComponent("source.html").path) else { continue }
                var item = ExtractionCase(source: source, name: name, html: [UInt8](html))
                let meta = (fm.contents(atPath: caseDir.appendingPathComponent("meta.json").path))
                    .flatMap { try? JSONSerialization.jsonObject(with: $0) as? [String: Any] } ?? [:]
                item.url = meta["url"] as? String
                switch source {
                case .zyte:
                    item.expectedText = fm.contents(atPath: caseDir.appendingPathComponent("expected.txt").path).map { String(decoding: $0, as: UTF8.self) }
                case .readability:
                    if let expected = fm.contents(atPath: caseDir.appendingPathComponent("expected.html").path) {
                        item.expectedText = (try? HTMLText.textContent(html: [UInt8](expected))) ?? ""
                    }
                    let expectedMeta = meta["expected_metadata"] as? [String: Any]
                    item.expectedTitle = expectedMeta?["title"] as? String
                    item.expectedByline = expectedMeta?["byline"] as? String
                case .trafilatura:
                    item.with = meta["with"] as? [String] ?? []
                    item.without = meta["without"] as? [String] ?? []
                }
                cases.append(item)
            }
        }
        return cases
    }

    /// Runs `extractor` on every case; the text is the blocks joined by newlines.
    public static func run(_ cases: [ExtractionCase], extractor: Extractor = Extractor()) -> [String: ExtractionOutput] {
        var outputs: [String: ExtractionOutput] = [:]
        for item in cases {
            let start = DispatchTime.now().uptimeNanoseconds
            let cpuStart = threadCPUTime()
            do {
                let article = try extractor.extract(html: item.html, url: item.url)
                let ms = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
                outputs[item.key] = ExtractionOutput(text: article.blocks.map(\.text).joined(separator: "\n"), title: article.title, byline: article.byline,
                                                     milliseconds: ms, cpuMilliseconds: threadCPUTime() - cpuStart)
            } catch {
                let ms = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
                outputs[item.key] = ExtractionOutput(text: nil, error: error.description, milliseconds: ms, cpuMilliseconds: threadCPUTime() - cpuStart)
            }
        }
        return outputs
    }

    /// CPU time of the calling thread in milliseconds.
    static func threadCPUTime() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
        return Double(spec.tv_sec) * 1000 + Double(spec.tv_nsec) / 1e6
    }

    /// Reads peer results: `{"tools": {"trafilatura": {"zyte-aeb/<case>": {"text": …, "title": …, "byline": …}}}}`.
    public static func loadPeers(_ url: URL) throws -> [String: [String: ExtractionOutput]] {
        struct File: Codable { var tools: [String: [String: ExtractionOutput]] }
        let data = try Data(contentsOf: url)
        return try JSONDecoder().decode(File.self, from: data).tools
    }

    /// Scores one tool's outputs on the cases of one source.
    public static func score(tool: String, source: ExtractionCase.Source, cases: [ExtractionCase], outputs: [String: ExtractionOutput]) -> ExtractionScore {
        let selected = cases.filter { $0.source == source }
        var pages: [(precision: Double?, recall: Double)] = []
        var failures = 0
        var titleHits = 0, titleTotal = 0, bylineHits = 0, bylineTotal = 0
        var tp = 0, fp = 0, fn = 0
        var times: [Double] = []
        var cpuTimes: [Double] = []
        for item in selected {
            let output = outputs[item.key]
            let text = output?.text ?? ""
            if text.isEmpty { failures += 1 }
            if let ms = output?.milliseconds { times.append(ms) }
            if let ms = output?.cpuMilliseconds { cpuTimes.append(ms) }
            switch source {
            case .zyte, .readability:
                pages.append(ExtractionScoring.shingleScores(output: text, expected: item.expectedText ?? ""))
            case .trafilatura:
                let counts = ExtractionScoring.snippetCounts(output: text, with: item.with, without: item.without)
                tp += counts.tp
                fp += counts.fp
                fn += counts.fn
            }
            if let title = item.expectedTitle, !title.isEmpty {
                titleTotal += 1
                if ExtractionScoring.comparable(title) == ExtractionScoring.comparable(output?.title) { titleHits += 1 }
            }
            if let byline = item.expectedByline, !byline.isEmpty {
                bylineTotal += 1
                let expected = ExtractionScoring.comparable(byline)
                let got = ExtractionScoring.comparable(output?.byline)
                if !got.isEmpty && (expected == got || expected.contains(got) || got.contains(expected)) { bylineHits += 1 }
            }
        }
        var result: ExtractionScore
        if source == .trafilatura {
            let f = 2 * tp + fp + fn == 0 ? 0 : Double(2 * tp) / Double(2 * tp + fp + fn)
            let p = tp + fp == 0 ? 0 : Double(tp) / Double(tp + fp)
            let r = tp + fn == 0 ? 0 : Double(tp) / Double(tp + fn)
            result = ExtractionScore(tool: tool, pages: selected.count, failures: failures, precision: p, recall: r, f1: f)
            (result.tp, result.fp, result.fn) = (tp, fp, fn)
        } else {
            let (p, r, f) = ExtractionScoring.aggregate(pages)
            result = ExtractionScore(tool: tool, pages: selected.count, failures: failures, precision: p, recall: r, f1: f)
        }
        if titleTotal > 0 { result.titleAgreement = Double(titleHits) / Double(titleTotal) }
        if bylineTotal > 0 { result.bylineAgreement = Double(bylineHits) / Double(bylineTotal) }
        if !times.isEmpty { result.medianMilliseconds = times.sorted()[times.count / 2] }
        if !cpuTimes.isEmpty { result.medianCPUMilliseconds = cpuTimes.sorted()[cpuTimes.count / 2] }
        return result
    }

    /// One plain-text table per source; times are medians per page (wall clock and CPU).
    public static func table(source: ExtractionCase.Source, scores: [ExtractionScore]) -> String {
        func f(_ x: Double?) -> String { x.map { String(format: "%.3f", $0) } ?? "-" }
        var lines = ["\(source.rawValue)"]
        switch source {
        case .trafilatura:
            lines.append(pad(["tool", "pages", "empty", "tp", "fp", "fn", "precision", "recall", "F", "wall ms", "cpu ms"]))
            for s in scores {
                lines.append(pad([s.tool, "\(s.pages)", "\(s.failures)", "\(s.tp)", "\(s.fp)", "\(s.fn)", f(s.precision), f(s.recall), f(s.f1),
                                  f(s.medianMilliseconds), f(s.medianCPUMilliseconds)]))
            }
        case .zyte, .readability:
            lines.append(pad(["tool", "pages", "empty", "precision", "recall", "F1", "title", "byline", "wall ms", "cpu ms"]))
            for s in scores {
                lines.append(pad([s.tool, "\(s.pages)", "\(s.failures)", f(s.precision), f(s.recall), f(s.f1), f(s.titleAgreement), f(s.bylineAgreement),
                                  f(s.medianMilliseconds), f(s.medianCPUMilliseconds)]))
            }
        }
        return lines.joined(separator: "\n")
    }

    private static func pad(_ cells: [String]) -> String {
        cells.enumerated().map { index, cell in
            let width = index == 0 ? 18 : 10
            return cell.count >= width ? cell + " " : cell + String(repeating: " ", count: width - cell.count)
        }.joined()
    }
}

/// A failure of the evaluation itself (missing corpus, unreadable files).
public struct EvaluationFailure: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

extension ExtractionEvaluation {
    /// The weakest pages of one source for `outputs` (ten, or `limit`; nil for every page), worst
    /// first, as lines "score case (detail)".
    public static func worstPages(source: ExtractionCase.Source, cases: [ExtractionCase], outputs: [String: ExtractionOutput], limit: Int? = 10) -> [String] {
        var rows: [(Double, String)] = []
        for item in cases where item.source == source {
            let output = outputs[item.key]
            let text = output?.text ?? ""
            switch source {
            case .zyte, .readability:
                let s = ExtractionScoring.shingleScores(output: text, expected: item.expectedText ?? "")
                let p = s.precision ?? 0
                let f = p + s.recall == 0 ? 0 : 2 * p * s.recall / (p + s.recall)
                rows.append((f, String(format: "%.3f %@ (p %.3f r %.3f)%@", f, item.name, p, s.recall, output?.error.map { " " + $0 } ?? "")))
            case .trafilatura:
                let c = ExtractionScoring.snippetCounts(output: text, with: item.with, without: item.without)
                let f = 2 * c.tp + c.fp + c.fn == 0 ? 1 : Double(2 * c.tp) / Double(2 * c.tp + c.fp + c.fn)
                rows.append((f, String(format: "%.3f %@ (tp %d fp %d fn %d)", f, item.name, c.tp, c.fp, c.fn)))
            }
        }
        let sorted = rows.sorted { $0.0 < $1.0 }
        return (limit.map { Array(sorted.prefix($0)) } ?? sorted).map(\.1)
    }
}
