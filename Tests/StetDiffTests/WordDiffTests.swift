import Foundation
import StetDiff
import Testing

/// `WordDiff` tokenizes ASCII text on bytes and interns tokens before the LCS; the tokens and spans
/// must be those of the definition by `Character`s.
@Suite struct WordDiffTests {
    /// The tokenizer's definition, by `Character`s.
    static func referenceTokens(_ text: String) -> [String] {
        func kind(_ character: Character) -> Int {
            if character.isLetter || character.isNumber { return 0 }
            if character.isWhitespace { return 1 }
            return 2
        }
        var result: [String] = []
        var index = text.startIndex
        while index < text.endIndex {
            let k = kind(text[index])
            var next = text.index(after: index)
            if k != 2 {
                while next < text.endIndex, kind(text[next]) == k { next = text.index(after: next) }
            }
            result.append(String(text[index..<next]))
            index = next
        }
        return result
    }

    @Test func tokensFollowTheCharacterDefinition() {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("ab Z9\t\r\n.,-'\"\u{0B}\u{0C}$%()") + ["\r\n"]
        var texts = ["", " ", "Officials said 14 people were killed.", "a\r\nb", "x\u{0}y", "“Curly” café — naïve", "e\u{301}t\u{301}é"]
        for _ in 0..<500 {
            texts.append(String((0..<Int.random(in: 0...40, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }))
        }
        for text in texts {
            let tokens = WordDiff.tokens(text)
            #expect(tokens.map(String.init) == Self.referenceTokens(text), "\(text.debugDescription)")
            #expect(tokens.joined() == text)
        }
    }

    @Test func spansRebuildBothSidesAndKeepSharedWords() {
        let old = "Officials said 14 people were killed in the strikes on Tuesday."
        let new = "Officials now say 21 people were killed in the strikes on Tuesday night."
        let spans = WordDiff.spans(old: old, new: new)
        #expect(spans.filter { $0.operation != .inserted }.map(\.text).joined() == old)
        #expect(spans.filter { $0.operation != .deleted }.map(\.text).joined() == new)
        #expect(spans.contains { $0.operation == .deleted && $0.text.contains("14") })
        #expect(spans.contains { $0.operation == .inserted && $0.text.contains("21") })
        #expect(spans.contains { $0.operation == .equal && $0.text.contains("people were killed in the strikes on Tuesday") })
        #expect(WordDiff.spans(old: old, new: old) == [WordDiff.Span(.equal, old)])
    }
}
