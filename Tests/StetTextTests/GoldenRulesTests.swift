import Testing
import StetText

/// The pySBD English Golden Rules and regression cases, compared sentence by sentence.
@Suite("Golden rules")
struct GoldenRulesTests {
    let segmenter = Segmenter()

    @Test("The corpus holds 48 golden rules and 13 regression cases")
    func corpusIsComplete() {
        #expect(Corpus.goldenRules.count == 48)
        #expect(Corpus.regressions.count == 13)
    }

    @Test("English golden rule", arguments: Corpus.goldenRules)
    func goldenRule(_ item: Corpus.SentenceCase) {
        #expect(segmenter.sentences(in: item.text) == item.expected)
    }

    @Test("pySBD regression", arguments: Corpus.regressions)
    func regression(_ item: Corpus.SentenceCase) {
        #expect(segmenter.sentences(in: item.text) == item.expected)
    }
}
