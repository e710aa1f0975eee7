// Removes what is never article text before scoring: scripts, styles, navigation, asides,
// embedded objects, hidden elements (`hidden`, `aria-hidden=true`, `display:none`, screen-reader-only
// classes such as `sr-only` and `visually-hidden`, and the class names `hidden`, `d-none`, …), forms that
// hold little text, every `<footer>`, and `<header>`s without real paragraphs. `removeUnlikely`
// is Readability's first-attempt rule: elements whose class, id or role name furniture go,
// unless they also name content.
//
// Complexity: O(n) — one pre-order walk; a subtree's text is measured only for forms and headers.

enum Pruner {
    static func prune(_ dom: inout DOM) {
        // Document order over the whole tree, jumping over removed subtrees.
        var i = 1
        let count = dom.nodes.count
        while i < count {
            if dom.removed[i] {
                i = dom.nodes[i].end
            } else if dom.nodes[i].kind == .element && shouldRemove(dom, i) {
                dom.removed[i] = true
                i = dom.nodes[i].end
            } else {
                i += 1
            }
        }
    }

    private static let hiddenClassNames: [[UInt8]] = ["hidden", "hide", "is-hidden", "d-none", "display-none", "invisible", "u-hidden"].map { Array($0.utf8) }
    private static let screenReaderClasses = FragmentSet(["sr-only", "visually-hidden", "visuallyhidden", "screen-reader", "off-screen", "offscreen", "a11y-hidden"])

    /// Whether an inline style says `display:none` or `visibility:hidden` (any case, spaces
    /// ignored). ASCII bytes are lowercased and spaces dropped; other bytes stay as they are,
    /// which gives the same answer as lowercasing the whole string: no non-ASCII character
    /// lowercases into the letters of these phrases without a combining mark after them.
    static func hidesElement(_ style: String) -> Bool {
        let squeezed: [UInt8] = style.withBytes { bytes in
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count)
            for byte in bytes where byte != 0x20 { out.append(byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte) }
            return out
        }
        let text = String(decoding: squeezed, as: UTF8.self)
        return text.includes("display:none") || text.includes("visibility:hidden")
    }

    /// Whether one of the space-separated tokens of `text` is one of `tokens` (byte-wise).
    static func hasToken(_ text: String, _ tokens: [[UInt8]]) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            var start = 0
            let n = bytes.count
            while start < n {
                var end = start
                while end < n && bytes[end] != 0x20 { end += 1 }
                if end > start {
                    let token = UnsafeBufferPointer(rebasing: bytes[start..<end])
                    if tokens.contains(where: { $0.elementsEqual(token) }) { return true }
                }
                start = end + 1
            }
            return false
        }
    }

    private static func shouldRemove(_ dom: DOM, _ i: Int) -> Bool {
        if dom.nodes[i].flags.contains(.junk) { return true }
        let tag = dom.id(i)
        // MathML stays (its token elements are written apart); its annotations are source code (TeX).
        if tag == .annotation || tag == .annotationXML { return true }
        if dom.attribute("hidden", of: i) != nil && tag != .input { return true }
        if dom.attribute("aria-hidden", of: i).map(DOM.lowercased) == "true" && tag != .body && tag != .html { return true }
        if let style = dom.attribute("style", of: i), hidesElement(style) { return true }
        if let cls = dom.attribute("class", of: i).map(DOM.lowercased), !cls.isEmpty {
            if Hints.containsAny(cls, screenReaderClasses) { return true }
            // Whole class names that CSS frameworks use to hide an element.
            if hasToken(cls, hiddenClassNames) { return true }
        }
        switch tag {
        case .footer:
            return true
        case .form:
            return dom.hasElement([.input, .textarea, .select, .button], under: i) && dom.textCharacterCount(i, upTo: 500) < 500
        case .header:
            // Characters, counted up to 100 (all the tests below need).
            let paragraphs = dom.elements([.p], under: i).map { dom.textCharacterCount($0, upTo: 100) }
            if paragraphs.filter({ $0 >= 100 }).count >= 2 { return false }
            // The header of the article itself (inside <main> or <article>) keeps its standfirst.
            if paragraphs.contains(where: { $0 >= 40 }), dom.closest(dom.nodes[i].parent, [.main, .article]) != nil { return false }
            return true
        default:
            return false
        }
    }

    /// Removes unlikely-named elements, except one that holds a large share (≥ 40 %) of the
    /// page's text outside links: a wrapper named "header_wrapper" around the whole article is not
    /// furniture. Lists get no such protection (a list holding most of the text is a gallery), nor
    /// do blocks whose text is mostly in list items (a "recommended" stream of teasers). An
    /// element holding MathML is never removed by name (equation renderers' wrappers).
    static func removeUnlikely(_ dom: inout DOM) {
        let order = dom.descendants(DOM.root)
        var paragraphText = Array(repeating: 0, count: dom.nodes.count)
        // Elements holding MathML: an equation renderer's wrapper is content, whatever its class
        // names say ("MathJax CtxtMenu_Attached" names a context menu).
        var holdsMath = Array(repeating: false, count: dom.nodes.count)
        // Text inside list items: a block whose text is mostly list items is a stream of teasers.
        var listText = Array(repeating: 0, count: dom.nodes.count)
        for i in order.reversed() {
            let parent = dom.nodes[i].parent
            let kind = dom.nodes[i].kind
            if parent >= 0 && (holdsMath[i] || (kind == .element && dom.nodes[i].id == .math)) { holdsMath[parent] = true }
            if kind == .text, dom.nodes[parent].id != .a {
                // Non-whitespace UTF-8 bytes: a cheap measure, only compared with other such counts.
                paragraphText[i] = dom.nodes[i].text.withBytes { $0.reduce(0) { $0 + ($1 > 0x20 ? 1 : 0) } }
            }
            if kind == .element && dom.nodes[i].id == .li { listText[i] = paragraphText[i] }
            if parent >= 0 {
                paragraphText[parent] += paragraphText[i]
                listText[parent] += listText[i]
            }
        }
        let total = max(1, paragraphText[DOM.root])
        var i = 1
        let count = dom.nodes.count
        while i < count {
            if dom.removed[i] {
                i = dom.nodes[i].end
                continue
            }
            guard dom.nodes[i].kind == .element else {
                i += 1
                continue
            }
            let tag = dom.nodes[i].id
            if tag != .html && tag != .body && tag != .article && tag != .main && tag != .a && !holdsMath[i] && (tag == .ul || tag == .ol || Double(paragraphText[i]) < 0.4 * Double(total) || listText[i] * 2 > paragraphText[i]) {
                let hint = dom.classAndID(i)
                let role = dom.attribute("role", of: i).map(DOM.lowercased) ?? ""
                if (!role.isEmpty && Hints.unlikelyRoles.contains(role)) || Hints.containsAny(hint, Hints.strongUnlikely)
                    || (!hint.isEmpty && Hints.containsAny(hint, Hints.unlikely) && !Hints.containsAny(hint, Hints.maybe)
                        && dom.closest(i, [.table, .code]) == nil) {
                    dom.removed[i] = true
                    i = dom.nodes[i].end
                    continue
                }
            }
            i += 1
        }
    }
}
