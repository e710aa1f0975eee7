// Trimming whitespace without Foundation.
//
// `trimmingCharacters(in: .whitespacesAndNewlines)` goes through NSString and CharacterSet; at
// the start of a read command (`stet log ID`) it was the first use of both, which costs more than
// the lookup it prepares. `CharacterSet.whitespacesAndNewlines` is the Unicode White_Space
// property (U+0009–U+000D, U+0020, U+0085, U+00A0, U+1680, U+2000–U+200A, U+2028, U+2029,
// U+202F, U+205F, U+3000) plus U+200B ZERO WIDTH SPACE, checked scalar by scalar as here;
// `IndexCodingTests` compares the two over every scalar.
//
// Complexity: O(n) in the string's scalars.

extension String {
    /// The string without leading and trailing whitespace scalars: the same as Foundation's
    /// `trimmingCharacters(in: .whitespacesAndNewlines)`.
    var trimmingWhitespace: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.isTrimmedWhitespace }),
            let last = scalars.lastIndex(where: { !$0.isTrimmedWhitespace })
        else { return "" }
        return String(scalars[first...last])
    }
}

extension Unicode.Scalar {
    /// In `CharacterSet.whitespacesAndNewlines`: White_Space, or U+200B.
    var isTrimmedWhitespace: Bool { properties.isWhitespace || value == 0x200B }
}
