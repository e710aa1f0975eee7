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
        let dom = try LibXMLParser.parse(utf8: decoded.bytes, attributes: [])
        var parts: [String] = []
        var i = 0
        while i < dom.nodes.count {
            if dom.nodes[i].kind == .text {
                parts.append(dom.nodes[i].text)
                i += 1
                continue
            }
            let tag = dom.nodes[i].id
            if tag == .script || tag == .style || tag == .template {
                i = dom.nodes[i].end
                continue
            }
            if dom.nodes[i].flags.contains(.block) || tag == .br { parts.append(" ") }
            i += 1
        }
        return Whitespace.collapse(parts.joined())
    }
}
