import StetDiff
import StetText
import Testing

@Suite struct HistoryTests {
    static let v0 = Document(blocks: [
        Block(.paragraph, "Officials said 14 people have been killed in the strikes."),
        Block(.paragraph, "The mayor visited the damaged school on Sunday morning."),
    ])
    static let v1 = Document(blocks: [
        Block(.paragraph, "Officials said 21 people have been killed in the strikes."),
        Block(.paragraph, "The mayor visited the damagd school on Sunday morning."),
        Block(.paragraph, "\"We will rebuild every single home,\" the mayor said."),
    ])
    static let v2 = Document(blocks: [
        Block(.paragraph, "Officials said 21 people have been killed in the strikes."),
        Block(.paragraph, "The mayor visited the damaged school on Sunday morning."),
    ])

    @Test func blameCarriesOriginsThroughMinorEdits() {
        let blame = Blame(versions: [Self.v0, Self.v1, Self.v2])
        #expect(blame.origins.count == 3)
        #expect(blame.origins[0] == [0, 0])
        // The figure change is substantive (new origin); the typo keeps the old one; the quote is new.
        #expect(blame.origins[1] == [1, 0, 1])
        #expect(blame.origins[2] == [1, 0])
        #expect(Blame(versions: []).origins.isEmpty)
    }

    @Test func timelineFollowsQuotesAndFigures() {
        let timeline = Timeline(versions: [Self.v0, Self.v1, Self.v2])
        let figure = timeline.entries.first { $0.kind == .figure && $0.events.first?.text == "14" }
        #expect(figure?.events.map(\.change) == [.added, .changed])
        #expect(figure?.text == "21")
        #expect(figure?.label == "people killed")
        let quote = timeline.entries.first { $0.kind == .quote }
        #expect(quote?.firstVersion == 1)
        #expect(quote?.removedIn == 2)
        #expect(quote?.label == "mayor")
    }
}
