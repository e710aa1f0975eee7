import Foundation
import Testing

/// What newsrooms do, as the written sample series show it: each change named for what it is.
@Suite("Sample series read like an editor's notes")
struct SampleSeriesTests {
    /// The JSON diff of two consecutive captures of a series.
    func diff(_ series: String, _ from: Int, _ to: Int) throws -> DiffJSON {
        let captures = try StetRunner.captures(series)
        let result = try StetRunner.execute(
            StetRunner.binary, ["diff", "--files", captures[from - 1].path, captures[to - 1].path, "--format", "json"])
        #expect(result.succeeded, "\(result.stderr)")
        return try JSONDecoder().decode(DiffJSON.self, from: Data(result.stdout.utf8))
    }

    @Test("a casualty figure revised twice: three → seven → nine killed")
    func casualtyFigureRevisedTwice() throws {
        let first = try diff("harbor-fire", 1, 2)
        let figures1 = first.facets(type: "figure")
        #expect(figures1.contains { $0.old?.contains("three") == true && $0.new?.contains("seven") == true }, "\(figures1)")
        #expect(figures1.contains { ($0.subject ?? "").contains("killed") || ($0.subject ?? "").contains("people") }, "\(figures1)")
        let second = try diff("harbor-fire", 2, 3)
        let figures2 = second.facets(type: "figure")
        #expect(figures2.contains { $0.old?.contains("seven") == true && $0.new?.contains("nine") == true }, "\(figures2)")
    }

    @Test("a typo fix is minor, a quote added is substantive with its speaker")
    func typoAndQuote() throws {
        let d = try diff("harbor-fire", 1, 2)
        let typo = d.changes.first { change in change.old.contains { d.sentences.old[$0].contains("firefigthers") } }
        #expect(typo?.significance == "minor", "\(String(describing: typo))")
        let quotes = d.facets(type: "quote").filter { $0.change == "added" }
        #expect(quotes.contains { ($0.speaker ?? "").contains("Whitford") }, "\(quotes)")
        #expect(quotes.contains { ($0.speaker ?? "").contains("Ortiz") }, "\(quotes)")
    }

    @Test("headline and byline changed, a quote trimmed, a paragraph moved")
    func headlineTrimMove() throws {
        let d = try diff("harbor-fire", 2, 3)
        let notes = d.facets(type: "note")
        #expect(notes.contains { $0.kind == "headline" }, "\(notes)")
        #expect(notes.contains { $0.kind == "byline" }, "\(notes)")
        let quotes = d.facets(type: "quote")
        #expect(quotes.contains { $0.change == "edited" && ($0.speaker ?? "").contains("Ortiz") }, "\(quotes)")
        #expect(d.changes.contains { $0.kind == "moved" }, "\(d.summary)")
        #expect(!d.changes.contains { $0.kind == "removed" && $0.old.contains { d.sentences.old[$0].contains("former cannery") } },
                "the moved paragraph must not read as removed")
    }

    @Test("a correction appended")
    func correctionAppended() throws {
        let d = try diff("harbor-fire", 3, 4)
        let notes = d.facets(type: "note")
        #expect(notes.contains { $0.kind == "correction" && $0.change == "added" }, "\(notes)")
        #expect(d.summary.lowercased().contains("correction"), "\(d.summary)")
    }

    @Test("a quote re-attributed, a vote count corrected, an update note")
    func reattributedQuote() throws {
        let d = try diff("council-vote", 1, 2)
        let quotes = d.facets(type: "quote")
        #expect(quotes.contains { ($0.speaker ?? "").contains("Park") }, "\(quotes)")
        let figures = d.facets(type: "figure")
        #expect(figures.contains { ($0.old ?? "").contains("5-4") && ($0.new ?? "").contains("6-3") }, "\(figures)")
        #expect(d.facets(type: "note").contains { $0.kind == "update" }, "\(d.summary)")
        #expect(d.changes.contains { $0.kind == "moved" }, "\(d.summary)")
    }

    @Test("a sentence split in two, and a typo fixed")
    func splitAndTypo() throws {
        let d = try diff("council-vote", 2, 3)
        #expect(d.changes.contains { $0.kind == "split" && $0.old.count == 1 && $0.new.count == 2 }, "\(d.summary)")
        let typo = d.changes.first { change in change.old.contains { d.sentences.old[$0].contains("recieve") } }
        #expect(typo?.significance == "minor")
        #expect(d.facets(type: "note").contains { $0.kind == "headline" })
    }
}

/// The parts of `stet.diff/1` these tests read.
struct DiffJSON: Decodable {
    struct Sentences: Decodable { var old: [String]; var new: [String] }
    struct Change: Decodable {
        var kind: String
        var old: [Int]
        var new: [Int]
        var significance: String
        var facets: [Facet]
    }
    struct Facet: Decodable, CustomStringConvertible {
        var type: String
        var change: String
        var kind: String?
        var old: String?
        var new: String?
        var speaker: String?
        var subject: String?
        var description: String { "\(type) \(change) \(kind ?? "") \(old ?? "∅") → \(new ?? "∅") speaker=\(speaker ?? "∅") subject=\(subject ?? "∅")" }
    }
    var schema: String
    var sentences: Sentences
    var changes: [Change]
    var summary: String

    func facets(type: String) -> [Facet] { changes.flatMap(\.facets).filter { $0.type == type } }
}
