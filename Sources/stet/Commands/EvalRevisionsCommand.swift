import ArgumentParser
import Foundation
import StetDiff
import StetEval

/// `stet eval revisions DIR`: scores the differ against the annotated revision pairs.
struct EvalRevisionsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "revisions",
        abstract: "Score the differ on annotated revision pairs (recall, false alarms, significance).")

    @Argument(help: "The corpus's revisions folder (holding iterater-*/<case>/annotation.json).")
    var directory: String

    @Flag(help: "Print the report as JSON.")
    var json = false

    @Flag(help: "Also print examples of misses and false alarms.")
    var examples = false

    func run() throws {
        let report = try RevisionEvaluation.run(directory: URL(fileURLWithPath: directory))
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
