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

    @Option(help: ArgumentHelp(
        "Write the generated pairs to this folder (old.txt, new.txt, control.txt per case) for a peer to answer.",
        valueName: "folder"))
    var export: String?

    @Option(help: ArgumentHelp(
        "Score a peer's answers (diff.json and control.json per case, stet.diff/1) in this folder instead of stet's differ.",
        valueName: "folder"))
    var scoreAnswers: String?

    func validate() throws {
        if export != nil && scoreAnswers != nil { throw ValidationError("--export and --score-answers cannot be used together") }
    }

    func run() throws {
        let corpus = URL(fileURLWithPath: directory)
        if let export {
            let cases = try EditEvaluation.cases(directory: corpus, seed: seed, limit: limit)
            try EditEvaluation.export(cases, to: URL(fileURLWithPath: export))
            print("wrote \(cases.count) cases to \(export)")
            return
        }
        let report: EditEvaluation.Report
        if let scoreAnswers {
            let cases = try EditEvaluation.cases(directory: corpus, seed: seed, limit: limit)
            report = try EditEvaluation.scoreAnswers(in: URL(fileURLWithPath: scoreAnswers), cases: cases)
        } else {
            report = try EditEvaluation.run(directory: corpus, seed: seed, limit: limit)
        }
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
