import Foundation

/// Normalization of text for comparison. Output never shows normalized text: the differ compares
/// keys made here and reports the original sentences.
///
/// Two keys are made from a sentence:
/// - the **comparison key**: Unicode NFC, typographic quotes (‘ ’ ‚ ‛ “ ” „ ‟ « » ‹ ›) to ASCII `'`
///   and `"`, dashes (‐ ‑ ‒ – — ― −) to `-`, the ellipsis to `...`, soft hyphens and zero-width
///   characters dropped, every run of whitespace (including no-break and thin spaces) to one space,
///   trimmed. Two sentences with equal keys differ only in encoding, quote style, dash style or line
///   wrapping: the differ treats them as unchanged.
/// - the **word tokens**: the comparison key lowercased and cut into runs of letters and digits.
///   Two sentences with equal tokens differ only in case and punctuation (a minor edit).
///
/// Both work on UTF-8 bytes with an ASCII fast path; NFC runs only when a combining mark is present.
///
/// - Complexity: O(n) in the length of the text.
public enum Normalizer {
    /// The comparison key of a text (see the type's discussion).
    public static func comparisonKey(_ text: String) -> String {
        var buffers = NormalizationBuffers()
        buffers.makeKey(of: text)
        return String(decoding: buffers.key, as: UTF8.self)
    }

    /// The lowercased letter-and-digit runs of a text, after the comparison normalization.
    public static func words(_ text: String) -> [String] {
        var buffers = NormalizationBuffers()
        buffers.normalize(text)
        return buffers.wordStrings
    }

    /// The lowercased letter-and-digit runs of a text that is already a comparison key.
    public static func words(inKey key: String) -> [String] {
        var buffers = NormalizationBuffers()
        buffers.key.append(contentsOf: key.utf8)
        buffers.splitWords()
        return buffers.wordStrings
    }

    /// The non-ASCII scalar whose UTF-8 encoding starts at `i` (a lead byte) and its length in
    /// bytes; nil when the bytes there are not a complete sequence (never for a `String`'s bytes).
    @inline(__always) static func decode(_ bytes: [UInt8], at i: Int) -> (Unicode.Scalar, Int)? {
        bytes.withUnsafeBufferPointer { decode($0, at: i) }
    }

    /// `decode(_:at:)` on a buffer.
    @inline(__always) static func decode(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> (Unicode.Scalar, Int)? {
        let lead = UInt32(bytes[i])
        let length: Int
        var value: UInt32
        switch lead {
        case 0xC0..<0xE0: length = 2; value = lead & 0x1F
        case 0xE0..<0xF0: length = 3; value = lead & 0x0F
        case 0xF0..<0xF8: length = 4; value = lead & 0x07
        default: return nil
        }
        guard i + length <= bytes.count else { return nil }
        for k in (i + 1)..<(i + length) {
            let continuation = UInt32(bytes[k])
            guard continuation & 0xC0 == 0x80 else { return nil }
            value = value << 6 | (continuation & 0x3F)
        }
        guard let scalar = Unicode.Scalar(value) else { return nil }
        return (scalar, length)
    }

    /// True for every scalar the comparison treats as a space (including no-break spaces,
    /// line and paragraph separators and control characters).
    public static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII { return scalar.value <= 0x20 || scalar.value == 0x7F }
        if scalar.isWhiteSpaceProperty { return true }
        switch scalar.value {
        case 0x00A0, 0x2007, 0x202F, 0x2060: return true
        case 0x80..<0xA0: return true
        default: return false
        }
    }
}

/// Reusable buffers that normalize one sentence after another on UTF-8 bytes, without a `String`
/// per sentence or per word: `normalize(_:)` fills `key` with the comparison key's bytes and
/// `words`/`wordEnds` with its lowercased letter-and-digit runs (the same results as
/// `Normalizer.comparisonKey(_:)` and `Normalizer.words(inKey:)`, which use these buffers too).
public struct NormalizationBuffers: Sendable {
    /// The comparison key of the last normalized text, as UTF-8 bytes.
    public internal(set) var key: [UInt8] = []
    /// The key's words, lowercased, one after another (UTF-8 bytes).
    public internal(set) var words: [UInt8] = []
    /// Where each word ends in `words`; word `k` is `words[(k == 0 ? 0 : wordEnds[k - 1])..<wordEnds[k]]`.
    public internal(set) var wordEnds: [Int] = []

    public init() {}

    /// Normalizes `text`: its comparison key and words.
    public mutating func normalize(_ text: String) {
        makeKey(of: text)
        splitWords()
    }

    /// The words as strings.
    var wordStrings: [String] {
        var result: [String] = []
        result.reserveCapacity(wordEnds.count)
        var start = 0
        for end in wordEnds {
            result.append(String(decoding: words[start..<end], as: UTF8.self))
            start = end
        }
        return result
    }

    /// Sets `key` to a comparison key made earlier and fills `words` and `wordEnds` from it (the
    /// same words `normalize(_:)` gives for a text with that key).
    public mutating func setKey(_ bytes: [UInt8]) {
        setKey(bytes[...])
    }

    /// `setKey(_:)` for a slice of a larger buffer.
    public mutating func setKey(_ bytes: ArraySlice<UInt8>) {
        key.removeAll(keepingCapacity: true)
        key.append(contentsOf: bytes)
        splitWords()
    }

    /// Fills `key` with the comparison key of `text` (and leaves `words` as they were). The key is
    /// written into `key`'s own storage: no allocation once it has held a key as long.
    public mutating func makeKey(of text: String) {
        let end = Self.writeKey(of: text, into: &key, at: 0)
        key.removeLast(key.count - end)
    }

    /// Writes the comparison key of `text` (what `makeKey(of:)` puts in `key`) into `bytes` from
    /// position `start` on, and returns where it ends; the bytes after it are left as they are.
    /// Room is made when `bytes` holds fewer than the text's UTF-8 length after `start` (a key is
    /// never longer than that), so a caller that sized `bytes` for its texts makes no allocation.
    public static func writeKey(of text: String, into bytes: inout [UInt8], at start: Int) -> Int {
        var text = text
        if let end = text.withUTF8({ source in buildKey(source, allowCombining: false, into: &bytes, at: start) }) { return end }
        // A combining mark: compose (NFC) and start again.
        var precomposed = text.precomposedStringWithCanonicalMapping
        return precomposed.withUTF8 { source in buildKey(source, allowCombining: true, into: &bytes, at: start) } ?? start
    }

    /// Whether the byte-at-a-time loop of `buildKey` copies all eight bytes of `word` (in memory
    /// order) unchanged: each is printable ASCII other than a backtick, or a space followed by such a
    /// byte; the last is not a space (what follows it is unknown here), nor the first when nothing
    /// has been written yet (`first`). Byte masks are exact: a byte `b` of `x` is zero exactly when
    /// bit 7 of `~(((x & 0x7F…) + 0x7F…) | x | 0x7F…)` is set in it.
    @inline(__always)
    private static func copiesAsIs(_ word: UInt64, first: Bool) -> Bool {
        let high: UInt64 = 0x8080_8080_8080_8080
        let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        @inline(__always) func zeroBytes(_ x: UInt64) -> UInt64 { ~(((x & low7) &+ low7) | x | low7) }
        if word & high != 0 { return false }
        // A byte below 0x20: adding 0x60 leaves bit 7 clear (no carry crosses bytes below 0x80).
        if ~(word &+ 0x6060_6060_6060_6060) & high != 0 { return false }
        if zeroBytes(word ^ 0x7F7F_7F7F_7F7F_7F7F) | zeroBytes(word ^ 0x6060_6060_6060_6060) != 0 { return false }
        let spaces = zeroBytes(word ^ 0x2020_2020_2020_2020)
        if spaces & (spaces >> 8) != 0 { return false }  // two spaces in a row
        if spaces & 0x8000_0000_0000_0000 != 0 { return false }  // ends with a space
        if first && spaces & 0x80 != 0 { return false }  // opens with a space
        return true
    }

    /// Writes the key of `source` (valid UTF-8) into `key` from position `start` on and returns
    /// where it ends; nil when it holds a combining mark and `allowCombining` is false (the text
    /// must be composed first). The key is never longer than the source (every replacement is at
    /// most as long as what it replaces), so it is written into room of that size without growth
    /// checks.
    private static func buildKey(_ source: UnsafeBufferPointer<UInt8>, allowCombining: Bool, into key: inout [UInt8], at start: Int) -> Int? {
        var combining = false
        let n = source.count
        // Room for `n` bytes after `start` (the bytes there are overwritten).
        if key.count < start + n { key.append(contentsOf: repeatElement(0, count: start + n - key.count)) }
        let written = key.withUnsafeMutableBufferPointer { out -> Int in
            guard let src = source.baseAddress, let dst = out.baseAddress.map({ $0 + start }) else { return 0 }
            var length = 0
            var pendingSpace = false
            var i = 0
            @inline(__always) func put(_ byte: UInt8) {
                dst[length] = byte
                length += 1
            }
            while i < n {
                // A run of printable ASCII after a non-space: copied as is (most of a sentence).
                // A single space between two such characters is kept as it is too.
                if !pendingSpace {
                    while i < n {
                        // Eight bytes at a time when the loop below would copy all eight as they are.
                        if i + 8 <= n {
                            let word = UnsafeRawPointer(src + i).loadUnaligned(as: UInt64.self)
                            if Self.copiesAsIs(word, first: length == 0) {
                                UnsafeMutableRawPointer(dst + length).storeBytes(of: word, as: UInt64.self)
                                length += 8
                                i += 8
                                continue
                            }
                        }
                        let byte = src[i]
                        if byte > 0x20 && byte < 0x7F && byte != 0x60 {
                            dst[length] = byte
                            length += 1
                            i += 1
                        } else if byte == 0x20, length > 0, i + 1 < n, src[i + 1] > 0x20 && src[i + 1] < 0x7F && src[i + 1] != 0x60 {
                            dst[length] = 0x20
                            dst[length + 1] = src[i + 1]
                            length += 2
                            i += 2
                        } else {
                            break
                        }
                    }
                    if i == n { break }
                }
                let byte = src[i]
                if byte < 0x80 {
                    if byte <= 0x20 || byte == 0x7F {
                        pendingSpace = true
                    } else {
                        if pendingSpace {
                            if length > 0 { put(0x20) }
                            pendingSpace = false
                        }
                        put(byte == 0x60 ? 0x27 : byte)  // backtick as apostrophe
                    }
                    i += 1
                    continue
                }
                guard let (scalar, scalarLength) = Normalizer.decode(source, at: i) else { break }
                // The replaced and dropped characters first: none is a combining mark or a space,
                // and they are most of the non-ASCII characters of news text (curly quotes, dashes).
                let replacement: UInt8
                switch scalar.value {
                case 0x2018, 0x2019, 0x201A, 0x201B, 0x2039, 0x203A, 0x2032, 0x00B4: replacement = 0x27
                case 0x201C, 0x201D, 0x201E, 0x201F, 0x00AB, 0x00BB, 0x2033: replacement = 0x22
                case 0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2015, 0x2212: replacement = 0x2D
                case 0x2026: replacement = 0x2E
                case 0x00AD, 0x200B, 0x200C, 0x200D, 0xFEFF:  // soft hyphen and zero-width characters carry no text
                    i += scalarLength
                    continue
                default: replacement = 0
                }
                if replacement == 0 {
                    if !allowCombining, scalar.value >= 0x300, !(0x2000...0x206F).contains(scalar.value),
                        scalar.properties.canonicalCombiningClass.rawValue != 0
                    {
                        combining = true
                        break
                    }
                    if Normalizer.isSpace(scalar) {
                        pendingSpace = true
                        i += scalarLength
                        continue
                    }
                }
                defer { i += scalarLength }
                if pendingSpace {
                    if length > 0 { put(0x20) }
                    pendingSpace = false
                }
                if replacement != 0 {
                    put(replacement)
                    if scalar.value == 0x2026 { put(0x2E); put(0x2E) }
                } else {
                    for k in i..<(i + scalarLength) { put(src[k]) }
                }
            }
            return length
        }
        return combining ? nil : start + written
    }

    /// Fills `words` and `wordEnds` with the lowercased letter-and-digit runs of `key`. A run with
    /// non-ASCII letters is lowercased as a `String` (Unicode case mapping).
    mutating func splitWords() {
        words.removeAll(keepingCapacity: true)
        wordEnds.removeAll(keepingCapacity: true)
        let source = key
        if !source.contains(where: { $0 >= 0x80 }) {
            // An ASCII key (almost all): words are the runs of ASCII letters and digits, lowercased,
            // written straight into the buffers (a key of n bytes has at most n word bytes and
            // n / 2 + 1 words), which keep their storage from one key to the next.
            let n = source.count
            words.append(contentsOf: repeatElement(0, count: n))
            wordEnds.append(contentsOf: repeatElement(0, count: n / 2 + 1))
            let (written, ends) = source.withUnsafeBufferPointer { k in
                words.withUnsafeMutableBufferPointer { out in
                    wordEnds.withUnsafeMutableBufferPointer { endsOut -> (Int, Int) in
                        var length = 0
                        var count = 0
                        var inRun = false
                        for i in 0..<n {
                            let byte = k[i]
                            if byte &- 0x30 < 10 || (byte | 0x20) &- 0x61 < 26 {
                                out[length] = byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
                                length += 1
                                inRun = true
                            } else if inRun {
                                endsOut[count] = length
                                count += 1
                                inRun = false
                            }
                        }
                        if inRun {
                            endsOut[count] = length
                            count += 1
                        }
                        return (length, count)
                    }
                }
            }
            words.removeLast(words.count - written)
            wordEnds.removeLast(wordEnds.count - ends)
            return
        }
        var runStart = -1  // where the current run starts in `key`, or -1 outside a run
        var hasNonASCII = false
        var i = 0
        let n = key.count
        while i <= n {
            var isWord = false
            var length = 1
            if i < n {
                let byte = key[i]
                if byte < 0x80 {
                    isWord = (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A)
                } else if let (scalar, scalarLength) = Normalizer.decode(key, at: i) {
                    length = scalarLength
                    isWord = scalar.properties.isAlphabetic || scalar.properties.numericType != nil
                    if isWord { hasNonASCII = true }
                } else {
                    i = n
                    continue
                }
            }
            if isWord {
                if runStart < 0 { runStart = i }
            } else if runStart >= 0 {
                // The run ends: copy it out lowercased.
                if hasNonASCII {
                    words.append(contentsOf: String(decoding: key[runStart..<i], as: UTF8.self).lowercased().utf8)
                    hasNonASCII = false
                } else {
                    let start = words.count
                    words.append(contentsOf: key[runStart..<i])
                    for k in start..<words.count where words[k] >= 0x41 && words[k] <= 0x5A { words[k] |= 0x20 }
                }
                wordEnds.append(words.count)
                runStart = -1
            }
            i += length
        }
    }
}
