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
        var needsComposition = false
        var isASCII = true
        for byte in text.utf8 where byte >= 0x80 {
            isASCII = false
            break
        }
        if !isASCII {
            for scalar in text.unicodeScalars where scalar.value >= 0x300 && scalar.properties.canonicalCombiningClass.rawValue != 0 {
                needsComposition = true
                break
            }
        }
        let source = needsComposition ? text.precomposedStringWithCanonicalMapping : text
        var key = KeyBuilder(capacity: source.utf8.count)
        if isASCII {
            for byte in source.utf8 {
                if byte <= 0x20 || byte == 0x7F {
                    key.pendingSpace = true
                } else {
                    key.emit(byte == 0x60 ? 0x27 : byte)  // backtick as apostrophe
                }
            }
            return key.string
        }
        for scalar in source.unicodeScalars {
            if isSpace(scalar) {
                key.pendingSpace = true
                continue
            }
            switch scalar.value {
            case 0x2018, 0x2019, 0x201A, 0x201B, 0x2039, 0x203A, 0x2032, 0x0060, 0x00B4:
                key.emit(0x27)
            case 0x201C, 0x201D, 0x201E, 0x201F, 0x00AB, 0x00BB, 0x2033:
                key.emit(0x22)
            case 0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2015, 0x2212:
                key.emit(0x2D)
            case 0x2026:
                key.emit(0x2E); key.bytes.append(0x2E); key.bytes.append(0x2E)
            case 0x00AD, 0x200B, 0x200C, 0x200D, 0xFEFF:
                continue  // soft hyphen and zero-width characters carry no text
            default:
                if scalar.isASCII {
                    key.emit(UInt8(scalar.value))
                } else if let encoded = UTF8.encode(scalar) {
                    var first = true
                    for byte in encoded {
                        if first { key.emit(byte); first = false } else { key.bytes.append(byte) }
                    }
                }
            }
        }
        return key.string
    }

    /// Collects the key's UTF-8 bytes, turning pending whitespace into one space between words.
    private struct KeyBuilder {
        var bytes: [UInt8] = []
        var pendingSpace = false

        init(capacity: Int) { bytes.reserveCapacity(capacity) }

        @inline(__always) mutating func emit(_ byte: UInt8) {
            if pendingSpace {
                if !bytes.isEmpty { bytes.append(0x20) }
                pendingSpace = false
            }
            bytes.append(byte)
        }

        var string: String { String(decoding: bytes, as: UTF8.self) }
    }

    /// The lowercased letter-and-digit runs of a text, after the comparison normalization.
    public static func words(_ text: String) -> [String] {
        words(inKey: comparisonKey(text))
    }

    /// The lowercased letter-and-digit runs of a text that is already a comparison key.
    public static func words(inKey key: String) -> [String] {
        var result: [String] = []
        if key.utf8.allSatisfy({ $0 < 0x80 }) {
            var current: [UInt8] = []
            for byte in key.utf8 {
                switch byte {
                case 0x30...0x39, 0x61...0x7A: current.append(byte)
                case 0x41...0x5A: current.append(byte | 0x20)
                default:
                    if !current.isEmpty {
                        result.append(String(decoding: current, as: UTF8.self))
                        current.removeAll(keepingCapacity: true)
                    }
                }
            }
            if !current.isEmpty { result.append(String(decoding: current, as: UTF8.self)) }
            return result
        }
        var current = String.UnicodeScalarView()
        for scalar in key.unicodeScalars {
            let isWordScalar = scalar.isASCII
                ? (scalar.value >= 0x30 && scalar.value <= 0x39) || (scalar.value | 0x20 >= 0x61 && scalar.value | 0x20 <= 0x7A)
                : scalar.properties.isAlphabetic || scalar.properties.numericType != nil
            if isWordScalar {
                current.append(scalar)
            } else if !current.isEmpty {
                result.append(String(current).lowercased())
                current = String.UnicodeScalarView()
            }
        }
        if !current.isEmpty { result.append(String(current).lowercased()) }
        return result
    }

    /// True for every scalar the comparison treats as a space (including no-break spaces,
    /// line and paragraph separators and control characters).
    public static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII { return scalar.value <= 0x20 || scalar.value == 0x7F }
        if scalar.properties.isWhitespace { return true }
        switch scalar.value {
        case 0x00A0, 0x2007, 0x202F, 0x2060: return true
        case 0x80..<0xA0: return true
        default: return false
        }
    }
}
