import StetText

/// Every quote and figure across the versions of an article: when each appeared, changed and
/// disappeared.
///
/// Reasoning. Version 0's quotations and figures open the entries. Each later version is diffed
/// with the one before; its quote and figure facets move the entries on: an added facet opens an
/// entry, an edited or changed facet records the new text on the live entry whose current text is
/// the facet's old text (same speaker or subject preferred), a removed facet closes it. Quotes and
/// figures in unchanged or merely moved sentences have no facet and keep their entry open. Figures of
/// whole added or removed statements (which carry no figure facets) open or close entries directly.
///
/// - Complexity: one diff per consecutive pair of versions, plus a scan of live entries per facet.
public struct Timeline: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable {
        case quote, figure
    }

    /// One step in the life of a quote or figure.
    public struct Event: Sendable, Hashable, Codable {
        public var version: Int
        /// `added`, `edited` (quotes), `changed` (figures) or `removed`.
        public var change: FacetChange
        /// The text after the event (nil when removed).
        public var text: String?
    }

    /// One quote or figure followed through the versions.
    public struct Entry: Sendable, Hashable, Codable {
        public var kind: Kind
        /// The speaker of a quote or the subject of a figure, when known (the latest one).
        public var label: String?
        /// The latest text (the last text before removal for removed entries).
        public var text: String
        public var events: [Event]
        /// The version the entry first appeared in.
        public var firstVersion: Int { events.first?.version ?? 0 }
        /// The version that removed it, or nil while it is present in the last version.
        public var removedIn: Int? { events.last.flatMap { $0.change == .removed ? $0.version : nil } }
    }

    public var entries: [Entry]

    public init(versions: [Document], configuration: DiffConfiguration = .default) {
        entries = []
        guard let first = versions.first else { return }
        let differ = Differ(configuration: configuration)
        for quote in differ.quotations(in: first) {
            entries.append(Entry(kind: .quote, label: quote.speaker, text: quote.text, events: [Event(version: 0, change: .added, text: quote.text)]))
        }
        for (_, figure) in differ.figures(in: first) {
            entries.append(Entry(kind: .figure, label: figure.subject, text: figure.value, events: [Event(version: 0, change: .added, text: figure.value)]))
        }
        for k in versions.indices.dropFirst() {
            let diff = differ.diff(old: versions[k - 1], new: versions[k])
            for change in diff.changes {
                // Figures of whole added or removed statements (they carry no figure facets).
                if change.kind == .added {
                    for j in change.new {
                        for figure in FigureRecognizer.figures(in: diff.sentences.new[j]) {
                            apply(kind: .figure, change: .added, old: nil, new: figure.value, label: figure.subject, version: k)
                        }
                    }
                } else if change.kind == .removed {
                    for i in change.old {
                        for figure in FigureRecognizer.figures(in: diff.sentences.old[i]) {
                            apply(kind: .figure, change: .removed, old: figure.value, new: nil, label: figure.subject, version: k)
                        }
                    }
                }
                for facet in change.facets {
                    switch facet {
                    case .quote(let quote):
                        apply(kind: .quote, change: quote.change, old: quote.old, new: quote.new, label: quote.speaker, version: k)
                    case .figure(let figure):
                        apply(kind: .figure, change: figure.change, old: figure.old, new: figure.new, label: figure.subject, version: k)
                    case .note:
                        continue
                    }
                }
            }
        }
    }

    private mutating func apply(kind: Kind, change: FacetChange, old: String?, new: String?, label: String?, version: Int) {
        if change == .added {
            guard let new else { return }
            entries.append(Entry(kind: kind, label: label, text: new, events: [Event(version: version, change: .added, text: new)]))
            return
        }
        guard let old else { return }
        let key = Normalizer.comparisonKey(old)
        let live = entries.indices.filter { entries[$0].kind == kind && entries[$0].removedIn == nil && Normalizer.comparisonKey(entries[$0].text) == key }
        let index = live.first { entries[$0].label == label } ?? live.first
        guard let index else {
            // Not seen before (for example in a sentence first diffed here): record it from now on.
            if change != .removed, let new {
                entries.append(Entry(kind: kind, label: label, text: new, events: [Event(version: version, change: change, text: new)]))
            }
            return
        }
        if change == .removed {
            entries[index].events.append(Event(version: version, change: .removed, text: nil))
        } else if let new {
            entries[index].events.append(Event(version: version, change: change, text: new))
            entries[index].text = new
            if let label { entries[index].label = label }
        }
    }
}
