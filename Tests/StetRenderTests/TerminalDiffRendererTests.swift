import Foundation
import StetDiff
import StetRender
import StetText
import Testing

@Suite struct TerminalDiffRendererTests {
    let plain = TerminalDiffRenderer(options: DiffRenderOptions(colors: false, width: 80))

    @Test func fcdoUpdateReadsLikeAnEditorsSummary() throws {
        let output = try plain.render(Fixtures.fcdo, context: Fixtures.context)
        let lines = Read.lines(output)
        #expect(lines.first == Fixtures.headline)
        #expect(lines.contains("from version 2 · 2024-01-02 18:05 UTC"))
        #expect(lines.contains("  to version 3 · 2024-01-03 14:20 UTC"))
        #expect(lines.contains("Added a quote from an FCDO spokesperson; added an update note"))
        let quoteLabel = try #require(lines.first { $0.contains("+ added") && $0.contains("quote (FCDO spokesperson)") })
        #expect(quoteLabel == "  + added · quote (FCDO spokesperson)")
        #expect(Read.flattened(output).contains("+ " + Read.flattened(Fixtures.fcdoSentence)))
        #expect(lines.contains("  + added · note: update added"))
        #expect(Read.flattened(output).contains("+ " + Fixtures.updateNote))
        // Nothing was removed: no removal label, no `-` sentence line, no struck text.
        #expect(!output.contains("removed"))
        #expect(!lines.contains { $0.hasPrefix("    - ") || $0.hasPrefix("    − ") })
        // The quote comes before the note, as in the article.
        let quoteIndex = try #require(lines.firstIndex(of: "  + added · quote (FCDO spokesperson)"))
        let noteIndex = try #require(lines.firstIndex(of: "  + added · note: update added"))
        #expect(quoteIndex < noteIndex)
    }

    @Test func editedFigureShowsWordHighlights() throws {
        let output = try plain.render(Fixtures.toll)
        #expect(output.contains("  ~ edited · figure 14 → 21 killed\n"))
        #expect(output.contains("    ~ Officials said [-14-]{+21+} killed in the strike.\n"))
        // The next sentence of the paragraph is shown as context, unmarked.
        #expect(output.contains("\n    · Rescue work continued overnight.\n"))
    }

    @Test func colorsOffMeansNoEscapeSequencesInAnyFormat() throws {
        for diff in [Fixtures.fcdo, Fixtures.toll] {
            for format in OutputFormat.allCases {
                let output = try DiffRenderer(options: DiffRenderOptions(colors: false)).render(diff, context: Fixtures.context, format: format)
                #expect(!output.contains("\u{1B}"), "escape sequence in \(format) output")
            }
        }
    }

    @Test func colorsOnHighlightsWithoutChangingTheWords() throws {
        let colored = try TerminalDiffRenderer(options: DiffRenderOptions(colors: true, width: 80)).render(Fixtures.toll)
        #expect(colored.contains("\u{1B}["))
        // The changed words are styled: red struck for the old, green for the new.
        #expect(colored.contains("\u{1B}[9;31m14\u{1B}[0m"))
        #expect(colored.contains("\u{1B}[1;4;32m21\u{1B}[0m"))
        // Stripped of its escapes, the colored output has the same words, without the markers.
        let stripped = Read.strippingANSI(colored)
        #expect(stripped.contains("~ Officials said 1421 killed in the strike."))
        #expect(!stripped.contains("[-"))
    }

    @Test func longLinesWrapWithAHangingIndent() throws {
        let output = try TerminalDiffRenderer(options: DiffRenderOptions(colors: false, width: 50)).render(Fixtures.fcdo, context: Fixtures.context)
        let lines = Read.lines(output)
        for line in lines { #expect(line.count <= 50, "line too long: \(line)") }
        let start = try #require(lines.firstIndex { $0.hasPrefix("    + A spokesperson") })
        #expect(lines[start + 1].hasPrefix("      ") && !lines[start + 1].hasPrefix("       "))
        // Without a width nothing wraps.
        let unwrapped = try TerminalDiffRenderer(options: DiffRenderOptions(colors: false, width: nil)).render(Fixtures.fcdo)
        #expect(unwrapped.contains("    + " + Read.flattened(Fixtures.fcdoSentence) + "\n"))
    }

    @Test func removedSentenceSitsAfterItsSurvivingNeighbour() throws {
        let diff = ArticleDiff.make(
            old: ["One.", "Two.", "Three.", "Four."], new: ["One.", "Three.", "Four."],
            oldParagraphs: [0..<2, 2..<4], newParagraphs: [0..<1, 1..<3],
            changes: [Change(kind: .removed, old: [1], new: [], significance: .substantive)])
        let output = try plain.render(diff)
        #expect(output.contains("""
            ¶1
                · One.
              − removed
                - Two.

            """))
        #expect(!output.contains("¶2"))
    }

    @Test func removalsAtOnePlaceKeepTheirOldOrder() throws {
        // The changes arrive out of order; the reader still sees Two before Three.
        let diff = ArticleDiff.make(
            old: ["One.", "Two.", "Three.", "Four."], new: ["One.", "Four."],
            changes: [
                Change(kind: .removed, old: [2], new: [], significance: .substantive),
                Change(kind: .removed, old: [1], new: [], significance: .substantive),
            ])
        let output = try plain.render(diff)
        let two = try #require(output.range(of: "- Two."))
        let three = try #require(output.range(of: "- Three."))
        #expect(two.lowerBound < three.lowerBound)
    }

    @Test func removedParagraphKeepsItsOldPlace() throws {
        let diff = ArticleDiff.make(
            old: ["One.", "Gone.", "Also gone.", "Three."], new: ["One.", "Three."],
            oldParagraphs: [0..<1, 1..<3, 3..<4], newParagraphs: [0..<1, 1..<2],
            changes: [
                Change(kind: .removed, old: [1], new: [], significance: .substantive),
                Change(kind: .removed, old: [2], new: [], significance: .substantive),
            ])
        let outline = try DiffOutline(diff: diff, context: DiffRenderContext(), options: DiffRenderOptions())
        #expect(outline.sections.map(\.heading) == ["was ¶2"])
        #expect(outline.sections[0].isRemovedParagraph)
        let output = try plain.render(diff)
        #expect(output.contains("was ¶2\n  − removed\n    - Gone.\n  − removed\n    - Also gone.\n"))
    }

    @Test func removedFirstParagraphComesFirst() throws {
        let diff = ArticleDiff.make(
            old: ["Lede.", "Body."], new: ["Body.", "Added."], oldParagraphs: [0..<1, 1..<2], newParagraphs: [0..<1, 1..<2],
            changes: [
                Change(kind: .removed, old: [0], new: [], significance: .substantive),
                Change(kind: .added, old: [], new: [1], significance: .substantive),
            ])
        let headings = try DiffOutline(diff: diff, context: DiffRenderContext(), options: DiffRenderOptions()).sections.map(\.displayHeading)
        #expect(headings == ["was ¶1", "¶2 · new paragraph"])
    }

    @Test func movedSentenceNamesBothParagraphs() throws {
        let diff = ArticleDiff.make(
            old: ["A.", "B.", "C.", "D."], new: ["A.", "C.", "D.", "B."],
            oldParagraphs: [0..<1, 1..<2, 2..<3, 3..<4], newParagraphs: [0..<1, 1..<2, 2..<3, 3..<4],
            changes: [Change(kind: .moved, old: [1], new: [3], significance: .substantive, similarity: 1)])
        let output = try plain.render(diff)
        #expect(output.contains("¶4\n  ↕ moved from ¶2 to ¶4\n    ↕ B.\n"))
        #expect(!output.contains("¶2\n"))
    }

    @Test func splitMergedMinorAndHeadlineLabels() throws {
        let diff = ArticleDiff(
            sentences: Sides(
                old: ["Old title", "It rained, and the river rose.", "Roads shut.", "Schools shut.", "the mayor spoke."],
                new: ["New title", "It rained.", "The river rose.", "Roads and schools shut.", "The mayor spoke."]),
            paragraphs: Sides(
                old: [ParagraphSpan(role: .headline, first: 0, end: 1), ParagraphSpan(role: .paragraph, first: 1, end: 5)],
                new: [ParagraphSpan(role: .headline, first: 0, end: 1), ParagraphSpan(role: .paragraph, first: 1, end: 5)]),
            changes: [
                Change(kind: .edited, old: [0], new: [0], significance: .substantive,
                       facets: [.note(NoteFacet(change: .changed, kind: .headline, old: "Old title", new: "New title"))]),
                Change(kind: .split, old: [1], new: [1, 2], significance: .substantive),
                Change(kind: .merged, old: [2, 3], new: [3], significance: .substantive),
                Change(kind: .edited, old: [4], new: [4], significance: .minor),
            ],
            summary: "Changed the headline", counts: ChangeCounts())
        let output = try plain.render(diff)
        #expect(output.contains("headline\n  ~ edited · headline changed\n    ~ [-Old-]{+New+} title\n"))
        #expect(output.contains("  ⇉ split in 2\n    ~ It rained[-, and-]{+.+} [-the-]{+The+} river rose.\n"))
        #expect(output.contains("  ⇇ merged from 2\n    ~ Roads [-shut.-]{+and+} [-Schools-]{+schools+} shut.\n"))
        #expect(output.contains("  ~ edited (minor)\n    ~ [-the-]{+The+} mayor spoke.\n"))

        let hidden = try TerminalDiffRenderer(options: DiffRenderOptions(colors: false, width: 80, hideMinor: true)).render(diff)
        #expect(!hidden.contains("(minor)"))
        #expect(hidden.contains("    · The mayor spoke.\n"))
        #expect(hidden.contains("(1 minor change hidden)"))
    }

    @Test func contextIsLimitedAndTheRestElided() throws {
        let old = (1...9).map { "Sentence \($0)." }
        var new = old
        new[4] = "Sentence five, revised."
        let diff = ArticleDiff.make(
            old: old, new: new, changes: [Change(kind: .edited, old: [4], new: [4], significance: .substantive)])
        let one = try plain.render(diff)
        #expect(one.contains("""
            ¶1
                …
                · Sentence 4.
              ~ edited
                ~ Sentence [-5-]{+five, revised+}.
                · Sentence 6.
                …

            """))
        let none = try TerminalDiffRenderer(options: DiffRenderOptions(colors: false, contextSentences: 0)).render(diff)
        #expect(!none.contains("Sentence 4.") && !none.contains("Sentence 6."))
        let three = try TerminalDiffRenderer(options: DiffRenderOptions(colors: false, contextSentences: 3)).render(diff)
        #expect(three.contains("Sentence 2.") && three.contains("Sentence 8.") && !three.contains("Sentence 1.") && !three.contains("Sentence 9."))
    }

    @Test func noChangeSaysSo() throws {
        let diff = ArticleDiff.make(old: ["Same."], new: ["Same."], changes: [], summary: "")
        let output = try plain.render(diff, context: DiffRenderContext(title: "T"))
        #expect(output == "T\nNo change\n")
    }

    @Test func contradictoryDiffIsAClearError() throws {
        let outOfRange = ArticleDiff.make(
            old: ["A."], new: ["A."], changes: [Change(kind: .added, old: [], new: [3], significance: .substantive)])
        #expect(throws: InvalidDiffError.self) { try plain.render(outOfRange) }
        let doubled = ArticleDiff.make(
            old: ["A."], new: ["B."],
            changes: [
                Change(kind: .removed, old: [0], new: [], significance: .substantive),
                Change(kind: .edited, old: [0], new: [0], significance: .substantive),
            ])
        #expect(throws: InvalidDiffError.self) { try plain.render(doubled) }
        let empty = ArticleDiff.make(old: ["A."], new: ["A."], changes: [Change(kind: .edited, old: [], new: [], significance: .minor)])
        #expect(throws: InvalidDiffError.self) { try plain.render(empty) }
        do {
            _ = try plain.render(outOfRange)
        } catch let error as InvalidDiffError {
            #expect(error.description.contains("new sentence 3"))
        }
    }

    @Test func paragraphSpansThatMissSentencesStillRender() throws {
        // Spans that overlap and leave a sentence uncovered are normalised, not trusted.
        let diff = ArticleDiff(
            sentences: Sides(old: ["A.", "B."], new: ["A.", "B.", "C."]),
            paragraphs: Sides(
                old: [ParagraphSpan(role: .paragraph, first: 0, end: 2)],
                new: [ParagraphSpan(role: .paragraph, first: 0, end: 2), ParagraphSpan(role: .paragraph, first: 1, end: 9)]),
            changes: [Change(kind: .added, old: [], new: [2], significance: .substantive)],
            summary: "Added 1 statement", counts: ChangeCounts())
        let output = try plain.render(diff)
        #expect(output.contains("  + added\n    + C.\n"))
    }

    @Test func interimDifferOutputRenders() throws {
        let old = Document(plainText: "First paragraph. It has two sentences.\n\nSecond paragraph stays.")
        let new = Document(plainText: "First paragraph. It has two sentences.\n\nA new paragraph appears.\n\nSecond paragraph stays.")
        let diff = Differ().diff(old: old, new: new)
        let output = try plain.render(diff)
        #expect(output.contains("+ added"))
        #expect(output.contains("+ A new paragraph appears."))
        #expect(!output.contains("removed"))
    }
}
