import Testing
import StetText

/// News-text behaviour beyond the golden rules: abbreviations, initials, figures, times, quotes,
/// attributions, update notes, URLs and lists.
@Suite("News segmentation")
struct NewsSegmentationTests {
    struct Example: Sendable, CustomTestStringConvertible {
        var name: String
        var text: String
        var expected: [String]
        var testDescription: String { name }
        init(_ name: String, _ text: String, _ expected: [String]) {
            self.name = name
            self.text = text
            self.expected = expected
        }
    }

    static let examples: [Example] = [
        Example("titles before names", "Mr. Smith met Dr. Jones and Sen. Warren. Gen. Milley was not there.",
            ["Mr. Smith met Dr. Jones and Sen. Warren.", "Gen. Milley was not there."]),
        Example("more titles", "Lt. Gov. Dan Patrick spoke to Rep. Ocasio-Cortez (D-N.Y.) on Tuesday. Prof. Lee agreed.",
            ["Lt. Gov. Dan Patrick spoke to Rep. Ocasio-Cortez (D-N.Y.) on Tuesday.", "Prof. Lee agreed."]),
        Example("U.S. and U.K. inside a sentence", "The U.S. Senate and the U.K. Foreign Office disagreed.",
            ["The U.S. Senate and the U.K. Foreign Office disagreed."]),
        Example("U.S. ending a sentence", "She moved to the U.S. It was 1990. Then she left the U.K. \"Never again,\" she said.",
            ["She moved to the U.S.", "It was 1990.", "Then she left the U.K.", "\"Never again,\" she said."]),
        Example("U.S. before lower case", "Aid from the U.S. rose sharply.", ["Aid from the U.S. rose sharply."]),
        Example("months and dates", "The strike began Jan. 3, 2024. It ended on Feb. 24 after Sept. 11 talks.",
            ["The strike began Jan. 3, 2024.", "It ended on Feb. 24 after Sept. 11 talks."]),
        Example("month ending a sentence", "The vote is set for late Jan. The result is uncertain.",
            ["The vote is set for late Jan.", "The result is uncertain."]),
        Example("a.m. and p.m. with figures", "The blast happened at 5:30 a.m. on Monday. Police arrived by 6 p.m. and left.",
            ["The blast happened at 5:30 a.m. on Monday.", "Police arrived by 6 p.m. and left."]),
        Example("p.m. ending a sentence", "The meeting ended at 9 p.m. The mayor left first.",
            ["The meeting ended at 9 p.m.", "The mayor left first."]),
        Example("a.m. before a weekday and a zone", "Voting opens at 7 a.m. Tuesday and closes at 8 p.m. ET on Wednesday.",
            ["Voting opens at 7 a.m. Tuesday and closes at 8 p.m. ET on Wednesday."]),
        Example("update note", "Update 1/3/24, 9:20 a.m. ET: This article has been updated with comment from the FCDO.",
            ["Update 1/3/24, 9:20 a.m. ET: This article has been updated with comment from the FCDO."]),
        Example("update note before the body", "Update 1/3/24, 9:20 a.m. ET: This article was updated. The story follows.",
            ["Update 1/3/24, 9:20 a.m. ET: This article was updated.", "The story follows."]),
        Example("No. before a figure", "He is the No. 2 official. No. He did not resign.",
            ["He is the No. 2 official.", "No.", "He did not resign."]),
        Example("St. as saint and street", "St. Louis police closed Main St. The road reopened at noon.",
            ["St. Louis police closed Main St.", "The road reopened at noon."]),
        Example("company abbreviations", "Apple Inc. Chief Executive Tim Cook spoke. Shares of Ford Motor Co. It fell.",
            ["Apple Inc. Chief Executive Tim Cook spoke.", "Shares of Ford Motor Co.", "It fell."]),
        Example("initials", "J. R. R. Tolkien wrote it. John F. Kennedy read it. J.R.R. Tolkien smiled.",
            ["J. R. R. Tolkien wrote it.", "John F. Kennedy read it.", "J.R.R. Tolkien smiled."]),
        Example("decimals and money", "The deal is worth $1.5 billion. Profit rose 3.2 percent to €4.75 million.",
            ["The deal is worth $1.5 billion.", "Profit rose 3.2 percent to €4.75 million."]),
        Example("ellipsis mid-sentence and at the end", "He paused... and then left. She waited… Nobody came.",
            ["He paused... and then left.", "She waited…", "Nobody came."]),
        Example("quote closing after the period", "\"We will not leave,\" he said. \"This is our home.\" Officials disagreed.",
            ["\"We will not leave,\" he said.", "\"This is our home.\"", "Officials disagreed."]),
        Example("curly quotes", "“It is over.” The crowd cheered. ‘Fine.’ She left.",
            ["“It is over.”", "The crowd cheered.", "‘Fine.’", "She left."]),
        Example("quote spanning sentences", "\"The war is over. We have won. Go home,\" the general said.",
            ["\"The war is over.", "We have won.", "Go home,\" the general said."]),
        Example("question in quotes with attribution", "\"Why?\" she asked. \"Because we can!\" he shouted.",
            ["\"Why?\" she asked.", "\"Because we can!\" he shouted."]),
        Example("question in quotes with a named speaker", "\"Why now?\" Smith asked. \"Who knows?\" Mr. Jones said. \"Really?\" The room fell silent.",
            ["\"Why now?\" Smith asked.", "\"Who knows?\" Mr. Jones said.", "\"Really?\"", "The room fell silent."]),
        Example("URL and e-mail", "Read it at www.example.com/news. Write to tips@example.org. Or visit https://example.com/a.b?c=d. Thanks.",
            ["Read it at www.example.com/news.", "Write to tips@example.org.", "Or visit https://example.com/a.b?c=d.", "Thanks."]),
        Example("parentheses", "The agency (which was founded in 1947.) declined. (It later apologized.) Critics were not satisfied.",
            ["The agency (which was founded in 1947.) declined.", "(It later apologized.)", "Critics were not satisfied."]),
        Example("states in AP style", "He was born in Springfield, Ill. He later moved to Sacramento, Calif., and then to Reno, Nev. The rest is history.",
            ["He was born in Springfield, Ill.", "He later moved to Sacramento, Calif., and then to Reno, Nev.", "The rest is history."]),
        Example("figures opening a sentence", "Sales fell in 2009. 2010 was better. Was it luck? 2011 was worse.",
            ["Sales fell in 2009.", "2010 was better.", "Was it luck?", "2011 was worse."]),
        Example("exclamation inside a sentence", "She shouted \"Stop!\" and ran. Yahoo! News reported it!",
            ["She shouted \"Stop!\" and ran.", "Yahoo! News reported it!"]),
        Example("camel-case sentence start", "The company sold fewer phones. iPhone sales fell 5%.",
            ["The company sold fewer phones.", "iPhone sales fell 5%."]),
        Example("vs. and e.g.", "The case, Smith vs. Jones, names firms, e.g. Acme, as defendants.",
            ["The case, Smith vs. Jones, names firms, e.g. Acme, as defendants."]),
        Example("bulleted list", "• First point. • Second point • Third point",
            ["• First point.", "• Second point", "• Third point"]),
        Example("numbered list", "1. Cut taxes 2. Build roads 3. Hire teachers",
            ["1. Cut taxes", "2. Build roads", "3. Hire teachers"]),
        Example("period after a closing quote or bracket", "He tested positive for \"P\". Others did not. It emits carbon monoxide (CO). Long cycles follow.",
            ["He tested positive for \"P\".", "Others did not.", "It emits carbon monoxide (CO).", "Long cycles follow."]),
        Example("reference marks after a sentence", "The river flooded.[1][a] Crops failed.[citation needed] Prices rose.",
            ["The river flooded.[1][a]", "Crops failed.[citation needed]", "Prices rose."]),
        Example("initials are not a lettered list", "A. Smith and B. Jones signed it. C. Lee did not.",
            ["A. Smith and B. Jones signed it.", "C. Lee did not."]),
        Example("lettered list with parentheses", "A) Raise taxes B) Cut spending",
            ["A) Raise taxes", "B) Cut spending"]),
        Example("abbreviation after a separator", "The caption read 200px|Lt. Gen. Niazi signs. Shares of 3M. The rest rose.",
            ["The caption read 200px|Lt. Gen. Niazi signs.", "Shares of 3M.", "The rest rose."]),
        Example("company name before a parenthesis", "Nautilus Minerals Inc. (Nautilus) is exploring. Acme Corp. \"We agree,\" it said.",
            ["Nautilus Minerals Inc. (Nautilus) is exploring.", "Acme Corp.", "\"We agree,\" it said."]),
        Example("fronted time phrases", "Shortly before 6 a.m. Police arrived. On Tuesday at 9 a.m. Mr. Lee spoke. Crews worked until 2 a.m. Mr. Lee thanked them.",
            ["Shortly before 6 a.m. Police arrived.", "On Tuesday at 9 a.m. Mr. Lee spoke.", "Crews worked until 2 a.m.", "Mr. Lee thanked them."]),
        Example("time zone in parentheses", "It hit shortly before 11 a.m. (NZST) as she walked. It hit at 9 p.m. (Local Time) too.",
            ["It hit shortly before 11 a.m. (NZST) as she walked.", "It hit at 9 p.m. (Local Time) too."]),
        Example("contractions and possessives before a period", "I still haven’t. But I will. It was Taylor's. People agreed. They didn't. Now they do.",
            ["I still haven’t.", "But I will.", "It was Taylor's.", "People agreed.", "They didn't.", "Now they do."]),
        Example("punctuation-only openings stay with the sentence", "“… Dan said it. Then he left. ... Then it began.",
            ["“… Dan said it.", "Then he left.", "... Then it began."]),
        Example("non-breaking spaces", "It rose.\u{00A0}Then it fell.", ["It rose.", "Then it fell."]),
        Example("newlines inside a paragraph", "It rose.\nThen it fell.\r\nThe end.", ["It rose.", "Then it fell.", "The end."]),
        Example("pre-tokenized text", "The vote passed , officials said . The bill now goes to the Senate .",
            ["The vote passed , officials said .", "The bill now goes to the Senate ."]),
    ]

    @Test("News example", arguments: examples)
    func example(_ item: Example) {
        #expect(Segmenter().sentences(in: item.text) == item.expected)
    }
}
