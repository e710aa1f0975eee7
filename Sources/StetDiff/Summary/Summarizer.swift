import StetText

/// Writes the one-line summary of a diff (also the first line of the version's commit message).
///
/// Reasoning. An editor reads the most telling facts first: changed figures, then statements added
/// (with whose quote), removed, edited, moved, split and merged, then notes and metadata, then the
/// count of minor edits. Notes and metadata changes are named ("update note", "headline changed")
/// rather than counted as statements. When every change is minor the line is "Minor edits (…)";
/// with no change at all it is "No change".
///
/// - Complexity: O(changes).
enum Summarizer {
    static func summary(_ classified: [Classifier.Classified], paragraphsOld: [ParagraphSpan]) -> String {
        let changes = classified.map(\.change)
        if changes.isEmpty { return "No change" }
        var parts: [String] = []

        func isNote(_ change: Change) -> Bool {
            change.facets.contains { if case .note = $0 { return true } else { return false } }
        }
        func plural(_ count: Int, _ word: String) -> String { "\(count) \(word)\(count == 1 ? "" : "s")" }
        func speakers(_ list: [Change], _ kinds: Set<FacetChange>) -> String {
            var names: [String] = []
            var anonymous = false
            for change in list {
                for case .quote(let quote) in change.facets where kinds.contains(quote.change) {
                    if let speaker = quote.speaker {
                        if !names.contains(speaker) { names.append(speaker) }
                    } else {
                        anonymous = true
                    }
                }
            }
            if names.isEmpty { return anonymous ? " (quote)" : "" }
            let shown = names.prefix(2).joined(separator: ", ") + (names.count > 2 ? ", …" : "")
            return " (quote\(names.count > 1 ? "s" : ""): \(shown))"
        }

        // Figures that changed in place.
        var figures: [String] = []
        for change in changes where change.kind != .added && change.kind != .removed {
            for case .figure(let figure) in change.facets where figure.change == .changed {
                figures.append("\(figure.old ?? "?") → \(figure.new ?? "?")" + (figure.subject.map { " \($0)" } ?? ""))
            }
        }
        if !figures.isEmpty {
            parts.append("figure\(figures.count == 1 ? "" : "s") changed: " + figures.prefix(2).joined(separator: ", ") + (figures.count > 2 ? ", …" : ""))
        }

        let statements = changes.filter { !isNote($0) }
        let substantive = statements.filter { $0.significance == .substantive }
        let added = substantive.filter { $0.kind == .added }
        let removed = substantive.filter { $0.kind == .removed }
        let edited = substantive.filter { $0.kind == .edited }
        let moved = statements.filter { $0.kind == .moved }
        let split = substantive.filter { $0.kind == .split }
        let merged = substantive.filter { $0.kind == .merged }
        if !added.isEmpty { parts.append("added " + plural(added.count, "statement") + speakers(added, [.added])) }
        if !removed.isEmpty { parts.append("removed " + plural(removed.count, "statement") + speakers(removed, [.removed])) }
        if !edited.isEmpty { parts.append("edited " + plural(edited.count, "statement") + speakers(edited, [.added, .removed, .edited])) }
        if !moved.isEmpty {
            // A moved change covering whole old paragraphs counts as paragraphs.
            // The paragraph of each old sentence (-1: none), by sentence index.
            var paragraphOf = [Int](repeating: -1, count: paragraphsOld.map(\.range.upperBound).max() ?? 0)
            for (index, paragraph) in paragraphsOld.enumerated() {
                for s in paragraph.range { paragraphOf[s] = index }
            }
            var paragraphs = 0, sentences = 0
            for change in moved {
                // Whole paragraphs: every touched paragraph is fully inside the change.
                var touched: [Int: Int] = [:]
                for i in change.old where i >= 0 && i < paragraphOf.count && paragraphOf[i] >= 0 { touched[paragraphOf[i], default: 0] += 1 }
                let whole = !touched.isEmpty && touched.allSatisfy { paragraphsOld[$0.key].range.count == $0.value }
                if whole { paragraphs += touched.count } else { sentences += 1 }
            }
            if paragraphs > 0 { parts.append("moved " + plural(paragraphs, "paragraph")) }
            if sentences > 0 { parts.append("moved " + plural(sentences, "statement")) }
        }
        if !split.isEmpty { parts.append("split " + plural(split.count, "statement")) }
        if !merged.isEmpty { parts.append("merged " + plural(merged.count, "statement")) }

        for change in changes {
            for case .note(let note) in change.facets {
                let name: String
                switch note.kind {
                case .update: name = "update note"
                case .correction: name = "correction"
                case .editorsNote: name = "editor's note"
                case .headline: name = "headline"
                case .byline: name = "byline"
                case .dateline: name = "dateline"
                }
                let isMetadata = note.kind == .headline || note.kind == .byline || note.kind == .dateline
                let phrase: String
                switch note.change {
                case .added: phrase = isMetadata ? "\(name) added" : name
                case .removed: phrase = "\(name) removed"
                case .edited, .changed: phrase = "\(name) \(isMetadata ? "changed" : "edited")"
                }
                if !parts.contains(phrase) { parts.append(phrase) }
            }
        }

        let minor = classified.filter { $0.change.significance == .minor && !isNote($0.change) }
        if !minor.isEmpty {
            let typos = minor.filter(\.isTypo).count
            let other = minor.count - typos
            var detail: [String] = []
            if typos > 0 { detail.append(plural(typos, "typo")) }
            if other > 0 { detail.append("\(other) punctuation or case") }
            if parts.isEmpty { return "Minor edits (" + detail.joined(separator: ", ") + ")" }
            parts.append(plural(minor.count, "minor edit"))
        }
        guard var first = parts.first else { return "No change" }
        first = first.prefix(1).uppercased() + first.dropFirst()
        parts[0] = first
        return parts.joined(separator: "; ")
    }
}
