// Turns the chosen article nodes into `Block`s.
//
// An enter/exit walk in document order (see `DOM`) keeps a buffer of inline text; block-level boundaries and `<br>`
// flush it. The role of a flushed block comes from its open block ancestors: a heading wins, then
// a block quote, then a list item; everything else is a paragraph. Text inside `<pre>` keeps its
// lines (each becomes a paragraph); elsewhere whitespace collapses as browsers render it.
// Words inside links are counted for the link word ratio.
//
// Complexity: O(n) in the nodes under the roots.

import StetText

struct BlockWriter {
    private(set) var blocks: [Block] = []
    private(set) var words = 0
    private(set) var linkWords = 0
    /// Per block: words inside links, parallel to `blocks`.
    private(set) var blockLinkWords: [Int] = []

    private var buffer = ""
    private var bufferLinkWords = 0
    private var linkDepth = 0
    // Open block ancestors, counted by the kinds the role of a block depends on.
    private var openHeadings = 0
    private var openQuotes = 0
    private var openListItems = 0
    private var openPre = 0

    mutating func write(_ dom: DOM, roots: [Int]) {
        for root in roots { walk(dom, root) }
        flush()
    }

    /// Document order over the subtree of `root`, jumping over removed subtrees; an element's
    /// exit runs when the walk reaches the end of its index range.
    private mutating func walk(_ dom: DOM, _ root: Int) {
        var exits: [Int] = []
        var i = root
        let end = dom.nodes[root].end
        while true {
            while let last = exits.last, i >= dom.nodes[last].end {
                exits.removeLast()
                exit(dom, last)
            }
            guard i < end else { break }
            if dom.removed[i] {
                i = dom.nodes[i].end
                continue
            }
            if dom.nodes[i].kind == .text {
                append(dom.nodes[i].text, preformatted: openPre > 0)
                i += 1
                continue
            }
            let tag = dom.nodes[i].id
            if tag == .br {
                flush()
                i = dom.nodes[i].end
                continue
            }
            if tag == .img {
                i = dom.nodes[i].end
                continue
            }
            if dom.nodes[i].flags.contains(.block) {
                flush()
                enterBlock(tag, dom.nodes[i].flags, by: 1)
            } else if tag == .a {
                linkDepth += 1
            }
            exits.append(i)
            i += 1
        }
    }

    private mutating func exit(_ dom: DOM, _ i: Int) {
        let flags = dom.nodes[i].flags
        let tag = dom.nodes[i].id
        if flags.contains(.block) {
            flush()
            enterBlock(tag, flags, by: -1)
        } else if tag == .a {
            linkDepth -= 1
        } else if tag == .td || tag == .th || flags.contains(.mathToken) {
            buffer += " "
        }
    }

    private mutating func enterBlock(_ tag: TagID, _ flags: TagFlags, by step: Int) {
        if flags.contains(.heading) { openHeadings += step }
        if tag == .blockquote { openQuotes += step }
        if tag == .li || tag == .dd || tag == .dt { openListItems += step }
        if tag == .pre { openPre += step }
    }

    /// MathML token elements: each is one symbol, so they are kept apart by a space.
    static let mathTokens: Set<String> = ["mi", "mn", "mo", "ms", "mtext"]

    private mutating func append(_ text: String, preformatted: Bool) {
        if preformatted {
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            for (index, line) in lines.enumerated() {
                if index > 0 { flush() }
                buffer += line
            }
        } else {
            buffer += text
        }
        if linkDepth > 0 { bufferLinkWords += Whitespace.wordCount(text) }
    }

    private mutating func flush() {
        let text = Whitespace.collapse(buffer)
        buffer = ""
        let link = bufferLinkWords
        bufferLinkWords = 0
        guard !text.isEmpty, Whitespace.hasLetterOrDigit(text) else { return }
        let role: BlockRole
        if openHeadings > 0 {
            role = .heading
        } else if openQuotes > 0 {
            role = .blockquote
        } else if openListItems > 0 {
            role = .listItem
        } else {
            role = .paragraph
        }
        let count = Whitespace.wordCount(collapsed: text)
        words += count
        linkWords += min(link, count)
        blocks.append(Block(role, text))
        blockLinkWords.append(min(link, count))
    }
}
