import ArgumentParser
import Foundation
import StetDiff
import StetText

/// `stet debug align OLD NEW`: prints how the differ aligned the sentences of two plain-text files.
struct DebugAlignCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "align",
        abstract: "Print the sentence alignment of two plain-text versions, with similarity scores.")

    @Argument(help: "The old version (plain text, paragraphs separated by blank lines).")
    var old: String

    @Argument(help: "The new version.")
    var new: String

    @Flag(help: "Also list unchanged sentences.")
    var all = false

    @Option(help: "Also time the full diff, as the mean of this many runs.")
    var time: Int = 0

    func run() throws {
        func load(_ path: String) throws -> Document {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw ValidationError("cannot read \(path)")
            }
            return Document(plainText: String(decoding: data, as: UTF8.self))
        }
        let oldDocument = try load(old), newDocument = try load(new)
        let alignment = Differ().align(old: oldDocument, new: newDocument)
        let sentences = alignment.sentences
        for link in alignment.links where all || link.kind != .unchanged {
            let score = String(format: "%.3f", link.similarity)
            print("\(link.kind.rawValue.padding(toLength: 9, withPad: " ", startingAt: 0)) \(score)  old \(link.old) → new \(link.new)")
            for i in link.old { print("    - \(sentences.old[i])") }
            for j in link.new { print("    + \(sentences.new[j])") }
        }
        let unchanged = alignment.links.filter { $0.kind == .unchanged }.count
        print("\(alignment.links.count) links, \(unchanged) unchanged; \(sentences.old.count) old and \(sentences.new.count) new sentences")
        if let reason = alignment.fallbackReason { print("fallback: \(reason)") }
        if time > 0 {
            let differ = Differ()
            let clock = ContinuousClock()
            var summary = ""
            let elapsed = clock.measure {
                for _ in 0..<time { summary = differ.diff(old: oldDocument, new: newDocument).summary }
            }
            let words = (oldDocument.blocks + newDocument.blocks).reduce(0) { $0 + $1.text.split(separator: " ").count } / 2
            let perRun = elapsed / time
            let milliseconds = Double(perRun.components.seconds) * 1000 + Double(perRun.components.attoseconds) / 1e15
            print(String(format: "diff: %.3f ms per run (mean of %d, about %d words per version): ", milliseconds, time, words) + summary)
        }
    }
}
