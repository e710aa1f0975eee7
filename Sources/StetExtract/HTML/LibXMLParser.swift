// The only file that talks to libxml2 (the only importer of CLibxml2).
//
// It hands UTF-8 bytes to libxml2's forgiving HTML parser (RECOVER, no error or warning output,
// no network, the page's own encoding hints ignored because the bytes were already decoded) and
// builds the Swift arena `DOM` straight from the parser's SAX callbacks: libxml2 never builds its
// own tree, so nothing is allocated twice and nothing is copied. The parser still does all of
// HTML's repairs (implied `<html>`/`<body>`, auto-closed `<p>` and `<li>`, misnested tags); they
// arrive as ordinary start/end callbacks. Adjacent character chunks (entities, comments between
// text) are merged into one text node, as libxml2's tree builder does.
//
// The bodies of `<script>` (except JSON-LD, which metadata reads) and `<style>` are never turned
// into strings: nothing downstream reads them.
//
// The parser context has exactly one owner: this function, which frees it before returning. Depth
// is no problem: the callbacks keep an explicit stack, nothing recurses.
//
// Complexity: O(n) in the size of the page.

internal import CLibxml2

enum LibXMLParser {
    private static let initialized: Bool = {
        xmlInitParser()
        return true
    }()

    /// Builds the arena from SAX callbacks. A class so the C callbacks can reach it through
    /// libxml2's `userData` pointer.
    private final class Builder {
        var dom = DOM()
        /// Open elements, innermost last; the document root at the bottom.
        var open: [Int] = [DOM.root]
        /// Character data not yet turned into a text node.
        var pending: [UInt8] = []
        /// Inside a `<script>` or `<style>` whose text nobody reads.
        var skipping = 0

        init() {
            dom.nodes.reserveCapacity(1024)
            pending.reserveCapacity(256)
        }

        func flush() {
            guard !pending.isEmpty else { return }
            dom.append(.text, tag: "", text: String(decoding: pending, as: UTF8.self), under: open[open.count - 1])
            pending.removeAll(keepingCapacity: true)
        }

        func start(_ name: UnsafePointer<xmlChar>, _ atts: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?) {
            flush()
            // libxml2's HTML parser already lowercases tag and attribute names.
            let tag = String(cString: name)
            var attributes: [(name: String, value: String)] = []
            if let atts {
                var k = 0
                while let attributeName = atts[k] {
                    let value = atts[k + 1].map { String(cString: $0) } ?? ""
                    attributes.append((String(cString: attributeName), value))
                    k += 2
                }
            }
            let index = dom.append(.element, tag: tag, attributes: attributes, under: open[open.count - 1])
            open.append(index)
            if skipping > 0 {
                skipping += 1
            } else if tag == "style" || (tag == "script" && !Self.isJSONLD(attributes)) {
                skipping = 1
            }
        }

        func end() {
            flush()
            // The parser never closes more than it opened; the guard keeps the root regardless.
            if open.count > 1 { open.removeLast() }
            if skipping > 0 { skipping -= 1 }
        }

        func characters(_ bytes: UnsafePointer<xmlChar>, _ count: Int32) {
            guard skipping == 0, count > 0 else { return }
            pending.append(contentsOf: UnsafeBufferPointer(start: bytes, count: Int(count)))
        }

        static func isJSONLD(_ attributes: [(name: String, value: String)]) -> Bool {
            attributes.contains { $0.name == "type" && $0.value.lowercased().includes("ld+json") }
        }
    }

    /// Parses UTF-8 HTML into a `DOM`. Comments, processing instructions and the doctype are dropped.
    static func parse(utf8 bytes: [UInt8]) throws(ExtractionError) -> DOM {
        _ = initialized
        guard bytes.count < Int(Int32.max) else { throw .parser("htmlCreateMemoryParserCtxt: page larger than 2 GB") }
        let options = Int32(HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
            | HTML_PARSE_NONET.rawValue | HTML_PARSE_IGNORE_ENC.rawValue | HTML_PARSE_NODEFDTD.rawValue | XML_PARSE_HUGE.rawValue)
        let builder = Builder()
        let parsed: Bool = bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress, buffer.count > 0 else { return false }
            return base.withMemoryRebound(to: CChar.self, capacity: buffer.count) { chars in
                guard let context = htmlCreateMemoryParserCtxt(chars, Int32(buffer.count)) else { return false }
                defer { htmlFreeParserCtxt(context) }
                guard let sax = context.pointee.sax else { return false }
                // Only the callbacks below: no tree, no document, no comments.
                sax.pointee = htmlSAXHandler()
                sax.pointee.startElement = { context, name, atts in
                    guard let context, let name else { return }
                    Unmanaged<Builder>.fromOpaque(context).takeUnretainedValue().start(name, atts)
                }
                sax.pointee.endElement = { context, _ in
                    guard let context else { return }
                    Unmanaged<Builder>.fromOpaque(context).takeUnretainedValue().end()
                }
                let characters: charactersSAXFunc = { context, bytes, count in
                    guard let context, let bytes else { return }
                    Unmanaged<Builder>.fromOpaque(context).takeUnretainedValue().characters(bytes, count)
                }
                sax.pointee.characters = characters
                sax.pointee.cdataBlock = characters
                sax.pointee.ignorableWhitespace = characters
                context.pointee.userData = Unmanaged.passUnretained(builder).toOpaque()
                _ = htmlCtxtUseOptions(context, options)
                if let utf8 = xmlFindCharEncodingHandler("UTF-8") { _ = xmlSwitchToEncoding(context, utf8) }
                _ = htmlParseDocument(context)
                // No startDocument callback, so no document; free one defensively all the same.
                if let document = context.pointee.myDoc {
                    xmlFreeDoc(document)
                    context.pointee.myDoc = nil
                }
                return true
            }
        }
        withExtendedLifetime(builder) {}
        guard parsed else { throw .parser("htmlCreateMemoryParserCtxt: \(lastErrorMessage() ?? "no parser context")") }
        builder.flush()
        return builder.dom
    }

    private static func lastErrorMessage() -> String? {
        guard let error = xmlGetLastError(), let message = error.pointee.message else { return nil }
        return String(String(cString: message).split(separator: "\n").first ?? "")
    }
}
