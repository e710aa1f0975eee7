import Testing
import StetText

/// Property: every non-whitespace character of a paragraph lands in exactly one sentence, in
/// order, and sentences are trimmed substrings of the paragraph.
@Suite("Coverage over the corpus")
struct CoverageTests {
    /// Words of a text, whitespace collapsed.
    static func collapsed(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// Checks the property for one paragraph; returns a description of the first violation.
    static func violation(in paragraph: String) -> String? {
        let segmenter = Segmenter()
        let sentences = segmenter.sentences(in: paragraph)
        let ranges = segmenter.sentenceRanges(in: paragraph)
        guard sentences.count == ranges.count else { return "ranges and sentences disagree" }
        var previousEnd = paragraph.startIndex
        for (sentence, range) in zip(sentences, ranges) {
            if sentence.isEmpty { return "empty sentence" }
            if sentence.first!.isWhitespace || sentence.last!.isWhitespace { return "untrimmed: \(sentence)" }
            if String(paragraph.unicodeScalars[range]) != sentence { return "not the substring at its range: \(sentence)" }
            if range.lowerBound < previousEnd { return "overlapping ranges at \(sentence)" }
            if !paragraph.unicodeScalars[previousEnd..<range.lowerBound].allSatisfy(\.properties.isWhitespace) {
                return "non-space text dropped before \(sentence)"
            }
            previousEnd = range.upperBound
        }
        if !paragraph.unicodeScalars[previousEnd...].allSatisfy(\.properties.isWhitespace) { return "text dropped at the end" }
        if collapsed(sentences.joined(separator: " ")) != collapsed(paragraph) { return "joined sentences differ from the paragraph" }
        return nil
    }

    @Test("Every paragraph of every revision text is covered exactly once")
    func revisionParagraphs() throws {
        let files = try Corpus.revisionTexts()
        #expect(files.count > 500, "expected the shared corpus at \(Corpus.root.path)")
        var paragraphs = 0
        var sentences = 0
        for file in files {
            for block in Document(plainText: file.text).blocks {
                paragraphs += 1
                sentences += Segmenter().sentences(in: block.text).count
                if let problem = Self.violation(in: block.text) {
                    Issue.record("\(file.path): \(problem)")
                }
            }
        }
        #expect(sentences > paragraphs)
    }

    @Test("Raw files, line breaks and all, are covered exactly once")
    func rawFiles() throws {
        for file in try Corpus.revisionTexts().prefix(200) {
            if let problem = Self.violation(in: file.text) {
                Issue.record("\(file.path): \(problem)")
            }
        }
    }
}
