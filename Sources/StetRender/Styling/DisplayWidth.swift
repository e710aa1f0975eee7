/// How many terminal columns text takes.
///
/// A Character (grapheme cluster) takes two columns when its first scalar is East Asian Wide or
/// Fullwidth (CJK ideographs, Hangul syllables, kana, fullwidth forms) or an emoji presented as
/// one, and one column otherwise; combining marks already belong to their base Character. This is
/// the usual `wcwidth` approximation, by code point ranges, without a full Unicode table.
/// - Complexity: O(n) in the characters.
enum DisplayWidth {
    static func of(_ text: some StringProtocol) -> Int {
        var width = 0
        for character in text { width += of(character) }
        return width
    }

    static func of(_ character: Character) -> Int {
        guard let scalar = character.unicodeScalars.first else { return 0 }
        if scalar.isASCII { return 1 }
        if scalar.properties.isEmojiPresentation { return 2 }
        switch scalar.value {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
            0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x20000...0x3FFFD:
            return 2
        default:
            return 1
        }
    }
}
