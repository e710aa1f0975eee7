// Reads one HTML start tag the way libxml2 2.9's HTML parser reads it, and rewrites start tags
// without the attributes nobody reads.
//
// libxml2 spends most of its time on start tags: it decodes every attribute value character by
// character into a fresh buffer, even values the extractor throws away (`srcset`, `data-`
// blobs, SVG path data, `alt`, `src`). `LibXMLParser` uses `StartTag` to rewrite the next start
// tag in libxml2's input just before libxml2 reads it: the tag keeps its name and the kept
// attributes (their source text copied verbatim, so libxml2 decodes them exactly as before) and
// ends at the same `>`, so libxml2 simply starts reading it a little later. The reader accepts
// only tags it reads exactly as libxml2 does (`htmlParseStartTag`: a name of letters, digits and
// `:-_.` under libxml2's 100-byte buffer; attributes as a name, then optionally `=` and a
// double-quoted, single-quoted or unquoted value; blanks are space, tab, CR and LF; the tag ends
// at `>` or `/>` outside a value) and no NUL byte. Anything else (a bogus attribute libxml2 would
// skip, a name too long, a value running to the end of the input) is left to libxml2 untouched.
//
// Complexity: O(length of the tag); quoted values are crossed with `memchr`.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

struct StartTag {
    /// An attribute's source text: `bytes[nameStart ..< end]`, its name `bytes[nameStart ..< nameEnd]`.
    struct Attribute {
        var nameStart: Int
        var nameEnd: Int
        var end: Int
        /// The value's bytes without quotes, `bytes[valueStart ..< valueEnd]` (empty without a value).
        var valueStart: Int
        var valueEnd: Int
    }

    /// The tag name in the input, `bytes[nameStart ..< nameEnd]` (any case; libxml2 reports it lowercased).
    var nameStart = 0
    var nameEnd = 0
    /// The attributes read: `attributeStorage[0 ..< attributeCount]` (the array is reused from
    /// tag to tag without `removeAll`, which goes through the generic `replaceSubrange`).
    private var attributeStorage: [Attribute] = []
    private(set) var attributeCount = 0
    /// The attributes read.
    var attributes: ArraySlice<Attribute> { attributeStorage[0..<attributeCount] }
    /// The index of the tag's final `>`.
    var end = 0
    /// Ends with `/>` (libxml2 closes the element at once).
    var selfClosing = false
    /// Scratch space for `compact`.
    private var output: [UInt8] = []

    init() {
        attributeStorage.reserveCapacity(16)
        output.reserveCapacity(256)
    }

    /// The name read, lowercased (as libxml2 reports it).
    func name(in bytes: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        UnsafeBufferPointer(rebasing: bytes[nameStart..<nameEnd]).map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
    }

    /// Whether the name read is `a` (in any case).
    func isLink(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool { nameEnd - nameStart == 1 && bytes[nameStart] | 0x20 == 0x61 }

    @inline(__always)
    private mutating func addAttribute(_ attribute: Attribute) {
        if attributeCount < attributeStorage.count {
            attributeStorage[attributeCount] = attribute
        } else {
            attributeStorage.append(attribute)
        }
        attributeCount += 1
    }

    @inline(__always) static func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }
    @inline(__always) static func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A }
    @inline(__always) static func isNameByte(_ byte: UInt8) -> Bool {
        isLetter(byte) || (byte >= 0x30 && byte <= 0x39) || byte == 0x3A || byte == 0x2D || byte == 0x5F || byte == 0x2E
    }

    /// Reads the start tag at `start` (a `<` followed by an ASCII letter) in `bytes`. False when
    /// the tag is not one libxml2 reads in the plain way described above.
    mutating func read(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> Bool {
        Self.byteClasses.withUnsafeBufferPointer { table in read(bytes, at: start, classes: table) }
    }

    /// Byte classes for `read`, one table lookup a byte instead of a chain of comparisons.
    private static let nameByte: UInt8 = 1, blank: UInt8 = 2, attributeStart: UInt8 = 4, valueStop: UInt8 = 8
    private static let byteClasses: [UInt8] = (0..<256).map { value in
        let byte = UInt8(value)
        var kind: UInt8 = 0
        if isNameByte(byte) { kind |= nameByte }
        if isBlank(byte) { kind |= blank | valueStop }
        if isLetter(byte) || byte == 0x5F || byte == 0x3A || byte == 0x2E { kind |= attributeStart }
        if byte == 0 || byte == 0x3E { kind |= valueStop }
        return kind
    }

    private mutating func read(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int, classes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return false }
        let n = bytes.count
        guard start + 1 < n, bytes[start] == 0x3C, Self.isLetter(bytes[start + 1]) else { return false }
        attributeCount = 0
        selfClosing = false
        nameStart = start + 1
        var i = start + 1
        while i < n && classes[Int(bytes[i])] & Self.nameByte != 0 {
            i += 1
            if i - nameStart >= 99 { return false }
        }
        nameEnd = i
        guard i < n, classes[Int(bytes[i])] & Self.blank != 0 || bytes[i] == 0x3E || bytes[i] == 0x2F else { return false }
        while true {
            while i < n && classes[Int(bytes[i])] & Self.blank != 0 { i += 1 }
            guard i < n else { return false }
            let byte = bytes[i]
            if byte == 0x3E { break }
            if byte == 0x2F && i + 1 < n && bytes[i + 1] == 0x3E {
                selfClosing = true
                i += 1
                break
            }
            guard classes[Int(byte)] & Self.attributeStart != 0 else { return false }
            let nameStart = i
            while i < n && classes[Int(bytes[i])] & Self.nameByte != 0 {
                i += 1
                if i - nameStart >= 99 { return false }
            }
            let attributeNameEnd = i
            var end = i
            var valueStart = i
            var valueEnd = i
            while i < n && classes[Int(bytes[i])] & Self.blank != 0 { i += 1 }
            if i < n && bytes[i] == 0x3D {
                i += 1
                while i < n && classes[Int(bytes[i])] & Self.blank != 0 { i += 1 }
                guard i < n else { return false }
                let quote = bytes[i]
                if quote == 0x22 || quote == 0x27 {
                    guard let found = memchr(base + i + 1, Int32(quote), n - i - 1) else { return false }
                    valueStart = i + 1
                    i = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                    valueEnd = i
                    i += 1
                } else {
                    valueStart = i
                    while i < n && classes[Int(bytes[i])] & Self.valueStop == 0 { i += 1 }
                    valueEnd = i
                }
                end = i
            }
            addAttribute(Attribute(nameStart: nameStart, nameEnd: attributeNameEnd, end: end, valueStart: valueStart, valueEnd: valueEnd))
        }
        end = i
        // A NUL ends libxml2's reading of the tag (and of the document).
        return memchr(base + start, 0, end - start) == nil
    }

    /// How `compact` may write an `<a>` element's `href`: only whether it starts with `#` is ever
    /// read (`ContentFinder`), so with `shortLinks` a long URL becomes `href=x` and a fragment
    /// link `href=#`, when that answer is certain from the source bytes (not behind an entity or
    /// before a non-ASCII byte, which could join the `#` in one character).
    static func shortLink(_ view: UnsafeBufferPointer<UInt8>, _ attribute: Attribute) -> [UInt8]? {
        let start = attribute.valueStart
        let end = attribute.valueEnd
        // No value or an empty one: kept as written.
        guard end > start else { return nil }
        let first = view[start]
        if first == 0x26 { return nil }
        if first != 0x23 { return hrefOther }
        if end - start == 1 { return hrefFragment }
        let second = view[start + 1]
        return second < 0x80 && second != 0x26 ? hrefFragment : nil
    }

    /// With `shortLinks`, a `style` value is likewise only tested for hiding its element
    /// (`Pruner.hidesElement`): one that does not hide it becomes `style=x` (when it holds no
    /// entity, the source bytes are the value and answer the same).
    static func shortStyle(_ view: UnsafeBufferPointer<UInt8>, _ attribute: Attribute) -> [UInt8]? {
        let start = attribute.valueStart
        let end = attribute.valueEnd
        guard end - start > 1 else { return nil }
        let value = UnsafeBufferPointer(rebasing: view[start..<end])
        if value.contains(0x26) { return nil }
        return Pruner.hidesElement(String(decoding: value, as: UTF8.self)) ? nil : styleOther
    }

    private static let styleOther: [UInt8] = Array("style=x".utf8)
    private static let hrefOther: [UInt8] = Array("href=x".utf8)
    private static let hrefFragment: [UInt8] = Array("href=#".utf8)

    /// Rewrites the tag just read (which starts at `start`) so that only the attributes whose
    /// names `keep` accepts remain (and, with `shortLinks`, an `<a>`'s `href` shortened as
    /// `shortLink` says), ending at the same `>`. Returns where the rewritten tag starts, or nil
    /// when nothing changes or the rewrite would not be shorter.
    mutating func compact(_ bytes: UnsafeMutableBufferPointer<UInt8>, from start: Int, keeping names: AttributeNames, shortLinks: Bool = false) -> Int? {
        let view = UnsafeBufferPointer(bytes)
        var kept = 0
        var length = nameEnd - start + (selfClosing ? 3 : 1)
        var keepFlags: UInt64 = 0
        var shortened: (index: Int, text: [UInt8])?
        var shortenedStyle: (index: Int, text: [UInt8])?
        let count = attributeCount
        guard count <= 64 else { return nil }
        let isLink = shortLinks && isLink(view)
        var k = 0
        while k < count {
            let attribute = attributeStorage[k]
            if let index = names.index(in: view, attribute.nameStart, attribute.nameEnd) {
                keepFlags |= 1 << UInt64(k)
                kept += 1
                if isLink && shortened == nil && index == names.hrefIndex, let text = Self.shortLink(view, attribute) {
                    shortened = (k, text)
                    length += 1 + text.count
                } else if shortLinks && shortenedStyle == nil && index == names.styleIndex, let text = Self.shortStyle(view, attribute) {
                    shortenedStyle = (k, text)
                    length += 1 + text.count
                } else {
                    length += 1 + attribute.end - attribute.nameStart
                }
            }
            k += 1
        }
        guard kept < count || shortened != nil || shortenedStyle != nil, length <= end + 1 - start else { return nil }
        output.removeAll(keepingCapacity: true)
        output.append(contentsOf: UnsafeBufferPointer(rebasing: view[start..<nameEnd]))
        k = 0
        while k < count {
            if keepFlags & (1 << UInt64(k)) != 0 {
                output.append(0x20)
                if let shortened, shortened.index == k {
                    output.append(contentsOf: shortened.text)
                } else if let shortenedStyle, shortenedStyle.index == k {
                    output.append(contentsOf: shortenedStyle.text)
                } else {
                    output.append(contentsOf: UnsafeBufferPointer(rebasing: view[attributeStorage[k].nameStart..<attributeStorage[k].end]))
                }
            }
            k += 1
        }
        // A space before `/>`: after an unquoted value, `/` would join the value.
        if selfClosing { output.append(contentsOf: [0x20, 0x2F, 0x3E]) } else { output.append(0x3E) }
        let newStart = end + 1 - output.count
        guard let base = bytes.baseAddress else { return nil }
        output.withUnsafeBufferPointer { out in
            if let source = out.baseAddress { memmove(base + newStart, source, out.count) }
        }
        return newStart
    }
}

extension StartTag {
    /// The kept attributes of the tag just read, as libxml2 would report them, appended to `out`
    /// (each as its index in `names.names` and its value): names lowercased, only the first
    /// attribute of each name (libxml2 drops a repeated one), no value as "", and with
    /// `shortLinks` an `<a>`'s `href` and a `style` shortened as `compact` shortens them. Only when
    /// every kept value is certain from its source bytes: no `&` (a reference is libxml2's to
    /// decode) and valid UTF-8 (which libxml2 copies character by character unchanged; the tag
    /// holds no NUL). False, with `out` as it was, otherwise.
    func handOver(_ view: UnsafeBufferPointer<UInt8>, keeping names: AttributeNames, shortLinks: Bool,
                  into out: inout [(name: Int, value: String)]) -> Bool {
        let first = out.count
        let isLink = shortLinks && isLink(view)
        var shortenedHref = false
        var shortenedStyle = false
        var next = 0
        while next < attributeCount {
            let attribute = attributeStorage[next]
            next += 1
            guard let index = names.index(in: view, attribute.nameStart, attribute.nameEnd) else { continue }
            var seen = false
            var k = first
            while k < out.count {
                if out[k].name == index { seen = true }
                k += 1
            }
            if seen { continue }
            var short: [UInt8]?
            if isLink && !shortenedHref && index == names.hrefIndex {
                short = Self.shortLink(view, attribute)
                shortenedHref = short != nil
            } else if shortLinks && !shortenedStyle && index == names.styleIndex {
                short = Self.shortStyle(view, attribute)
                shortenedStyle = short != nil
            }
            if let short {
                // "href=x", "href=#" or "style=x": the value after the `=`.
                out.append((index, String(decoding: short[(short.count - 1)...], as: UTF8.self)))
                continue
            }
            let value = UnsafeBufferPointer(rebasing: view[attribute.valueStart..<attribute.valueEnd])
            if value.isEmpty {
                out.append((index, ""))
                continue
            }
            guard let base = value.baseAddress, memchr(base, 0x26, value.count) == nil,
                  let string = Self.isASCII(value) ? String(decoding: value, as: UTF8.self) : String(validating: value, as: UTF8.self) else {
                out.removeSubrange(first...)
                return false
            }
            out.append((index, string))
        }
        return true
    }

    /// Whether every byte is below 0x80 (eight at a time).
    static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        let n = bytes.count
        var i = 0
        var high: UInt64 = 0
        while i + 8 <= n {
            high |= UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
            i += 8
        }
        while i < n {
            high |= UInt64(base[i])
            i += 1
        }
        return high & 0x8080_8080_8080_8080 == 0
    }

    /// Rewrites the tag just read (which starts at `start`) as its bare name, `<name>` or
    /// `<name/>`, ending at the same `>`. Returns where the rewritten tag starts. libxml2 then
    /// reports the element without attributes, with its input on the `>` (on the `/` of `/>`).
    func strip(_ bytes: UnsafeMutableBufferPointer<UInt8>, from start: Int) -> Int {
        let nameLength = nameEnd - start
        let newStart = end + 1 - nameLength - (selfClosing ? 2 : 1)
        guard let base = bytes.baseAddress else { return start }
        memmove(base + newStart, base + start, nameLength)
        if selfClosing { bytes[end - 1] = 0x2F }
        bytes[end] = 0x3E
        return newStart
    }
}

/// A set of lowercase attribute names, tested against a name's source bytes in any case without
/// making a string: names of up to 16 bytes are loaded into two words with 0x20 set in every
/// byte (which lowercases ASCII letters and leaves digits, `:`, `-` and `.` alone; `_` becomes
/// DEL, which no name holds, so the mapping stays one-to-one on name bytes) and looked up in a
/// small open-addressing table keyed by the first word and the length; longer ones (rare, from
/// site rules) go through a `Set<String>`.
struct AttributeNames {
    /// Packed short names with their index in `names`, at their slot (`slotCount` slots; an
    /// empty slot has length 0).
    private var slots: [(low: UInt64, high: UInt64, count: Int, index: Int)]
    private let mask: Int
    private var long: [String: Int] = [:]
    /// Bit `n` set when some name of `n` bytes (n < 64) is in the set.
    private var lengths: UInt64 = 0
    /// The names, sorted (so that an index names the same attribute on every run).
    let names: [String]
    /// The indices of `href` and `style` (whose values `StartTag` may shorten), when in the set.
    let hrefIndex: Int?
    let styleIndex: Int?

    init(_ set: Set<String>) {
        names = set.sorted()
        hrefIndex = names.firstIndex(of: "href")
        styleIndex = names.firstIndex(of: "style")
        var size = 16
        while size < 4 * names.count { size *= 2 }
        slots = Array(repeating: (0, 0, 0, 0), count: size)
        mask = size - 1
        for (index, name) in names.enumerated() {
            let bytes = Array(name.utf8)
            if bytes.count < 64 { lengths |= 1 << UInt64(bytes.count) }
            if !bytes.isEmpty && bytes.count <= 16 && !bytes.contains(0x5F) && !bytes.contains(where: { $0 >= 0x41 && $0 <= 0x5A }) {
                let key = bytes.withUnsafeBufferPointer { Self.pack($0) }
                var slot = Self.slot(key.0, key.2) & mask
                while slots[slot].count != 0 { slot = (slot + 1) & mask }
                slots[slot] = (key.0, key.1, key.2, index)
            } else {
                long[name] = index
            }
        }
    }

    @inline(__always) static func slot(_ low: UInt64, _ count: Int) -> Int {
        Int(truncatingIfNeeded: ((low ^ UInt64(count)) &* 0x9E37_79B9_7F4A_7C15) >> 48)
    }

    /// The name's bytes (at most 16) in two little-endian words, each byte with 0x20 set, and the length.
    @inline(__always) static func pack(_ bytes: UnsafeBufferPointer<UInt8>) -> (UInt64, UInt64, Int) {
        var low: UInt64 = 0
        var high: UInt64 = 0
        let count = bytes.count
        var k = 0
        while k < count && k < 8 {
            low |= UInt64(bytes[k] | 0x20) << UInt64(k * 8)
            k += 1
        }
        while k < count {
            high |= UInt64(bytes[k] | 0x20) << UInt64((k - 8) * 8)
            k += 1
        }
        return (low, high, count)
    }

    func contains(_ name: UnsafeBufferPointer<UInt8>) -> Bool { index(name) != nil }

    /// `index(view[start ..< end])`, loading the name eight bytes at a time when `view` holds
    /// eight (sixteen) bytes from `start` (a tag's attribute name always has bytes after it).
    @inline(__always)
    func index(in view: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Int? {
        let count = end - start
        if count < 64 && lengths & (1 << UInt64(count)) == 0 { return nil }
        guard long.isEmpty, count > 0, count <= 16, view.count - start >= 16, let base = view.baseAddress else {
            return index(UnsafeBufferPointer(rebasing: view[start..<end]))
        }
        let spaces: UInt64 = 0x2020_2020_2020_2020
        var low = UnsafeRawPointer(base + start).loadUnaligned(as: UInt64.self) | spaces
        var high: UInt64 = 0
        if count < 8 {
            low &= (1 << UInt64(count * 8)) - 1
        } else if count > 8 {
            high = UnsafeRawPointer(base + start + 8).loadUnaligned(as: UInt64.self) | spaces
            if count < 16 { high &= (1 << UInt64((count - 8) * 8)) - 1 }
        }
        var slot = Self.slot(low, count) & mask
        while true {
            let entry = slots[slot]
            if entry.count == 0 { return nil }
            if entry.low == low && entry.high == high && entry.count == count { return entry.index }
            slot = (slot + 1) & mask
        }
    }

    /// The index in `names` of the name whose lowercase form `name`'s bytes are, if any.
    func index(_ name: UnsafeBufferPointer<UInt8>) -> Int? {
        let count = name.count
        if count < 64 && lengths & (1 << UInt64(count)) == 0 { return nil }
        if !long.isEmpty, let index = long[String(decoding: name.lazy.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }, as: UTF8.self)] {
            return index
        }
        guard count <= 16, count > 0 else { return nil }
        let key = Self.pack(name)
        var slot = Self.slot(key.0, count) & mask
        while true {
            let entry = slots[slot]
            if entry.count == 0 { return nil }
            if entry.low == key.0 && entry.high == key.1 && entry.count == count { return entry.index }
            slot = (slot + 1) & mask
        }
    }
}
