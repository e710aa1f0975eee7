import Testing
@testable import StetText

/// The word lists are looked up in a fixed case; an entry in the wrong case would never match.
@Suite("Lexicon")
struct LexiconTests {
    @Test("Lower-case lists hold lower-case entries")
    func lowerCaseLists() {
        for entry in Lexicon.general.union(Lexicon.inner).union(Lexicon.timePhraseWords).union(Lexicon.speechVerbs) {
            #expect(entry == entry.lowercased(), "\(entry)")
        }
    }

    @Test("Capitalized lists hold capitalized entries")
    func capitalizedLists() {
        for entry in Lexicon.titles.union(Lexicon.capitalizedGeneral).union(Lexicon.sentenceStarters).union(Lexicon.exclamationNames) {
            #expect(entry.first?.isUppercase == true, "\(entry)")
        }
    }

    @Test("Abbreviations carry no final period; titles and capitalized abbreviations are disjoint")
    func abbreviationShape() {
        let abbreviations = Lexicon.titles.union(Lexicon.general).union(Lexicon.capitalizedGeneral).union(Lexicon.inner)
        for entry in abbreviations {
            #expect(!entry.hasSuffix("."), "\(entry)")
            #expect(!entry.isEmpty)
        }
        #expect(Lexicon.titles.isDisjoint(with: Lexicon.capitalizedGeneral))
    }
}
