import Foundation
import StetDiff
@testable import StetRender
import StetText
import Testing

@Suite struct LineWrapperTests {
    func plain(_ lines: [LineWrapper.PhysicalLine]) -> [String] {
        lines.map { String(repeating: " ", count: $0.indent) + $0.runs.map(\.text).joined() }
    }

    @Test func greedyBreaksWithHangingIndent() {
        let lines = LineWrapper.wrap([StyledRun("one two three four five six seven")], firstIndent: 2, nextIndent: 4, width: 20)
        #expect(plain(lines) == ["  one two three four", "    five six seven"])
    }

    @Test func overlongWordIsCutAtTheWidth() {
        let word = String(repeating: "x", count: 45)
        let lines = plain(LineWrapper.wrap([StyledRun("a " + word)], firstIndent: 0, nextIndent: 0, width: 20))
        #expect(lines == ["a", String(repeating: "x", count: 20), String(repeating: "x", count: 20), "xxxxx"])
    }

    @Test func markersStayWithTheirWord() {
        let runs = [StyledRun("said "), StyledRun("[-14-]"), StyledRun("{+21+}"), StyledRun(" killed")]
        let lines = plain(LineWrapper.wrap(runs, firstIndent: 0, nextIndent: 2, width: 14))
        #expect(lines == ["said", "  [-14-]{+21+}", "  killed"])
    }

    @Test func stylesSurviveAWrap() {
        let line = StyledLine(hang: 2, [StyledRun("green words that wrap around", .added)])
        let output = line.render(width: 20, colors: true)
        #expect(output.count == 2)
        for physical in output {
            #expect(physical.contains("\u{1B}[32m") && physical.hasSuffix("\u{1B}[0m"))
        }
        #expect(line.render(width: 20, colors: false) == ["green words that", "  wrap around"])
    }

    @Test func noLineIsWiderThanTheWidth() {
        var generator = SplitMix(seed: 7)
        for _ in 0..<200 {
            let words = (0..<Int(generator.next() % 30)).map { _ in String(repeating: "w", count: 1 + Int(generator.next() % 25)) }
            let width = 20 + Int(generator.next() % 60)
            let lines = plain(LineWrapper.wrap([StyledRun(words.joined(separator: " "))], firstIndent: 4, nextIndent: 6, width: width))
            #expect(lines.allSatisfy { $0.count <= width })
            #expect(lines.joined(separator: " ").split(separator: " ").joined() == words.joined())
        }
    }
}

@Suite struct TerminalSafetyTests {
    @Test func controlCharactersInArticleTextAreNeutralised() throws {
        let hostile = "Breaking\u{1B}[2J\u{1B}]0;owned\u{07} news\u{9B}31m here."
        for colors in [false, true] {
            for width in [nil, 80] as [Int?] {
                let output = try TerminalDiffRenderer(options: DiffRenderOptions(colors: colors, width: width)).render(Fixtures.added(hostile))
                for sequence in ["\u{1B}[2J", "\u{1B}]", "\u{07}", "\u{9B}"] {
                    #expect(!output.contains(sequence))
                }
                #expect(Read.strippingANSI(output).contains("Breaking\u{FFFD}[2J\u{FFFD}]0;owned\u{FFFD} news\u{FFFD}31m here."))
                if !colors { #expect(!output.contains("\u{1B}")) }
            }
        }
        let list = try ListRenderer.render(rows: [ArticleListRow(id: "1", title: "a\u{1B}[31mb\nc", site: nil, versionCount: 1, lastChangedAt: nil)], format: .text)
        #expect(!list.contains("\u{1B}") && list.split(separator: "\n").count == 2)
    }

    @Test func timestampsAreUTCWhateverTheZone() {
        let date = Fixtures.date("2024-03-09T23:59:30Z")
        #expect(DiffRenderContext.sideLabel(version: 2, capturedAt: date) == "version 2 · 2024-03-09 23:59 UTC")
        #expect(DiffRenderContext.sideLabel(version: 1, capturedAt: nil) == "version 1")
        #expect(Timestamp.utcMinutes(Date(timeIntervalSince1970: 0)) == "1970-01-01 00:00")
    }
}

/// A small deterministic generator, so the randomized tests are repeatable.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

@Suite struct OutlinePropertyTests {
    /// Random edit scripts over random paragraphs: every change is shown exactly once, every added
    /// and removed sentence appears in its section, and the render never throws.
    @Test func everyChangeIsShownExactlyOnce() throws {
        var generator = SplitMix(seed: 42)
        for round in 0..<150 {
            let diff = Self.randomDiff(&generator, round: round)
            let hideMinor = round % 3 == 0
            let options = DiffRenderOptions(colors: false, width: 60, contextSentences: Int(generator.next() % 3), hideMinor: hideMinor)
            let outline = try DiffOutline(diff: diff, context: DiffRenderContext(), options: options)
            let entries = outline.sections.flatMap(\.items).compactMap { item -> DiffOutline.Entry? in
                if case .change(let entry) = item { entry } else { nil }
            }
            let expected = diff.changes.filter { !(hideMinor && $0.significance == .minor) }
            #expect(entries.count == expected.count, "round \(round)")
            let shownKinds: [String] = entries.map(\.kind.rawValue).sorted()
            let expectedKinds: [String] = expected.map(\.kind.rawValue).sorted()
            #expect(shownKinds == expectedKinds)
            for section in outline.sections {
                #expect(section.items.contains { if case .change = $0 { true } else { false } })
            }
            for format in OutputFormat.allCases {
                _ = try DiffRenderer(options: options).render(diff, format: format)
            }
            let text = try TerminalDiffRenderer(options: DiffRenderOptions(colors: false, width: nil)).render(diff)
            for change in expected where change.kind == .removed {
                for i in change.old { #expect(text.contains("- \(diff.sentences.old[i])")) }
            }
            for change in expected where change.kind == .added {
                for j in change.new { #expect(text.contains("+ \(diff.sentences.new[j])")) }
            }
        }
    }

    /// Builds old and new sentence lists from a random script of keep, remove, add and edit steps.
    static func randomDiff(_ generator: inout SplitMix, round: Int) -> ArticleDiff {
        var old: [String] = [], new: [String] = [], changes: [Change] = []
        let steps = 1 + Int(generator.next() % 25)
        for step in 0..<steps {
            let text = "Sentence \(round)-\(step)."
            switch generator.next() % 5 {
            case 0:
                changes.append(Change(kind: .removed, old: [old.count], new: [], significance: .substantive))
                old.append(text)
            case 1:
                changes.append(Change(kind: .added, old: [], new: [new.count], significance: .substantive))
                new.append(text)
            case 2:
                let minor = generator.next() % 2 == 0
                changes.append(Change(kind: .edited, old: [old.count], new: [new.count], significance: minor ? .minor : .substantive))
                old.append(text)
                new.append(minor ? text.lowercased() : "Revised \(text)")
            default:
                old.append(text)
                new.append(text)
            }
        }
        func paragraphs(_ count: Int) -> [Range<Int>] {
            var ranges: [Range<Int>] = []
            var start = 0
            while start < count {
                let end = min(count, start + 1 + Int(generator.next() % 4))
                ranges.append(start..<end)
                start = end
            }
            return ranges
        }
        return ArticleDiff.make(old: old, new: new, oldParagraphs: paragraphs(old.count), newParagraphs: paragraphs(new.count), changes: changes)
    }
}

@Suite struct WordSnappingTests {
    func render(_ spans: [WordDiff.Span]) -> String {
        spans.map { span in
            switch span.operation {
            case .equal: span.text
            case .deleted: "[-\(span.text)-]"
            case .inserted: "{+\(span.text)+}"
            }
        }.joined()
    }

    @Test func gluedPunctuationTakesTheWholeWord() {
        let spans = WordDiff.spans(old: "It rained, and the river rose.", new: "It rained. The river rose.")
        #expect(render(WordSnapping.snapped(spans)) == "It [-rained, and-]{+rained.+} [-the-]{+The+} river rose.")
    }

    @Test func wholeWordChangesAreLeftAlone() {
        let spans = WordDiff.spans(old: "Officials said 14 killed.", new: "Officials said 21 killed.")
        #expect(render(WordSnapping.snapped(spans)) == "Officials said [-14-]{+21+} killed.")
    }

    @Test func bothSidesStillRebuild() {
        let pairs = [
            ("The toll rose to 14, officials said.", "The toll rose to 21; officials said so."),
            ("a-b c", "a+b c"),
            ("", "new"),
            ("old text", ""),
        ]
        for (old, new) in pairs {
            let snapped = WordSnapping.snapped(WordDiff.spans(old: old, new: new))
            #expect(snapped.filter { $0.operation != .inserted }.map(\.text).joined() == old)
            #expect(snapped.filter { $0.operation != .deleted }.map(\.text).joined() == new)
        }
    }
}

@Suite struct ColorDecisionTests {
    @Test func noColorAndForceColorConventions() {
        #expect(RenderOptions.colorsEnabled(environment: [:], isTerminal: true))
        #expect(!RenderOptions.colorsEnabled(environment: [:], isTerminal: false))
        #expect(!RenderOptions.colorsEnabled(environment: ["NO_COLOR": "1"], isTerminal: true))
        #expect(RenderOptions.colorsEnabled(environment: ["NO_COLOR": ""], isTerminal: true))
        #expect(!RenderOptions.colorsEnabled(environment: ["TERM": "dumb"], isTerminal: true))
        #expect(RenderOptions.colorsEnabled(environment: ["FORCE_COLOR": "1", "NO_COLOR": "1"], isTerminal: false))
        #expect(!RenderOptions.colorsEnabled(environment: ["FORCE_COLOR": "0"], isTerminal: false))
    }

    @Test func widthFromColumns() {
        #expect(RenderOptions.width(environment: ["COLUMNS": "120"]) == 120)
        #expect(RenderOptions.width(environment: ["COLUMNS": "abc"]) == 80)
        #expect(RenderOptions.width(environment: ["COLUMNS": "5"], fallback: nil) == nil)
        #expect(RenderOptions.width(environment: [:], fallback: 100) == 100)
    }
}

@Suite struct DisplayWidthTests {
    @Test func wideCharactersTakeTwoColumns() {
        #expect(DisplayWidth.of("abc") == 3)
        #expect(DisplayWidth.of("東京都") == 6)
        #expect(DisplayWidth.of("한국어") == 6)
        #expect(DisplayWidth.of("e\u{301}") == 1)  // e + combining acute is one Character
        #expect(DisplayWidth.of("Привет") == 6)
    }

    @Test func wrappingCountsColumnsNotCharacters() {
        let text = String(repeating: "東", count: 30)
        let lines = LineWrapper.wrap([StyledRun(text)], firstIndent: 0, nextIndent: 0, width: 20)
        #expect(lines.map { DisplayWidth.of($0.runs.map(\.text).joined()) } == [20, 20, 20])
    }

    @Test func listTitlesAreCutByColumns() {
        let rows = [ArticleListRow(id: "1", title: String(repeating: "日本", count: 40), site: "x", versionCount: 1, lastChangedAt: nil)]
        let output = (try? ListRenderer.render(rows: rows, format: .text, options: RenderOptions(width: 60))) ?? ""
        for line in output.split(separator: "\n") { #expect(DisplayWidth.of(line) <= 60) }
    }
}
