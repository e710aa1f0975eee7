import StetDiff
import StetText

/// The one-line name of a change, as an editor would write it in the margin:
/// `+ added · quote (FCDO spokesperson)`, `~ edited · figure 14 → 21 killed (minor)`,
/// `↕ moved from ¶3 to ¶7`.
///
/// Every output format prints the same words; only the decoration differs.
public struct ChangeLabel: Sendable, Hashable {
    /// The change's mark: `+`, `−`, `~`, `↕`, `⇉` (split) or `⇇` (merged).
    public var symbol: String
    /// What happened: `added`, `removed`, `edited`, `moved from ¶3 to ¶7`, `split`, `merged`.
    public var action: String
    /// What the change does to quotes, figures and notes, one phrase each.
    public var details: [String]
    /// Only case, punctuation, spelling or whitespace changed; printed as `(minor)`.
    public var isMinor: Bool

    /// The whole label on one line.
    public var text: String {
        var text = "\(symbol) \(action)"
        for detail in details { text += " · \(detail)" }
        if isMinor { text += " (minor)" }
        return text
    }

    /// The mark of each kind of change.
    public static func symbol(for kind: ChangeKind) -> String {
        switch kind {
        case .added: "+"
        case .removed: "−"
        case .edited: "~"
        case .moved: "↕"
        case .split: "⇉"
        case .merged: "⇇"
        }
    }

    /// The label of `change`, naming paragraphs with `paragraphName` (for moves).
    init(change: Change, oldParagraph: String?, newParagraph: String?) {
        symbol = Self.symbol(for: change.kind)
        switch change.kind {
        case .moved:
            if let from = oldParagraph, let to = newParagraph {
                action = from == to ? "moved within \(to)" : "moved from \(from) to \(to)"
            } else {
                action = "moved"
            }
        case .split: action = change.new.count > 1 ? "split in \(change.new.count)" : "split"
        case .merged: action = change.old.count > 1 ? "merged from \(change.old.count)" : "merged"
        default: action = change.kind.rawValue
        }
        details = change.facets.map { Self.describe($0, in: change.kind) }
        isMinor = change.significance == .minor
    }

    /// One facet as a short phrase; the facet's own verb is given only when it differs from the
    /// sentence's (an edited sentence that adds a quote says `quote added`).
    static func describe(_ facet: Facet, in kind: ChangeKind) -> String {
        func verb(_ change: FacetChange) -> String? {
            let same: Bool = switch (change, kind) {
            case (.added, .added), (.removed, .removed): true
            case (.edited, .added), (.edited, .removed), (.changed, .added), (.changed, .removed): false
            case (.edited, _), (.changed, _): true
            default: false
            }
            return same ? nil : (change == .changed ? "edited" : change.rawValue)
        }
        switch facet {
        case .quote(let quote):
            var phrase = "quote"
            if let verb = verb(quote.change) { phrase += " \(verb)" }
            if let speaker = quote.speaker?.trimmed, !speaker.isEmpty { phrase += " (\(speaker))" }
            return phrase
        case .figure(let figure):
            var phrase = "figure"
            if let verb = verb(figure.change) { phrase += " \(verb)" }
            let old = figure.old?.trimmed ?? "", new = figure.new?.trimmed ?? ""
            let value: String = switch (old.isEmpty, new.isEmpty) {
            case (false, false): old == new ? new : "\(old) → \(new)"
            case (true, false): new
            case (false, true): old
            case (true, true): ""
            }
            if !value.isEmpty { phrase += " \(value)" }
            if let subject = figure.subject?.trimmed, !subject.isEmpty { phrase += " \(subject)" }
            return phrase
        case .note(let note):
            let change = note.change == .edited ? "changed" : note.change.rawValue
            switch note.kind {
            case .headline, .byline, .dateline: return "\(note.kind.rawValue) \(change)"
            case .update: return "note: update \(change)"
            case .correction: return "note: correction \(change)"
            case .editorsNote: return "note: editor's note \(change)"
            }
        }
    }
}

extension String {
    /// The string without leading and trailing whitespace and newlines.
    var trimmed: String {
        var scalars = Substring(self)
        while let first = scalars.first, first.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.isWhitespace { scalars.removeLast() }
        return String(scalars)
    }
}
