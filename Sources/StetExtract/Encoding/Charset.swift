// Charset detection and decoding to UTF-8, before the HTML parser sees the bytes.
//
// Order of evidence, strongest first: a byte-order mark; the HTTP Content-Type header's
// charset; `<meta charset>` or `<meta http-equiv="Content-Type" content="…charset=…">` in the
// first 4 KB (scanned as ASCII bytes, as browsers pre-scan); then sniffing. Declarations lie, so
// two checks guard them: a page declared as a single-byte Western charset (ISO-8859-1,
// Windows-1252, ASCII) that is valid UTF-8 with multi-byte sequences is read as UTF-8, and a page
// declared UTF-8 that is not valid UTF-8 is sniffed like an undeclared one. Sniffing keeps UTF-8 when
// valid; otherwise it tries Japanese (Shift_JIS, EUC-JP) strictly and keeps one only if the
// result is mostly kana and kanji; otherwise Windows-1252 (which, as in browsers, also stands for
// ISO-8859-1). Decoding uses the C library's iconv; unknown names fall back to sniffing.
//
// Complexity: O(n) per decoding attempt; at most three attempts.

import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

enum Charset {
    /// Returns the page as UTF-8 bytes and the charset name used.
    static func decodeToUTF8(_ bytes: [UInt8], contentType: String?) -> (bytes: [UInt8], charset: String) {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { return (repairUTF8(Array(bytes.dropFirst(3))), "UTF-8") }
        if bytes.starts(with: [0xFF, 0xFE]) { return (convert(Array(bytes.dropFirst(2)), from: "UTF-16LE") ?? sniff(bytes).bytes, "UTF-16LE") }
        if bytes.starts(with: [0xFE, 0xFF]) { return (convert(Array(bytes.dropFirst(2)), from: "UTF-16BE") ?? sniff(bytes).bytes, "UTF-16BE") }

        let declared = contentType.flatMap(charsetParameter) ?? metaCharset(bytes)
        if let declared {
            let name = canonicalName(declared)
            switch name {
            case "UTF-8":
                if isValidUTF8(bytes) { return (bytes, "UTF-8") }
                return sniff(bytes)
            case "WINDOWS-1252":
                if isValidUTF8(bytes) && hasMultibyte(bytes) { return (bytes, "UTF-8") }
                return (windows1252(bytes), "WINDOWS-1252")
            case "UTF-16", "UTF-16LE", "UTF-16BE":
                // A meta tag readable as ASCII cannot be in UTF-16: the declaration is wrong.
                return sniff(bytes)
            default:
                if let converted = convert(bytes, from: name) { return (converted, name) }
                return sniff(bytes)
            }
        }
        return sniff(bytes)
    }

    /// Guesses the charset of undeclared bytes.
    static func sniff(_ bytes: [UInt8]) -> (bytes: [UInt8], charset: String) {
        if isValidUTF8(bytes) { return (bytes, "UTF-8") }
        // Mostly valid UTF-8 with a few stray bytes: repair rather than reinterpret.
        if invalidUTF8Ratio(bytes) < 0.01 && hasMultibyte(bytes) { return (repairUTF8(bytes), "UTF-8") }
        for candidate in ["SHIFT_JIS", "EUC-JP"] {
            if let converted = convert(bytes, from: candidate == "SHIFT_JIS" ? "CP932" : candidate), looksJapanese(converted) {
                return (converted, candidate)
            }
        }
        return (windows1252(bytes), "WINDOWS-1252")
    }

    /// `charset=` from a Content-Type value.
    static func charsetParameter(_ contentType: String) -> String? {
        for part in contentType.split(separator: ";") {
            let pieces = part.split(separator: "=", maxSplits: 1)
            guard pieces.count == 2, pieces[0].trimmingCharacters(in: .whitespaces).lowercased() == "charset" else { continue }
            let value = pieces[1].trimmingCharacters(in: CharacterSet(charactersIn: " \t\"'"))
            return value.isEmpty ? nil : value
        }
        return nil
    }

    /// The charset declared by a `<meta>` tag in the first 4 KB, read as ASCII.
    static func metaCharset(_ bytes: [UInt8]) -> String? {
        // The head as lowercase ASCII, other bytes as spaces; searched byte-wise.
        // A plain loop into a sized array, and a plain byte comparison in `find`: the generic
        // `map` and slice `elementsEqual` cost ~25 instructions a byte of the head.
        let headCount = min(bytes.count, 4096)
        var head = [UInt8](repeating: 0, count: headCount)
        bytes.withUnsafeBufferPointer { source in
            head.withUnsafeMutableBufferPointer { out in
                for k in 0..<headCount {
                    let byte = source[k]
                    out[k] = byte >= 0x80 ? 0x20 : (byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte)
                }
            }
        }
        func find(_ needle: [UInt8], from start: Int, to end: Int) -> Int? {
            guard end - start >= needle.count, let first = needle.first else { return nil }
            var i = start
            while i <= end - needle.count {
                if head[i] == first {
                    var k = 1
                    while k < needle.count && head[i + k] == needle[k] { k += 1 }
                    if k == needle.count { return i }
                }
                i += 1
            }
            return nil
        }
        let meta = Array("<meta".utf8), charset = Array("charset".utf8)
        var searchStart = 0
        while let open = find(meta, from: searchStart, to: head.count) {
            let tagStart = open + meta.count
            var tagEnd = tagStart
            while tagEnd < head.count && head[tagEnd] != 0x3E { tagEnd += 1 }
            if let found = find(charset, from: tagStart, to: tagEnd) {
                var i = found + charset.count
                while i < tagEnd && head[i] == 0x20 { i += 1 }
                if i < tagEnd && head[i] == 0x3D {
                    i += 1
                    while i < tagEnd && (head[i] == 0x20 || head[i] == 0x22 || head[i] == 0x27) { i += 1 }
                    var valueEnd = i
                    // Up to a space, quote, semicolon, slash or '>'.
                    while valueEnd < tagEnd && ![0x20, 0x22, 0x27, 0x3B, 0x2F, 0x3E].contains(head[valueEnd]) { valueEnd += 1 }
                    if valueEnd > i { return String(decoding: head[i..<valueEnd], as: UTF8.self) }
                }
            }
            searchStart = tagEnd
        }
        return nil
    }

    /// Maps aliases to the names used here and by iconv.
    static func canonicalName(_ name: String) -> String {
        // Trimmed like `trimmingCharacters(in: .whitespaces)` (tab and space separators), without
        // Foundation's character sets, which cost more than the rest of charset detection.
        let scalars = name.lowercased().unicodeScalars
        func isSpace(_ scalar: Unicode.Scalar) -> Bool { scalar == "\t" || scalar.properties.generalCategory == .spaceSeparator }
        var start = scalars.startIndex, end = scalars.endIndex
        while start < end, isSpace(scalars[start]) { start = scalars.index(after: start) }
        while end > start, isSpace(scalars[scalars.index(before: end)]) { end = scalars.index(before: end) }
        let lower = String(scalars[start..<end])
        switch lower {
        case "utf-8", "utf8", "unicode-1-1-utf-8", "x-unicode20utf8": return "UTF-8"
        case "iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1", "us-ascii", "ascii", "windows-1252", "cp1252", "x-cp1252", "iso_8859-1", "cp819", "ibm819":
            return "WINDOWS-1252"
        case "shift_jis", "shift-jis", "sjis", "x-sjis", "ms_kanji", "windows-31j", "cp932": return "CP932"
        case "gb2312", "gbk", "x-gbk", "gb18030", "chinese": return "GB18030"
        case "utf-16": return "UTF-16"
        default: return lower.uppercased()
        }
    }

    /// Strict UTF-8 validation (no overlongs, surrogates or values past U+10FFFF), with an ASCII
    /// fast path eight bytes at a time: it runs over every page.
    static func isValidUTF8(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { buffer -> Bool in
            guard let base = buffer.baseAddress else { return true }
            let n = buffer.count
            var i = 0
            while i < n {
                while i + 8 <= n, UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0 { i += 8 }
                guard i < n else { break }
                let lead = base[i]
                if lead < 0x80 {
                    i += 1
                    continue
                }
                let length: Int
                var low: UInt8 = 0x80, high: UInt8 = 0xBF
                switch lead {
                case 0xC2...0xDF: length = 2
                case 0xE0: length = 3; low = 0xA0
                case 0xE1...0xEC, 0xEE...0xEF: length = 3
                case 0xED: length = 3; high = 0x9F
                case 0xF0: length = 4; low = 0x90
                case 0xF1...0xF3: length = 4
                case 0xF4: length = 4; high = 0x8F
                default: return false
                }
                guard i + length <= n else { return false }
                let second = base[i + 1]
                guard second >= low && second <= high else { return false }
                for k in 2..<length where base[i + k] & 0xC0 != 0x80 { return false }
                i += length
            }
            return true
        }
    }

    private static func invalidUTF8Ratio(_ bytes: [UInt8]) -> Double {
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        var errors = 0
        var scalars = 0
        loop: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue: scalars += 1
            case .emptyInput: break loop
            case .error: errors += 1
            }
        }
        return Double(errors) / Double(max(1, scalars + errors))
    }

    private static func hasMultibyte(_ bytes: [UInt8]) -> Bool { bytes.contains { $0 >= 0xC2 } }

    private static func repairUTF8(_ bytes: [UInt8]) -> [UInt8] { Array(String(decoding: bytes, as: UTF8.self).utf8) }

    /// Windows-1252 (the WHATWG reading of ISO-8859-1), decoded by table: it cannot fail.
    static func windows1252(_ bytes: [UInt8]) -> [UInt8] {
        let high: [UInt32] = [
            0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D, 0x017D, 0x8F,
            0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
        ]
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + bytes.count / 4)
        for byte in bytes {
            if byte < 0x80 {
                out.append(byte)
                continue
            }
            let value: UInt32 = byte <= 0x9F ? high[Int(byte) - 0x80] : UInt32(byte)
            if let scalar = Unicode.Scalar(value), let encoded = UTF8.encode(scalar) { out.append(contentsOf: encoded) }
        }
        return out
    }

    /// Japanese text is full of kana; a wrong guess gives scattered rare kanji and symbols.
    private static func looksJapanese(_ utf8: [UInt8]) -> Bool {
        var kana = 0
        var nonASCII = 0
        for scalar in String(decoding: utf8, as: UTF8.self).unicodeScalars where scalar.value >= 0x80 {
            nonASCII += 1
            if (0x3040...0x30FF).contains(scalar.value) || (0x3000...0x303F).contains(scalar.value) { kana += 1 }
        }
        return nonASCII > 0 && Double(kana) / Double(nonASCII) >= 0.2
    }

    /// Strict conversion with iconv; nil when the charset is unknown or the bytes are invalid in it.
    static func convert(_ bytes: [UInt8], from charset: String) -> [UInt8]? {
        let descriptor = iconv_open("UTF-8", charset)
        guard let descriptor, descriptor != iconv_t(bitPattern: -1) else { return nil }
        defer { iconv_close(descriptor) }
        if bytes.isEmpty { return [] }
        var input = bytes
        var output = [UInt8](repeating: 0, count: bytes.count * 4 + 16)
        let produced: Int? = input.withUnsafeMutableBufferPointer { inBuffer in
            output.withUnsafeMutableBufferPointer { outBuffer in
                guard let inBase = inBuffer.baseAddress, let outBase = outBuffer.baseAddress else { return nil }
                var inPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inBase).assumingMemoryBound(to: CChar.self)
                var outPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBase).assumingMemoryBound(to: CChar.self)
                var inLeft = inBuffer.count
                var outLeft = outBuffer.count
                let result = iconv(descriptor, &inPointer, &inLeft, &outPointer, &outLeft)
                if result == -1 || inLeft != 0 { return nil }
                return outBuffer.count - outLeft
            }
        }
        guard let produced else { return nil }
        return Array(output.prefix(produced))
    }
}
