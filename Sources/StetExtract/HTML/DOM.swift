// A small arena DOM: every node is a row in one array and refers to others by index.
//
// Why an arena: pages can be 50 MB and 10,000 levels deep. Rows in one array cost far less
// than one object per node, and every walk over the tree here is an explicit loop over indices
// (pre-order with a stack, or parent chains), so depth never touches the call stack.
// Removing a node only sets a flag; walks skip removed subtrees. The flags live in their own
// array, so a copy of the DOM that only removes nodes (each extraction attempt works on one)
// copies one byte per node, not the nodes.
//
// Complexity: building is O(n); `textLength`, `linkTextLength` and friends are cached after one
// post-order pass, O(n) in all.

/// One node of the page: an element (with a lowercase tag name) or a text node.
struct DOMNode {
    enum Kind: UInt8 { case element, text }
    var kind: Kind
    /// Lowercase tag name for elements, empty for text.
    var tag: String
    /// The text of a text node (entities decoded), empty for elements.
    var text: String
    var attributes: [(name: String, value: String)]
    var parent: Int
    var children: [Int]
}

/// The parsed page. Node 0 is the document root (tag `#document`).
struct DOM {
    var nodes: [DOMNode]
    /// Per node: removed from the page (it and its subtree are skipped by every walk).
    var removed: [Bool]

    init() {
        nodes = [DOMNode(kind: .element, tag: "#document", text: "", attributes: [], parent: -1, children: [])]
        removed = [false]
    }

    static let root = 0

    /// Appends a node under `parent` and returns its index.
    @discardableResult
    mutating func append(_ kind: DOMNode.Kind, tag: String, text: String = "", attributes: [(name: String, value: String)] = [], under parent: Int) -> Int {
        let index = nodes.count
        nodes.append(DOMNode(kind: kind, tag: tag, text: text, attributes: attributes, parent: parent, children: []))
        removed.append(false)
        nodes[parent].children.append(index)
        return index
    }

    func tag(_ i: Int) -> String { nodes[i].tag }
    func isElement(_ i: Int) -> Bool { nodes[i].kind == .element }

    /// The value of attribute `name` (lowercase) on node `i`.
    func attribute(_ name: String, of i: Int) -> String? {
        for attribute in nodes[i].attributes where attribute.name == name { return attribute.value }
        return nil
    }

    /// Live (not removed) children.
    func children(_ i: Int) -> [Int] { nodes[i].children.filter { !removed[$0] } }

    /// Whether `i` or one of its ancestors was removed.
    func isDetached(_ i: Int) -> Bool {
        var current = i
        while current >= 0 {
            if removed[current] { return true }
            current = nodes[current].parent
        }
        return false
    }

    /// Live descendants of `i` (not `i` itself) in document order; iterative pre-order walk.
    func descendants(_ i: Int) -> [Int] {
        var result: [Int] = []
        var stack: [Int] = nodes[i].children.reversed()
        while let next = stack.popLast() {
            if removed[next] { continue }
            result.append(next)
            for child in nodes[next].children.reversed() { stack.append(child) }
        }
        return result
    }

    /// Live descendant elements of `i` with one of `tags`.
    func elements(_ tags: Set<String>, under i: Int = DOM.root) -> [Int] {
        descendants(i).filter { nodes[$0].kind == .element && tags.contains(nodes[$0].tag) }
    }

    /// The element's text, whitespace collapsed to single spaces and trimmed.
    func text(_ i: Int) -> String {
        if nodes[i].kind == .text { return Whitespace.collapse(nodes[i].text) }
        var parts: [String] = []
        for d in descendants(i) where nodes[d].kind == .text { parts.append(nodes[d].text) }
        return Whitespace.collapse(parts.joined())
    }

    /// Ancestors of `i`, nearest first.
    func ancestors(_ i: Int) -> [Int] {
        var result: [Int] = []
        var current = nodes[i].parent
        while current >= 0 {
            result.append(current)
            current = nodes[current].parent
        }
        return result
    }

    /// The nearest ancestor (or `i` itself) with one of `tags`.
    func closest(_ i: Int, _ tags: Set<String>) -> Int? {
        var current = i
        while current >= 0 {
            if nodes[current].kind == .element && tags.contains(nodes[current].tag) { return current }
            current = nodes[current].parent
        }
        return nil
    }

    /// "class" and "id" together, lowercased, for boilerplate hints. An id that is a slug of four
    /// or more words (a heading anchor such as "sharing-with-a-single-developer") names content,
    /// not a component, and is left out.
    func classAndID(_ i: Int) -> String {
        let cls = attribute("class", of: i) ?? ""
        var id = attribute("id", of: i) ?? ""
        if DOM.isSlug(id) { id = "" }
        if cls.isEmpty { return id.lowercased() }
        if id.isEmpty { return cls.lowercased() }
        return (cls + " " + id).lowercased()
    }
}

extension DOM {
    static func isSlug(_ value: String) -> Bool {
        value.split(whereSeparator: { $0 == "-" || $0 == "_" }).count >= 4
    }
}

/// Whitespace collapsing as HTML renders it.
enum Whitespace {
    /// Runs of whitespace (including non-breaking spaces) become one space; zero-width spaces and
    /// byte-order marks go; trimmed. Works on UTF-8 bytes: O(n), one output buffer.
    static func collapse(_ s: String) -> String {
        var input = s
        return input.withUTF8 { bytes -> String in
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count)
            var pendingSpace = false
            var i = 0
            let n = bytes.count
            while i < n {
                let byte = bytes[i]
                var length = 1
                var scalar: UInt32 = UInt32(byte)
                if byte >= 0xC0 {
                    length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2
                    if i + length > n { length = n - i }
                    // Only these lead bytes start a space, a zero-width space or a BOM.
                    if byte == 0xC2 || byte == 0xE1 || byte == 0xE2 || byte == 0xE3 || byte == 0xEF {
                        scalar = UInt32(byte) & (length == 2 ? 0x1F : 0x0F)
                        for k in 1..<max(1, length) { scalar = scalar << 6 | UInt32(bytes[i + k] & 0x3F) }
                    } else {
                        scalar = 0x10FFFF
                    }
                }
                let isWhite = scalar < 0x80
                    ? (scalar == 0x20 || (scalar >= 0x09 && scalar <= 0x0D))
                    : Unicode.Scalar(scalar).map(isSpace) ?? false
                if isWhite {
                    pendingSpace = true
                } else if scalar == 0x200B || scalar == 0xFEFF {
                    // dropped
                } else {
                    if pendingSpace && !out.isEmpty { out.append(0x20) }
                    pendingSpace = false
                    for k in 0..<length { out.append(bytes[i + k]) }
                }
                i += length
            }
            return String(decoding: out, as: UTF8.self)
        }
    }

    /// Words (runs of non-whitespace ASCII-delimited bytes) in `text`; O(n) over UTF-8.
    static func wordCount(_ text: String) -> Int {
        var count = 0
        var inWord = false
        for byte in text.utf8 {
            let space = byte == 0x20 || (byte >= 0x09 && byte <= 0x0D)
            if !space && !inWord { count += 1 }
            inWord = !space
        }
        return count
    }

    /// Whether `text` has a letter or digit (scalar properties, no grapheme breaking).
    static func hasLetterOrDigit(_ text: String) -> Bool {
        text.unicodeScalars.contains { scalar in
            scalar.value < 0x80
                ? (scalar.value >= 0x30 && scalar.value <= 0x39) || (scalar.value | 0x20 >= 0x61 && scalar.value | 0x20 <= 0x7A)
                : scalar.properties.isAlphabetic || scalar.properties.numericType != nil
        }
    }

    static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x20, 0x09, 0x0A, 0x0D, 0x0C, 0x0B, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: true
        default: false
        }
    }
}

extension String {
    /// Byte-wise substring test on UTF-8. Foundation's `contains(_:)` goes through CFString and
    /// dominated extraction time; this is a plain scan, O(n × m) at worst, near O(n) in practice.
    func includes(_ needle: String) -> Bool {
        if needle.isEmpty { return true }
        let fast = utf8.withContiguousStorageIfAvailable { haystack in
            needle.utf8.withContiguousStorageIfAvailable { pattern in Self.search(haystack, pattern) }
        }
        if let result = fast ?? nil { return result }
        return Array(utf8).withUnsafeBufferPointer { haystack in Array(needle.utf8).withUnsafeBufferPointer { Self.search(haystack, $0) } }
    }

    private static func search(_ haystack: UnsafeBufferPointer<UInt8>, _ pattern: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = haystack.count, m = pattern.count
        guard m <= n, let first = pattern.first else { return m == 0 }
        var i = 0
        while i <= n - m {
            if haystack[i] == first {
                var j = 1
                while j < m && haystack[i + j] == pattern[j] { j += 1 }
                if j == m { return true }
            }
            i += 1
        }
        return false
    }
}
