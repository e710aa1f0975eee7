/// A small tokenizer shared by the facet recognizers.
///
/// Tokens are words (letters with inner apostrophes and hyphens), numbers (digits with inner
/// `,` `.` `:` `/` between digits), and single other characters. Each token remembers whether
/// whitespace came before it, so recognizers can tell "5m" from "5 m" and "COVID-19" from "- 19".
/// - Complexity: O(n) in the characters of the text.
struct WordToken: Hashable {
    enum Kind { case word, number, symbol }
    var text: String
    var kind: Kind
    var spaceBefore: Bool

    var lower: String { text.lowercased() }
    var isCapitalized: Bool { kind == .word && (text.first?.isUppercase ?? false) }
}

enum WordScanner {
    static func isApostrophe(_ c: Character) -> Bool { c == "'" || c == "\u{2019}" || c == "\u{2018}" }
    static func isHyphen(_ c: Character) -> Bool { c == "-" || c == "\u{2010}" || c == "\u{2011}" }

    static func tokens(_ text: String) -> [WordToken] {
        let chars = Array(text)
        var result: [WordToken] = []
        var index = 0
        var space = true
        while index < chars.count {
            let c = chars[index]
            if c.isWhitespace {
                space = true
                index += 1
                continue
            }
            var end = index + 1
            let kind: WordToken.Kind
            if c.isNumber && c.isASCII {
                kind = .number
                while end < chars.count {
                    if chars[end].isNumber && chars[end].isASCII {
                        end += 1
                    } else if ",.:/".contains(chars[end]), end + 1 < chars.count, chars[end + 1].isNumber, chars[end + 1].isASCII {
                        end += 2
                    } else {
                        break
                    }
                }
            } else if c.isLetter {
                kind = .word
                while end < chars.count {
                    if chars[end].isLetter || chars[end].isNumber {
                        end += 1
                    } else if isApostrophe(chars[end]) || isHyphen(chars[end]), end + 1 < chars.count, chars[end + 1].isLetter {
                        end += 2
                    } else {
                        break
                    }
                }
            } else {
                kind = .symbol
            }
            result.append(WordToken(text: String(chars[index..<end]), kind: kind, spaceBefore: space))
            space = false
            index = end
        }
        return result
    }
}
