import ArgumentParser
import Foundation
import StetExtract
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
        let document = try Self.document(at: file)
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

    /// The document in `path`: extracted from HTML, or read as plain text.
    static func document(at path: String) throws -> Document {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw SentencesError("no such file: \(path)")
        }
        guard !isDirectory.boolValue else { throw SentencesError("\(path) is a directory, not a file") }
        guard let data = FileManager.default.contents(atPath: path) else { throw SentencesError("cannot read \(path)") }
        let bytes = [UInt8](data)
        if looksLikeHTML(bytes, path: path) {
            do {
                return try Extractor().extract(html: bytes, url: nil, contentType: nil).document
            } catch {
                throw SentencesError("\(path): \(error)")
            }
        }
        return Document(plainText: String(decoding: bytes, as: UTF8.self))
    }

    /// `.htm`/`.html` files, and files whose first non-whitespace byte (after a byte-order mark) is `<`.
    static func looksLikeHTML(_ bytes: [UInt8], path: String) -> Bool {
        let lowered = path.lowercased()
        if lowered.hasSuffix(".html") || lowered.hasSuffix(".htm") { return true }
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        let first = body.first { ![0x20, 0x09, 0x0A, 0x0D, 0x0C].contains($0) }
        return first == UInt8(ascii: "<")
    }
}

/// A one-line error for `stet sentences`; ArgumentParser prints it as `Error: <message>` and exits 1.
private struct SentencesError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
