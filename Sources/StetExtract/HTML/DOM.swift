// A small arena DOM: every node is a row in one array and refers to others by index.
//
// Why an arena: pages can be 50 MB and 10,000 levels deep. Rows in one array cost far less
// than one object per node, and every walk over the tree here is an explicit loop over indices,
// so depth never touches the call stack.
//
// Rows are appended in document order (pre-order), so the subtree of node `i` is the index range
// `i ..< nodes[i].end`: its first child is `i + 1` (when that is inside the range) and the next
// sibling of a child `c` is `nodes[c].end`. No node keeps a list of children, and a walk over a
// subtree is a loop over a range that jumps over removed subtrees: no stack, no allocation.
// Removing a node only sets a flag; walks skip removed subtrees. The flags live in their own
// array, so a copy of the DOM that only removes nodes (each extraction attempt works on one)
// copies one byte per node, not the nodes.
//
// Tag names are interned by the parser (one `String` per distinct name) and carry `TagFlags`
// (block, junk, heading, …) so hot loops test a bit instead of hashing a name; `hint` holds the
// lowercased "class id" text that the boilerplate rules read, computed once per element.
// Attributes of all elements live in one array; a node keeps the range of its own.
//
// Complexity: building is O(n); `descendants` is O(size of the subtree).

/// What the extraction rules need to know about a tag name, computed once per distinct name.
struct TagFlags: OptionSet, Sendable {
    let rawValue: UInt16
    /// Its end starts a new block of text (`Hints.blockTags`).
    static let block = TagFlags(rawValue: 1 << 0)
    /// Never holds article text (`Hints.junkTags`).
    static let junk = TagFlags(rawValue: 1 << 1)
    /// `h1` … `h6`.
    static let heading = TagFlags(rawValue: 1 << 2)
    /// A MathML token element (`mi`, `mn`, `mo`, `ms`, `mtext`).
    static let mathToken = TagFlags(rawValue: 1 << 3)
    /// Read by `MetadataReader` for its own sake: `meta`, `link`, `title`, `h1`, `time`, `html`.
    static let metadata = TagFlags(rawValue: 1 << 4)

    /// Every tag name with a flag, and its flags: one lookup per distinct name.
    private static let table: [String: TagFlags] = {
        var table: [String: TagFlags] = [:]
        for tag in Hints.blockTags { table[tag, default: []].insert(.block) }
        for tag in Hints.junkTags { table[tag, default: []].insert(.junk) }
        for tag in Hints.headingTags { table[tag, default: []].insert(.heading) }
        for tag in BlockWriter.mathTokens { table[tag, default: []].insert(.mathToken) }
        for tag in ["meta", "link", "title", "h1", "time", "html"] { table[tag, default: []].insert(.metadata) }
        return table
    }()

    init(rawValue: UInt16) { self.rawValue = rawValue }

    /// The flags of a lowercase tag name.
    init(tag: String) {
        self = TagFlags.table[tag] ?? []
    }
}

/// The tag names the extraction rules compare, as one byte each: the content finder, pruner,
/// block writer and metadata reader test `DOMNode.id` instead of comparing strings (a string
/// `switch` over tag names compared the name with each case in turn). Every other name is
/// `.other`; the name itself stays in `DOMNode.tag`.
enum TagID: UInt8, Sendable {
    case other, document
    case a, address, annotation, annotationXML, article, blockquote, body, br, button, caption, center, code, col, colgroup
    case dd, div, dl, dt, embed, fieldset, figcaption, figure, font, footer, form
    case h1, h2, h3, h4, h5, h6, header, html, iframe, img, input, li, link, main, math, meta
    case object, ol, p, pre, script, section, select, span, style, svg, table, td, template, textarea, tfoot, th, thead, time
    case title, tr, ul, video

    private static let byName: [String: TagID] = [
        "#document": .document, "a": .a, "address": .address, "annotation": .annotation, "annotation-xml": .annotationXML,
        "article": .article, "blockquote": .blockquote, "body": .body, "br": .br, "button": .button, "caption": .caption,
        "center": .center, "code": .code, "col": .col, "colgroup": .colgroup, "dd": .dd, "div": .div, "dl": .dl, "dt": .dt,
        "embed": .embed, "fieldset": .fieldset, "figcaption": .figcaption, "figure": .figure, "font": .font, "footer": .footer,
        "form": .form, "h1": .h1, "h2": .h2, "h3": .h3, "h4": .h4, "h5": .h5, "h6": .h6, "header": .header, "html": .html,
        "iframe": .iframe, "img": .img, "input": .input, "li": .li, "link": .link, "main": .main, "math": .math, "meta": .meta,
        "object": .object, "ol": .ol, "p": .p, "pre": .pre, "script": .script, "section": .section, "select": .select,
        "span": .span, "style": .style, "svg": .svg, "table": .table, "td": .td, "template": .template, "textarea": .textarea,
        "tfoot": .tfoot, "th": .th, "thead": .thead, "time": .time, "title": .title, "tr": .tr, "ul": .ul, "video": .video,
    ]

    /// The id of a lowercase tag name (`.other` for names no rule compares).
    init(tag: String) {
        self = TagID.byName[tag] ?? .other
    }
}

/// One node of the page: an element (with a lowercase tag name) or a text node.
struct DOMNode {
    enum Kind: UInt8 { case element, text }
    var kind: Kind
    /// The tag name as a `TagID` (`.other` for text and for names no rule compares).
    var id: TagID
    var flags: TagFlags
    /// Lowercase tag name for elements, empty for text.
    var tag: String
    /// The text of a text node (entities decoded), empty for elements.
    var text: String
    /// This element's attributes: `DOM.attributes[attributeStart ..< attributeEnd]`.
    var attributeStart: Int32
    var attributeEnd: Int32
    /// "class" and "id" lowercased, for boilerplate hints (see `DOM.classAndID`); empty for text.
    var hint: String
    var parent: Int
    /// One past the last node of this node's subtree.
    var end: Int
}

/// The parsed page. Node 0 is the document root (tag `#document`).
struct DOM {
    var nodes: [DOMNode]
    /// Every element's attributes, element after element (one array instead of one per element).
    var attributes: [(name: String, value: String)] = []
    /// Per node: removed from the page (it and its subtree are skipped by every walk).
    var removed: [Bool]

    init() {
        nodes = [DOMNode(kind: .element, id: .document, flags: [], tag: "#document", text: "", attributeStart: 0, attributeEnd: 0, hint: "", parent: -1, end: 1)]
        removed = [false]
    }

    static let root = 0

    /// Appends a node under `parent` and returns its index. Its subtree ends right after it
    /// until `close` says otherwise; `parent` must be the last node still open (document order).
    @discardableResult
    mutating func append(
        _ kind: DOMNode.Kind, tag: String, flags: TagFlags = [], text: String = "", attributes: [(name: String, value: String)] = [],
        under parent: Int
    ) -> Int {
        let start = self.attributes.count
        self.attributes.append(contentsOf: attributes)
        return append(
            kind, tag: tag, id: kind == .element ? TagID(tag: tag) : .other, flags: flags, text: text, attributesFrom: start,
            hint: kind == .element ? DOM.hint(attributes) : "", under: parent)
    }

    /// Appends a node whose attributes are `attributes[start...]` (already appended) and
    /// whose `classAndID` text is `hint`.
    @discardableResult
    mutating func append(
        _ kind: DOMNode.Kind, tag: String, id: TagID, flags: TagFlags, text: String, attributesFrom start: Int, hint: String, under parent: Int
    ) -> Int {
        let index = nodes.count
        nodes.append(DOMNode(
            kind: kind, id: id, flags: flags, tag: tag, text: text, attributeStart: Int32(start), attributeEnd: Int32(attributes.count), hint: hint,
            parent: parent, end: index + 1))
        removed.append(false)
        return index
    }

    /// Ends the subtree of `i` after the last node appended so far.
    mutating func close(_ i: Int) { nodes[i].end = nodes.count }

    func tag(_ i: Int) -> String { nodes[i].tag }
    func id(_ i: Int) -> TagID { nodes[i].id }
    func isElement(_ i: Int) -> Bool { nodes[i].kind == .element }

    /// The value of attribute `name` (lowercase) on node `i`.
    func attribute(_ name: String, of i: Int) -> String? {
        var k = Int(nodes[i].attributeStart)
        let end = Int(nodes[i].attributeEnd)
        while k < end {
            if attributes[k].name == name { return attributes[k].value }
            k += 1
        }
        return nil
    }

    /// Live (not removed) children.
    func children(_ i: Int) -> [Int] {
        var result: [Int] = []
        var child = i + 1
        let end = nodes[i].end
        while child < end {
            if !removed[child] { result.append(child) }
            child = nodes[child].end
        }
        return result
    }

    /// Whether `i` or one of its ancestors was removed.
    func isDetached(_ i: Int) -> Bool {
        var current = i
        while current >= 0 {
            if removed[current] { return true }
            current = nodes[current].parent
        }
        return false
    }

    /// The first live descendant of `i` (not `i` itself), in document order, for which `found`
    /// is true; the walk stops there. A removed node is skipped with its subtree.
    @inline(__always)
    func firstDescendant(_ i: Int, where found: (Int) throws -> Bool) rethrows -> Int? {
        var next = i + 1
        let end = nodes[i].end
        while next < end {
            if removed[next] {
                next = nodes[next].end
                continue
            }
            if try found(next) { return next }
            next += 1
        }
        return nil
    }

    /// Calls `body` with each live descendant of `i` (not `i` itself) in document order.
    @inline(__always)
    func forEachDescendant(_ i: Int, _ body: (Int) throws -> Void) rethrows {
        _ = try firstDescendant(i) { d in
            try body(d)
            return false
        }
    }

    /// Live descendants of `i` (not `i` itself) in document order.
    func descendants(_ i: Int) -> [Int] {
        var result: [Int] = []
        forEachDescendant(i) { result.append($0) }
        return result
    }

    /// Live descendant elements of `i` whose id is one of `ids`.
    func elements(_ ids: [TagID], under i: Int = DOM.root) -> [Int] {
        var result: [Int] = []
        forEachDescendant(i) { d in
            if nodes[d].kind == .element && ids.contains(nodes[d].id) { result.append(d) }
        }
        return result
    }

    /// Live descendant elements of `i` named `tag`.
    func elements(named tag: String, under i: Int = DOM.root) -> [Int] {
        var result: [Int] = []
        forEachDescendant(i) { d in
            if nodes[d].kind == .element && nodes[d].tag == tag { result.append(d) }
        }
        return result
    }

    /// The element's text, whitespace collapsed to single spaces and trimmed.
    func text(_ i: Int) -> String {
        if nodes[i].kind == .text { return Whitespace.collapse(nodes[i].text) }
        var joined = ""
        forEachDescendant(i) { d in
            if nodes[d].kind == .text { joined += nodes[d].text }
        }
        return Whitespace.collapse(joined)
    }

    /// `Whitespace.characterCount(text(i), upTo: limit)`, reading only as much of the text as it
    /// needs: collapsing a prefix of the joined text gives a prefix of `text(i)`, and a prefix
    /// never has more characters than the whole (grapheme boundaries inside it look only at the
    /// characters around them, which the whole shares), so once a prefix reaches `limit`
    /// characters, so does the whole. The prefix read doubles each time; O(text read).
    func textCharacterCount(_ i: Int, upTo limit: Int) -> Int {
        if nodes[i].kind == .text { return Whitespace.characterCount(Whitespace.collapse(nodes[i].text), upTo: limit) }
        var joined = ""
        var check = max(64, limit * 2)
        let reached = firstDescendant(i) { d in
            guard nodes[d].kind == .text else { return false }
            joined += nodes[d].text
            guard joined.utf8.count >= check else { return false }
            if Whitespace.characterCount(Whitespace.collapse(joined), upTo: limit) >= limit { return true }
            check = joined.utf8.count * 2
            return false
        }
        if reached != nil { return limit }
        return Whitespace.characterCount(Whitespace.collapse(joined), upTo: limit)
    }

    /// Whether some live descendant element of `i` has one of `ids` (stops at the first).
    func hasElement(_ ids: [TagID], under i: Int) -> Bool {
        firstDescendant(i) { nodes[$0].kind == .element && ids.contains(nodes[$0].id) } != nil
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

    /// Whether `ancestor` is `i` or contains it (document order: a range test).
    func contains(_ ancestor: Int, _ i: Int) -> Bool { i >= ancestor && i < nodes[ancestor].end }

    /// The nearest ancestor (or `i` itself) whose id is one of `ids`.
    func closest(_ i: Int, _ ids: [TagID]) -> Int? {
        var current = i
        while current >= 0 {
            if nodes[current].kind == .element && ids.contains(nodes[current].id) { return current }
            current = nodes[current].parent
        }
        return nil
    }

    /// "class" and "id" together, lowercased, for boilerplate hints. An id that is a slug of four
    /// or more words (a heading anchor such as "sharing-with-a-single-developer") names content,
    /// not a component, and is left out. Computed once per element when it is appended.
    func classAndID(_ i: Int) -> String { nodes[i].hint }

    /// The `classAndID` text of an element with `attributes`.
    static func hint(_ attributes: [(name: String, value: String)]) -> String {
        var cls: String?
        var id: String?
        for attribute in attributes {
            if attribute.name == "class" {
                if cls == nil { cls = attribute.value }
            } else if attribute.name == "id" {
                if id == nil { id = attribute.value }
            }
        }
        return hint(class: cls ?? "", id: id ?? "")
    }

    static func hint(class cls: String, id: String) -> String {
        var id = id
        if DOM.isSlug(id) { id = "" }
        if cls.isEmpty { return id.isEmpty ? "" : lowercased(id) }
        if id.isEmpty { return lowercased(cls) }
        // Both: joined and lowercased in one pass into one new string when both are ASCII.
        let joined: String? = cls.withBytes { first in
            id.withBytes { second in
                guard StartTag.isASCII(first) && StartTag.isASCII(second) else { return nil }
                return String(unsafeUninitializedCapacity: first.count + 1 + second.count) { out in
                    var written = 0
                    for byte in first {
                        out[written] = byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
                        written += 1
                    }
                    out[written] = 0x20
                    written += 1
                    for byte in second {
                        out[written] = byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
                        written += 1
                    }
                    return written
                }
            }
        }
        return joined ?? lowercased(cls + " " + id)
    }

    /// `text.lowercased()`, sharing `text`'s storage when it has no uppercase ASCII and no
    /// non-ASCII bytes (most class names), where lowercasing would only copy it.
    static func lowercased(_ text: String) -> String {
        // One scan: 1 for uppercase ASCII, 2 for non-ASCII.
        let kinds: UInt8 = text.withBytes { bytes in
            var kinds: UInt8 = 0
            for byte in bytes {
                if byte >= 0x80 { return 2 }
                if byte >= 0x41 && byte <= 0x5A { kinds = 1 }
            }
            return kinds
        }
        switch kinds {
        case 0: return text
        case 1: return text.lowercased()
        default: return Whitespace.lowercasedScalars(text)
        }
    }
}

extension DOM {
    /// Four or more non-empty parts between "-" and "_"; a byte scan.
    static func isSlug(_ value: String) -> Bool {
        value.withBytes { bytes in
            var parts = 0
            var inPart = false
            for byte in bytes {
                if byte == 0x2D || byte == 0x5F {
                    inPart = false
                } else if !inPart {
                    inPart = true
                    parts += 1
                    if parts >= 4 { return true }
                }
            }
            return false
        }
    }
}

/// Whitespace collapsing as HTML renders it.
enum Whitespace {
    /// Runs of whitespace (including non-breaking spaces) become one space; zero-width spaces and
    /// byte-order marks go; trimmed. Works on UTF-8 bytes: O(n), written straight into the new
    /// string's storage (never longer than the input), ASCII bytes without decoding.
    static func collapse(_ s: String) -> String {
        var input = s
        return input.withUTF8 { bytes -> String in
            let n = bytes.count
            guard n > 0 else { return "" }
            return String(unsafeUninitializedCapacity: n) { out -> Int in
                var written = 0
                var pendingSpace = false
                var i = 0
                guard let source = bytes.baseAddress, let target = out.baseAddress else { return 0 }
                // After a word that is not all ASCII above the space, the next eight bytes go
                // through the byte path before the word test is tried again.
                var slowUntil = 0
                while i < n {
                    // Eight ASCII bytes above the space at a time: copied as they stand (after
                    // the pending space), as the byte path below would.
                    if i >= slowUntil && i + 8 <= n {
                        let word = UnsafeRawPointer(source + i).loadUnaligned(as: UInt64.self)
                        let ones: UInt64 = 0x0101_0101_0101_0101
                        if (word | ((word &- ones &* 0x21) & ~word)) & 0x8080_8080_8080_8080 == 0 {
                            if pendingSpace && written > 0 {
                                out[written] = 0x20
                                written += 1
                            }
                            pendingSpace = false
                            UnsafeMutableRawPointer(target + written).storeBytes(of: word, as: UInt64.self)
                            written += 8
                            i += 8
                            continue
                        }
                        slowUntil = i + 8
                    }
                    let byte = bytes[i]
                    if byte < 0x80 {
                        if byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) {
                            pendingSpace = true
                        } else {
                            if pendingSpace && written > 0 {
                                out[written] = 0x20
                                written += 1
                            }
                            pendingSpace = false
                            out[written] = byte
                            written += 1
                        }
                        i += 1
                        continue
                    }
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
                    if scalar >= 0x80, let unicode = Unicode.Scalar(scalar), isSpace(unicode) {
                        pendingSpace = true
                    } else if scalar == 0x200B || scalar == 0xFEFF {
                        // dropped
                    } else {
                        if pendingSpace && written > 0 {
                            out[written] = 0x20
                            written += 1
                        }
                        pendingSpace = false
                        for k in 0..<length { out[written + k] = bytes[i + k] }
                        written += length
                    }
                    i += length
                }
                return written
            }
        }
    }

    /// Whether `text` has fewer than `limit` Unicode scalars (`unicodeScalars.count < limit`),
    /// counting lead bytes and stopping at the limit instead of walking the whole text.
    static func hasFewerScalars(_ text: String, than limit: Int) -> Bool {
        text.withBytes { bytes in
            // Never more scalars than bytes.
            if bytes.count < limit { return true }
            var count = 0
            for byte in bytes where byte & 0xC0 != 0x80 {
                count += 1
                if count >= limit { return false }
            }
            return true
        }
    }

    /// `text.count` (grapheme clusters): the byte count when every byte is ASCII other than a
    /// carriage return (each such byte is one cluster), else the full count.
    static func characterCount(_ text: String) -> Int {
        if text.withBytes({ $0.contains { $0 >= 0x80 || $0 == 0x0D } }) { return text.count }
        return text.utf8.count
    }

    /// `min(text.count, limit)`, without counting past `limit` characters.
    static func characterCount(_ text: String, upTo limit: Int) -> Int {
        if !text.withBytes({ $0.contains { $0 >= 0x80 || $0 == 0x0D } }) { return min(text.utf8.count, limit) }
        var count = 0
        for _ in text {
            count += 1
            if count >= limit { break }
        }
        return count
    }

    /// `text.lowercased()`: the standard library maps scalar by scalar (each scalar's full
    /// `lowercaseMapping`, no context), and so does this, but ASCII bytes are lowercased in place
    /// and only other scalars look up their mapping; the standard library builds a `String` per
    /// scalar once any byte is non-ASCII (some 300 instructions a scalar). O(n).
    static func lowercased(_ text: String) -> String {
        // All ASCII: the standard library's own fast path.
        if text.withBytes({ !$0.contains { $0 >= 0x80 } }) { return text.lowercased() }
        return lowercasedScalars(text)
    }

    /// `lowercased` for text with non-ASCII bytes.
    static func lowercasedScalars(_ text: String) -> String {
        text.withBytes { bytes in
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count)
            var i = 0
            let n = bytes.count
            while i < n {
                let byte = bytes[i]
                if byte < 0x80 {
                    out.append(byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte)
                    i += 1
                    continue
                }
                let length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2
                var value = UInt32(byte) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
                var k = 1
                while k < length && i + k < n {
                    value = value << 6 | UInt32(bytes[i + k] & 0x3F)
                    k += 1
                }
                if let scalar = Unicode.Scalar(value) {
                    out.append(contentsOf: scalar.properties.lowercaseMapping.utf8)
                } else {
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[i..<min(n, i + length)]))
                }
                i += length
            }
            return String(decoding: out, as: UTF8.self)
        }
    }

    /// The first `limit` scalars of `text`, as one slice copy.
    static func opening(_ text: String, scalars limit: Int) -> String {
        String(text.unicodeScalars.prefix(limit))
    }

    /// Words (runs of non-whitespace ASCII-delimited bytes) in `text`; O(n) over UTF-8.
    static func wordCount(_ text: String) -> Int {
        text.withBytes { bytes in
            var count = 0
            var inWord = false
            for byte in bytes {
                let space = byte == 0x20 || (byte >= 0x09 && byte <= 0x0D)
                if !space && !inWord { count += 1 }
                inWord = !space
            }
            return count
        }
    }

    /// `wordCount(text)` for a text that `collapse` returned: its only ASCII whitespace is single
    /// spaces between words (never leading, trailing or doubled), so its words are its spaces
    /// plus one. O(n), one comparison a byte.
    static func wordCount(collapsed text: String) -> Int {
        text.withBytes { bytes in
            guard !bytes.isEmpty else { return 0 }
            var spaces = 0
            for byte in bytes where byte == 0x20 { spaces += 1 }
            return spaces + 1
        }
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
    /// Calls `body` with the string's UTF-8 bytes: in place for native strings, else on a copy.
    /// Loops over `utf8` itself pay index checks per byte; hot byte loops use this instead.
    @inline(__always)
    func withBytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        if let result = utf8.withContiguousStorageIfAvailable(body) { return result }
        var copy = self
        return copy.withUTF8(body)
    }

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
