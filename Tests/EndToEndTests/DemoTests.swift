import Foundation
import Testing

/// The path a new user takes: snapshot the belgorod series, read its history, read the FCDO update.
@Suite("The belgorod demo, as a user sees it")
struct DemoTests {
    @Test("snapshots report each new version with its title and summary")
    func snapshotsReportVersions() throws {
        let stet = try StetRunner()
        defer { stet.cleanUp() }
        let results = try stet.snapshotSeries("belgorod")
        #expect(results.count == 3)
        #expect(results[0].stdout.contains("new version 1 of \"Russia Blames NATO Countries for 'Terror Attack' on Belgorod\""))
        #expect(results[1].stdout.contains("new version 2 of"))
        // The figure revision between the reconstructions is named as such.
        #expect(results[1].stdout.contains("10") && results[1].stdout.contains("14"), "\(results[1].stdout)")
        #expect(results[2].stdout.contains("new version 3 of"))
        #expect(results[2].stdout.contains("FCDO spokesperson"), "\(results[2].stdout)")
    }

    @Test("the log lists three versions with their times and summaries")
    func logShowsHistory() throws {
        let stet = try StetRunner()
        defer { stet.cleanUp() }
        try stet.snapshotSeries("belgorod")
        let log = try stet.run(["log", "newsweek.com/russia"])
        #expect(log.succeeded, "\(log.stderr)")
        #expect(log.stdout.contains("2023-12-30 15:10"))
        #expect(log.stdout.contains("2023-12-30 18:05"))
        #expect(log.stdout.contains("2024-01-03 15:02"))
        let versionLines = log.stdout.split(separator: "\n").filter { $0.contains("2023-12-30") || $0.contains("2024-01-03") }
        #expect(versionLines.count >= 3, "\(log.stdout)")
        #expect(log.stdout.contains("FCDO spokesperson"))
    }

    @Test("the FCDO update reads as one added statement with a quote from the FCDO spokesperson, plus the update note")
    func fcdoDiffReadsLikeAnEditor() throws {
        let stet = try StetRunner()
        defer { stet.cleanUp() }
        try stet.snapshotSeries("belgorod")
        let diff = try stet.run(["diff", "newsweek.com/russia", "2", "3"])
        #expect(diff.succeeded, "\(diff.stderr)")
        let text = diff.stdout
        #expect(text.contains("Added 1 statement"), "\(text)")
        #expect(text.contains("FCDO spokesperson"), "\(text)")
        #expect(text.contains("We are not going to provide a running commentary"), "\(text)")
        #expect(text.contains("Update 1/3/24, 9:20 a.m. ET"), "\(text)")
        // Not a wall of red and green: nothing removed, and the unchanged paragraphs are elided.
        #expect(!text.contains("removed"), "\(text)")
        #expect(!text.contains("Moscow launched 158 missiles"), "\(text)")

        let json = try stet.run(["diff", "newsweek.com/russia", "2", "3", "--format", "json"])
        #expect(json.succeeded)
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        #expect(object?["schema"] as? String == "stet.diff/1")
        let changes = object?["changes"] as? [[String: Any]] ?? []
        let substantive = changes.filter { ($0["significance"] as? String) == "substantive" }
        let added = substantive.filter { ($0["kind"] as? String) == "added" }
        #expect(substantive.count == added.count, "only additions are substantive: \(changes)")
        let facets = added.flatMap { ($0["facets"] as? [[String: Any]]) ?? [] }
        let quotes = facets.filter { ($0["type"] as? String) == "quote" }
        #expect(quotes.count == 1, "\(facets)")
        #expect((quotes.first?["speaker"] as? String ?? "").contains("FCDO"), "\(quotes)")
        let notes = facets.filter { ($0["type"] as? String) == "note" }
        #expect(notes.count == 1, "\(facets)")
    }

    @Test("the default diff compares the last two versions")
    func defaultDiffIsLastTwo() throws {
        let stet = try StetRunner()
        defer { stet.cleanUp() }
        try stet.snapshotSeries("belgorod")
        let explicit = try stet.run(["diff", "newsweek.com/russia", "2", "3"])
        let implicit = try stet.run(["diff", "newsweek.com/russia"])
        let byLatest = try stet.run(["diff", "newsweek.com/russia", "latest~1", "latest"])
        #expect(implicit.succeeded && explicit.succeeded && byLatest.succeeded)
        #expect(implicit.stdout == explicit.stdout)
        #expect(byLatest.stdout == explicit.stdout)
    }

    @Test("list and show present the article and a version's text without page furniture")
    func listAndShow() throws {
        let stet = try StetRunner()
        defer { stet.cleanUp() }
        try stet.snapshotSeries("belgorod")
        let list = try stet.run(["list"])
        #expect(list.succeeded, "\(list.stderr)")
        #expect(list.stdout.contains("Russia Blames NATO Countries"))
        #expect(list.stdout.contains("3"))
        let show = try stet.run(["show", "newsweek.com/russia", "3"])
        #expect(show.succeeded, "\(show.stderr)")
        #expect(show.stdout.contains("Rachel Dobkin"))
        #expect(show.stdout.contains("A spokesperson for the United Kingdom's Foreign, Commonwealth and Development Office"))
        for furniture in ["Uncommon Knowledge", "About the writer", "Newsweek magazine delivered to your door", "Most Read", "Sign up for our newsletter"] {
            #expect(!show.stdout.contains(furniture), "page furniture leaked: \(furniture)")
        }
        let first = try stet.run(["show", "newsweek.com/russia", "1"])
        #expect(first.stdout.contains("10 people"))
        #expect(!first.stdout.contains("FCDO"))
    }
}
