// The diff page: the renderers' `DiffOutline` (sections in reading order, labelled changes, word
// spans of edits) laid out with everything unchanged still reachable:
//
// - The outline is built with unlimited context, then within each section the unchanged sentences
//   more than one sentence away from a change are folded into a `<details>` element.
// - Paragraphs without changes sit between the sections as folded `<details>` too, so the whole new
//   version can be read in place. The outline names body paragraphs `¶N` (and metadata blocks by
//   their role) in new-version order; the same naming over `diff.paragraphs.new` finds the
//   unchanged paragraphs between two sections. Removed paragraphs (`was ¶N`) stay where the
//   outline put them.
// - Facet labels are phrased from the change's facets (`quote added — FCDO spokesperson`,
//   `figure 14 → 21 killed`). The outline's entries do not carry their change's index, so each
//   entry is matched back to its change by kind and by the texts of both sides, which the entry's
//   body holds (word spans concatenate back to both sentences exactly); an entry that matches no
//   change keeps the renderer's own label words.
//
// Complexity: linear in sentences and changes after the differ and the outline.

import Foundation
import StetArchive
import StetDiff
import StetRender
import StetText

struct DiffPageBuilder {
    let site: StetSite
    let article: ArticleSummary

    /// Unchanged sentences kept visible next to a change; the rest of a run is folded.
    static let visibleContext = 1

    func model(from fromSelector: String, to toSelector: String, hideMinor: Bool) throws -> DiffModel {
        guard !fromSelector.isEmpty, !toSelector.isEmpty else {
            throw PageError.badRequest("A diff address names two versions: …/diff/2..3.")
        }
        let from = try site.versionNumber(fromSelector, of: article)
        let to = try site.versionNumber(toSelector, of: article)
        guard from != to else {
            throw PageError.badRequest("Version \(from) compared with itself shows nothing; pick two different versions.")
        }
        let archive = site.archive
        let fromRecord = try archive.version(of: article.id, .number(from))
        let toRecord = try archive.version(of: article.id, .number(to))
        let diff = try site.diff(article.id, from: from, to: to)
        let options = DiffRenderOptions(contextSentences: 1_000_000, hideMinor: hideMinor)
        let outline = try DiffOutline(diff: diff, context: DiffRenderContext(title: toRecord.title), options: options)

        let id = article.id
        let count = article.versionCount
        let query = hideMinor ? "?minor=hide" : ""
        let minorCount = diff.changes.filter { $0.significance == .minor }.count
        return DiffModel(
            title: toRecord.title ?? article.title ?? id, articleHref: ArticleRoute.path(id), fromNumber: from, toNumber: to,
            fromHref: ArticleRoute.path(id, .version("\(from)")), toHref: ArticleRoute.path(id, .version("\(to)")),
            fromTime: Formatting.utcMinutes(fromRecord.capturedAt), fromISO: Formatting.rfc3339(fromRecord.capturedAt),
            toTime: Formatting.utcMinutes(toRecord.capturedAt), toISO: Formatting.rfc3339(toRecord.capturedAt),
            summary: diff.summary, countsText: StetSite.countsText(diff.counts),
            prevHref: from > 1 ? ArticleRoute.path(id, .diff(from: "\(from - 1)", to: "\(from)")) + query : nil,
            nextHref: to < count ? ArticleRoute.path(id, .diff(from: "\(to)", to: "\(to + 1)")) + query : nil,
            toggleHref: ArticleRoute.path(id, .diff(from: "\(from)", to: "\(to)")) + (hideMinor ? "" : "?minor=hide"),
            toggleText: hideMinor
                ? "show minor changes"
                : (minorCount > 0 ? "hide \(Formatting.count(minorCount, "minor change"))" : "hide minor changes"),
            hiddenMinorText: outline.hiddenMinorChanges > 0
                ? "\(Formatting.count(outline.hiddenMinorChanges, "minor change")) hidden (case, punctuation, spelling)." : nil,
            noChanges: diff.changes.isEmpty,
            blocks: blocks(outline: outline, diff: diff),
            jsonHref: "/api" + ArticleRoute.path(id, .diff(from: "\(from)", to: "\(to)")))
    }

    // MARK: Blocks

    /// The new version's paragraph names, as the outline writes them.
    static func names(_ spans: [ParagraphSpan]) -> [String] {
        var number = 0
        return spans.map { span in
            if span.role.isMetadata { return span.role.rawValue }
            number += 1
            return "¶\(number)"
        }
    }

    func blocks(outline: DiffOutline, diff: ArticleDiff) -> [DiffModel.Block] {
        let spans = diff.paragraphs.new.filter { $0.first < $0.end && $0.end <= diff.sentences.new.count }
        let names = Self.names(spans)
        var indexOfName: [String: Int] = [:]
        for (p, name) in names.enumerated() where indexOfName[name] == nil { indexOfName[name] = p }
        let lookup = ChangeLookup(diff: diff)

        var blocks: [DiffModel.Block] = []
        var cursor = 0
        func unchanged(upTo end: Int) {
            guard end > cursor else { return }
            let paragraphs = spans[cursor..<end].map { span in diff.sentences.new[span.range].joined(separator: " ") }
            let label = end - cursor == 1
                ? "1 unchanged paragraph (\(names[cursor]))"
                : "\(end - cursor) unchanged paragraphs (\(names[cursor]) – \(names[end - 1]))"
            blocks.append(DiffModel.Block(
                isSection: false, isUnchanged: true, heading: "", removedParagraph: false, items: [], unchangedLabel: label,
                paragraphs: paragraphs))
            cursor = end
        }
        for section in outline.sections {
            if !section.isRemovedParagraph, let p = indexOfName[section.heading], p >= cursor {
                unchanged(upTo: p)
                cursor = p + 1
            }
            blocks.append(DiffModel.Block(
                isSection: true, isUnchanged: false, heading: section.displayHeading, removedParagraph: section.isRemovedParagraph,
                items: items(section.items, lookup: lookup), unchangedLabel: "", paragraphs: []))
        }
        if !diff.changes.isEmpty { unchanged(upTo: spans.count) }
        return blocks
    }

    /// The section's items with far context folded.
    func items(_ items: [DiffOutline.Item], lookup: ChangeLookup) -> [DiffModel.Item] {
        let changes = items.indices.filter { if case .change = items[$0] { true } else { false } }
        func distance(_ k: Int) -> Int { changes.map { abs($0 - k) }.min() ?? Int.max }
        var result: [DiffModel.Item] = []
        var folded: [String] = []
        func flush() {
            guard !folded.isEmpty else { return }
            var item = DiffModel.Item()
            item.isCollapsed = true
            item.collapsed = folded
            item.collapsedLabel = "\(Formatting.count(folded.count, "unchanged sentence"))"
            result.append(item)
            folded = []
        }
        for (k, entry) in items.enumerated() {
            switch entry {
            case .context(let text):
                if distance(k) > Self.visibleContext {
                    folded.append(text)
                } else {
                    flush()
                    var item = DiffModel.Item()
                    item.isContext = true
                    item.text = text
                    result.append(item)
                }
            case .elision:
                // Not produced with unlimited context; nothing of the text is lost by skipping it.
                continue
            case .change(let change):
                flush()
                result.append(self.change(change, lookup: lookup))
            }
        }
        flush()
        return result
    }

    func change(_ entry: DiffOutline.Entry, lookup: ChangeLookup) -> DiffModel.Item {
        var item = DiffModel.Item()
        item.isChange = true
        item.kind = entry.kind.rawValue
        item.symbol = entry.label.symbol
        item.action = entry.label.action
        item.minor = entry.label.isMinor
        let sides: (old: String, new: String)
        switch entry.body {
        case .added(let sentences):
            item.added = sentences
            sides = ("", sentences.joined(separator: " "))
        case .removed(let sentences):
            item.removed = sentences
            sides = (sentences.joined(separator: " "), "")
        case .unchanged(let sentences):
            item.unchanged = sentences
            sides = (sentences.joined(separator: " "), sentences.joined(separator: " "))
        case .edited(let spans):
            item.isEdited = true
            item.spans = spans.map { span in
                DiffModel.Span(
                    text: span.text, equal: span.operation == .equal, deleted: span.operation == .deleted,
                    inserted: span.operation == .inserted)
            }
            sides = (
                spans.filter { $0.operation != .inserted }.map(\.text).joined(),
                spans.filter { $0.operation != .deleted }.map(\.text).joined()
            )
        }
        if let change = lookup.change(kind: entry.kind, old: sides.old, new: sides.new) {
            item.facets = change.facets.map(FacetPhrase.phrase)
        } else {
            item.facets = entry.label.details.map { DiffModel.Facet(text: $0, kind: FacetPhrase.kind(ofDetail: $0)) }
        }
        return item
    }
}

/// Finds a diff's change by its kind and the joined texts of both sides.
struct ChangeLookup {
    private var changes: [String: Change] = [:]

    init(diff: ArticleDiff) {
        for change in diff.changes {
            let old = change.old.sorted().compactMap { diff.sentences.old.indices.contains($0) ? diff.sentences.old[$0] : nil }
            let new = change.new.sorted().compactMap { diff.sentences.new.indices.contains($0) ? diff.sentences.new[$0] : nil }
            let key = Self.key(change.kind, old.joined(separator: " "), new.joined(separator: " "))
            if changes[key] == nil { changes[key] = change }
        }
    }

    static func key(_ kind: ChangeKind, _ old: String, _ new: String) -> String {
        "\(kind.rawValue)\u{1}\(old)\u{1}\(new)"
    }

    func change(kind: ChangeKind, old: String, new: String) -> Change? {
        changes[Self.key(kind, old, new)]
    }
}

/// Facets as short labels for the web: `quote added — FCDO spokesperson`, `figure 14 → 21 killed`.
enum FacetPhrase {
    static func phrase(_ facet: Facet) -> DiffModel.Facet {
        func verb(_ change: FacetChange) -> String { change == .changed ? "edited" : change.rawValue }
        switch facet {
        case .quote(let quote):
            var text = "quote \(verb(quote.change))"
            if let speaker = clean(quote.speaker) { text += " — \(speaker)" }
            return DiffModel.Facet(text: text, kind: "quote")
        case .figure(let figure):
            let old = clean(figure.old), new = clean(figure.new)
            var text: String
            switch (old, new) {
            case (let old?, let new?) where old != new: text = "figure \(old) → \(new)"
            case (_, let new?) where figure.change == .added: text = "figure added: \(new)"
            case (let old?, _) where figure.change == .removed: text = "figure removed: \(old)"
            case (_, let new?): text = "figure \(new)"
            case (let old?, nil): text = "figure \(old)"
            case (nil, nil): text = "figure \(verb(figure.change))"
            }
            if let subject = clean(figure.subject) { text += " \(subject)" }
            return DiffModel.Facet(text: text, kind: "figure")
        case .note(let note):
            let change = note.change == .edited ? "changed" : note.change.rawValue
            let text: String = switch note.kind {
            case .headline, .byline, .dateline: "\(note.kind.rawValue) \(change)"
            case .update: "update note \(change)"
            case .correction: "correction \(change)"
            case .editorsNote: "editor's note \(change)"
            }
            return DiffModel.Facet(text: text, kind: "note")
        }
    }

    /// The kind of a renderer label detail (`quote (…)`, `figure …`, `note: …`, `headline changed`).
    static func kind(ofDetail detail: String) -> String {
        if detail.hasPrefix("quote") { return "quote" }
        if detail.hasPrefix("figure") { return "figure" }
        return "note"
    }

    static func clean(_ text: String?) -> String? {
        guard let text = text?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else { return nil }
        return text
    }
}
