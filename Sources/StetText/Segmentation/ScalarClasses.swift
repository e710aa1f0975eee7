// The character classes the sentence segmenter reasons with, on single Unicode scalars.
//
// The segmenter works on an array of `Unicode.Scalar`s so that every look-behind and look-ahead is
// an O(1) index step. Each predicate is a constant-time switch with an ASCII fast path; only
// non-ASCII scalars consult the Unicode property tables.

extension Unicode.Scalar {
    /// Unicode's `White_Space` property, what `properties.isWhitespace` answers, from the
    /// property's fixed list (tab to carriage return, space, U+0085, no-break space, ogham space
    /// mark, the typographic spaces U+2000–U+200A, line and paragraph separators, narrow no-break
    /// space, medium mathematical space, ideographic space) instead of a property table lookup of
    /// some 250 instructions. A test compares the two over every scalar.
    @inline(__always)
    package var isWhiteSpaceProperty: Bool {
        switch value {
        case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: true
        default: false
        }
    }

    /// Unicode `White_Space` (space, tab, newlines, no-break space, the typographic spaces).
    var isSpace: Bool {
        switch value {
        case 0x20, 0x09, 0x0A, 0x0B, 0x0C, 0x0D: true
        case 0..<0x80: false
        default: isWhiteSpaceProperty
        }
    }

    /// A letter of any script.
    var isLetter: Bool {
        switch value {
        case 0x41...0x5A, 0x61...0x7A: true
        case 0..<0x80: false
        default: properties.isAlphabetic && properties.numericType == nil
        }
    }

    /// An uppercase or titlecase letter.
    var isUpper: Bool {
        switch value {
        case 0x41...0x5A: true
        case 0..<0x80: false
        default: properties.isUppercase || properties.generalCategory == .titlecaseLetter
        }
    }

    /// A lowercase letter.
    var isLower: Bool {
        switch value {
        case 0x61...0x7A: true
        case 0..<0x80: false
        default: properties.isLowercase
        }
    }

    /// A decimal digit of any script.
    var isDigit: Bool {
        switch value {
        case 0x30...0x39: true
        case 0..<0x80: false
        default: properties.numericType == .decimal
        }
    }

    /// `.`, `!`, `?`, the ellipsis character and the combined or full-width forms of `!` and `?`.
    var isTerminator: Bool {
        switch value {
        case 0x2E, 0x21, 0x3F: true
        case 0x2026, 0x203C, 0x2047, 0x2048, 0x2049, 0x3002, 0xFF01, 0xFF1F: true
        default: false
        }
    }

    /// `!`, `?` and their variants: terminators that are never abbreviation marks.
    var isExclamationOrQuestion: Bool {
        switch value {
        case 0x21, 0x3F, 0x203C, 0x2047, 0x2048, 0x2049, 0xFF01, 0xFF1F: true
        default: false
        }
    }

    /// Marks that close a quotation or parenthesis and stay with the sentence they end.
    var isCloser: Bool {
        switch value {
        case 0x22, 0x27, 0x29, 0x5D, 0x7D: true  // " ' ) ] }
        case 0x2019, 0x201D, 0x00BB, 0x203A: true  // ’ ” » ›
        default: false
        }
    }

    /// Closers that are quotation marks (as opposed to brackets).
    var isClosingQuote: Bool {
        switch value {
        case 0x22, 0x27, 0x2019, 0x201D, 0x00BB, 0x203A: true
        default: false
        }
    }

    /// Marks that may open a sentence before its first word: quotes, brackets, inverted `¿ ¡`.
    var isOpener: Bool {
        switch value {
        case 0x22, 0x27, 0x28, 0x5B, 0x7B: true  // " ' ( [ {
        case 0x2018, 0x201C, 0x201E, 0x00AB, 0x2039, 0x00BF, 0x00A1: true  // ‘ “ „ « ‹ ¿ ¡
        default: false
        }
    }

    /// List bullets that start a new item even in running text.
    var isBullet: Bool {
        switch value {
        case 0x2022, 0x2043, 0x2023, 0x25E6, 0x25AA, 0x25CF: true  // • ⁃ ‣ ◦ ▪ ●
        default: false
        }
    }

    /// Currency signs that may lead a figure (`$5 million`).
    var isCurrency: Bool {
        switch value {
        case 0x24: true
        case 0..<0x80: false
        default: properties.generalCategory == .currencySymbol
        }
    }
}

/// Random access to a paragraph's scalars for the boundary scanner: a buffer of decoded scalars,
/// or the bytes of an ASCII paragraph read as scalars (one byte is one scalar).
protocol ScalarBuffer {
    var count: Int { get }
    subscript(_ position: Int) -> Unicode.Scalar { get }
    /// The first position from `start` up to `end` (exclusive) holding `.`, `!`, `?` or a
    /// non-ASCII scalar: where the boundary scanner has something to look at; `end` if none
    /// (`start` when it is past `end`).
    func firstCandidate(from start: Int, to end: Int) -> Int
}

extension ScalarBuffer {
    @inline(__always)
    func firstCandidate(from start: Int, to end: Int) -> Int {
        var i = start
        while i < end {
            let v = self[i].value
            if v == 0x2E || v == 0x21 || v == 0x3F || v >= 0x80 { return i }
            i += 1
        }
        return max(i, end)
    }
}

extension UnsafeBufferPointer: ScalarBuffer where Element == Unicode.Scalar {}
extension Array: ScalarBuffer where Element == Unicode.Scalar {}

/// The bytes of an ASCII text as scalars.
struct ASCIIScalars: ScalarBuffer {
    let bytes: UnsafeBufferPointer<UInt8>
    var count: Int { bytes.count }
    @inline(__always) subscript(_ position: Int) -> Unicode.Scalar { Unicode.Scalar(bytes[position]) }

    /// Eight bytes at a time: a byte equal to `.`, `!` or `?` is found with the zero-byte test on
    /// the word XORed with each (the lowest flagged byte of such a test is always a true match, so
    /// the lowest flagged byte of the three together is the first match). No byte is non-ASCII.
    @inline(__always)
    func firstCandidate(from start: Int, to end: Int) -> Int {
        var i = start
        if let base = bytes.baseAddress {
            let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
            while i + 8 <= end {
                let word = UInt64(littleEndian: UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self))
                let a = word ^ (0x2E * ones), b = word ^ (0x21 * ones), c = word ^ (0x3F * ones)
                let found = ((a &- ones) & ~a | (b &- ones) & ~b | (c &- ones) & ~c) & highs
                if found != 0 { return i + found.trailingZeroBitCount / 8 }
                i += 8
            }
        }
        while i < end {
            let v = bytes[i]
            if v == 0x2E || v == 0x21 || v == 0x3F { return i }
            i += 1
        }
        return max(i, end)
    }
}

extension UnsafeBufferPointer where Element == UInt8 {
    /// Whether every byte is ASCII, read eight bytes at a time.
    package var isASCII: Bool {
        guard let base = baseAddress else { return true }
        var i = 0
        while i + 8 <= count {
            if UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 != 0 { return false }
            i += 8
        }
        while i < count {
            if base[i] >= 0x80 { return false }
            i += 1
        }
        return true
    }
}
