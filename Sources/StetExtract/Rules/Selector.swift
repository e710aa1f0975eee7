// A small CSS selector subset for per-site rules: compound selectors made of a tag, `#id`,
// `.class` (any number) and `[attr]` / `[attr=value]` (quotes optional), combined by whitespace
// (descendant) and listed with commas. Matching walks ancestors for descendant steps.
//
// Complexity: matching one element is O(depth × steps) at worst.

/// A parsed CSS-like selector (see `SiteRules` for the syntax).
public struct Selector: Sendable, Hashable, CustomStringConvertible {
    struct Compound: Sendable, Hashable {
        var tag: String?
        var id: String?
        var classes: [String] = []
        var attributes: [Attribute] = []
    }

    struct Attribute: Sendable, Hashable {
        var name: String
        var value: String?
    }

    /// Alternatives (comma-separated); each a chain of compounds, outermost first.
    let alternatives: [[Compound]]
    public let description: String

    /// Parses `text`; throws `SiteRules.ParseError` on malformed input.
    public init(_ text: String) throws(SiteRules.ParseError) {
        description = text
        var alternatives: [[Compound]] = []
        for alternative in text.split(separator: ",") {
            var chain: [Compound] = []
            for step in alternative.split(whereSeparator: { $0 == " " || $0 == "\t" }) {
                chain.append(try Self.parseCompound(String(step), in: text))
            }
            guard !chain.isEmpty else { throw .init(message: "empty selector in '\(text)'") }
            alternatives.append(chain)
        }
        guard !alternatives.isEmpty else { throw .init(message: "empty selector") }
        self.alternatives = alternatives
    }

    private static func parseCompound(_ step: String, in whole: String) throws(SiteRules.ParseError) -> Compound {
        var compound = Compound()
        var chars = Substring(step)
        func name(_ s: inout Substring) -> String {
            let n = s.prefix(while: { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == ":" })
            s = s.dropFirst(n.count)
            return String(n)
        }
        let tag = name(&chars)
        if !tag.isEmpty { compound.tag = tag.lowercased() }
        if chars.first == "*" && tag.isEmpty { chars = chars.dropFirst() }
        while let first = chars.first {
            switch first {
            case "#":
                chars = chars.dropFirst()
                let id = name(&chars)
                guard !id.isEmpty else { throw .init(message: "'#' without a name in '\(whole)'") }
                compound.id = id
            case ".":
                chars = chars.dropFirst()
                let cls = name(&chars)
                guard !cls.isEmpty else { throw .init(message: "'.' without a name in '\(whole)'") }
                compound.classes.append(cls)
            case "[":
                guard let close = chars.firstIndex(of: "]") else { throw .init(message: "unclosed '[' in '\(whole)'") }
                let inner = chars[chars.index(after: chars.startIndex)..<close]
                chars = chars[chars.index(after: close)...]
                let parts = inner.split(separator: "=", maxSplits: 1)
                let attributeName = parts.first.map { $0.trimmingASCIISpaces().lowercased() } ?? ""
                guard !attributeName.isEmpty else { throw .init(message: "empty attribute in '\(whole)'") }
                var value: String?
                if parts.count == 2 {
                    var v = parts[1].trimmingASCIISpaces()
                    if v.count >= 2, let q = v.first, q == "\"" || q == "'", v.last == q { v = String(v.dropFirst().dropLast()) }
                    value = v
                }
                compound.attributes.append(Attribute(name: attributeName, value: value))
            default:
                throw .init(message: "unexpected '\(first)' in '\(whole)'")
            }
        }
        return compound
    }

    /// The attribute names matching reads (besides `id` and `class`), so the parser keeps them.
    var attributeNames: Set<String> {
        Set(alternatives.flatMap { chain in chain.flatMap { $0.attributes.map(\.name) } })
    }

    func matches(_ dom: DOM, _ i: Int) -> Bool {
        alternatives.contains { chain in matches(chain, dom, i) }
    }

    private func matches(_ chain: [Compound], _ dom: DOM, _ i: Int) -> Bool {
        guard let last = chain.last, Self.matches(last, dom, i) else { return false }
        var step = chain.count - 2
        var current = dom.nodes[i].parent
        while step >= 0 {
            guard current > 0 else { return false }
            if Self.matches(chain[step], dom, current) { step -= 1 }
            current = dom.nodes[current].parent
        }
        return true
    }

    private static func matches(_ compound: Compound, _ dom: DOM, _ i: Int) -> Bool {
        guard dom.isElement(i) else { return false }
        if let tag = compound.tag, dom.tag(i) != tag { return false }
        if let id = compound.id, dom.attribute("id", of: i) != id { return false }
        if !compound.classes.isEmpty {
            let classes = (dom.attribute("class", of: i) ?? "").split(whereSeparator: { $0.isWhitespace })
            for cls in compound.classes where !classes.contains(Substring(cls)) { return false }
        }
        for attribute in compound.attributes {
            guard let value = dom.attribute(attribute.name, of: i) else { return false }
            if let expected = attribute.value, value != expected { return false }
        }
        return true
    }
}
