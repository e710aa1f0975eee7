// Reads character data and end tags the way libxml2 2.9's HTML parser reads them, so that
// `LibXMLParser` can hand text to the DOM itself instead of letting libxml2 decode it.
//
// libxml2 reads text one character at a time (`htmlParseCharData`: decode the character, check
// it, copy it into a buffer, step over it), some 60 to 80 instructions a byte, and text is a
// large part of every page. Where libxml2's next read is known to be character data in an
// element whose text needs no repair (see `LibXMLParser`'s `readTextRun`), the same bytes can be
// found with a table lookup a byte: libxml2 would copy every character up to the first `<`, `&`
// or NUL, except characters that are not XML characters, which it drops. `plainEnd` stops at
// the first byte that is not plainly copied (those three, a control character, a malformed or
// overlong UTF-8 sequence, a surrogate, U+FFFE or U+FFFF), and libxml2 reads on from there as
// usual, so its rules for anything odd still apply.
//
// `EndTag.read` recognizes the plainest end tag, `</name>`, exactly as `htmlParseEndTag` reads
// its name (letters, digits and `:-_.`, starting with a letter, `_` or `:`; libxml2 lowercases
// it and reads at most 99 bytes of it), so that the parser knows which element that end tag will
// close before libxml2 reads it.
//
// Complexity: O(length of the run).

enum TextRun {
    /// Byte classes: 0 plain (copied as it stands), 1 stop, 2 the lead byte of a multi-byte sequence.
    private static let classes: [UInt8] = (0..<256).map { byte in
        if byte == 0x3C || byte == 0x26 { return 1 }
        if byte < 0x20 { return byte == 0x09 || byte == 0x0A || byte == 0x0D ? 0 : 1 }
        if byte < 0x80 { return 0 }
        return byte >= 0xC0 ? 2 : 1
    }

    /// The index of the first byte at or after `start` that libxml2's character-data reader
    /// would not copy as it stands (see above); `bytes.count` when every byte is plain.
    static func plainEnd(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        let n = bytes.count
        var i = start
        guard let base = bytes.baseAddress else { return i }
        classes.withUnsafeBufferPointer { table in
            while i < n {
                // Eight plain ASCII bytes at a time (none below 0x20, at or above 0x80, `<` or `&`);
                // a word holding any other byte goes through the table a byte at a time.
                if i + 8 <= n && isPlainWord(UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)) {
                    i += 8
                    continue
                }
                let stop = min(i + 8, n)
                while i < stop {
                    let byte = bytes[i]
                    let kind = table[Int(byte)]
                    if kind == 0 {
                        i += 1
                        continue
                    }
                    if kind == 1 { return }
                    let length = sequenceLength(bytes, at: i)
                    if length == 0 { return }
                    i += length
                }
            }
        }
        return i
    }

    /// libxml2's `IS_CHAR`: tab, LF, CR, U+0020–U+D7FF, U+E000–U+FFFD, U+10000–U+10FFFF.
    static func isXMLCharacter(_ value: UInt32) -> Bool {
        value == 0x09 || value == 0x0A || value == 0x0D || (value >= 0x20 && value <= 0xD7FF) || (value >= 0xE000 && value <= 0xFFFD)
            || (value >= 0x10000 && value <= 0x10FFFF)
    }

    /// Whether libxml2's raw-text reader (`htmlParseScript`, for `<script>` and `<style>`
    /// bodies) copies every byte of `bytes` as it stands: the bytes `plainEnd` accepts, plus `<`
    /// and `&`, which raw text holds literally. O(n).
    static func isPlainRaw(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = bytes.count
        var i = 0
        return classes.withUnsafeBufferPointer { table in
            while i < n {
                let byte = bytes[i]
                let kind = table[Int(byte)]
                if kind == 0 || byte == 0x3C || byte == 0x26 {
                    i += 1
                    continue
                }
                if kind == 1 { return false }
                let length = sequenceLength(bytes, at: i)
                if length == 0 { return false }
                i += length
            }
            return true
        }
    }

    /// Whether none of the eight bytes of `word` is below 0x20, at or above 0x80, `<` or `&`
    /// (the classic SWAR tests: a byte below `n` sets its high bit in `(w - n·0x01…) & ~w`, and
    /// a byte equal to `c` is a zero byte of `w ^ c·0x01…`).
    @inline(__always)
    static func isPlainWord(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let below = (word &- ones &* 0x20) & ~word
        let less = word ^ (ones &* 0x3C)
        let amp = word ^ (ones &* 0x26)
        let zeroLess = (less &- ones) & ~less
        let zeroAmp = (amp &- ones) & ~amp
        return (word | below | zeroLess | zeroAmp) & highs == 0
    }

    /// The length of the UTF-8 sequence led by `bytes[i]` (at least 0xC0) when libxml2 decodes
    /// it (`htmlCurrentChar`) to an XML character; 0 when it is malformed, overlong, cut off by
    /// the end of `bytes`, or not an XML character.
    @inline(__always)
    static func sequenceLength(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> Int {
        let n = bytes.count
        let lead = UInt32(bytes[i])
        guard i + 1 < n, bytes[i + 1] & 0xC0 == 0x80 else { return 0 }
        let second = UInt32(bytes[i + 1] & 0x3F)
        if lead & 0xE0 == 0xC0 {
            let value = (lead & 0x1F) << 6 | second
            return value >= 0x80 ? 2 : 0
        }
        guard i + 2 < n, bytes[i + 2] & 0xC0 == 0x80 else { return 0 }
        let third = UInt32(bytes[i + 2] & 0x3F)
        if lead & 0xF0 == 0xE0 {
            let value = (lead & 0x0F) << 12 | second << 6 | third
            guard value >= 0x800 else { return 0 }
            return (value < 0xD800 || (value >= 0xE000 && value <= 0xFFFD)) ? 3 : 0
        }
        guard lead & 0xF8 == 0xF0, i + 3 < n, bytes[i + 3] & 0xC0 == 0x80 else { return 0 }
        let value = (lead & 0x07) << 18 | second << 12 | third << 6 | UInt32(bytes[i + 3] & 0x3F)
        return value >= 0x10000 && value <= 0x10FFFF ? 4 : 0
    }
}

/// The plainest end tag, `</name>`, found where libxml2 is about to read.
struct EndTag {
    /// The name's bytes in the input, `bytes[nameStart ..< nameEnd]` (any case).
    var nameStart: Int
    var nameEnd: Int
    /// One past the tag's `>`.
    var end: Int

    /// Reads `</name>` at `start` in `bytes`: `</`, a name libxml2 reads whole (under 100
    /// bytes), then `>` at once. Nil for anything else (blanks or junk before the `>` included).
    static func read(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> EndTag? {
        let n = bytes.count
        guard start + 3 < n, bytes[start] == 0x3C, bytes[start + 1] == 0x2F else { return nil }
        let first = bytes[start + 2]
        guard StartTag.isLetter(first) || first == 0x5F || first == 0x3A else { return nil }
        var i = start + 3
        while i < n && StartTag.isNameByte(bytes[i]) {
            i += 1
            if i - start - 2 >= 99 { return nil }
        }
        guard i < n, bytes[i] == 0x3E else { return nil }
        return EndTag(nameStart: start + 2, nameEnd: i, end: i + 1)
    }
}
