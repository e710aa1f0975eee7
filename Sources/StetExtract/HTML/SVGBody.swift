// Finds how much of an inline `<svg>` element's body the parser may skip.
//
// Inline SVG is page furniture (icons, logos): the pruner drops every `<svg>` subtree before
// scoring, and metadata never reads inside one (an SVG `<title>` is not the page's title). Yet
// libxml2 reads SVG bodies character by character: path data alone can be a third of a page.
// `LibXMLParser` therefore moves libxml2's input over a body once the `<svg>` start tag is read,
// as it does for script bodies. That is only sound when skipping changes nothing but the
// subtree the pruner removes anyway, so this scan accepts only bodies whose effect on libxml2
// 2.9's parser is known exactly and stays inside the `<svg>`:
// - text without NUL bytes (a NUL ends libxml2's document), comments ended as libxml2 ends them
//   (the first `-->` or `--!>` at least two characters after `<!--`), and no other markup
//   (no `<!DOCTYPE`, CDATA, processing instruction or stray `<`);
// - start tags of SVG elements that libxml2 does not know as HTML (except `title`, whose
//   implied closings never involve SVG names), so no HTML rule closes, implies or empties an
//   element, each read exactly as libxml2 reads it (`StartTag.read`);
// - end tags that close exactly the innermost open element, and the body's own `</svg>`;
// - no attribute that metadata reads inside a subtree (`itemprop`, `rel`, a class or id naming
//   a byline; non-ASCII or entity-coded class and id values are refused rather than decoded).
// Anything else answers nil and libxml2 reads the body as usual.
//
// The answer is the position of the `>` that ends the body's last tag: libxml2 resumes there,
// so the text after that tag (usually white space) and the `</svg>` are read as before.
//
// Complexity: O(n) in the length of the body; text and quoted values are crossed with `memchr`.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

enum SVGBody {
    /// SVG element names (lowercase, as libxml2 reports them) that are not HTML 4 elements, plus
    /// `title`. `style`, `script`, `a`, `font` and `foreignobject` are left out on purpose.
    static let elements: Set<[UInt8]> = Set([
        "svg", "g", "path", "circle", "ellipse", "line", "polyline", "polygon", "rect", "defs", "use", "symbol", "title", "desc",
        "lineargradient", "radialgradient", "stop", "clippath", "mask", "pattern", "marker", "image", "text", "tspan", "textpath",
        "metadata", "switch", "view", "animate", "animatetransform", "animatemotion", "mpath", "filter", "feblend", "fecolormatrix",
        "fecomponenttransfer", "fecomposite", "feconvolvematrix", "fediffuselighting", "fedisplacementmap", "fedistantlight",
        "fedropshadow", "feflood", "fefunca", "fefuncb", "fefuncg", "fefuncr", "fegaussianblur", "feimage", "femerge", "femergenode",
        "femorphology", "feoffset", "fepointlight", "fespecularlighting", "fespotlight", "fetile", "feturbulence",
    ].map { Array($0.utf8) })

    /// Scans the body of an `<svg>` element starting at `start` (just after its start tag's `>`)
    /// in `bytes`, which ends with libxml2's terminating NUL or the end of the input. Returns the
    /// index of the `>` ending the body's last tag when the whole body up to its `</svg>` can be
    /// skipped, nil otherwise (also when the body holds no tag at all).
    static func skippableEnd(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        guard let base = bytes.baseAddress else { return nil }
        let n = bytes.count
        var open: [[UInt8]] = []
        var lastTagEnd: Int?
        var i = start
        var name: [UInt8] = []
        name.reserveCapacity(32)
        var tag = StartTag()

        /// Reads a name at `i` (lowercased into `name`); false when it is empty or too long.
        func readName() -> Bool {
            name.removeAll(keepingCapacity: true)
            while i < n && StartTag.isNameByte(bytes[i]) {
                let byte = bytes[i]
                name.append(byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte)
                i += 1
                if name.count >= 99 { return false }
            }
            return !name.isEmpty
        }
        func skipBlanks() { while i < n && StartTag.isBlank(bytes[i]) { i += 1 } }
        /// The index of the next `byte` at or after `from`, or nil.
        func find(_ byte: UInt8, from: Int) -> Int? {
            guard from < n, let found = memchr(base + from, Int32(byte), n - from) else { return nil }
            return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
        }

        while true {
            // Text up to the next markup; NUL bytes are checked once at the end.
            guard let less = find(0x3C, from: i), less + 1 < n else { return nil }
            i = less + 1
            let next = bytes[i]
            if next == 0x2F {
                // An end tag: it must close the innermost open element (or the `<svg>` itself).
                i += 1
                guard readName() else { return nil }
                skipBlanks()
                guard i < n, bytes[i] == 0x3E else { return nil }
                if let innermost = open.last {
                    guard innermost == name else { return nil }
                    open.removeLast()
                    lastTagEnd = i
                    i += 1
                    continue
                }
                guard name == Array("svg".utf8), let end = lastTagEnd else { return nil }
                // No NUL anywhere in the skipped part.
                guard memchr(base + start, 0, end - start) == nil else { return nil }
                return end
            }
            if next == 0x21 {
                // Only a comment: libxml2 takes its first two characters before looking for `-->`.
                guard i + 2 < n, bytes[i + 1] == 0x2D, bytes[i + 2] == 0x2D else { return nil }
                var search = i + 3 + 2
                var closed = false
                while let dash = find(0x2D, from: search) {
                    if dash + 2 < n && bytes[dash + 1] == 0x2D && bytes[dash + 2] == 0x3E {
                        i = dash + 3
                        closed = true
                        break
                    }
                    if dash + 3 < n && bytes[dash + 1] == 0x2D && bytes[dash + 2] == 0x21 && bytes[dash + 3] == 0x3E {
                        i = dash + 4
                        closed = true
                        break
                    }
                    search = dash + 1
                }
                guard closed else { return nil }
                // Guarded by the search starting two characters in; also no NUL before the end.
                continue
            }
            guard StartTag.isLetter(next), tag.read(bytes, at: less) else { return nil }
            let tagName = tag.name(in: bytes)
            guard elements.contains(tagName) else { return nil }
            for attribute in tag.attributes {
                let attributeName = UnsafeBufferPointer(rebasing: bytes[attribute.nameStart..<attribute.nameEnd])
                if refused.contains(attributeName) { return nil }
                if naming.contains(attributeName) && !isHarmlessName(UnsafeBufferPointer(rebasing: bytes[attribute.valueStart..<attribute.valueEnd])) {
                    return nil
                }
            }
            lastTagEnd = tag.end
            i = tag.end + 1
            if !tag.selfClosing { open.append(tagName) }
        }
    }

    /// Attributes that metadata reads wherever they are.
    private static let refused = AttributeNames(["itemprop", "rel"])
    /// Attributes that make an element's byline hint.
    private static let naming = AttributeNames(["class", "id"])

    /// A class or id value that names no byline: ASCII without entities, checked lowercased.
    private static func isHarmlessName(_ value: UnsafeBufferPointer<UInt8>) -> Bool {
        if value.contains(where: { $0 >= 0x80 || $0 == 0x26 || $0 == 0 }) { return false }
        let lowered = String(decoding: value.lazy.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }, as: UTF8.self)
        return !Hints.containsAny(lowered, MetadataReader.bylineHints)
    }
}
