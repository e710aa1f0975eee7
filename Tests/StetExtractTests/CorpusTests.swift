import Foundation
import StetEval
import Testing
@testable import StetExtract

@Suite("Extraction corpus")
struct CorpusTests {
    /// Every corpus page extracts without a crash, in bounded time, and gives text.
    @Test(.timeLimit(.minutes(3))) func everyPageExtracts() throws {
        let directory = TestPaths.extractionCorpus
        try #require(FileManager.default.fileExists(atPath: directory.path), "corpus missing at \(directory.path)")
        let cases = try ExtractionEvaluation.loadCases(directory: directory)
        #expect(cases.count > 150)
        let outputs = ExtractionEvaluation.run(cases)
        // Two readability fixtures hold almost no text (a single word); every other page must give some.
        let empty = cases.filter { (outputs[$0.key]?.text ?? "").isEmpty }
        #expect(empty.isEmpty, "no text for: \(empty.map(\.key))")
        let slow = outputs.filter { ($0.value.milliseconds ?? 0) > 5_000 }
        #expect(slow.isEmpty, "slow pages: \(slow.keys.sorted())")
    }

    @Test func scoringFunctions() {
        #expect(ExtractionScoring.tokens("Hello, wörld_1 — 42!") == ["Hello", "wörld_1", "42"])
        let full = ExtractionScoring.shingleScores(output: "a b c d e", expected: "a b c d e")
        #expect(full.precision == 1 && full.recall == 1)
        let half = ExtractionScoring.shingleScores(output: "a b c d x", expected: "a b c d e")
        #expect(half.precision == 0.5 && half.recall == 0.5)
        #expect(ExtractionScoring.shingleScores(output: "", expected: "a b c d").precision == nil)
        let total = ExtractionScoring.aggregate([(1.0, 1.0), (nil, 0.0)])
        #expect(total.precision == 1 && total.recall == 0.5)
        let counts = ExtractionScoring.snippetCounts(output: "alpha beta gamma", with: ["beta", "delta"], without: ["gamma", "omega"])
        #expect(counts.tp == 1 && counts.fn == 1 && counts.fp == 1)
    }
}
