import Foundation
import StetDiff
import StetRender
import StetText

/// Diffs built by hand, so the renderer tests do not depend on the differ's current behaviour.
enum Fixtures {
    static let headline = "Russia Blames NATO Countries for 'Terror Attack' on Belgorod"
    static let fcdoSentence = """
        A spokesperson for the United Kingdom's Foreign, Commonwealth and Development Office (FCDO) \
        told Newsweek via email on Tuesday, "We are not going to provide a running commentary on each \
        and every one of Russia's baseless conspiracy theories about the West. Save that they are, and \
        remain, nonsense."
        """
    static let updateNote = "Update 1/3/24, 9:20 a.m. ET: This article has been updated with comment from the FCDO."

    static let body = [
        "A Russian official on Saturday blamed the United Kingdom and the United States for Ukrainian airstrikes on Belgorod, calling it a \"terror attack.\"",
        "Moscow said that 14 people, including two children, have been killed.",
        "Russian foreign ministry spokeswoman Maria Zakharova said the U.K. incited the strikes.",
        "She added: \"With not a single chance to improve the situation, the Anglo-Saxons have taken on the tactic of terror attacks on civilians.\"",
        "Zakharova also blamed other European countries for supplying Ukraine with weapons.",
    ]

    /// One paragraph per sentence, after a headline and a byline.
    static func spans(_ roles: [BlockRole]) -> [ParagraphSpan] {
        roles.enumerated().map { ParagraphSpan(role: $0.element, first: $0.offset, end: $0.offset + 1) }
    }

    /// The Newsweek update of 1/3/24: an FCDO spokesperson's quote and an update note were added.
    static var fcdo: ArticleDiff {
        let old = [headline, "By Rachel Dobkin"] + body
        var new = old
        new.insert(fcdoSentence, at: 6)
        new.append(updateNote)
        let changes = [
            Change(
                kind: .added, old: [], new: [6], significance: .substantive,
                facets: [.quote(QuoteFacet(change: .added, old: nil, new: "We are not going to provide a running commentary on each and every one of Russia's baseless conspiracy theories about the West. Save that they are, and remain, nonsense.", speaker: "FCDO spokesperson"))]),
            Change(
                kind: .added, old: [], new: [8], significance: .substantive,
                facets: [.note(NoteFacet(change: .added, kind: .update, old: nil, new: updateNote))]),
        ]
        let roles: [BlockRole] = [.headline, .byline] + Array(repeating: .paragraph, count: body.count)
        return ArticleDiff(
            sentences: Sides(old: old, new: new),
            paragraphs: Sides(old: spans(roles), new: spans(roles + [.paragraph, .paragraph])),
            changes: changes,
            summary: "Added a quote from an FCDO spokesperson; added an update note",
            counts: ChangeCounts(changes: changes))
    }

    /// The death toll revised: `14 killed` → `21 killed`, a figure facet.
    static var toll: ArticleDiff {
        let old = ["Officials said 14 killed in the strike.", "Rescue work continued overnight."]
        let new = ["Officials said 21 killed in the strike.", "Rescue work continued overnight."]
        let changes = [
            Change(
                kind: .edited, old: [0], new: [0], significance: .substantive,
                facets: [.figure(FigureFacet(change: .changed, old: "14", new: "21", subject: "killed"))], similarity: 0.86)
        ]
        return ArticleDiff(
            sentences: Sides(old: old, new: new),
            paragraphs: Sides(old: [ParagraphSpan(role: .paragraph, first: 0, end: 2)], new: [ParagraphSpan(role: .paragraph, first: 0, end: 2)]),
            changes: changes, summary: "Changed a figure: 14 → 21 killed", counts: ChangeCounts(changes: changes))
    }

    static let context = DiffRenderContext(
        title: headline,
        oldLabel: DiffRenderContext.sideLabel(version: 2, capturedAt: date("2024-01-02T18:05:00Z")),
        newLabel: DiffRenderContext.sideLabel(version: 3, capturedAt: date("2024-01-03T14:20:00Z")))

    static func date(_ iso: String) -> Date {
        (try? Date(iso, strategy: .iso8601)) ?? Date(timeIntervalSince1970: 0)
    }

    /// A diff whose only sentence is the given text, added.
    static func added(_ text: String, speaker: String? = nil) -> ArticleDiff {
        let facets: [Facet] = speaker.map { [.quote(QuoteFacet(change: .added, old: nil, new: text, speaker: $0))] } ?? []
        let changes = [Change(kind: .added, old: [], new: [0], significance: .substantive, facets: facets)]
        return ArticleDiff(
            sentences: Sides(old: [], new: [text]),
            paragraphs: Sides(old: [], new: [ParagraphSpan(role: .paragraph, first: 0, end: 1)]),
            changes: changes, summary: "Added 1 statement", counts: ChangeCounts(changes: changes))
    }
}

/// Helpers for reading rendered output.
enum Read {
    /// The text with runs of whitespace (line breaks and hanging indents) collapsed to one space,
    /// so a test can look for a sentence however it was wrapped.
    static func flattened(_ text: String) -> String {
        text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// Removes ANSI SGR sequences (`ESC [ … m`).
    static func strippingANSI(_ text: String) -> String {
        var result = ""
        var inEscape = false
        var previousWasEscape = false
        for character in text {
            if inEscape {
                if character == "m" { inEscape = false }
                continue
            }
            if character == "\u{1B}" { previousWasEscape = true; continue }
            if previousWasEscape && character == "[" { inEscape = true; previousWasEscape = false; continue }
            previousWasEscape = false
            result.append(character)
        }
        return result
    }

    static func lines(_ text: String) -> [String] {
        text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }
}

extension ArticleDiff {
    /// A diff built from sentences and changes, one paragraph per listed range, counts computed.
    static func make(
        old: [String], new: [String], oldParagraphs: [Range<Int>]? = nil, newParagraphs: [Range<Int>]? = nil,
        changes: [Change], summary: String = "Changed"
    ) -> ArticleDiff {
        func spans(_ ranges: [Range<Int>]?, count: Int) -> [ParagraphSpan] {
            (ranges ?? [0..<count]).filter { !$0.isEmpty }.map { ParagraphSpan(role: .paragraph, first: $0.lowerBound, end: $0.upperBound) }
        }
        return ArticleDiff(
            sentences: Sides(old: old, new: new),
            paragraphs: Sides(old: spans(oldParagraphs, count: old.count), new: spans(newParagraphs, count: new.count)),
            changes: changes, summary: summary, counts: ChangeCounts(changes: changes))
    }
}

extension Fixtures {
    static let mixedContext = DiffRenderContext(
        title: "Flooding in the valley kills 21", oldLabel: Fixtures.context.oldLabel, newLabel: Fixtures.context.newLabel)

    /// Every kind of change in one diff: headline, split, merge, minor edit, move, figure edit,
    /// removal, and an added quote in a new block quote, with unchanged context around them.
    static var mixed: ArticleDiff {
        let changes = [
            Change(kind: .edited, old: [0], new: [0], significance: .substantive,
                   facets: [.note(NoteFacet(change: .changed, kind: .headline, old: "Flooding in the valley", new: "Flooding in the valley kills 21"))]),
            Change(kind: .split, old: [1], new: [1, 2], significance: .substantive, similarity: 0.8),
            Change(kind: .merged, old: [3, 4], new: [4], significance: .substantive, similarity: 0.7),
            Change(kind: .edited, old: [5], new: [5], significance: .minor, similarity: 0.97),
            Change(kind: .moved, old: [11], new: [6], significance: .substantive, similarity: 1),
            Change(kind: .edited, old: [7], new: [8], significance: .substantive,
                   facets: [.figure(FigureFacet(change: .changed, old: "14", new: "21", subject: "killed"))], similarity: 0.86),
            Change(kind: .removed, old: [8], new: [], significance: .substantive),
            Change(kind: .added, old: [], new: [11], significance: .substantive,
                   facets: [.quote(QuoteFacet(change: .added, old: nil, new: "We will rebuild every bridge.", speaker: "the governor"))]),
        ]
        return ArticleDiff(
            sentences: Sides(
                old: [
                    "Flooding in the valley", "It rained all night, and the river rose.", "Water reached the square.",
                    "Roads shut.", "Schools shut.", "the mayor spoke at noon.", "Volunteers arrived.", "Officials said 14 killed.",
                    "A reporter saw a boat.", "Rescue teams searched.", "Power was cut.", "The army was called in.",
                ],
                new: [
                    "Flooding in the valley kills 21", "It rained all night.", "The river rose.", "Water reached the square.",
                    "Roads and schools shut.", "The mayor spoke at noon.", "The army was called in.", "Volunteers arrived.",
                    "Officials said 21 killed.", "Rescue teams searched.", "Power was cut.",
                    #""We will rebuild every bridge," the governor said."#,
                ]),
            paragraphs: Sides(
                old: [
                    ParagraphSpan(role: .headline, first: 0, end: 1), ParagraphSpan(role: .paragraph, first: 1, end: 6),
                    ParagraphSpan(role: .paragraph, first: 6, end: 11), ParagraphSpan(role: .paragraph, first: 11, end: 12),
                ],
                new: [
                    ParagraphSpan(role: .headline, first: 0, end: 1), ParagraphSpan(role: .paragraph, first: 1, end: 7),
                    ParagraphSpan(role: .paragraph, first: 7, end: 11), ParagraphSpan(role: .blockquote, first: 11, end: 12),
                ]),
            changes: changes,
            summary: "Headline changed; death toll 14 → 21; added a quote from the governor",
            counts: ChangeCounts(changes: changes))
    }
}
