import ArgumentParser
import Foundation
import StetText

/// `stet sentences FILE [--format text|json]`: shows how a file is cut into sentences.
///
/// A file that looks like HTML (`.htm`/`.html`, or starting with `<` after whitespace) goes through
/// the extractor; anything else is plain text with paragraphs separated by blank lines.
struct SentencesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sentences",
        abstract: "Split an article file into sentences.",
        discussion: """
            Text output prints one sentence a line, with a blank line between blocks. JSON output is \
            {"sentences": [...], "blocks": [{"role": ..., "sentences": [...]}]}.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @Argument(help: "A plain-text or HTML article file.")
    var file: String

    @Option(help: "Output format: text or json.")
    var format: Format = .text

    func run() throws {
        let document = try InputFiles.document(at: file)
        let segmented = Segmenter().segment(document)
        switch format {
        case .text:
            print(Self.text(segmented), terminator: "")
        case .json:
            print(try Self.json(segmented))
        }
    }

    /// One sentence a line (inner line breaks become spaces), a blank line between blocks.
    static func text(_ segmented: SegmentedDocument) -> String {
        var output = ""
        for (index, block) in segmented.blocks.enumerated() where !block.sentences.isEmpty {
            if index > 0, !output.isEmpty { output += "\n" }
            for sentence in segmented.sentences[block.sentences] {
                output += sentence.text.split(whereSeparator: \.isNewline).joined(separator: " ") + "\n"
            }
        }
        return output
    }

    private struct JSONOutput: Encodable {
        struct Block: Encodable {
            var role: String
            var sentences: [String]
        }
        var sentences: [String]
        var blocks: [Block]
    }

    /// `{"sentences": [...], "blocks": [{"role": ..., "sentences": [...]}]}`.
    static func json(_ segmented: SegmentedDocument) throws -> String {
        let output = JSONOutput(
            sentences: segmented.sentences.map(\.text),
            blocks: segmented.blocks.map { block in
                .init(role: block.role.rawValue, sentences: segmented.sentences[block.sentences].map(\.text))
            })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(output), as: UTF8.self)
    }
}
