import Testing
import StetText

/// `Segmenter.segment(_:)`: which blocks split, block spans and offsets.
@Suite("Document segmentation")
struct DocumentSegmentationTests {
    let document = Document(blocks: [
        Block(.headline, "U.S. Strikes Back. Again?"),
        Block(.byline, "By J. Smith. Staff Writer"),
        Block(.dateline, "Jan. 3, 2024. Updated 9:20 a.m. ET"),
        Block(.paragraph, "The first sentence. The second one."),
        Block(.heading, "What happened. What next"),
        Block(.blockquote, "\"We are ready. We will win.\""),
        Block(.listItem, "• One item. Another sentence."),
        Block(.paragraph, "   "),
        Block(.paragraph, "Café prices rose. Naïve buyers paid."),
    ])

    @Test("Headline, byline, dateline and heading blocks are one sentence each")
    func metadataNotSplit() {
        let segmented = Segmenter().segment(document)
        let texts = segmented.sentences.map(\.text)
        #expect(texts == [
            "U.S. Strikes Back. Again?", "By J. Smith. Staff Writer", "Jan. 3, 2024. Updated 9:20 a.m. ET",
            "The first sentence.", "The second one.", "What happened. What next", "\"We are ready.", "We will win.\"",
            "• One item.", "Another sentence.", "Café prices rose.", "Naïve buyers paid.",
        ])
        #expect(segmented.blocks.map(\.role) == document.blocks.map(\.role))
        #expect(segmented.blocks.map(\.sentences) == [0..<1, 1..<2, 2..<3, 3..<5, 5..<6, 6..<8, 8..<10, 10..<10, 10..<12])
        #expect(segmented.sentences.map(\.block) == [0, 1, 2, 3, 3, 4, 5, 5, 6, 6, 8, 8])
    }

    @Test("UTF-8 offsets point at the sentence in its block")
    func offsets() throws {
        let segmented = Segmenter().segment(document)
        for sentence in segmented.sentences {
            let bytes = Array(document.blocks[sentence.block].text.utf8)
            let range = try #require(sentence.utf8Range)
            #expect(String(decoding: bytes[range], as: UTF8.self) == sentence.text)
        }
        let spans = Segmenter().spans(in: "  Café. Olé!  ")
        #expect(spans.map(\.utf8Range) == [2..<8, 9..<14])
    }

    @Test("Sentence ranges index the original string")
    func ranges() {
        let text = "  “Hello,” she said.\u{00A0}Then… silence.\n"
        let ranges = Segmenter().sentenceRanges(in: text)
        #expect(ranges.map { String(text.unicodeScalars[$0]) } == ["“Hello,” she said.", "Then… silence."])
    }

    @Test("The splitting policy by role")
    func policy() {
        #expect(BlockRole.allCases.filter(Segmenter.splitsBlocks(of:)) == [.paragraph, .blockquote, .listItem])
    }
}
