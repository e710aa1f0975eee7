// A small JSON reader for what `JSONLDArticle` reads: objects, arrays and strings, with string
// values left as byte ranges of the script text until they are read.
//
// Foundation's `JSONSerialization` builds every value (strings, numbers, dictionaries bridged to
// `Any`), and reading them back costs a dynamic cast per value; on a page with a few KB of
// JSON-LD that was ~5 % of an extraction. This reader answers only when the result is certain
// to be the one `JSONSerialization` gives (RFC 8259 JSON, which it accepts), and otherwise says
// nothing, so that the caller asks `JSONSerialization` (`JSONValue.init(foundation:)`): a
// number with an exponent or more than 15 digits (which Foundation may refuse as not
// representable), a control character or `\u0000` in a string, an unpaired surrogate escape, an
// escaped object key, a key that `JSONLDArticle` reads given twice in one object (which value a
// dictionary keeps is Foundation's business), nesting deeper than 256, or anything that is not
// JSON. Keys are compared byte for byte: the keys read are ASCII without `K`, `;` or `` ` ``,
// the only ASCII characters another character is canonically equivalent to, so this agrees with
// the canonical equality of a `[String: Any]` lookup.
//
// Complexity: O(n) in the size of the text; recursion depth at most 256.

import Foundation

/// A JSON value whose strings are byte ranges of a text (`JSONText.bytes`).
indirect enum JSONValue {
    /// `bytes[start ..< end]` between the quotes; `escaped` when it holds a `\`.
    case string(start: Int, end: Int, escaped: Bool)
    case array([JSONValue])
    case object([JSONMember])
    /// A number, `true`, `false` or `null`: never read.
    case other
}

struct JSONMember {
    /// The key's bytes, `bytes[keyStart ..< keyEnd]` (never escaped).
    var keyStart: Int
    var keyEnd: Int
    var value: JSONValue
}

/// One parsed script: its bytes and its value.
struct JSONText {
    var bytes: [UInt8]
    var root: JSONValue

    /// Keys `JSONLDArticle` reads (a repeated one sends the text to Foundation).
    static let readKeys: [[UInt8]] = [
        "@graph", "mainEntity", "@type", "headline", "name", "author", "datePublished", "dateCreated", "dateModified", "publisher",
        "articleBody", "text", "url", "mainEntityOfPage", "inLanguage", "@id", "@value",
    ].map { Array($0.utf8) }

    /// Reads `text` as JSON (a top-level scalar allowed, as with `.fragmentsAllowed`): with the
    /// reader here when it is certain, otherwise with `JSONSerialization`. Nil when the text is
    /// not JSON.
    static func parse(_ text: String) -> JSONText? {
        let bytes = Array(text.utf8)
        var reader = JSONByteReader(bytes: bytes)
        if let root = reader.document() { return JSONText(bytes: bytes, root: root) }
        guard let value = try? JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed]) else { return nil }
        var strings: [UInt8] = []
        let root = JSONValue(foundation: value, strings: &strings)
        return JSONText(bytes: strings, root: root)
    }

    /// The value of `key` in `members`, if any.
    func value(_ members: [JSONMember], _ key: [UInt8]) -> JSONValue? {
        for member in members where member.keyEnd - member.keyStart == key.count {
            if bytes[member.keyStart..<member.keyEnd].elementsEqual(key) { return member.value }
        }
        return nil
    }

    /// The text of a string value (nil for anything else).
    func text(_ value: JSONValue?) -> String? {
        guard case .string(let start, let end, let escaped)? = value else { return nil }
        if !escaped { return String(decoding: bytes[start..<end], as: UTF8.self) }
        return JSONByteReader.unescape(bytes[start..<end])
    }
}

extension JSONValue {
    /// What `JSONSerialization` returned, its strings appended to `strings` (the converted
    /// value's byte ranges point there). Strings, arrays and dictionaries as Swift casts see
    /// them; anything else is `other`.
    init(foundation value: Any, strings: inout [UInt8]) {
        if let text = value as? String {
            let start = strings.count
            strings.append(contentsOf: text.utf8)
            self = .string(start: start, end: strings.count, escaped: false)
        } else if let array = value as? [Any] {
            self = .array(array.map { JSONValue(foundation: $0, strings: &strings) })
        } else if let object = value as? [String: Any] {
            var members: [JSONMember] = []
            for (key, element) in object {
                let start = strings.count
                strings.append(contentsOf: key.utf8)
                let end = strings.count
                members.append(JSONMember(keyStart: start, keyEnd: end, value: JSONValue(foundation: element, strings: &strings)))
            }
            self = .object(members)
        } else {
            self = .other
        }
    }
}

/// The byte-level reader (see the file's header): every method returns nil when the answer must
/// come from `JSONSerialization`.
struct JSONByteReader {
    let bytes: [UInt8]
    var i = 0
    var depth = 0

    init(bytes: [UInt8]) { self.bytes = bytes }

    mutating func document() -> JSONValue? {
        skipBlanks()
        guard let value = value() else { return nil }
        skipBlanks()
        return i == bytes.count ? value : nil
    }

    mutating func skipBlanks() {
        while i < bytes.count {
            let byte = bytes[i]
            guard byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 else { return }
            i += 1
        }
    }

    mutating func value() -> JSONValue? {
        guard i < bytes.count else { return nil }
        switch bytes[i] {
        case 0x7B: return object()
        case 0x5B: return array()
        case 0x22:
            guard let (start, end, escaped) = string() else { return nil }
            return .string(start: start, end: end, escaped: escaped)
        case 0x74: return literal("true")
        case 0x66: return literal("false")
        case 0x6E: return literal("null")
        default: return number()
        }
    }

    mutating func literal(_ word: StaticString) -> JSONValue? {
        let count = word.utf8CodeUnitCount
        guard bytes.count - i >= count else { return nil }
        let pointer = word.utf8Start
        for k in 0..<count where bytes[i + k] != pointer[k] { return nil }
        i += count
        return .other
    }

    /// `-?(0|[1-9][0-9]*)(\.[0-9]+)?` with at most 15 digits; an exponent is left to Foundation.
    mutating func number() -> JSONValue? {
        var digits = 0
        if i < bytes.count && bytes[i] == 0x2D { i += 1 }
        guard i < bytes.count, bytes[i] >= 0x30 && bytes[i] <= 0x39 else { return nil }
        if bytes[i] == 0x30 {
            i += 1
            digits = 1
        } else {
            while i < bytes.count && bytes[i] >= 0x30 && bytes[i] <= 0x39 { i += 1; digits += 1 }
        }
        if i < bytes.count && bytes[i] == 0x2E {
            i += 1
            let before = digits
            while i < bytes.count && bytes[i] >= 0x30 && bytes[i] <= 0x39 { i += 1; digits += 1 }
            guard digits > before else { return nil }
        }
        guard digits <= 15 else { return nil }
        if i < bytes.count && (bytes[i] == 0x65 || bytes[i] == 0x45) { return nil }
        return .other
    }

    /// A string at `i` (on its quote): the range between the quotes and whether it holds escapes.
    mutating func string() -> (Int, Int, Bool)? {
        i += 1
        let start = i
        var escaped = false
        while i < bytes.count {
            let byte = bytes[i]
            if byte == 0x22 {
                i += 1
                return (start, i - 1, escaped)
            }
            if byte < 0x20 { return nil }
            if byte == 0x5C {
                escaped = true
                guard i + 1 < bytes.count else { return nil }
                switch bytes[i + 1] {
                case 0x22, 0x5C, 0x2F, 0x62, 0x66, 0x6E, 0x72, 0x74:
                    i += 2
                case 0x75:
                    guard let unit = hex(at: i + 2), unit != 0 else { return nil }
                    if unit >= 0xDC00 && unit <= 0xDFFF { return nil }
                    if unit >= 0xD800 && unit <= 0xDBFF {
                        guard i + 11 < bytes.count, bytes[i + 6] == 0x5C, bytes[i + 7] == 0x75, let low = hex(at: i + 8),
                              low >= 0xDC00 && low <= 0xDFFF else { return nil }
                        i += 12
                    } else {
                        i += 6
                    }
                default:
                    return nil
                }
                continue
            }
            i += 1
        }
        return nil
    }

    /// Four hex digits at `k`.
    func hex(at k: Int) -> UInt32? {
        guard k + 4 <= bytes.count else { return nil }
        var value: UInt32 = 0
        for byte in bytes[k..<(k + 4)] {
            let digit: UInt32
            switch byte {
            case 0x30...0x39: digit = UInt32(byte - 0x30)
            case 0x41...0x46: digit = UInt32(byte - 0x41 + 10)
            case 0x61...0x66: digit = UInt32(byte - 0x61 + 10)
            default: return nil
            }
            value = value << 4 | digit
        }
        return value
    }

    mutating func array() -> JSONValue? {
        depth += 1
        guard depth <= 256 else { return nil }
        defer { depth -= 1 }
        i += 1
        var elements: [JSONValue] = []
        skipBlanks()
        if i < bytes.count && bytes[i] == 0x5D {
            i += 1
            return .array(elements)
        }
        while true {
            skipBlanks()
            guard let element = value() else { return nil }
            elements.append(element)
            skipBlanks()
            guard i < bytes.count else { return nil }
            if bytes[i] == 0x2C { i += 1; continue }
            guard bytes[i] == 0x5D else { return nil }
            i += 1
            return .array(elements)
        }
    }

    mutating func object() -> JSONValue? {
        depth += 1
        guard depth <= 256 else { return nil }
        defer { depth -= 1 }
        i += 1
        var members: [JSONMember] = []
        var readKeys: UInt32 = 0
        skipBlanks()
        if i < bytes.count && bytes[i] == 0x7D {
            i += 1
            return .object(members)
        }
        while true {
            skipBlanks()
            guard i < bytes.count, bytes[i] == 0x22, let (start, end, escaped) = string(), !escaped else { return nil }
            if let index = Self.readKeyIndex(bytes[start..<end]) {
                guard readKeys & (1 << UInt32(index)) == 0 else { return nil }
                readKeys |= 1 << UInt32(index)
            }
            skipBlanks()
            guard i < bytes.count, bytes[i] == 0x3A else { return nil }
            i += 1
            skipBlanks()
            guard let element = value() else { return nil }
            members.append(JSONMember(keyStart: start, keyEnd: end, value: element))
            skipBlanks()
            guard i < bytes.count else { return nil }
            if bytes[i] == 0x2C { i += 1; continue }
            guard bytes[i] == 0x7D else { return nil }
            i += 1
            return .object(members)
        }
    }

    /// The index in `JSONText.readKeys` of a key's bytes.
    static func readKeyIndex(_ key: ArraySlice<UInt8>) -> Int? {
        guard key.count >= 3 && key.count <= 16 else { return nil }
        for (index, candidate) in JSONText.readKeys.enumerated() where candidate.count == key.count && candidate.elementsEqual(key) {
            return index
        }
        return nil
    }

    /// The text of a string's bytes with its escapes (checked by `string()`) decoded.
    static func unescape(_ bytes: ArraySlice<UInt8>) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var k = bytes.startIndex
        let end = bytes.endIndex
        let reader = JSONByteReader(bytes: Array(bytes))
        let offset = bytes.startIndex
        while k < end {
            let byte = bytes[k]
            guard byte == 0x5C, k + 1 < end else {
                out.append(byte)
                k += 1
                continue
            }
            let kind = bytes[k + 1]
            switch kind {
            case 0x62: out.append(0x08)
            case 0x66: out.append(0x0C)
            case 0x6E: out.append(0x0A)
            case 0x72: out.append(0x0D)
            case 0x74: out.append(0x09)
            case 0x75:
                var scalar = reader.hex(at: k + 2 - offset) ?? 0xFFFD
                var length = 6
                if scalar >= 0xD800 && scalar <= 0xDBFF, let low = reader.hex(at: k + 8 - offset) {
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    length = 12
                }
                out.append(contentsOf: String(Unicode.Scalar(scalar) ?? "\u{FFFD}").utf8)
                k += length
                continue
            default: out.append(kind)
            }
            k += 2
        }
        return String(decoding: out, as: UTF8.self)
    }
}
