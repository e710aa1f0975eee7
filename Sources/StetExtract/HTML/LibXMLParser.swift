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
// Work per callback is kept small, since a page has thousands of them:
// - libxml2 interns tag and attribute names, so each distinct name pointer becomes a `String`
//   (with its `TagFlags`) once per parse, found again through a small open-addressing table;
// - attributes nobody reads (the caller names the ones it wants) never become strings: SVG path
//   data, `srcset`s and `data-` blobs are often half of a page's attribute bytes; the kept ones
//   go to one array for the whole page, and the class/id hint is made from them on the way;
// - the bodies of `<script>` (except JSON-LD, which metadata reads) and `<style>` are never turned
//   into strings, and once libxml2 has handed over the first chunk of such a body (1,000
//   characters), its input jumps to the body's end tag (`skipRawText`): libxml2 would only have
//   decoded the rest character by character to throw it away;
// - the builder is a struct behind libxml2's `userData` pointer: no reference counting and no
//   exclusivity checks per callback.
//
// libxml2 itself is most of the cost (it decodes every attribute value and text character one at
// a time), so the parser is also fed less, always in ways that leave the result unchanged (only
// with libxml2 2.9 to 2.13, whose reading is known; each shortcut can be turned off, and tests
// compare with and without):
// - `compactTags`: at the end of each callback, when libxml2's next read is known to be a start
//   tag, that tag is rewritten in libxml2's own copy of the input without the attributes nobody
//   reads, ending at the same `>` (`compactNextTag`, `StartTag`); the DOM is identical;
// - `handOver`: when every kept value of that tag is certain from its bytes (no entity, valid
//   UTF-8), the tag is stripped of all its attributes instead and the kept values are handed to
//   the start callback directly, so libxml2 decodes none of them. The values wait, keyed by where
//   libxml2's input will stand when it reports that tag (its `>`) and by its name, since other
//   callbacks (auto-closed and implied elements) may come first; only the tag libxml2 has just
//   read can be reported at that position under a name read from the page (`claimHanded`);
// - `shortLinks`: an `<a>`'s `href` is only tested for a leading `#`, so the rewrite keeps just
//   that (`StartTag.shortLink`);
// - `skipSVG`: an inline `<svg>` body that provably affects nothing but its own subtree (which
//   the pruner removes) is skipped once its start tag is read (`skipSVGBody`, `SVGBody`);
// - `readText`: where libxml2's next read is known to be character data (after a start tag read
//   from the page, a void element, the end tag that closes last, a comment, or an entity or
//   character reference) in an element whose text libxml2 does not repair (not `html`, `head`,
//   `script`, `style`), the plain run of text is handed to the DOM here and libxml2's input moves
//   to its end (`readTextRun`, `TextRun`); libxml2 reads anything odd (entities, control
//   characters, bad UTF-8) itself. With `readText` too, a `<script>` or `<style>` body is
//   passed over at its start tag when its end is in view (`rawTextAtStart`): libxml2 never
//   reads it, and a JSON-LD body goes to the DOM from here.
//
// The parser context has exactly one owner: this function, which frees it before returning. Depth
// is no problem: the callbacks keep an explicit stack, nothing recurses.
//
// Complexity: O(n) in the size of the page.

internal import CLibxml2
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

enum LibXMLParser {
    private static let initialized: Bool = {
        xmlInitParser()
        return true
    }()

    /// `skipRawText` relies on how libxml2 2.9 to 2.13 read script and style bodies (a loop that
    /// hands over 1,000-character chunks and then reads on from the input pointer); other
    /// versions read them in full.
    private static let rawTextSkippable: Bool = {
        let version = stet_xmlRuntimeVersion()
        return version >= 20900 && version < 21400
    }()

    /// libxml2 2.9 and 2.10 copy the memory a parser context is made from (`xmlBufAdd` in
    /// `xmlParserInputBufferCreateMem`); later versions may not.
    private static let copiesMemoryInput: Bool = {
        let version = stet_xmlRuntimeVersion()
        return version >= 20900 && version < 21100
    }()

    /// A name libxml2 handed over, converted once: libxml2's HTML parser interns tag and
    /// attribute names in its dictionary (and passes string constants for implied elements), so
    /// one pointer always names the same string during a parse.
    private struct Name {
        var string: String
        /// For tag names; worked out the first time the name is a tag.
        var flags: TagFlags?
        /// For tag names; set with `flags`.
        var id: TagID = .other
        /// For attribute names: kept in the DOM; worked out the first time the name is an attribute.
        var keep: Bool?
        /// `<script>` or `<style>`: raw text that nobody reads (JSON-LD scripts excepted).
        var rawText: Bool
        /// For attribute names: `class` (1), `id` (2), other (0).
        var role: UInt8
        /// `<svg>`: its body may be skipped (`skipSVGBody`).
        var svg: Bool
    }

    /// What `readTextRun` needs to know about a name, in an array of its own (no `String` to
    /// retain on the way): bits of `plainText`, `void` and `read`, and the name's length.
    private struct NameInfo {
        var bits: UInt8
        var length: Int32
        /// For tag names: text read directly inside this element needs no repair from libxml2
        /// (not `html` or `head`, where text implies a `<body>` and a `<p>`, nor `script` or
        /// `style`, whose text is raw).
        static let plainText: UInt8 = 1
        /// For tag names: a void element (libxml2's `empty`), closed as soon as it is read.
        static let void: UInt8 = 2
        /// The name came from libxml2's dictionary, so a start callback with it is a tag read
        /// from the page (implied elements come with constant strings).
        static let read: UInt8 = 4
    }

    /// Builds the arena from SAX callbacks. A struct reached through libxml2's `userData`
    /// pointer (allocated and freed by `parse`), so the callbacks pay no reference counting or
    /// exclusivity checks.
    private struct Builder {
        var dom = DOM()
        /// Open elements, innermost last; the document root at the bottom.
        var open: [Int] = [DOM.root]
        /// Character data not yet turned into a text node.
        var pending = PendingText()
        /// Entity names seen on this page (ASCII bytes packed little-endian) and the character
        /// libxml2's table gives each (0: not an entity); see `reference`.
        var entities: [UInt64: UInt32] = [:]
        /// Inside a `<script>` or `<style>` whose text nobody reads.
        var skipping = 0
        /// Attribute names to keep (nil: all).
        let keptAttributes: Set<String>?
        /// Open-addressing table from a name pointer to its index in `names`.
        var slots: [Int32]
        var keys: [UnsafeRawPointer?]
        var names: [Name] = []
        /// The parser context, for `skipRawText` and `skipSVGBody`.
        var context: htmlParserCtxtPtr?
        /// Whether `<svg>` bodies may be skipped.
        let skipSVG: Bool
        /// Whether start tags are rewritten without unread attributes (`compactNextTag`).
        let compactTags: Bool
        /// Whether `<a href>` values may be shortened (`StartTag.shortLink`).
        let shortLinks: Bool
        /// Whether text may be read here instead of by libxml2 (`readTextRun`).
        let readText: Bool
        /// Per name, beside `names`.
        var info: [NameInfo] = []
        /// Per element of `open`, the index of its name.
        var openNames: [Int32] = [-1]
        /// Where libxml2's input stood at the end of the last callback after which it reads on
        /// from there (nil after raw text), and whether that callback was a start tag's (libxml2
        /// then steps over the `>` it stands on first). See `closesLast`. An offset in the whole
        /// page (`consumed` plus the offset from `base`): libxml2 may drop read bytes from its
        /// buffer (`SHRINK`) and move the rest, so pointers into it do not last.
        var lastCur: Int?
        var lastWasStart = false
        var tag = StartTag()
        /// `keptAttributes` for `StartTag.compact`.
        let keptNames: AttributeNames
        /// Whether start tags whose kept values are certain from their bytes are stripped of all
        /// their attributes, the values handed to `start` directly (`handOver`).
        let handOver: Bool
        /// Per name of `keptNames`: the name, and its role (`Name.role`).
        let keptStrings: [String]
        let keptRoles: [UInt8]
        /// Tags stripped by `compactNextTag` whose start callback has not come yet, oldest first
        /// from `handedHead`: where libxml2's input stands when it reports the tag (on its `>`, or
        /// the `/` of `/>`; an offset in the whole page, like `lastCur`), its lowercase name in
        /// `handedNames`, its attributes in `handedValues`.
        var handed: [(position: Int, nameStart: Int, nameEnd: Int, valuesStart: Int, valuesEnd: Int)] = []
        var handedHead = 0
        var handedNames: [UInt8] = []
        var handedValues: [(name: Int, value: String)] = []

        init(
            keeping keptAttributes: Set<String>?, skipSVG: Bool, compactTags: Bool, shortLinks: Bool, readText: Bool, handOver: Bool,
            pageBytes: Int = 0
        ) {
            self.keptAttributes = keptAttributes
            self.readText = readText
            self.skipSVG = skipSVG
            self.compactTags = compactTags && keptAttributes != nil
            // The extractor's own set (no site rule adds a name) is made into a table once.
            keptNames = keptAttributes == Self.defaultKept.set ? Self.defaultKept.names : AttributeNames(keptAttributes ?? [])
            keptStrings = keptNames.names
            keptRoles = keptNames.names.map { $0 == "class" ? 1 : $0 == "id" ? 2 : 0 }
            self.handOver = handOver && self.compactTags
            self.shortLinks = shortLinks
            slots = Array(repeating: -1, count: 256)
            keys = Array(repeating: nil, count: 256)
            // Reserved from the page's size (corpus pages hold about one node per 50 bytes and
            // one kept attribute per 100), so the arrays rarely regrow; capped so that a huge page
            // reserves no more than doubling would reach soon anyway.
            let expectedNodes = min(max(1024, pageBytes / 40), 1 << 16)
            dom.nodes.reserveCapacity(expectedNodes)
            dom.attributes.reserveCapacity(min(max(1024, pageBytes / 80), 1 << 15))
            dom.removed.reserveCapacity(expectedNodes)
            names.reserveCapacity(64)
        }

        /// The attributes the extractor reads (with `type`, which the parser adds), and their table.
        static let defaultKept: (set: Set<String>, names: AttributeNames) = {
            let set = Extractor.readAttributes.union(["type"])
            return (set, AttributeNames(set))
        }()

        /// The interned name at `pointer`; O(1) expected.
        mutating func name(_ pointer: UnsafePointer<xmlChar>) -> Int {
            let key = UnsafeRawPointer(pointer)
            var mask = slots.count - 1
            var slot = Self.slot(key) & mask
            while let existing = keys[slot] {
                if existing == key { return Int(slots[slot]) }
                slot = (slot + 1) & mask
            }
            let string = String(cString: pointer)
            let index = names.count
            names.append(Name(
                string: string, flags: nil, keep: nil,
                rawText: string == "script" || string == "style", role: string == "class" ? 1 : string == "id" ? 2 : 0,
                svg: string == "svg"))
            var bits: UInt8 = 0
            if string != "html" && string != "head" && string != "script" && string != "style" { bits |= NameInfo.plainText }
            if htmlTagLookup(pointer)?.pointee.empty ?? 0 != 0 { bits |= NameInfo.void }
            if let context, xmlDictOwns(context.pointee.dict, pointer) == 1 { bits |= NameInfo.read }
            info.append(NameInfo(bits: bits, length: Int32(truncatingIfNeeded: string.utf8.count)))
            keys[slot] = key
            slots[slot] = Int32(index)
            // Keep the table at most half full.
            if names.count * 2 > slots.count {
                let old = zip(keys, slots).compactMap { key, index in key.map { ($0, index) } }
                slots = Array(repeating: -1, count: slots.count * 2)
                keys = Array(repeating: nil, count: keys.count * 2)
                mask = slots.count - 1
                for (key, index) in old {
                    var slot = Self.slot(key) & mask
                    while keys[slot] != nil { slot = (slot + 1) & mask }
                    keys[slot] = key
                    slots[slot] = index
                }
            }
            return index
        }

        /// Fibonacci hashing of the pointer's bits (names are at least 8-byte aligned).
        static func slot(_ key: UnsafeRawPointer) -> Int {
            Int(truncatingIfNeeded: (UInt(bitPattern: key) &* 0x9E37_79B9_7F4A_7C15) >> 40)
        }

        mutating func flush() {
            guard !pending.isEmpty else { return }
            dom.append(.text, tag: "", id: .other, flags: [], text: pending.take(), attributesFrom: dom.attributes.count, hint: "", under: open[open.count - 1])
        }

        mutating func start(_ namePointer: UnsafePointer<xmlChar>, _ atts: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?) {
            flush()
            // libxml2's HTML parser already lowercases tag and attribute names.
            let tagIndex = name(namePointer)
            if names[tagIndex].flags == nil {
                names[tagIndex].flags = TagFlags(tag: names[tagIndex].string)
                names[tagIndex].id = TagID(tag: names[tagIndex].string)
            }
            // The name's fields one by one: a copy of the whole `Name` retains and releases its string.
            let tagID = names[tagIndex].id
            let tagFlags = names[tagIndex].flags ?? []
            let rawText = names[tagIndex].rawText
            let first = dom.attributes.count
            // The first `class` and `id`, for the element's hint.
            var cls: String?
            var id: String?
            if handedHead < handed.count && info[tagIndex].bits & NameInfo.read != 0, let range = claimHanded(tagIndex) {
                for k in range {
                    let (nameIndex, value) = handedValues[k]
                    dom.attributes.append((keptStrings[nameIndex], value))
                    let role = keptRoles[nameIndex]
                    if role == 1 && cls == nil { cls = value }
                    if role == 2 && id == nil { id = value }
                }
            }
            if let atts {
                var k = 0
                while let attributeName = atts[k] {
                    let attributeIndex = name(attributeName)
                    if names[attributeIndex].keep == nil { names[attributeIndex].keep = keptAttributes.map { $0.contains(names[attributeIndex].string) } ?? true }
                    if names[attributeIndex].keep == true {
                        let value = atts[k + 1].map { String(cString: $0) } ?? ""
                        dom.attributes.append((names[attributeIndex].string, value))
                        let role = names[attributeIndex].role
                        if role == 1 && cls == nil { cls = value }
                        if role == 2 && id == nil { id = value }
                    }
                    k += 2
                }
            }
            let hint = cls == nil && id == nil ? "" : DOM.hint(class: cls ?? "", id: id ?? "")
            let index = dom.append(.element, tag: names[tagIndex].string, id: tagID, flags: tagFlags, text: "", attributesFrom: first, hint: hint, under: open[open.count - 1])
            open.append(index)
            if skipping > 0 {
                skipping += 1
            } else if rawText && (tagID == .style || !Self.isJSONLD(dom.attributes[first...])) {
                skipping = 1
                if readText && info[tagIndex].bits & NameInfo.read != 0 { rawTextAtStart(keep: false) }
            } else if rawText {
                if readText && info[tagIndex].bits & NameInfo.read != 0 { rawTextAtStart(keep: true) }
            } else if tagID == .svg && skipSVG {
                skipSVGBody()
            } else if readText && info[tagIndex].bits & (NameInfo.plainText | NameInfo.void | NameInfo.read) == NameInfo.plainText | NameInfo.read {
                readTextAfterStartTag()
            }
            openNames.append(Int32(tagIndex))
            if compactTags && !rawText { compactNextTag(afterText: false) }
            if readText { noteInput(afterStart: true) }
        }

        /// The attributes handed over for the start tag libxml2 reports now, with the name at
        /// `tagIndex` read from the page: the oldest waiting tag when libxml2's input stands
        /// exactly where that tag's report was foreseen and the names agree. Only the start tag
        /// libxml2 has just read can be reported there: implied elements (`html`, `head`,
        /// `body`, `p`) come with constant names, not read ones, and while a tag's name is read,
        /// before its attributes; a tag libxml2 discards (a second `<body>`, a misplaced `<html>`
        /// or `<head>`) is never reported, and its entry is dropped once a later one is.
        mutating func claimHanded(_ tagIndex: Int) -> Range<Int>? {
            guard let input = context?.pointee.input, let cur = input.pointee.cur, let base = input.pointee.base else { return nil }
            let position = Int(input.pointee.consumed) + (cur - base)
            while handedHead < handed.count && handed[handedHead].position < position { handedHead += 1 }
            var claimed: Range<Int>?
            if handedHead < handed.count && handed[handedHead].position == position {
                let entry = handed[handedHead]
                // Byte by byte (the generic `elementsEqual` over a `String.UTF8View` and an array
                // slice cost ~200 instructions a tag).
                let same = names[tagIndex].string.withBytes { name in
                    guard name.count == entry.nameEnd - entry.nameStart else { return false }
                    var k = 0
                    while k < name.count && name[k] == handedNames[entry.nameStart + k] { k += 1 }
                    return k == name.count
                }
                if same {
                    claimed = entry.valuesStart..<entry.valuesEnd
                    handedHead += 1
                }
            }
            return claimed
        }

        /// Notes where libxml2 stands at the end of a callback (`lastCur`).
        @inline(__always)
        mutating func noteInput(afterStart: Bool) {
            guard skipping == 0, let input = context?.pointee.input, let cur = input.pointee.cur, let base = input.pointee.base else {
                lastCur = nil
                return
            }
            lastCur = Int(input.pointee.consumed) + (cur - base)
            lastWasStart = afterStart
        }

        /// The bytes libxml2 holds, and where it stands in them.
        func inputBuffer() -> (input: xmlParserInputPtr, buffer: UnsafeMutableBufferPointer<UInt8>, cur: Int)? {
            guard let context, context.pointee.instate != XML_PARSER_EOF, context.pointee.disableSAX == 0, context.pointee.token == 0,
                  let input = context.pointee.input, let base = input.pointee.base, let cur = input.pointee.cur,
                  let end = input.pointee.end, cur < end, base <= cur else { return nil }
            return (input, UnsafeMutableBufferPointer(start: UnsafeMutablePointer(mutating: base), count: end - base), cur - base)
        }

        /// Reads the character data at `start` (where libxml2 would read it next, in an element
        /// whose text needs no repair) as libxml2 would and hands it to `characters`: plain runs,
        /// and between them the references libxml2 would decode to one character (`reference`).
        /// Returns where the text read ends (at `<`, the end, or a byte or reference libxml2 must
        /// read itself), or nil when there is no such text at `start`.
        mutating func readTextRun(_ buffer: UnsafeMutableBufferPointer<UInt8>, from start: Int) -> Int? {
            let view = UnsafeBufferPointer(buffer)
            guard let base = view.baseAddress else { return nil }
            var position = start
            while true {
                let end = TextRun.plainEnd(view, from: position)
                // Up to the end of the input libxml2 would read on to its terminating NUL; leave that to it.
                if end >= buffer.count { break }
                if end > position { pending.append(UnsafeBufferPointer(start: base + position, count: end - position)) }
                position = end
                guard view[end] == 0x26, let next = reference(view, at: end) else { break }
                position = next
            }
            return position > start ? position : nil
        }

        /// The entity or character reference at `amp` (an `&`), when libxml2 would decode it to
        /// one character (`htmlParseReference`): `&#` and decimal digits, or `&#x` and hex digits,
        /// then `;`, naming an XML character; or `&`, a name of ASCII letters and digits starting
        /// with a letter, then `;`, that libxml2's own table knows (`htmlEntityLookup`, asked once
        /// per name and page). Its character goes to `pending` as UTF-8, as libxml2 hands it over,
        /// and the index after the `;` is returned; nil for anything else (libxml2 reads it).
        mutating func reference(_ view: UnsafeBufferPointer<UInt8>, at amp: Int) -> Int? {
            let n = view.count
            var i = amp + 1
            guard i < n else { return nil }
            var value: UInt32 = 0
            if view[i] == 0x23 {
                i += 1
                let hex = i < n && view[i] | 0x20 == 0x78
                if hex { i += 1 }
                let digits = i
                // At most 8 digits (more, such as leading zeros, are left to libxml2).
                while i < n && i - digits < 8 {
                    let byte = view[i]
                    if byte >= 0x30 && byte <= 0x39 {
                        value = value &* (hex ? 16 : 10) &+ UInt32(byte - 0x30)
                    } else if hex && (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x66 {
                        value = value &* 16 &+ UInt32((byte | 0x20) - 0x61 + 10)
                    } else {
                        break
                    }
                    i += 1
                }
                guard i > digits, i < n, view[i] == 0x3B, TextRun.isXMLCharacter(value) else { return nil }
            } else {
                let nameStart = i
                guard StartTag.isLetter(view[i]) else { return nil }
                var key: UInt64 = 0
                while i < n && i - nameStart < 8 {
                    let byte = view[i]
                    guard StartTag.isLetter(byte) || (byte >= 0x30 && byte <= 0x39) else { break }
                    key |= UInt64(byte) << UInt64((i - nameStart) * 8)
                    i += 1
                }
                // Every name in libxml2's table has at most 8 bytes.
                guard i < n, view[i] == 0x3B else { return nil }
                if let known = entities[key] {
                    value = known
                } else {
                    var name = Array(UnsafeBufferPointer(rebasing: view[nameStart..<i]))
                    name.append(0)
                    value = name.withUnsafeBufferPointer { htmlEntityLookup($0.baseAddress)?.pointee.value } ?? 0
                    entities[key] = value
                }
                guard value > 0 else { return nil }
            }
            pending.appendUTF8(value)
            return i + 1
        }

        /// At a start tag read from the page, when libxml2 stands on its `>` and text follows:
        /// libxml2 would step over the `>` and read that text as the element's first child. The
        /// text is read here, and the `>` is written again over its last byte, so that libxml2
        /// steps over it onto whatever ends the text.
        mutating func readTextAfterStartTag() {
            guard let (input, buffer, cur) = inputBuffer(), buffer[cur] == 0x3E,
                  let end = readTextRun(buffer, from: cur + 1), let base = buffer.baseAddress else { return }
            buffer[end - 1] = 0x3E
            input.pointee.cur = UnsafePointer(base + end - 1)
        }

        /// At the end of an element after which libxml2 reads on in its parent (`closesLast`):
        /// when text follows and the parent's text needs no repair, reads that text here and
        /// moves libxml2's input past it. True when text was read.
        mutating func readTextAfterEnd(_ namePointer: UnsafePointer<xmlChar>, _ nameIndex: Int) -> Bool {
            guard let context, let (input, buffer, cur) = inputBuffer(), cur > 0, buffer[cur - 1] == 0x3E,
                  buffer[cur] != 0x3C, buffer[cur] != 0x26, let parentName = openNames.last, parentName >= 0,
                  info[Int(parentName)].bits & NameInfo.plainText != 0 else { return false }
            let depth = Int(context.pointee.nameNr)
            // libxml2's stack and ours agree: the element closing, then our parent.
            guard depth >= 2, let table = context.pointee.nameTab, table[depth - 1] == namePointer, let parent = table[depth - 2],
                  name(parent) == Int(parentName), closesLast(buffer, cur, nameIndex),
                  let end = readTextRun(buffer, from: cur), let base = buffer.baseAddress else { return false }
            input.pointee.cur = UnsafePointer(base + end)
            return true
        }

        /// Whether an end callback for the name at `nameIndex`, with libxml2's input at `cur`
        /// just after a `>`, is the last callback before libxml2 reads on in the parent: the
        /// element is void (libxml2 closes it right after reading its start tag), or the bytes
        /// before `cur` are `</name>` with this name and libxml2 started reading right there
        /// (`lastCur`, or just after the `>` of a start tag it stood on), so that this is the end
        /// tag libxml2 read. The elements an end tag closes implicitly come first and have other
        /// names; only the element the end tag names comes last.
        func closesLast(_ buffer: UnsafeMutableBufferPointer<UInt8>, _ cur: Int, _ nameIndex: Int) -> Bool {
            let bits = info[nameIndex].bits
            if bits & NameInfo.void != 0 { return true }
            let length = Int(info[nameIndex].length)
            let start = cur - length - 3
            guard start >= 0, let last = lastCur, let consumed = context?.pointee.input?.pointee.consumed else { return false }
            let tagStart = Int(consumed) + start
            guard last == tagStart || (lastWasStart && last + 1 == tagStart && start > 0 && buffer[start - 1] == 0x3E),
                  let tag = EndTag.read(UnsafeBufferPointer(buffer), at: start), tag.end == cur else { return false }
            // The name libxml2 read, lowercased, against the element's name.
            return names[nameIndex].string.utf8.withContiguousStorageIfAvailable { name in
                var k = 0
                while k < length {
                    let byte = buffer[tag.nameStart + k]
                    if (byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte) != name[k] { return false }
                    k += 1
                }
                return true
            } ?? false
        }

        /// Called when libxml2 has read an `<svg>` start tag (its input on the tag's `>`): when
        /// `SVGBody` finds the body skippable, moves the input to the `>` ending the body's last
        /// tag, so libxml2 goes on with the text before `</svg>` as it would have. Not when an
        /// open element's text is read by metadata (an `<h1>` or `<title>`, an element with
        /// `itemprop`, an `<a rel=author>`, or one whose class or id names a byline): the SVG's
        /// text would be part of it.
        mutating func skipSVGBody() {
            guard let context, let input = context.pointee.input, let cur = input.pointee.cur, let end = input.pointee.end,
                  cur < end, cur[0] == 0x3E else { return }
            for element in open {
                let node = dom.nodes[element]
                if node.tag == "h1" || node.tag == "title" { return }
                var k = Int(node.attributeStart)
                while k < Int(node.attributeEnd) {
                    if dom.attributes[k].name == "itemprop" { return }
                    if node.tag == "a" && dom.attributes[k].name == "rel"
                        && Pruner.hasToken(dom.attributes[k].value.lowercased(), [Array("author".utf8)]) { return }
                    k += 1
                }
                if !node.hint.isEmpty && Hints.containsAny(node.hint, MetadataReader.bylineHints) { return }
            }
            let body = UnsafeBufferPointer(start: UnsafePointer<UInt8>(cur), count: end - cur)
            if let last = SVGBody.skippableEnd(body, from: 1) { input.pointee.cur = cur + last }
        }

        mutating func end(_ namePointer: UnsafePointer<xmlChar>?) {
            flush()
            // The parser never closes more than it opened; the guard keeps the root regardless.
            if open.count > 1 {
                dom.close(open.removeLast())
                openNames.removeLast()
            }
            if skipping > 0 { skipping -= 1 }
            var textRead = false
            if readText && skipping == 0, let namePointer { textRead = readTextAfterEnd(namePointer, name(namePointer)) }
            if compactTags { compactNextTag(afterText: textRead) }
            if readText { noteInput(afterStart: false) }
        }

        /// After a comment libxml2 reads on in the same element: when text follows and that
        /// element's text needs no repair, the text is read here.
        mutating func comment() {
            guard readText, skipping == 0, let context, let (input, buffer, cur) = inputBuffer(), cur > 0, buffer[cur - 1] == 0x3E else { return }
            let depth = Int(context.pointee.nameNr)
            guard depth >= 1, let table = context.pointee.nameTab, let top = table[depth - 1] else { return }
            var textRead = false
            if info[name(top)].bits & NameInfo.plainText != 0, let end = readTextRun(buffer, from: cur), let base = buffer.baseAddress {
                input.pointee.cur = UnsafePointer(base + end)
                textRead = true
            }
            if compactTags { compactNextTag(afterText: textRead) }
            noteInput(afterStart: false)
        }

        /// After an entity or character reference (`&amp;`, `&#233;`), whose one character
        /// libxml2 hands over as the last thing it does for the reference, libxml2 reads on in
        /// the same element: when text follows and that element's text needs no repair, the text
        /// is read here. The callback is known to be a reference's when at most 4 bytes (one
        /// character) come with libxml2's input just after a `;`: libxml2's text reading hands
        /// over either runs of 1,000 bytes or more, with the input on their last character, or a
        /// run's end, with the input on the `<`, `&` or NUL that ended it (where no text run
        /// starts); a lone `<` comes with the input on it; an unknown entity's name comes
        /// without its `;` read.
        mutating func readTextAfterReference() {
            guard let context, let (input, buffer, cur) = inputBuffer(), cur > 0, buffer[cur - 1] == 0x3B else { return }
            let depth = Int(context.pointee.nameNr)
            guard depth >= 1, let table = context.pointee.nameTab, let top = table[depth - 1],
                  info[name(top)].bits & NameInfo.plainText != 0,
                  let end = readTextRun(buffer, from: cur), let base = buffer.baseAddress else { return }
            input.pointee.cur = UnsafePointer(base + end)
        }

        /// Character data; `rawText` for script and style bodies, where no tag can follow.
        mutating func characters(_ bytes: UnsafePointer<xmlChar>, _ count: Int32, rawText: Bool = false) {
            guard skipping == 0, count > 0 else { return }
            pending.append(UnsafeBufferPointer(start: bytes, count: Int(count)))
            if readText && !rawText && count <= 4 { readTextAfterReference() }
            if compactTags && !rawText { compactNextTag(afterText: true) }
            if readText {
                if rawText { lastCur = nil } else { noteInput(afterStart: false) }
            }
        }

        /// When libxml2 is about to read a start tag, rewrites it in libxml2's input without the
        /// attributes nobody reads (`StartTag.compact`) and moves the input to its new start.
        /// Called at the end of every callback; libxml2 is known to read a start tag next when
        /// its input is on `<` and a letter after character data (`afterText`) or just after a
        /// `>` (an end tag, an empty element, or the tag of an element closed before it); or on
        /// the `>` of a start tag (or of text) that a `<` and a letter follow, unless that
        /// element's body is raw text (`<script>`, `<style>`). Elsewhere, for instance after a
        /// tag name while libxml2 closes or implies elements before reading the attributes,
        /// nothing is touched.
        mutating func compactNextTag(afterText: Bool) {
            guard skipping == 0, let context, let input = context.pointee.input, let base = input.pointee.base,
                  let cur = input.pointee.cur, let end = input.pointee.end, cur < end else { return }
            let first = cur[0]
            var start = cur
            if first == 0x3C {
                guard afterText || (cur > base && cur[-1] == 0x3E) else { return }
            } else if first == 0x3E {
                guard end - cur > 2, cur[1] == 0x3C else { return }
                // A `<script>` or `<style>` start tag without attributes, read while libxml2
                // implies or closes elements: its body is raw text.
                if Self.endsWith(cur, Self.scriptName, after: base) || Self.endsWith(cur, Self.styleName, after: base) { return }
                start = cur + 1
            } else {
                return
            }
            let mutableBase = UnsafeMutablePointer(mutating: base)
            let buffer = UnsafeMutableBufferPointer(start: mutableBase, count: end - base)
            let offset = start - base
            guard tag.read(UnsafeBufferPointer(buffer), at: offset), !tag.attributes.isEmpty else { return }
            let newStart: Int
            if handOver && handedHead == handed.count && handed.count >= 64 {
                // Nothing waits (claimed values are read in the callback that claims them): the
                // buffers start again, once they hold a few tags (`removeAll` is not cheap).
                handed.removeAll(keepingCapacity: true)
                handedHead = 0
                handedNames.removeAll(keepingCapacity: true)
                handedValues.removeAll(keepingCapacity: true)
            }
            let valuesStart = handedValues.count
            if handOver && tag.handOver(UnsafeBufferPointer(buffer), keeping: keptNames, shortLinks: shortLinks, into: &handedValues) {
                let position = Int(input.pointee.consumed) + (tag.selfClosing ? tag.end - 1 : tag.end)
                let nameStart = handedNames.count
                if handedValues.count > valuesStart {
                    // The name lowercased, as libxml2 reports it.
                    var k = tag.nameStart
                    while k < tag.nameEnd {
                        let byte = buffer[k]
                        handedNames.append(byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte)
                        k += 1
                    }
                    handed.append((position, nameStart, handedNames.count, valuesStart, handedValues.count))
                }
                newStart = tag.strip(buffer, from: offset)
            } else if let compacted = tag.compact(buffer, from: offset, keeping: keptNames, shortLinks: shortLinks) {
                newStart = compacted
            } else {
                return
            }
            if first == 0x3C {
                input.pointee.cur = base + newStart
            } else {
                // libxml2 still has to step over the `>` it stands on.
                buffer[newStart - 1] = 0x3E
                input.pointee.cur = base + newStart - 1
                // That `>` may end a stripped tag libxml2 is reading (it closes or implies
                // elements before reporting it): the report comes where the `>` now stands.
                let consumed = Int(input.pointee.consumed)
                var k = handedHead
                while k < handed.count {
                    if handed[k].position == consumed + (cur - base) { handed[k].position = consumed + newStart - 1 }
                    k += 1
                }
            }
        }

        /// Whether the bytes before `position` are `name` (lowercase ASCII; any case in the input) after a `<`.
        static func endsWith(_ position: UnsafePointer<xmlChar>, _ name: [UInt8], after base: UnsafePointer<xmlChar>) -> Bool {
            let count = name.count
            guard position - base > count else { return false }
            for k in 0..<count where position[k - count] | 0x20 != name[k] { return false }
            return position[-count - 1] == 0x3C
        }

        static let scriptName: [UInt8] = Array("script".utf8)
        static let styleName: [UInt8] = Array("style".utf8)

        /// After the last callback: text still pending, elements libxml2 left open.
        mutating func finish() {
            flush()
            while let last = open.popLast() { dom.close(last) }
        }

        /// Called from libxml2's script/style loop (`htmlParseScript`) when it hands over a full
        /// chunk of a body nobody reads: moves the parser's input to just before where that loop
        /// would stop anyway (the first `</` followed by the element's name, case-insensitive, as libxml2
        /// tests it in recovery mode), so the rest of the body is not decoded character by
        /// character. Only within the bytes libxml2 already holds; when the end is not there,
        /// libxml2 reads on as usual.
        mutating func skipRawText() {
            guard skipping == 1, let context, let input = context.pointee.input, let name = context.pointee.name,
                  let start = input.pointee.cur, let end = input.pointee.end, start < end else { return }
            let tag = dom.nodes[open[open.count - 1]].tag
            guard tag == "script" || tag == "style", String(cString: name) == tag else { return }
            let length = Int(xmlStrlen(name))
            var position = start
            while end - position >= 2 + length {
                guard let found = memchr(position, 0x3C, end - position) else { return }
                let less = UnsafePointer(found.assumingMemoryBound(to: xmlChar.self))
                guard end - less >= 2 + length else { return }
                if less[1] == 0x2F && xmlStrncasecmp(name, less + 2, Int32(length)) == 0 {
                    // libxml2 2.9 advances past the character it just copied after this callback
                    // returns, so the input is left one character before the end tag. That
                    // character and the current one must be single bytes (ASCII) so the step lands
                    // on the end tag; otherwise libxml2 reads on as usual.
                    if less - 1 > start && start[0] < 0x80 && less[-1] < 0x80 { input.pointee.cur = less - 1 }
                    return
                }
                position = less + 1
            }
        }

        /// At a `<script>` or `<style>` start tag read from the page, with libxml2's input on its
        /// `>`: libxml2 would step over the `>` and read the body (`htmlParseScript`) a character
        /// at a time up to the first `</` followed by the element's name (any case, as libxml2
        /// compares it in recovery mode), handing it over in 1,000-character chunks. When that end
        /// is in the bytes libxml2 holds, the body holds no NUL (which libxml2 reads as a space) and
        /// does not start with `<` (libxml2 first tries a tag or end tag there), the input moves to
        /// just before that end, with a `>` written over the body's last byte, so that libxml2
        /// steps onto the end tag as it would have after reading the body. A body nobody reads
        /// (`keep` false) is dropped; one that is read (JSON-LD) goes to `pending` as libxml2
        /// would have handed it over, only when every byte of it is copied as it stands
        /// (`TextRun.isPlainRaw`: valid UTF-8 of XML characters), else libxml2 reads it.
        mutating func rawTextAtStart(keep: Bool) {
            guard let context, let name = context.pointee.name, let (input, buffer, cur) = inputBuffer(), buffer[cur] == 0x3E,
                  cur + 1 < buffer.count, buffer[cur + 1] != 0x3C, let base = buffer.baseAddress else { return }
            let length = Int(xmlStrlen(name))
            let n = buffer.count
            let bodyStart = cur + 1
            var position = bodyStart
            var found = -1
            while n - position >= 2 + length {
                guard let hit = memchr(base + position, 0x3C, n - position) else { return }
                let less = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                guard n - less >= 2 + length else { return }
                if buffer[less + 1] == 0x2F && xmlStrncasecmp(name, base + less + 2, Int32(length)) == 0 {
                    found = less
                    break
                }
                position = less + 1
            }
            guard found > bodyStart, memchr(base + bodyStart, 0, found - bodyStart) == nil else { return }
            if keep {
                let body = UnsafeBufferPointer(start: base + bodyStart, count: found - bodyStart)
                guard TextRun.isPlainRaw(body) else { return }
                pending.append(body)
            }
            buffer[found - 1] = 0x3E
            input.pointee.cur = UnsafePointer(base + found - 1)
        }

        static func isJSONLD(_ attributes: ArraySlice<(name: String, value: String)>) -> Bool {
            attributes.contains { $0.name == "type" && $0.value.lowercased().includes("ld+json") }
        }
    }

    /// Parses UTF-8 HTML into a `DOM`. Comments, processing instructions and the doctype are
    /// dropped. `attributes` names the attributes to keep (all when nil); the others are never
    /// turned into strings. `skipRawText` lets unread script and style bodies be skipped (tests
    /// turn it off to compare); `compactTags` lets start tags be rewritten without the unkept
    /// attributes (same DOM; only with `attributes` and `skipRawText`); `shortLinks` lets an
    /// `<a>`'s `href` keep only whether it starts with `#`; `skipSVG` lets inline SVG bodies be
    /// skipped (the DOM then differs inside `<svg>` elements only); `readText` lets plain text
    /// runs be read here instead of by libxml2 (same DOM); `handOver` lets `compactTags` strip a
    /// tag of all its attributes and hand the kept values to the DOM itself (same DOM).
    static func parse(
        utf8 bytes: [UInt8], attributes: Set<String>? = nil, skipRawText: Bool = true, skipSVG: Bool = false, compactTags: Bool = true,
        shortLinks: Bool = false, readText: Bool = true, handOver: Bool = true
    ) throws(ExtractionError) -> DOM {
        _ = initialized
        guard bytes.count < Int(Int32.max) else { throw .parser("htmlCreateMemoryParserCtxt: page larger than 2 GB") }
        let options = Int32(HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
            | HTML_PARSE_NONET.rawValue | HTML_PARSE_IGNORE_ENC.rawValue | HTML_PARSE_NODEFDTD.rawValue | XML_PARSE_HUGE.rawValue)
        // `type` decides whether a script is JSON-LD, so it is always read.
        let builder = UnsafeMutablePointer<Builder>.allocate(capacity: 1)
        builder.initialize(to: Builder(
            keeping: attributes.map { $0.union(["type"]) }, skipSVG: skipSVG && Self.rawTextSkippable,
            compactTags: compactTags && skipRawText && Self.rawTextSkippable, shortLinks: shortLinks,
            readText: readText && skipRawText && Self.rawTextSkippable, handOver: handOver, pageBytes: bytes.count))
        defer {
            builder.deinitialize(count: 1)
            builder.deallocate()
        }
        // `compactTags` writes into libxml2's input. libxml2 2.9 and 2.10 copy the page into
        // their own buffer when the context is made (`xmlParserInputBufferCreateMem`), so the
        // caller's bytes serve; later versions may read in place, so they get a copy this call owns.
        func run(_ buffer: UnsafeBufferPointer<UInt8>) -> Bool {
            guard let base = buffer.baseAddress, buffer.count > 0 else { return false }
            return base.withMemoryRebound(to: CChar.self, capacity: buffer.count) { chars in
                guard let context = htmlCreateMemoryParserCtxt(chars, Int32(buffer.count)) else { return false }
                defer { htmlFreeParserCtxt(context) }
                guard let sax = context.pointee.sax else { return false }
                // Only the callbacks below: no tree, no document, no comments.
                sax.pointee = htmlSAXHandler()
                sax.pointee.startElement = { context, name, atts in
                    guard let context, let name else { return }
                    context.assumingMemoryBound(to: Builder.self).pointee.start(name, atts)
                }
                sax.pointee.endElement = { context, name in
                    guard let context else { return }
                    context.assumingMemoryBound(to: Builder.self).pointee.end(name)
                }
                if readText && Self.rawTextSkippable {
                    sax.pointee.comment = { context, _ in
                        guard let context else { return }
                        context.assumingMemoryBound(to: Builder.self).pointee.comment()
                    }
                }
                let characters: charactersSAXFunc = { context, bytes, count in
                    guard let context, let bytes else { return }
                    context.assumingMemoryBound(to: Builder.self).pointee.characters(bytes, count)
                }
                sax.pointee.characters = characters
                sax.pointee.ignorableWhitespace = characters
                // Only `htmlParseScript` (script and style bodies) calls this one.
                sax.pointee.cdataBlock = { context, bytes, count in
                    guard let context, let bytes else { return }
                    let builder = context.assumingMemoryBound(to: Builder.self)
                    builder.pointee.characters(bytes, count, rawText: true)
                    builder.pointee.skipRawText()
                }
                if !skipRawText || !Self.rawTextSkippable { sax.pointee.cdataBlock = characters }
                context.pointee.userData = UnsafeMutableRawPointer(builder)
                builder.pointee.context = context
                _ = htmlCtxtUseOptions(context, options)
                if let utf8 = xmlFindCharEncodingHandler("UTF-8") { _ = xmlSwitchToEncoding(context, utf8) }
                _ = htmlParseDocument(context)
                builder.pointee.context = nil
                // No startDocument callback, so no document; free one defensively all the same.
                if let document = context.pointee.myDoc {
                    xmlFreeDoc(document)
                    context.pointee.myDoc = nil
                }
                return true
            }
        }
        let parsed: Bool
        if Self.copiesMemoryInput {
            parsed = bytes.withUnsafeBufferPointer(run)
        } else {
            var input = bytes
            parsed = input.withUnsafeMutableBufferPointer { run(UnsafeBufferPointer($0)) }
        }
        guard parsed else { throw .parser("htmlCreateMemoryParserCtxt: \(lastErrorMessage() ?? "no parser context")") }
        builder.pointee.finish()
        return builder.pointee.dom
    }

    private static func lastErrorMessage() -> String? {
        guard let error = xmlGetLastError(), let message = error.pointee.message else { return nil }
        return String(String(cString: message).split(separator: "\n").first ?? "")
    }
}

/// Character data not yet turned into a text node: bytes appended, then taken as one string.
/// The storage is kept from node to node and emptied by resetting a count (an array's
/// `removeAll(keepingCapacity:)` goes through the generic `replaceSubrange`, ~80 instructions a
/// text node).
struct PendingText {
    private var storage = [UInt8](repeating: 0, count: 256)
    private var count = 0

    var isEmpty: Bool { count == 0 }

    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress, !bytes.isEmpty else { return }
        let needed = count + bytes.count
        if needed > storage.count { storage.append(contentsOf: repeatElement(0, count: max(needed, 2 * storage.count) - storage.count)) }
        let offset = count
        storage.withUnsafeMutableBufferPointer { buffer in
            if let target = buffer.baseAddress { memcpy(target + offset, source, bytes.count) }
        }
        count = needed
    }

    /// Appends the UTF-8 form of the scalar value `value` (an XML character).
    mutating func appendUTF8(_ value: UInt32) {
        var bytes: (UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0)
        let length: Int
        if value < 0x80 {
            bytes.0 = UInt8(value)
            length = 1
        } else if value < 0x800 {
            bytes = (UInt8(0xC0 | value >> 6), UInt8(0x80 | value & 0x3F), 0, 0)
            length = 2
        } else if value < 0x10000 {
            bytes = (UInt8(0xE0 | value >> 12), UInt8(0x80 | (value >> 6) & 0x3F), UInt8(0x80 | value & 0x3F), 0)
            length = 3
        } else {
            bytes = (UInt8(0xF0 | value >> 18), UInt8(0x80 | (value >> 12) & 0x3F), UInt8(0x80 | (value >> 6) & 0x3F), UInt8(0x80 | value & 0x3F))
            length = 4
        }
        withUnsafeBytes(of: &bytes) { raw in append(UnsafeBufferPointer(rebasing: raw.bindMemory(to: UInt8.self)[0..<length])) }
    }

    /// The bytes appended since the last `take`, as a string (invalid UTF-8 repaired), and empties the buffer.
    mutating func take() -> String {
        let length = count
        count = 0
        return storage.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[0..<length]), as: UTF8.self) }
    }
}
