// The only file that talks to libxml2 (the only importer of CLibxml2).
//
// It hands UTF-8 bytes to libxml2's forgiving HTML parser (`htmlReadMemory` with RECOVER, no
// error or warning output, no network, and the page's own encoding hints ignored because the
// bytes were already decoded), then copies the tree into the Swift arena `DOM` with an
// iterative pointer walk (children / next / parent), so a 10,000-deep page never recurses.
// The libxml2 document has exactly one owner: this function, which frees it before returning.
//
// Complexity: O(n) in the size of the page, for parsing and for copying.

internal import CLibxml2

enum LibXMLParser {
    private static let initialized: Bool = {
        xmlInitParser()
        return true
    }()

    /// Parses UTF-8 HTML into a `DOM`. Comments, processing instructions and the doctype are dropped.
    static func parse(utf8 bytes: [UInt8]) throws(ExtractionError) -> DOM {
        _ = initialized
        guard bytes.count < Int(Int32.max) else { throw .parser("htmlReadMemory: page larger than 2 GB") }
        let options = Int32(HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
            | HTML_PARSE_NONET.rawValue | HTML_PARSE_IGNORE_ENC.rawValue | HTML_PARSE_NODEFDTD.rawValue | XML_PARSE_HUGE.rawValue)
        let document: htmlDocPtr? = bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress.map { base in
                base.withMemoryRebound(to: CChar.self, capacity: buffer.count) { chars in
                    htmlReadMemory(chars, Int32(buffer.count), nil, "UTF-8", options)
                }
            } ?? nil
        }
        guard let document else { throw .parser("htmlReadMemory: \(lastErrorMessage() ?? "no document")") }
        defer { xmlFreeDoc(document) }
        return copy(document)
    }

    private static func lastErrorMessage() -> String? {
        guard let error = xmlGetLastError(), let message = error.pointee.message else { return nil }
        return String(String(cString: message).split(separator: "\n").first ?? "")
    }

    private static func string(_ pointer: UnsafePointer<xmlChar>?) -> String {
        guard let pointer else { return "" }
        return String(cString: pointer)
    }

    private static func attributes(of node: xmlNodePtr) -> [(name: String, value: String)] {
        var result: [(name: String, value: String)] = []
        var property = node.pointee.properties
        while let attribute = property {
            // libxml2's HTML parser already lowercases tag and attribute names.
            let name = string(attribute.pointee.name)
            var value = ""
            var child = attribute.pointee.children
            while let text = child {
                value += string(text.pointee.content)
                child = text.pointee.next
            }
            result.append((name, value))
            property = attribute.pointee.next
        }
        return result
    }

    /// Copies the libxml2 tree into the arena with an explicit walk: descend into children,
    /// else move to the next sibling, else climb until an ancestor has a next sibling.
    private static func copy(_ document: htmlDocPtr) -> DOM {
        var dom = DOM()
        dom.nodes.reserveCapacity(1024)
        let top = UnsafeMutableRawPointer(document).assumingMemoryBound(to: xmlNode.self)
        var current = document.pointee.children
        var parents: [Int] = [DOM.root]
        while let node = current {
            var descend = false
            let parent = parents[parents.count - 1]
            switch node.pointee.type {
            case XML_ELEMENT_NODE:
                let index = dom.append(.element, tag: string(node.pointee.name), attributes: attributes(of: node), under: parent)
                if node.pointee.children != nil {
                    parents.append(index)
                    descend = true
                }
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                let content = string(node.pointee.content)
                if !content.isEmpty { dom.append(.text, tag: "", text: content, under: parent) }
            default:
                break
            }
            if descend {
                current = node.pointee.children
                continue
            }
            var climb: xmlNodePtr? = node
            current = nil
            while let at = climb {
                if let next = at.pointee.next {
                    current = next
                    break
                }
                let up = at.pointee.parent
                if up == nil || up == top { break }
                parents.removeLast()
                climb = up
            }
        }
        return dom
    }
}
