import Foundation
import StetDiff
import StetEval
import Testing

/// The evaluations run end to end on the corpus and stay above floors well under the measured
/// figures in docs/evaluation.md (so a regression fails, noise does not).
@Suite struct EvaluationTests {
    static let revisions = Fixtures.corpus.appendingPathComponent("revisions")
    static var hasCorpus: Bool { FileManager.default.fileExists(atPath: revisions.path) }

    @Test(.enabled(if: hasCorpus)) func generatedEdits() throws {
        let report = try EditEvaluation.run(directory: Self.revisions, seed: 11, limit: 30)
        #expect(report.pairs == 30)
        #expect(report.quoteRecall >= 0.9 && report.quotePrecision >= 0.9)
        #expect(report.speakerAccuracy >= 0.9)
        #expect(report.figureRecall >= 0.9 && report.figurePrecision >= 0.9)
        #expect(report.significanceAccuracy >= 0.9)
        #expect(report.noFalseChange >= 0.95)
    }

    @Test func missingDirectoryIsAnError() {
        #expect(throws: (any Error).self) { try RevisionEvaluation.run(directory: URL(fileURLWithPath: "/nonexistent/stet")) }
        #expect(throws: (any Error).self) { try EditEvaluation.run(directory: URL(fileURLWithPath: "/nonexistent/stet")) }
    }
}
