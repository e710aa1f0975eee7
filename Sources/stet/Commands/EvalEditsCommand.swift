import ArgumentParser
import Foundation
import StetDiff
import StetEval

/// `stet eval edits DIR`: scores the differ on generated news updates with known truth.
struct EvalEditsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "edits",
        abstract: "Score quotes, speakers, figures, moves and significance on generated updates of corpus texts.")

    @Argument(help: "The corpus's revisions folder (its v1.txt files are the base texts).")
    var directory: String

    @Option(help: "Seed of the generator.")
    var seed: UInt64 = 7

    @Option(help: "How many base texts to use.")
    var limit: Int = 160

    @Flag(help: "Print the report as JSON.")
    var json = false

    @Flag(help: "Also print examples of errors.")
    var examples = false

    func run() throws {
        let report = try EditEvaluation.run(directory: URL(fileURLWithPath: directory), seed: seed, limit: limit)
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            print(String(decoding: try encoder.encode(report), as: UTF8.self))
            return
        }
        print(report.text)
        if examples { report.examples.forEach { print($0) } }
    }
}
