import Foundation

// Small integer ids for texts, equal exactly where the texts are equal as `String`s.
//
// Reasoning. `String` equality is Unicode canonical equivalence, so hashing a `String` runs a
// normalization check over every non-ASCII scalar (~4,000 instructions for a sentence with a curly
// quote); a renderer that re-pairs thousands of sentences by text spent more there than the diff
// itself took. Most news text is already in NFC and can be compared as bytes: a text whose scalars
// all lie below U+0300 (ASCII, Latin-1, Latin Extended: no combining mark, and every precomposed
// letter there is its own NFC form) or in the punctuation U+2010–U+2027 and U+2030–U+205E (curly
// quotes, dashes, ellipsis, primes: no decomposition, no combining class) is its own NFC form, and
// two NFC texts are equivalent exactly when their bytes are equal. Any other text is keyed by its
// NFC form (`precomposedStringWithCanonicalMapping`), so equivalent texts of either kind meet (the
// Kelvin sign and "K", "e" with a combining acute and "é"). Keys are hashed with `ByteHash`.
//
// Complexity: O(n) in the bytes of the texts.

/// Ids for texts, equal exactly where the texts are equal as `String`s (canonical equivalence).
package struct TextIDs {
    private struct Key: Hashable {
        /// The text in NFC.
        var form: String
        let hash: UInt64

        init(_ text: String) {
            form = TextIDs.isPlainNFC(text) ? text : text.precomposedStringWithCanonicalMapping
            hash = form.withUTF8Bytes { ByteHash.hash($0) }
        }

        func hash(into hasher: inout Hasher) { hasher.combine(hash) }

        static func == (a: Key, b: Key) -> Bool {
            a.hash == b.hash && a.form.withUTF8Bytes { p in b.form.withUTF8Bytes { q in ByteHash.equal(p, q) } }
        }
    }

    private var ids: [Key: Int] = [:]

    package init() {}

    /// The id of `text`: the id of an earlier text equal to it, or the next unused one.
    package mutating func id(_ text: String) -> Int {
        let key = Key(text)
        if let known = ids[key] { return known }
        ids[key] = ids.count
        return ids.count - 1
    }

    /// Whether every scalar of `text` is one of those that make a text its own NFC form (see above),
    /// read on the UTF-8: U+0080–U+02FF are the two-byte sequences led by 0xC2–0xCB, U+2010–U+2027
    /// are E2 80 90–A7, U+2030–U+205E are E2 80 B0–BF and E2 81 80–9E.
    static func isPlainNFC(_ text: String) -> Bool {
        text.withUTF8Bytes { bytes in
            let n = bytes.count
            var i = 0
            while i < n {
                if i + 8 <= n, bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                    i += 8
                    continue
                }
                let lead = bytes[i]
                if lead < 0x80 {
                    i += 1
                } else if lead >= 0xC2 && lead <= 0xCB {
                    i += 2
                } else if lead == 0xE2, i + 2 < n,
                    (bytes[i + 1] == 0x80 && ((bytes[i + 2] >= 0x90 && bytes[i + 2] <= 0xA7) || bytes[i + 2] >= 0xB0))
                        || (bytes[i + 1] == 0x81 && bytes[i + 2] <= 0x9E)
                {
                    i += 3
                } else {
                    return false
                }
            }
            return true
        }
    }
}
