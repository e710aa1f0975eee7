// Turns the chosen article nodes into `Block`s.
//
// An explicit enter/exit walk keeps a buffer of inline text; block-level boundaries and `<br>`
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
    private var openTags: [String] = []
    private var linkDepth = 0

    mutating func write(_ dom: DOM, roots: [Int]) {
        for root in roots { walk(dom, root) }
        flush()
    }

    private mutating func walk(_ dom: DOM, _ root: Int) {
        enum Step { case enter(Int), exit(Int) }
        var stack: [Step] = [.enter(root)]
        while let step = stack.popLast() {
            switch step {
            case .enter(let i):
                let node = dom.nodes[i]
                if dom.removed[i] { continue }
                if node.kind == .text {
                    append(node.text, preformatted: openTags.contains("pre"))
                    continue
                }
                let tag = node.tag
                if tag == "br" {
                    flush()
                    continue
                }
                if tag == "img" { continue }
                let isBlock = Hints.blockTags.contains(tag)
                if isBlock {
                    flush()
                    openTags.append(tag)
                } else if tag == "a" {
                    linkDepth += 1
                }
                stack.append(.exit(i))
                for child in node.children.reversed() { stack.append(.enter(child)) }
            case .exit(let i):
                let tag = dom.nodes[i].tag
                if Hints.blockTags.contains(tag) {
                    flush()
                    openTags.removeLast()
                } else if tag == "a" {
                    linkDepth -= 1
                } else if tag == "td" || tag == "th" || Self.mathTokens.contains(tag) {
                    buffer += " "
                }
            }
        }
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
        if openTags.contains(where: { Hints.headingTags.contains($0) }) {
            role = .heading
        } else if openTags.contains("blockquote") {
            role = .blockquote
        } else if openTags.contains(where: { $0 == "li" || $0 == "dd" || $0 == "dt" }) {
            role = .listItem
        } else {
            role = .paragraph
        }
        let count = Whitespace.wordCount(text)
        words += count
        linkWords += min(link, count)
        blocks.append(Block(role, text))
        blockLinkWords.append(min(link, count))
    }
}
