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

    func run() throws {
        func load(_ path: String) throws -> Document {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw ValidationError("cannot read \(path)")
            }
            return Document(plainText: String(decoding: data, as: UTF8.self))
        }
        let alignment = Differ().align(old: try load(old), new: try load(new))
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
    }
}
