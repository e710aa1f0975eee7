import ArgumentParser
import Foundation
import StetEval
import StetExtract

/// `stet eval extraction DIR [--peers FILE]`: scores the extractor on the extraction corpus.
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
        for source in ExtractionCase.Source.allCases where cases.contains(where: { $0.source == source }) {
            var scores = [ExtractionEvaluation.score(tool: "stet", source: source, cases: cases, outputs: outputs)]
            for tool in peerOutputs.keys.sorted() {
                scores.append(ExtractionEvaluation.score(tool: tool, source: source, cases: cases, outputs: peerOutputs[tool] ?? [:]))
            }
            print(ExtractionEvaluation.table(source: source, scores: scores))
            if verbose {
                for line in ExtractionEvaluation.worstPages(source: source, cases: cases, outputs: outputs) { print("  " + line) }
            }
            print("")
        }
    }
}
