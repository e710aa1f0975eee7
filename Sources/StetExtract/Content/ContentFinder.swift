// Finds the article inside a pruned DOM, Readability-style, with trafilatura's preference for
// semantic containers.
//
// 1. Statistics: one post-order pass gives every node its text length, link text length, comma
//    count and paragraph/image/list-item/input counts (`NodeStats`). Removals subtract a node's
//    statistics from its ancestors, so statistics stay live without re-walking the tree.
// 2. Scoring: each paragraph-like element (p, pre, td, and any container without block children)
//    with ≥ 25 characters scores 1 + commas + min(3, length/100), doubled when the page's JSON-LD
//    articleBody contains it. The score goes to its parent, half to the grandparent, and a third
//    of the level to further ancestors (up to 5). Each ancestor starts from a tag bonus and the
//    class/id weight (±25), with a bonus for `<article>`, `<main>` and `itemprop=articleBody`.
//    Final candidate scores are scaled by (1 − link density).
// 3. Choice: the best candidate; if three of the top five share an ancestor, that ancestor; then
//    climb to parents whose score rises, and past only-children.
// 4. Siblings: siblings of the chosen node join when their score is high, when they are
//    paragraphs of real prose, or when they are update/correction notes.
//
// Complexity: O(n) for statistics and scoring (ancestor updates are bounded to 5 levels);
// removals cost O(depth) each.

struct NodeStats {
    var text = 0
    var link = 0
    var commas = 0
    var paragraphs = 0
    var images = 0
    var listItems = 0
    var inputs = 0
    var embeds = 0
    var headingText = 0
    var code = 0
    var hasBlockChild = false

    mutating func subtract(_ other: NodeStats) {
        text -= other.text
        link -= other.link
        commas -= other.commas
        paragraphs -= other.paragraphs
        images -= other.images
        listItems -= other.listItems
        inputs -= other.inputs
        embeds -= other.embeds
        headingText -= other.headingText
        code -= other.code
    }
}

struct ContentFinder {
    var dom: DOM
    var stats: [NodeStats] = []
    var scores: [Double] = []
    var isCandidate: [Bool] = []
    let articleBody: String?
    /// Set by `chooseTop`: the page says it is one article.
    var pageIsArticle = false

    init(dom: DOM, articleBody: String?) {
        self.dom = dom
        self.articleBody = articleBody.map { Whitespace.collapse($0) }
    }

    // MARK: statistics

    mutating func computeStats() {
        stats = Array(repeating: NodeStats(), count: dom.nodes.count)
        let order = [DOM.root] + dom.descendants(DOM.root)
        for i in order.reversed() {
            let kind = dom.nodes[i].kind
            let flags = dom.nodes[i].flags
            if kind == .text {
                let (length, commas) = Self.measure(dom.nodes[i].text)
                stats[i].text = length
                stats[i].commas = commas
            } else {
                switch dom.nodes[i].id {
                case .p: stats[i].paragraphs += 1
                case .img: stats[i].images += 1
                case .li: stats[i].listItems += 1
                case .input, .textarea, .select: stats[i].inputs += 1
                case .object, .embed, .iframe, .video: stats[i].embeds += 1
                case .pre, .code: stats[i].code += 1
                case .a:
                    let href = dom.attribute("href", of: i) ?? ""
                    stats[i].link = href.hasPrefix("#") ? stats[i].text * 3 / 10 : stats[i].text
                default: break
                }
                if flags.contains(.heading) { stats[i].headingText = stats[i].text }
            }
            let parent = dom.nodes[i].parent
            if parent >= 0 {
                stats[parent].text += stats[i].text
                stats[parent].link += stats[i].link
                stats[parent].commas += stats[i].commas
                stats[parent].paragraphs += stats[i].paragraphs
                stats[parent].images += stats[i].images
                stats[parent].listItems += stats[i].listItems
                stats[parent].inputs += stats[i].inputs
                stats[parent].embeds += stats[i].embeds
                stats[parent].headingText += stats[i].headingText
                stats[parent].code += stats[i].code
                if kind == .element && flags.contains(.block) { stats[parent].hasBlockChild = true }
            }
        }
    }

    /// A text node's length (scalars, each run of spaces counted as one, leading spaces not
    /// counted) and its commas (`,` `，` `、` `،`). Read on UTF-8 bytes: ASCII bytes are tested
    /// directly and only other scalars are decoded (a `String` holds valid UTF-8), which gives the
    /// same counts as a walk over `unicodeScalars` without decoding every scalar.
    static func measure(_ text: String) -> (length: Int, commas: Int) {
        text.withBytes { bytes in
            var length = 0
            var commas = 0
            var space = true
            var k = 0
            let n = bytes.count
            guard let base = bytes.baseAddress else { return (0, 0) }
            var slowUntil = 0
            let highs: UInt64 = 0x8080_8080_8080_8080
            let lows: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
            let ones: UInt64 = 0x0101_0101_0101_0101
            while k < n {
                // Eight ASCII bytes, none below the space, at a time: exact per-byte masks of the
                // spaces and commas (a byte is zero when adding 0x7F to its low seven bits sets
                // no high bit), then a space counts when the byte before it is not one.
                if k >= slowUntil && k + 8 <= n {
                    let word = UnsafeRawPointer(base + k).loadUnaligned(as: UInt64.self)
                    if (word | ((word &- ones &* 0x20) & ~word)) & highs == 0 {
                        let spaceBits = word ^ (ones &* 0x20)
                        let spaces = ~(((spaceBits & lows) &+ lows) | spaceBits) & highs
                        let commaBits = word ^ (ones &* 0x2C)
                        let commaMask = ~(((commaBits & lows) &+ lows) | commaBits) & highs
                        let others = ~spaces & highs
                        let afterOther = (others << 8) | (space ? 0 : 0x80)
                        length += others.nonzeroBitCount + (spaces & afterOther).nonzeroBitCount
                        commas += commaMask.nonzeroBitCount
                        space = spaces >> 63 != 0
                        k += 8
                        continue
                    }
                    slowUntil = k + 8
                }
                let byte = bytes[k]
                let isSpace: Bool
                let isComma: Bool
                if byte < 0x80 {
                    isSpace = byte == 0x20 || (byte >= 0x09 && byte <= 0x0D)
                    isComma = byte == 0x2C
                    k += 1
                } else {
                    let value: UInt32
                    if byte < 0xE0 {
                        value = UInt32(byte & 0x1F) << 6 | UInt32(bytes[k + 1] & 0x3F)
                        k += 2
                    } else if byte < 0xF0 {
                        value = UInt32(byte & 0x0F) << 12 | UInt32(bytes[k + 1] & 0x3F) << 6 | UInt32(bytes[k + 2] & 0x3F)
                        k += 3
                    } else {
                        value = UInt32(byte & 0x07) << 18 | UInt32(bytes[k + 1] & 0x3F) << 12 | UInt32(bytes[k + 2] & 0x3F) << 6
                            | UInt32(bytes[k + 3] & 0x3F)
                        k += 4
                    }
                    switch value {
                    case 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: isSpace = true
                    default: isSpace = false
                    }
                    isComma = value == 0xFF0C || value == 0x3001 || value == 0x060C
                }
                if isSpace {
                    if !space { length += 1 }
                    space = true
                } else {
                    length += 1
                    space = false
                    if isComma { commas += 1 }
                }
            }
            return (length, commas)
        }
    }

    /// Marks `i` removed and keeps ancestors' statistics live.
    mutating func remove(_ i: Int) {
        guard !dom.removed[i] else { return }
        dom.removed[i] = true
        guard !stats.isEmpty else { return }
        let removed = stats[i]
        var current = dom.nodes[i].parent
        while current >= 0 {
            stats[current].subtract(removed)
            current = dom.nodes[current].parent
        }
    }

    func linkDensity(_ i: Int) -> Double {
        let text = stats[i].text
        return text == 0 ? 0 : Double(stats[i].link) / Double(text)
    }

    // MARK: weights

    func classWeight(_ i: Int) -> Double {
        var weight = 0.0
        for name in ["class", "id"] {
            guard let value = dom.attribute(name, of: i).map(DOM.lowercased), !value.isEmpty, name == "class" || !DOM.isSlug(value) else { continue }
            if Hints.containsAny(value, Hints.negative) && !value.includes("embed") && !value.includes("tweet") { weight -= 25 }
            if Hints.containsAny(value, Hints.positive) { weight += 25 }
        }
        if dom.attribute("itemprop", of: i).map(DOM.lowercased)?.includes("articlebody") == true { weight += 50 }
        return weight
    }

    private func initialScore(_ i: Int) -> Double {
        var score: Double
        switch dom.id(i) {
        case .div: score = 5
        case .article, .main: score = 10
        case .pre, .td, .blockquote: score = 3
        case .address, .ol, .ul, .dl, .dd, .dt, .li, .form: score = -3
        case .h1, .h2, .h3, .h4, .h5, .h6, .th: score = -5
        default: score = 0
        }
        return score + classWeight(i)
    }

    // MARK: scoring and choice

    private func isScorable(_ i: Int) -> Bool {
        let id = dom.id(i)
        switch id {
        case .p, .pre, .td: return true
        case .li: return !stats[i].hasBlockChild
        case .div, .section, .article, .span, .font, .center, .main:
            return !stats[i].hasBlockChild && (id != .span && id != .font || dom.nodes[dom.nodes[i].parent].id == .body)
        default: return false
        }
    }

    /// Scores every candidate; returns the chosen top node (the body when nothing scored).
    /// `pageIsArticle` (og:type says the page is one article) lets a container of
    /// several posts give way to its first substantial post.
    mutating func chooseTop(pageIsArticle: Bool = false) -> Int? {
        self.pageIsArticle = pageIsArticle
        scores = Array(repeating: 0, count: dom.nodes.count)
        isCandidate = Array(repeating: false, count: dom.nodes.count)
        var candidates: [Int] = []
        let elements = dom.descendants(DOM.root).filter { dom.isElement($0) }
        // Measured once: `count` walks the whole string.
        let matchBody = articleBody.map { $0.count > 200 } ?? false
        for i in elements where isScorable(i) {
            let length = stats[i].text
            guard length >= 25 else { continue }
            var score = 1.0 + Double(stats[i].commas) + min(3, Double(length) / 100)
            if dom.id(i) == .li { score /= 2 }
            if matchBody, let body = articleBody {
                let text = dom.text(i)
                if text.count >= 25, body.includes(String(text.prefix(80))) { score *= 2 }
            }
            var ancestor = dom.nodes[i].parent
            var level = 0
            while ancestor > 0, level < 5 {
                let id = dom.id(ancestor)
                if id == .html || id == .document { break }
                if !isCandidate[ancestor] {
                    isCandidate[ancestor] = true
                    scores[ancestor] = initialScore(ancestor)
                    candidates.append(ancestor)
                }
                let divider: Double = level == 0 ? 1 : level == 1 ? 2 : Double(level) * 3
                scores[ancestor] += score / divider
                ancestor = dom.nodes[ancestor].parent
                level += 1
            }
        }
        guard !candidates.isEmpty else { return dom.elements([.body]).first }
        for c in candidates { scores[c] *= (1 - linkDensity(c)) }
        let ranked = candidates.sorted { scores[$0] > scores[$1] }
        var top = ranked[0]
        if dom.id(top) == .body { return top }

        // Several strong candidates under one ancestor: the article is that ancestor.
        let alternatives = ranked.dropFirst().prefix(4).filter { scores[$0] / max(scores[top], 0.0001) >= 0.75 }
        if alternatives.count >= 2 {
            let alternativeAncestors = alternatives.map { Set(dom.ancestors($0)) }
            var parent = dom.nodes[top].parent
            while parent > 0, dom.id(parent) != .body {
                let containing = alternativeAncestors.filter { $0.contains(parent) }.count
                if containing >= 2 {
                    top = parent
                    break
                }
                parent = dom.nodes[parent].parent
            }
        }
        // Climb while the parent scores higher.
        var lastScore = scores[top]
        let threshold = lastScore / 3
        var parent = dom.nodes[top].parent
        while parent > 0, dom.id(parent) != .body {
            if !isCandidate[parent] {
                parent = dom.nodes[parent].parent
                continue
            }
            let parentScore = scores[parent]
            if parentScore < threshold { break }
            if parentScore > lastScore {
                top = parent
                break
            }
            lastScore = parentScore
            parent = dom.nodes[parent].parent
        }
        // Split articles: when the chosen node holds under 60 % of the page's prose (paragraphs of
        // 80+ characters with little link text), climb to the nearest ancestor below <body> that
        // holds 80 %, if its link density stays low.
        var prose = Array(repeating: 0, count: dom.nodes.count)
        for i in elements.reversed() {
            if dom.id(i) == .p && stats[i].text >= 80 && linkDensity(i) < 0.3 { prose[i] += stats[i].text }
            let parent = dom.nodes[i].parent
            if parent >= 0 { prose[parent] += prose[i] }
        }
        let allProse = prose[DOM.root]
        if allProse > 0, prose[top] * 10 < allProse * 6 {
            var candidate = dom.nodes[top].parent
            while candidate > 0, dom.id(candidate) != .body {
                if prose[candidate] * 10 >= allProse * 8 {
                    if linkDensity(candidate) < 0.35 { top = candidate }
                    break
                }
                candidate = dom.nodes[candidate].parent
            }
        }
        // A page that is one article but whose best container holds several posts (an endless
        // page, "next post" teasers): the story is the first full post (500+ characters, at least a
        // quarter of the longest); listings of short teasers keep the container.
        if pageIsArticle && dom.id(top) != .article {
            let posts = dom.elements([.article], under: top).filter { dom.closest(dom.nodes[$0].parent, [.article]) == nil }
            if posts.count >= 2 {
                let longest = posts.map { stats[$0].text }.max() ?? 0
                let covered = posts.reduce(0) { $0 + stats[$1].text }
                if covered * 2 >= stats[top].text, let first = posts.first(where: { stats[$0].text * 4 >= longest && stats[$0].text >= 500 }) {
                    top = first
                }
            }
        }
        // Past only-children.
        parent = dom.nodes[top].parent
        while parent > 0, dom.id(parent) != .body, dom.children(parent).filter({ dom.isElement($0) }).count == 1 {
            top = parent
            parent = dom.nodes[top].parent
        }
        return top
    }

    /// The top node and the siblings that belong with it, in document order.
    func gatherSiblings(of top: Int) -> [Int] {
        let parent = dom.nodes[top].parent
        guard parent >= 0, dom.id(top) != .body else { return [top] }
        let topScore = scores[top]
        let threshold = max(10, topScore * 0.2)
        let topClass = dom.attribute("class", of: top) ?? ""
        var result: [Int] = []
        for sibling in dom.children(parent) {
            if sibling == top {
                result.append(sibling)
                continue
            }
            if dom.nodes[sibling].kind == .text { continue }
            // One article per page that says it is one: sibling posts are other stories.
            if pageIsArticle && dom.id(top) == .article && dom.id(sibling) == .article { continue }
            var bonus = 0.0
            if !topClass.isEmpty, dom.attribute("class", of: sibling) == topClass { bonus += topScore * 0.2 }
            if isCandidate[sibling], scores[sibling] + bonus >= threshold {
                result.append(sibling)
                continue
            }
            let length = stats[sibling].text
            guard length > 0 else { continue }
            // Only short siblings need their text (notes under 600, sentences under 80).
            let text = length < 600 ? dom.text(sibling) : ""
            if length < 600 && Hints.isNote(text) {
                result.append(sibling)
                continue
            }
            if dom.id(sibling) == .p {
                let density = linkDensity(sibling)
                if length > 80 && density < 0.25 {
                    result.append(sibling)
                } else if length < 80, length > 0, density == 0, text.hasSuffix(".") || text.includes(". ") {
                    result.append(sibling)
                }
            }
        }
        return result
    }

    /// The standfirst: a short lead paragraph just before the article body, often outside the
    /// chosen container (class names such as "lead", "intro", "standfirst", "teaser-text", "dek").
    /// Looks at earlier siblings of the top node and of its ancestors, up to three levels.
    func leadParagraphs(before top: Int) -> [Int] {
        let hints = ["lead", "intro", "standfirst", "teaser-text", "teaser__text", "dek", "summary", "abstract", "kicker-text", "subheadline"]
        var found: [Int] = []
        var child = top
        var level = 0
        while level < 3, dom.nodes[child].parent > 0, dom.id(dom.nodes[child].parent) != .body {
            let parent = dom.nodes[child].parent
            for sibling in dom.children(parent) {
                if sibling == child { break }
                for i in [sibling] + dom.descendants(sibling) where dom.isElement(i) && (dom.id(i) == .p || dom.id(i) == .div) {
                    let hint = dom.classAndID(i)
                    guard !hint.isEmpty, Hints.containsAny(hint, hints), !Hints.containsAny(hint, ["leader", "related", "teaser-list"]) else { continue }
                    let length = stats[i].text
                    if length >= 40, length <= 800, linkDensity(i) < 0.2, !found.contains(where: { dom.ancestors(i).contains($0) }) { found.append(i) }
                }
            }
            child = parent
            level += 1
        }
        return found.sorted()
    }

    // MARK: cleaning inside the article

    /// Readability's conditional cleaning, deepest elements first, plus heading and caption rules.
    mutating func clean(_ roots: [Int], title: String?) {
        // Pre-order collection; `inFigure` and `inParagraph` are inherited flags, so no ancestor walks.
        var targets: [Int] = []
        var inFigure = Array(repeating: false, count: dom.nodes.count)
        var inParagraph = Array(repeating: false, count: dom.nodes.count)
        // Inside a data table every cell's content stays (Readability's rule): a cell of "71.1 MB"
        // is not a thin container.
        var inDataTable = Array(repeating: false, count: dom.nodes.count)
        for root in roots {
            for i in [root] + dom.descendants(root) where dom.isElement(i) {
                let parent = dom.nodes[i].parent
                if parent >= 0 && i != root {
                    inFigure[i] = inFigure[parent] || dom.id(parent) == .figure
                    inParagraph[i] = inParagraph[parent] || dom.id(parent) == .p
                    inDataTable[i] = inDataTable[parent] || (dom.id(parent) == .table && isDataTable(parent))
                }
                switch dom.id(i) {
                case .form, .fieldset, .table, .ul, .ol, .div, .section, .figure, .header, .footer, .dl: targets.append(i)
                case .h1, .h2, .h3, .h4, .h5, .h6, .figcaption, .p: targets.append(i)
                default: break
                }
            }
        }
        // An article inside the article is a teaser, a comment or the next post of an endless
        // page (HTML nests comments and related posts as <article>): it goes while the outer one
        // keeps real text of its own.
        for root in roots where dom.closest(root, [.article]) != nil {
            for inner in dom.elements([.article], under: root).reversed() where !dom.removed[inner] {
                if stats[root].text - stats[inner].text >= 250 { remove(inner) }
            }
        }
        let normalizedTitle = title.map { Self.comparable($0) }
        let rootText = roots.reduce(0) { $0 + stats[$1].text }
        // Reverse pre-order visits descendants before ancestors, so no visited node lies inside a
        // node removed here.
        for i in targets.reversed() where !dom.removed[i] {
            let tag = dom.id(i)
            if tag == .figcaption {
                remove(i)
                continue
            }
            if !inParagraph[i] && stats[i].text < 400 && dom.classAndID(i).includes("caption") {
                remove(i)
                continue
            }
            if dom.nodes[i].flags.contains(.heading) {
                if classWeight(i) < 0 { remove(i); continue }
                if let normalizedTitle, !normalizedTitle.isEmpty, Self.comparable(dom.text(i)) == normalizedTitle { remove(i) }
                continue
            }
            if tag == .p {
                if stats[i].text == 0 && stats[i].images == 0 { remove(i) }
                continue
            }
            if roots.contains(i) || inDataTable[i] { continue }
            let weight = classWeight(i)
            let isList = tag == .ul || tag == .ol
            if tag == .table && isDataTable(i) { continue }
            // A container holding half of the article is never furniture, whatever its name says.
            if stats[i].text * 2 >= rootText && stats[i].paragraphs >= 2 { continue }
            let hint = dom.classAndID(i)
            if hint.includes("embed") || hint.includes("tweet") { continue }
            if weight + (!isList && isCandidate.indices.contains(i) && isCandidate[i] ? scores[i] : 0) < 0 {
                remove(i)
                continue
            }
            let s = stats[i]
            if s.commas >= 10 { continue }
            let inFigure = inFigure[i] || tag == .figure
            let p = Double(s.paragraphs)
            let density = linkDensity(i)
            let headingDensity = s.text == 0 ? 0 : Double(s.headingText) / Double(s.text)
            let text = s.text
            var remove = false
            if s.images > 1 && p / Double(s.images) < 0.5 && !inFigure { remove = true }
            if !isList && Double(s.listItems - 100) > p { remove = true }
            if Double(s.inputs) > (p / 3).rounded(.down) { remove = true }
            if !isList && headingDensity < 0.9 && text < 25 && (s.images == 0 || s.images > 2) && !inFigure
                && s.code == 0 { remove = true }
            if !isList && weight < 25 && density > 0.2 { remove = true }
            if weight >= 25 && density > 0.5 { remove = true }
            if (s.embeds == 1 && text < 75) || s.embeds > 1 { remove = true }
            if inFigure && tag == .figure && text < 300 { remove = true }
            if remove, text > 0, Hints.isNote(dom.text(i)) { remove = false }
            if remove { self.remove(i) }
        }
    }

    /// Readability's data-table test: tables with a caption, header cells, or at least ten rows
    /// or five columns hold data, not layout; a table containing tables is layout.
    func isDataTable(_ i: Int) -> Bool {
        if dom.attribute("role", of: i) == "presentation" { return false }
        let inner = dom.descendants(i).filter { dom.isElement($0) }
        if inner.contains(where: { dom.id($0) == .table }) { return false }
        if inner.contains(where: { [.caption, .th, .thead, .tfoot, .colgroup, .col].contains(dom.id($0)) }) { return true }
        let rows = inner.filter { dom.id($0) == .tr }
        let columns = rows.map { dom.children($0).filter { dom.id($0) == .td }.count }.max() ?? 0
        return rows.count >= 10 || columns > 4
    }

    /// Lowercased letters and digits only, for comparing titles and headings. The same as
    /// keeping the letters and digits of `text.lowercased()` (which maps scalar by scalar), but
    /// ASCII bytes are handled without the Unicode tables or a lowercased copy.
    static func comparable(_ text: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        func keep(_ scalar: Unicode.Scalar) {
            let value = scalar.value
            if value < 0x80 {
                if (value >= 0x30 && value <= 0x39) || (value >= 0x61 && value <= 0x7A) || (value >= 0x41 && value <= 0x5A) {
                    out.append(UInt8(value))
                }
            } else if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                if let encoded = UTF8.encode(scalar) { out.append(contentsOf: encoded) }
            }
        }
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if value < 0x80 {
                // ASCII lowercase, then letters and digits.
                if value >= 0x41 && value <= 0x5A {
                    out.append(UInt8(value | 0x20))
                } else if (value >= 0x30 && value <= 0x39) || (value >= 0x61 && value <= 0x7A) {
                    out.append(UInt8(value))
                }
            } else {
                for mapped in scalar.properties.lowercaseMapping.unicodeScalars { keep(mapped) }
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
