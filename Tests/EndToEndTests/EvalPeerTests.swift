import Foundation
import Testing

/// `stet eval edits --export` and `--score-answers`: a peer's answers in the `stet.diff/1` shape
/// are scored by the same code as stet's own diffs.
@Suite("Scoring a peer on the generated edits")
struct EvalPeerTests {
    static let revisions = StetRunner.packageRoot.deletingLastPathComponent().appendingPathComponent("shared/corpus/revisions")
    static var hasCorpus: Bool { FileManager.default.fileExists(atPath: revisions.path) }

    /// The report's figures, without the error examples (their wording depends on the sentences).
    static func figures(_ json: String) throws -> [String: Int] {
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any] ?? [:]
        return object.compactMapValues { $0 as? Int }
    }

    @Test("stet's own diffs, exported and read back, score exactly as in-process", .enabled(if: hasCorpus))
    func roundTrip() throws {
        let stet = try StetRunner()
        defer { stet.cleanUp() }
        let folder = stet.directory.appendingPathComponent("cases")
        let base = ["eval", "edits", Self.revisions.path, "--seed", "5", "--limit", "4"]
        let export = try stet.run(base + ["--export", folder.path], archive: false)
        #expect(export.succeeded, "\(export.stderr)")
        #expect(export.stdout.contains("wrote 4 cases"))
        let cases = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(cases == ["0001", "0002", "0003", "0004"])
        // Answer each case as a peer would: one `stet diff --files … --format json` per pair.
        for name in cases {
            let directory = folder.appendingPathComponent(name)
            for (new, answer) in [("new.txt", "diff.json"), ("control.txt", "control.json")] {
                let diff = try stet.run(
                    ["diff", "--files", directory.appendingPathComponent("old.txt").path,
                     directory.appendingPathComponent(new).path, "--format", "json"], archive: false)
                #expect(diff.succeeded, "\(diff.stderr)")
                try diff.stdout.write(to: directory.appendingPathComponent(answer), atomically: true, encoding: .utf8)
            }
        }
        let scored = try stet.run(base + ["--score-answers", folder.path, "--json"], archive: false)
        let inProcess = try stet.run(base + ["--json"], archive: false)
        #expect(scored.succeeded && inProcess.succeeded, "\(scored.stderr) \(inProcess.stderr)")
        let scoredFigures = try Self.figures(scored.stdout), inProcessFigures = try Self.figures(inProcess.stdout)
        #expect(scoredFigures["pairs"] == 4 && scoredFigures["controlPairs"] == 4)
        #expect((scoredFigures["quoteTruth"] ?? 0) > 0)
        #expect(scoredFigures == inProcessFigures)
    }

    @Test("answers for another seed or limit, or a missing answer, are clear errors", .enabled(if: hasCorpus))
    func mismatchedAnswers() throws {
        let stet = try StetRunner()
        defer { stet.cleanUp() }
        let folder = stet.directory.appendingPathComponent("cases")
        let base = ["eval", "edits", Self.revisions.path, "--seed", "5"]
        #expect(try stet.run(base + ["--limit", "3", "--export", folder.path], archive: false).succeeded)
        try stet.run(base + ["--limit", "4", "--score-answers", folder.path], archive: false)
            .expectCleanError(containing: "--seed and --limit")
        try stet.run(base + ["--limit", "3", "--score-answers", folder.path], archive: false)
            .expectCleanError(containing: "diff.json")
        try stet.run(base + ["--export", folder.path, "--score-answers", folder.path], archive: false)
            .expectCleanError(containing: "cannot be used together")
    }
}
