import Foundation
import StetText
import Testing

/// `Document(plainText:)` reads lines on their UTF-8 bytes; it must give exactly the blocks of the
/// definition by `Character`s (lines end at "\n", "\r\n" or "\r"; a blank line is all
/// `Character.isWhitespace`; a paragraph's lines are trimmed and joined with one space).
@Suite("Plain-text documents")
struct PlainTextDocumentTests {
    /// The definition, written with `Character`s (the implementation before the byte reader).
    static func reference(_ plainText: String) -> [String] {
        var blocks: [String] = []
        var current: [Substring] = []
        func trimmed(_ line: Substring) -> String {
            var start = line.startIndex, end = line.endIndex
            while start < end, line[start].isWhitespace { start = line.index(after: start) }
            while end > start, line[line.index(before: end)].isWhitespace { end = line.index(before: end) }
            return String(line[start..<end])
        }
        func flush() {
            if !current.isEmpty {
                let joined = current.map(trimmed).filter { !$0.isEmpty }.joined(separator: " ")
                if !joined.isEmpty { blocks.append(joined) }
                current.removeAll()
            }
        }
        for line in plainText.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }) {
            if line.allSatisfy({ $0.isWhitespace }) { flush() } else { current.append(line) }
        }
        flush()
        return blocks
    }

    static let crafted: [String] = [
        "", "\n", "\n\n\n", "One.", "One.\nTwo.", "One.\n\nTwo.", "One.\r\nTwo.\r\n\r\nThree.", "One.\rTwo.\r\rThree.",
        "  padded  \n\t tabbed\t\n\n\u{0B}\u{0C}x", "no-break\u{00A0}\n\u{00A0}\n\nnext", "\u{2003}em space\u{2003}\n\u{3000}\n",
        "café\n\n naïve \n", "e\u{301}\n\u{301}\n\n \u{301}x", "line\u{0085}next\u{2028}sep\n\nend", "\r\n\r\n", "a\n\r\nb",
        "“Quoted,” she said.\r\n\r\n— A dash\u{00A0}line —", "\u{FEFF}bom\n\n\u{200B}\n\nzero-width",
    ]

    @Test func sameBlocksAsTheCharacterDefinition() throws {
        var texts = Self.crafted
        for (_, text) in try Corpus.revisionTexts() { texts.append(text) }
        #expect(texts.count > 100)
        for text in texts {
            let blocks = Document(plainText: text).blocks
            #expect(blocks.map(\.text) == Self.reference(text), "\(text.prefix(80).debugDescription)")
            #expect(blocks.allSatisfy { $0.role == .paragraph })
        }
    }
}
