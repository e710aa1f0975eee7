import ArgumentParser
import Foundation
import StetEval
import StetExtract

/// `stet eval extraction DIR [--peers FILE] [--verbose | --pages] [--output-dir DIR]`: scores the extractor on the extraction corpus.
struct EvalExtractionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extraction",
        abstract: "Score article extraction on the corpus (zyte-aeb, readability, trafilatura-eval).",
        discussion: "DIR is corpus/extraction or one of its source folders. --peers merges results written by Tests/Peers/extraction/run_peers.py."
    )

    @Argument(help: "The extraction corpus folder.")
    var directory: String

    @Option(help: "Peer results JSON from run_peers.py.")
    var peers: String?

    @Flag(help: "List the worst pages of stet per source.")
    var verbose = false

    @Flag(help: "List every page's score for stet per source, worst first.")
    var pages = false

    @Option(help: "Write stet's text for each page to DIR/<source>/<case>.txt, and the expected text beside it (for inspection).")
    var outputDir: String?

    func run() throws {
        let cases: [ExtractionCase]
        do {
            cases = try ExtractionEvaluation.loadCases(directory: URL(fileURLWithPath: directory))
        } catch {
            FileHandle.standardError.write(Data("stet eval extraction: \(error)\n".utf8))
            throw ExitCode.failure
        }
        let outputs = ExtractionEvaluation.run(cases)
        var peerOutputs: [String: [String: ExtractionOutput]] = [:]
        if let peers {
            do {
                peerOutputs = try ExtractionEvaluation.loadPeers(URL(fileURLWithPath: peers))
            } catch {
                FileHandle.standardError.write(Data("stet eval extraction: cannot read peers \(peers): \(error)\n".utf8))
                throw ExitCode.failure
            }
        }
        if let outputDir {
            for item in cases {
                let dir = URL(fileURLWithPath: outputDir).appendingPathComponent(item.source.rawValue)
                try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
                let text = outputs[item.key]?.text ?? ""
                try Data(text.utf8).write(to: dir.appendingPathComponent(item.name + ".txt"))
                if let expected = item.expectedText {
                    try Data(expected.utf8).write(to: dir.appendingPathComponent(item.name + ".expected.txt"))
                }
            }
        }
        for source in ExtractionCase.Source.allCases where cases.contains(where: { $0.source == source }) {
            var scores = [ExtractionEvaluation.score(tool: "stet", source: source, cases: cases, outputs: outputs)]
            for tool in peerOutputs.keys.sorted() {
                scores.append(ExtractionEvaluation.score(tool: tool, source: source, cases: cases, outputs: peerOutputs[tool] ?? [:]))
            }
            print(ExtractionEvaluation.table(source: source, scores: scores))
            if verbose || pages {
                for line in ExtractionEvaluation.worstPages(source: source, cases: cases, outputs: outputs, limit: pages ? nil : 10) { print("  " + line) }
            }
            print("")
        }
    }
}
