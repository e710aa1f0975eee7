import Foundation
@testable import StetDiff
import StetText
import Testing

@Suite struct FigureTests {
    func values(_ sentence: String) -> [String] { FigureRecognizer.figures(in: sentence).map(\.value) }

    @Test func countsWithSubjects() {
        let figures = FigureRecognizer.figures(in: "Moscow said that 14 people, including two children, have been killed and over 100 more are injured.")
        #expect(figures.map(\.value) == ["14", "two", "over 100"])
        #expect(figures.first?.subject == "people killed")
        #expect(figures.last?.subject == "people injured")
    }

    @Test func formsOfNumbers() {
        #expect(values("The fund holds $5 million and 3.5% of 1,000,000 shares.") == ["$5 million", "3.5%", "1,000,000"])
        #expect(values("At least twenty-one soldiers and dozens of civilians died.") == ["At least twenty-one", "dozens"])
        #expect(values("Between 10-12 boats and nearly 160 more were hit.") == ["10-12", "nearly 160"])
        #expect(values("Prices rose 4 percent.") == ["4 percent"])
    }

    @Test func notFigures() {
        #expect(values("The war began in February 2022.") == [])
        #expect(values("Update 1/3/24, 9:20 a.m. ET: new comment.") == [])
        #expect(values("On July 1 the 2nd convoy left at 10 pm.") == [])
        #expect(values("One of the officials said no one knew about COVID-19 or the F-16.") == [])
        #expect(values("It was one day in the 1990s.") == [])
        #expect(values("At least one person died.") == ["At least one"])
    }
}

@Suite struct QuoteTests {
    func quotes(_ paragraphs: [String]) -> [Quotation] {
        let segmenter = Segmenter()
        var sentences: [String] = []
        var blocks: [Range<Int>] = []
        for paragraph in paragraphs {
            let start = sentences.count
            sentences += segmenter.sentences(in: paragraph)
            blocks.append(start..<sentences.count)
        }
        return QuoteRecognizer.quotations(sentences: sentences, blocks: blocks)
    }

    @Test func attributions() {
        #expect(quotes(["\u{201C}We will rebuild the bridge,\u{201D} said Mayor Ana Ruiz."]).first?.speaker == "Mayor Ana Ruiz")
        #expect(quotes(["\"We will rebuild the bridge,\" the mayor said."]).first?.speaker == "mayor")
        #expect(quotes(["The minister told Reuters: \"Nothing has been decided yet.\""]).first?.speaker == "minister")
        #expect(quotes(["\"Nothing has been decided yet,\" according to a senior aide."]).first?.speaker == "senior aide")
        #expect(quotes(["In a statement, the Foreign Office said: \"We are monitoring the situation closely.\""]).first?.speaker == "Foreign Office")
        #expect(quotes(["A spokesperson for the World Health Organization (WHO) said, \"The outbreak is contained for now.\""]).first?.speaker == "WHO spokesperson")
        #expect(quotes(["Smith, who chairs the committee, said: \"We will vote on Tuesday as planned.\""]).first?.speaker == "Smith")
        #expect(quotes(["\"We will vote on Tuesday as planned,\" Smith told reporters."]).first?.speaker == "Smith")
        // A role after the verb keeps its organisation, and stops at the next preposition.
        #expect(quotes(["\"The roads will reopen on Friday,\" said a spokesperson for the regional government."]).first?.speaker
            == "spokesperson for the regional government")
        #expect(quotes(["\"The roads will reopen on Friday,\" said an official at the ministry on Monday."]).first?.speaker
            == "official at the ministry")
        #expect(quotes(["\"The roads will reopen on Friday,\" said Ana Ruiz in a statement."]).first?.speaker == "Ana Ruiz")
    }

    @Test func pronounsResolveToTheNearestName() {
        let found = quotes([
            "Smith criticized the plan on Monday.",
            "\"It is a waste of public money,\" she said.",
        ])
        #expect(found.first?.speaker == "Smith")
    }

    @Test func scareQuotesAreNotQuotes() {
        #expect(quotes(["Officials called it a \"terror attack\" on Saturday."]).isEmpty)
        #expect(quotes(["The so-called 'peace plan' failed."]).isEmpty)
        #expect(quotes(["They acted \"in coordination\" with allies, the report said."]).isEmpty)
    }

    @Test func nestedAndSpanningQuotes() {
        let nested = quotes(["\"They speak of a 'victory on the battlefield' that will never come,\" Zakharova said."])
        #expect(nested.count == 1)
        #expect(nested.first?.text.contains("'victory on the battlefield'") == true)
        let spanning = quotes([
            "\"The first part of the statement runs on. It continues here in a second sentence.",
            "\"And it ends in the next paragraph with more words,\" the ministry said.",
        ])
        #expect(spanning.count == 1)
        #expect(spanning.first?.speaker == "ministry")
        #expect(spanning.first?.sentences.count == 3)
        // Unbalanced: never closed, still one quotation, no crash.
        #expect(quotes(["He said: \"this is never closed and goes on for a while."]).count == 1)
    }

    @Test func blocksThatCanHoldAQuotation() {
        func may(_ paragraph: String) -> Bool {
            let sentences = Segmenter().sentences(in: paragraph)
            return QuoteRecognizer.mayHoldQuotation(sentences: sentences, block: 0..<sentences.count)
        }
        #expect(may("The mayor said: \u{201C}We will rebuild.\u{201D}"))
        #expect(may("He called it a \"plan\" without saying more."))  // a mark, even if only a scare quote
        #expect(may("'We are ready to talk to anyone at any time,' the envoy said."))
        #expect(may("The envoy said: 'We are ready to talk to anyone at any time.'"))
        #expect(!may("The children's books and the Smiths' car were found. It's late."))
        #expect(!may("Rescue work continues in the north of the city."))
        // Every paragraph the recognizer finds a quotation in is one that may hold one.
        for paragraph in [
            "\u{201C}We will rebuild the bridge,\u{201D} said Mayor Ana Ruiz.", "'We are ready,' the envoy said to reporters today.",
            "\"It is a waste of public money,\" she said. Smith criticized the plan on Monday.",
        ] {
            #expect(!quotes([paragraph]).isEmpty)
            #expect(may(paragraph))
        }
    }

    @Test func singleQuotesOnlyWhenClearlyQuotes() {
        #expect(quotes(["'We are ready to talk to anyone at any time,' the envoy said."]).first?.speaker == "envoy")
        #expect(quotes(["The children's books and the Smiths' car were found."]).isEmpty)
    }
}

@Suite struct NoteTests {
    @Test func kinds() {
        #expect(NoteRecognizer.kind(ofParagraphStartingWith: "Update 1/3/24, 9:20 a.m. ET: This article has been updated with comment from the FCDO.") == .update)
        #expect(NoteRecognizer.kind(ofParagraphStartingWith: "UPDATE: Police have named the victim.") == .update)
        #expect(NoteRecognizer.kind(ofParagraphStartingWith: "This article has been updated with new figures.") == .update)
        #expect(NoteRecognizer.kind(ofParagraphStartingWith: "Correction: An earlier version misstated the date.") == .correction)
        #expect(NoteRecognizer.kind(ofParagraphStartingWith: "An earlier version of this story misstated the toll.") == .correction)
        #expect(NoteRecognizer.kind(ofParagraphStartingWith: "Editor\u{2019}s note: The names were changed.") == .editorsNote)
        #expect(NoteRecognizer.kind(ofParagraphStartingWith: "Updates to the software were released on Monday by the company.") == nil)
        #expect(NoteRecognizer.kind(ofParagraphStartingWith: "The correction came late in the day for investors.") == nil)
    }
}

@Suite struct ChangeTests {
    func diff(_ old: [String], _ new: [String]) -> ArticleDiff {
        Differ().diff(old: Document(blocks: old.map { Block(.paragraph, $0) }), new: Document(blocks: new.map { Block(.paragraph, $0) }))
    }

    @Test func figureChangeWithRewording() {
        let result = diff(
            ["Officials said 14 people have been killed in the strikes on the city.", "Rescue work continues."],
            ["Officials now say 21 people have been killed in the strikes on the city.", "Rescue work continues."])
        #expect(result.changes.count == 1)
        #expect(result.changes.first?.kind == .edited)
        #expect(result.changes.first?.significance == .substantive)
        #expect(result.summary.hasPrefix("Figure changed: 14 → 21 people killed"))
    }

    @Test func typosAndStyleAreMinor() {
        let result = diff(
            ["The goverment announced the plan on Monday.", "Critics called it \u{201C}reckless and dangerous for the country.\u{201D}"],
            ["The government announced the plan on Monday.", "Critics called it \"reckless and dangerous for the country.\""])
        #expect(result.changes.count == 1)
        #expect(result.changes.first?.significance == .minor)
        #expect(result.summary == "Minor edits (1 typo)")
    }

    @Test func wrappingAndQuoteStyleAreNoChange() {
        let old = Document(plainText: "He said \u{201C}we will win the vote\u{201D} \u{2014} again.\n\nSecond   paragraph here.")
        let new = Document(plainText: "He said \"we will win\nthe vote\" -- again.\n\nSecond paragraph\nhere.")
        // Only the dash style differs in length ("—" vs "--"): one dash vs two is a punctuation edit.
        let result = Differ().diff(old: old, new: new)
        #expect(result.changes.allSatisfy { $0.significance == .minor })
        let same = Document(plainText: "He said \"we will win\nthe vote\" \u{2013} again.\n\nSecond paragraph\nhere.")
        let exact = Differ().diff(old: old, new: same)
        #expect(exact.changes.isEmpty, "\(exact.changes)")
    }

    @Test func splitsAndMerges() {
        let whole = "The council approved the budget on Monday, and the mayor promised new bus lanes across the city."
        let parts = ["The council approved the budget on Monday.", "The mayor promised new bus lanes across the city."]
        let split = diff(["Intro sentence stays here.", whole, "Closing line stays too."], ["Intro sentence stays here.", parts.joined(separator: " "), "Closing line stays too."])
        #expect(split.changes.map(\.kind) == [.split])
        let merged = diff(["Intro sentence stays here.", parts.joined(separator: " "), "Closing line stays too."], ["Intro sentence stays here.", whole, "Closing line stays too."])
        #expect(merged.changes.map(\.kind) == [.merged])
    }

    @Test func movedAndEditedSentenceIsOneMove() {
        let a = ["First paragraph about the storm damage in the north.", "Second paragraph on the power cuts affecting homes.", "Third paragraph with the mayor's reaction to the news.", "Fourth paragraph on the forecast for the weekend ahead."]
        var b = a
        b.remove(at: 0)
        b.append("First paragraph about the heavy storm damage in the north.")
        let result = diff(a, b)
        #expect(result.changes.map(\.kind) == [.moved])
        #expect(result.changes.first?.similarity ?? 1 < 1)
    }

    @Test func headlineChangeIsANote() {
        let old = Document(blocks: [Block(.headline, "Storm hits the coast"), Block(.paragraph, "Body text stays the same here.")])
        let new = Document(blocks: [Block(.headline, "Storm batters the coast, cutting power"), Block(.paragraph, "Body text stays the same here.")])
        let result = Differ().diff(old: old, new: new)
        #expect(result.changes.count == 1)
        #expect(result.changes.first?.kind == .edited)
        let isHeadline = result.changes.first?.facets.contains { if case .note(let n) = $0 { return n.kind == .headline } else { return false } }
        #expect(isHeadline == true)
        #expect(result.summary == "Headline changed")
    }

    @Test func reattributedQuote() {
        let result = diff(
            ["\"We are not going to comment on these claims at all,\" the ministry said."],
            ["\"We are not going to comment on these claims at all,\" a government spokesperson said."])
        let facet = result.changes.first?.facets.first
        guard case .quote(let quote) = facet else { Issue.record("no quote facet"); return }
        #expect(quote.change == .edited)
        #expect(quote.speaker == "government spokesperson")
        #expect(result.changes.first?.significance == .substantive)
    }

    @Test func aQuoteFreeChangeBesideAQuotationChangesNothingAboutIt() {
        // The quotation runs over two paragraphs and its speaker comes after it; a change in a
        // paragraph with no quote marks next to it must leave its facet as it is without that change.
        let opening = "\u{201C}The first part of the statement runs on for a while and then some more."
        let closing = "\u{201C}And it ends in the next paragraph with many more words,\u{201D} the ministry said."
        let alone = diff(["Intro line one.", opening, closing, "Rescue work continues."],
                         ["Intro line one.", opening, closing.replacingOccurrences(of: "ministry", with: "army"), "Rescue work continues."])
        let beside = diff(["Intro line one.", opening, closing, "Rescue work continues."],
                          ["Intro line one here.", opening, closing.replacingOccurrences(of: "ministry", with: "army"), "Rescue work continues today."])
        func quoteFacets(_ diff: ArticleDiff) -> [QuoteFacet] {
            diff.changes.flatMap(\.facets).compactMap { if case .quote(let quote) = $0 { quote } else { nil } }
        }
        #expect(quoteFacets(alone).count == 1)
        #expect(quoteFacets(alone).first?.speaker == "army")
        #expect(quoteFacets(beside) == quoteFacets(alone))
        #expect(beside.changes.count == alone.changes.count + 2)
    }

    @Test func anEditedQuoteOverTwoSentencesIsShownWhole() {
        // Only the second sentence changes (the speaker), but the facet carries the whole quotation.
        let result = diff(
            ["\"The bridge will stay closed all winter. Repairs start in the spring,\" the mayor said."],
            ["\"The bridge will stay closed all winter. Repairs start in the spring,\" the governor said."])
        #expect(result.changes.count == 1)
        #expect(result.changes.first?.new.count == 1)
        guard case .quote(let quote) = result.changes.first?.facets.first else { Issue.record("no quote facet"); return }
        #expect(quote.change == .edited)
        #expect(quote.speaker == "governor")
        #expect(quote.old == "The bridge will stay closed all winter. Repairs start in the spring,")
        #expect(quote.new == "The bridge will stay closed all winter. Repairs start in the spring,")
    }
}

@Suite struct NormalizerTests {
    @Test func comparisonKeys() {
        #expect(Normalizer.comparisonKey("  He said \u{201C}yes\u{201D} \u{2014} twice\u{2026}\n") == "He said \"yes\" - twice...")
        #expect(Normalizer.comparisonKey("Kyiv\u{2019}s\u{00A0}mayor") == "Kyiv's mayor")
        // NFC: a decomposed é equals the composed one.
        #expect(Normalizer.comparisonKey("caf\u{0065}\u{0301}") == Normalizer.comparisonKey("caf\u{00E9}"))
        #expect(Normalizer.comparisonKey("soft\u{00AD}hyphen\u{200B}") == "softhyphen")
        #expect(Normalizer.comparisonKey("") == "")
        #expect(Normalizer.comparisonKey(" \t\n ") == "")
    }

    @Test func words() {
        #expect(Normalizer.words("Kyiv\u{2019}s MAYOR, 1,000 people!") == ["kyiv", "s", "mayor", "1", "000", "people"])
        #expect(Normalizer.words("Vu\u{010D}i\u{0107} said") == ["vu\u{010D}i\u{0107}", "said"])
        #expect(Normalizer.words("...") == [])
    }
}

@Suite struct NoteFirstWordsTests {
    /// Sentences opening like a note, with the spellings the comparison key folds: case, runs of
    /// spaces, no-break spaces, soft hyphens and zero-width characters between and inside words.
    static let variants: [String] = {
        let openings = [
            "This article has been updated", "this story was corrected", "THIS IS A DEVELOPING STORY", "The article was amended",
            "A previous version of this story", "An earlier version of the article", "This page has been updated",
            "Update", "Updated at 5 p.m.:", "Correction:", "Editor\u{2019}s note:", "Note to readers:", "This is a story",
            "The story so far", "An early version", "A previous life", "This, article", "This post",
        ]
        var result: [String] = []
        for opening in openings {
            result.append(opening + " with details.")
            result.append(opening.replacingOccurrences(of: " ", with: "  ") + ".")
            result.append(opening.replacingOccurrences(of: " ", with: "\u{00A0}") + ".")
            result.append(opening.replacingOccurrences(of: " ", with: " \u{200B}") + ".")
            result.append(opening.replacingOccurrences(of: " ", with: "\u{00AD} ") + ".")
            result.append(opening.replacingOccurrences(of: "i", with: "i\u{00AD}") + ".")
            result.append("  " + opening.uppercased() + " - x")
        }
        return result
    }()

    @Test func firstWordsTestNeverHidesANote() throws {
        var sentences = Self.variants
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let revisions = root.deletingLastPathComponent().appendingPathComponent("shared/corpus/revisions")
        if let enumerator = FileManager.default.enumerator(at: revisions, includingPropertiesForKeys: nil) {
            for case let url as URL in enumerator where url.pathExtension == "txt" {
                let text = try String(contentsOf: url, encoding: .utf8)
                for block in Document(plainText: text).blocks { sentences += Segmenter().sentences(in: block.text).prefix(1) }
            }
        }
        #expect(sentences.count > 1000)
        var notes = 0
        for sentence in sentences {
            let full = NoteRecognizer.formKind(sentence)
            #expect(NoteRecognizer.kind(ofParagraphStartingWith: sentence) == full, "\(sentence)")
            if full != nil { notes += 1 }
        }
        #expect(notes >= 40)
    }
}
