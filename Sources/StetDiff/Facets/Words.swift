import StetText

/// A small tokenizer shared by the facet recognizers.
///
/// Tokens are words (letters with inner apostrophes and hyphens), numbers (digits with inner
/// `,` `.` `:` `/` between digits), and single other characters. Each token remembers whether
/// whitespace came before it, so recognizers can tell "5m" from "5 m" and "COVID-19" from "- 19".
/// - Complexity: O(n) in the characters of the text.
struct WordToken: Hashable {
    enum Kind { case word, number, symbol }
    let text: String
    var kind: Kind
    var spaceBefore: Bool
    /// `text.lowercased()`, made once (recognizers compare lowercased words many times).
    let lower: String

    init(text: String, kind: Kind, spaceBefore: Bool) {
        self.text = text
        self.kind = kind
        self.spaceBefore = spaceBefore
        self.lower = text.lowercased()
    }

    /// The token of the scalars `range` of `chars`: ASCII tokens (almost all) get both strings
    /// straight from the scalars; others are lowercased by `String.lowercased()`.
    init<Scalars: TokenScalars>(_ chars: Scalars, _ range: Range<Int>, kind: Kind, spaceBefore: Bool) {
        self.kind = kind
        self.spaceBefore = spaceBefore
        if Scalars.allASCII || range.allSatisfy({ chars[$0].value < 0x80 }) {
            var hasUpper = false
            text = String(unsafeUninitializedCapacity: range.count) { buffer in
                var o = 0
                for k in range {
                    let v = UInt8(truncatingIfNeeded: chars[k].value)
                    if v >= 0x41 && v <= 0x5A { hasUpper = true }
                    buffer[o] = v
                    o += 1
                }
                return o
            }
            lower = !hasUpper ? text : String(unsafeUninitializedCapacity: range.count) { buffer in
                var o = 0
                for k in range {
                    let v = UInt8(truncatingIfNeeded: chars[k].value)
                    buffer[o] = v >= 0x41 && v <= 0x5A ? v | 0x20 : v
                    o += 1
                }
                return o
            }
        } else {
            var scalars = ScalarText()
            for k in range { scalars.append(chars[k]) }
            text = scalars.string
            lower = text.lowercased()
        }
    }
    var isCapitalized: Bool { kind == .word && (text.first?.isUppercase ?? false) }
}

/// Which (first letter, length) pairs a list of lowercase ASCII words has: a word whose pair is
/// not there is none of them, told without hashing it. Words of other shapes (non-ASCII, not
/// starting with a–z, 64 bytes or longer) are left out of the table; callers send such words to
/// the real lookup.
struct WordShapes {
    /// For each first letter a–z, a bit per length.
    private var bits = [UInt64](repeating: 0, count: 26)

    init<Words: Sequence<String>>(_ words: Words) {
        for word in words {
            guard let first = word.utf8.first, first >= 0x61, first <= 0x7A, word.utf8.count < 64 else { continue }
            bits[Int(first - 0x61)] |= 1 << UInt64(word.utf8.count)
        }
    }

    /// Whether some listed word starts with `first` (an ASCII letter, either case) and has `length` bytes.
    func admits(first: UInt32, length: Int) -> Bool {
        let letter = Int((first | 0x20) &- 0x61)
        guard letter >= 0, letter < 26, first < 0x80, length < 64 else { return false }
        return bits[letter] & (1 << UInt64(length)) != 0
    }
}

/// Random access to a text's scalars for the token scanner: the decoded scalars, or the bytes of
/// an ASCII text read as scalars (one byte is one scalar), which needs no scalar array. Declared
/// here, not shared with the segmenter's buffer type in StetText, so that the scanner specializes
/// and inlines across it (a conformance from another module is called through its witness table).
protocol TokenScalars {
    /// True when every scalar is ASCII whatever the text (no need to look).
    static var allASCII: Bool { get }
    var count: Int { get }
    subscript(_ position: Int) -> Unicode.Scalar { get }
}

extension Array: TokenScalars where Element == Unicode.Scalar {
    static var allASCII: Bool { false }
}

/// The bytes of an ASCII text as scalars.
struct ASCIIText: TokenScalars {
    static var allASCII: Bool { true }
    let bytes: UnsafeBufferPointer<UInt8>
    var count: Int { bytes.count }
    @inline(__always) subscript(_ position: Int) -> Unicode.Scalar { Unicode.Scalar(bytes[position]) }
}

/// A word of at most 16 ASCII bytes packed into two integers (byte `k` in byte `k`; no byte of a
/// word is zero, so the packing is one-to-one): words compared or looked up without a `String`.
struct PackedWord: Hashable {
    var low: UInt64 = 0
    var high: UInt64 = 0
    var count = 0

    init() {}

    init<C: Collection<UInt8>>(_ bytes: C) {
        for byte in bytes { append(byte) }
    }

    /// Adds a byte (callers stop before a 17th).
    mutating func append(_ byte: UInt8) {
        if count < 8 { low |= UInt64(byte) << UInt64(8 * count) } else { high |= UInt64(byte) << UInt64(8 * (count - 8)) }
        count += 1
    }
}

enum WordScanner {
    static func isApostrophe(_ c: Unicode.Scalar) -> Bool { c == "'" || c == "\u{2019}" || c == "\u{2018}" }
    static func isHyphen(_ c: Unicode.Scalar) -> Bool { c == "-" || c == "\u{2010}" || c == "\u{2011}" }
    static func isDigit(_ c: Unicode.Scalar) -> Bool { c.value >= 0x30 && c.value <= 0x39 }
    static func isLetter(_ c: Unicode.Scalar) -> Bool {
        c.isASCII ? (c.value | 0x20 >= 0x61 && c.value | 0x20 <= 0x7A) : c.properties.isAlphabetic
    }
    static func isSpace(_ c: Unicode.Scalar) -> Bool {
        c.isASCII ? (c == " " || (c.value >= 0x09 && c.value <= 0x0D)) : c.isWhiteSpaceProperty
    }

    static func tokens(_ text: String) -> [WordToken] {
        var text = text
        if let result = text.withUTF8({ bytes in bytes.isASCII ? tokens(ASCIIText(bytes: bytes)) : nil }) { return result }
        return tokens(text.scalarArray)
    }

    /// The tokens of some scalars (an ASCII text is read on its bytes: no scalar array).
    private static func tokens<Scalars: TokenScalars>(_ chars: Scalars) -> [WordToken] {
        var result: [WordToken] = []
        // About one token every five scalars in running text.
        result.reserveCapacity(chars.count / 5 + 4)
        forEachToken(chars) { start, end, kind, space in
            result.append(WordToken(chars, start..<end, kind: kind, spaceBefore: space))
            return true
        }
        return result
    }

    /// The last token of `text` (what `tokens(text).last` is, making one `String` only).
    static func lastToken(_ text: String) -> WordToken? {
        var text = text
        if let result = text.withUTF8({ bytes in bytes.isASCII ? .some(lastToken(ASCIIText(bytes: bytes))) : nil }) { return result }
        return lastToken(text.scalarArray)
    }

    private static func lastToken<Scalars: TokenScalars>(_ chars: Scalars) -> WordToken? {
        var last: (start: Int, end: Int, kind: WordToken.Kind, space: Bool)?
        forEachToken(chars) { start, end, kind, space in
            last = (start, end, kind, space)
            return true
        }
        guard let last else { return nil }
        return WordToken(chars, last.start..<last.end, kind: last.kind, spaceBefore: last.space)
    }

    /// The string of some scalars, made from their UTF-8 bytes (appending scalars one by one to a
    /// `String.UnicodeScalarView` costs several times more).
    static func string(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
        var text = ScalarText()
        text.bytes.reserveCapacity(scalars.count)
        for scalar in scalars { text.append(scalar) }
        return text.string
    }

    /// The number of word and number tokens of `text` (`tokens(text)` less the symbols), without
    /// making a `String` per token.
    static func wordCount(_ text: String) -> Int {
        wordCount(text, upTo: .max)
    }

    /// `min(wordCount(text), limit)`, reading only as far as the limit's word.
    static func wordCount(_ text: String, upTo limit: Int) -> Int {
        var text = text
        if let result = text.withUTF8({ bytes in bytes.isASCII ? wordCount(ASCIIText(bytes: bytes), upTo: limit) : nil }) {
            return result
        }
        return wordCount(text.scalarArray, upTo: limit)
    }

    private static func wordCount<Scalars: TokenScalars>(_ chars: Scalars, upTo limit: Int) -> Int {
        var count = 0
        forEachToken(chars) { _, _, kind, _ in
            if kind != .symbol { count += 1 }
            return count < limit
        }
        return min(count, limit)
    }

    /// Calls `body` with the scalar range, kind and preceding whitespace of each token, in order,
    /// until it returns false.
    static func forEachToken<Scalars: TokenScalars>(_ chars: Scalars, _ body: (Int, Int, WordToken.Kind, Bool) -> Bool) {
        var index = 0
        var space = true
        while index < chars.count {
            let c = chars[index]
            if isSpace(c) {
                space = true
                index += 1
                continue
            }
            var end = index + 1
            let kind: WordToken.Kind
            if isDigit(c) {
                kind = .number
                while end < chars.count {
                    if isDigit(chars[end]) {
                        end += 1
                    } else if chars[end] == "," || chars[end] == "." || chars[end] == ":" || chars[end] == "/", end + 1 < chars.count, isDigit(chars[end + 1]) {
                        end += 2
                    } else {
                        break
                    }
                }
            } else if isLetter(c) {
                kind = .word
                while end < chars.count {
                    if isLetter(chars[end]) || isDigit(chars[end]) {
                        end += 1
                    } else if isApostrophe(chars[end]) || isHyphen(chars[end]), end + 1 < chars.count, isLetter(chars[end + 1]) {
                        end += 2
                    } else {
                        break
                    }
                }
            } else {
                kind = .symbol
            }
            if !body(index, end, kind, space) { return }
            space = false
            index = end
        }
    }
}

/// Text built scalar by scalar as UTF-8 bytes; `string` is the same `String` that appending the
/// scalars to a `String.UnicodeScalarView` gives.
struct ScalarText {
    var bytes: [UInt8] = []

    var isEmpty: Bool { bytes.isEmpty }
    var string: String { String(decoding: bytes, as: UTF8.self) }

    mutating func append(_ scalar: Unicode.Scalar) {
        if scalar.value < 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: scalar.value))
        } else if let encoded = UTF8.encode(scalar) {
            bytes.append(contentsOf: encoded)
        }
    }

    mutating func append(contentsOf text: String) {
        bytes.append(contentsOf: text.utf8)
    }
}
