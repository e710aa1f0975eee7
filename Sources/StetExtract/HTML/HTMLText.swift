// Text content of an HTML fragment, for evaluation and tests: the page is parsed like any other
// (charset detection, libxml2), scripts and styles are skipped, block boundaries become spaces,
// and whitespace is collapsed.
//
// Complexity: O(n).

/// Plain text content of HTML, whitespace-normalized.
public enum HTMLText {
    /// The text content of `html`, with block boundaries as spaces and whitespace collapsed.
    public static func textContent(html: [UInt8]) throws(ExtractionError) -> String {
        let decoded = Charset.decodeToUTF8(html, contentType: nil)
        let dom = try LibXMLParser.parse(utf8: decoded.bytes)
        var parts: [String] = []
        var stack: [Int] = [DOM.root]
        while let i = stack.popLast() {
            let node = dom.nodes[i]
            if node.kind == .text {
                parts.append(node.text)
                continue
            }
            if node.tag == "script" || node.tag == "style" || node.tag == "template" { continue }
            if Hints.blockTags.contains(node.tag) || node.tag == "br" { parts.append(" ") }
            stack.append(contentsOf: node.children.reversed())
        }
        return Whitespace.collapse(parts.joined())
    }
}
