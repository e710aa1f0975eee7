// Optional per-site extraction rules, in a small line format:
//
//     # comment
//     example.com: include article .story-body
//     example.com: exclude .newsletter, aside.promo
//     news.example.org: exclude [data-role=related]
//
// Each line is `HOST: include SELECTOR` or `HOST: exclude SELECTOR`. A host matches the page's
// host and its subdomains (`example.com` matches `www.example.com`). `exclude` selectors remove
// elements before anything else; `include` selectors name the article: when any element matches,
// the matching elements (outermost, in page order) are the article and scoring is skipped.
// Without rules, or when no host matches, extraction is fully generic.
//
// Complexity: parsing is O(size of the file); applying is O(n × selectors).

/// Per-site include/exclude selectors (see `docs/extraction.md` for the format).
public struct SiteRules: Sendable, Hashable {
    /// One rule line.
    public struct Rule: Sendable, Hashable {
        /// `include` names the article container; `exclude` removes elements first.
        public enum Action: String, Sendable, Hashable { case include, exclude }
        /// Lowercase host; matches itself and its subdomains.
        public var host: String
        public var action: Action
        public var selector: Selector
    }

    /// A malformed rules file or selector.
    public struct ParseError: Error, Sendable, Hashable, CustomStringConvertible {
        /// What is wrong, with the line number when parsing a file.
        public var message: String
        public var description: String { message }
    }

    /// Every rule, in file order.
    public private(set) var rules: [Rule]

    /// No rules: generic extraction everywhere.
    public init() { rules = [] }

    /// Parses the line format above; throws on the first malformed line, naming it.
    public init(parsing text: String) throws(ParseError) {
        var rules: [Rule] = []
        for (number, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.trimmingASCIISpaces().trimming(["\r", "\t"])
            if line.isEmpty || line.hasPrefix("#") { continue }
            guard let colon = line.firstIndex(of: ":") else { throw ParseError(message: "line \(number + 1): expected 'HOST: include|exclude SELECTOR'") }
            let host = line[..<colon].trimmingASCIISpaces().lowercased()
            let rest = line[line.index(after: colon)...].trimmingASCIISpaces()
            let words = rest.split(separator: " ", maxSplits: 1)
            guard !host.isEmpty, words.count == 2, let action = Rule.Action(rawValue: words[0].lowercased()) else {
                throw ParseError(message: "line \(number + 1): expected 'HOST: include|exclude SELECTOR'")
            }
            do {
                rules.append(Rule(host: host, action: action, selector: try Selector(String(words[1]))))
            } catch {
                throw ParseError(message: "line \(number + 1): \(error.message)")
            }
        }
        self.rules = rules
    }

    /// The rules whose host matches `host` (the host itself or a parent domain).
    public func rules(forHost host: String?) -> [Rule] {
        guard let host = host?.lowercased(), !host.isEmpty else { return [] }
        return rules.filter { host == $0.host || host.hasSuffix("." + $0.host) }
    }
}

extension String {
    func trimming(_ set: Set<Character>) -> String {
        var s = Substring(self)
        while let f = s.first, set.contains(f) { s.removeFirst() }
        while let l = s.last, set.contains(l) { s.removeLast() }
        return String(s)
    }
}
