import Foundation
import Testing

/// Bad input gets a one-line error naming the problem and a non-zero exit; nothing stored is lost.
@Suite("Errors a user can cause")
struct ErrorTests {
    @Test("a missing file")
    func missingFile() throws {
        let stet = try StetRunner()
        defer { stet.cleanUp() }
        try stet.run(["snapshot", "/nonexistent/page.html"]).expectCleanError(containing: "/nonexistent/page.html")
        try stet.run(["diff", "--files", "/nonexistent/a.txt", "/nonexistent/b.txt"], archive: false)
            .expectCleanError(containing: "/nonexistent/a.txt")
    }

    @Test("an unknown article, an ambiguous prefix, a version out of range")
    func badArticleAndVersion() throws {
        let stet = try StetRunner()
        defer { stet.cleanUp() }
        try stet.snapshotSeries("belgorod")
        try stet.snapshotSeries("harbor-fire")
        try stet.snapshotSeries("council-vote")
        try stet.run(["log", "no-such-article"]).expectCleanError(containing: "no-such-article")
        // Every id here is a host name followed by a path; a one-letter prefix that two share is ambiguous.
        let list = try stet.run(["list", "--format", "json"])
        #expect(list.succeeded)
        try stet.run(["show", "newsweek.com/russia", "9"]).expectCleanError(containing: "9")
        try stet.run(["diff", "newsweek.com/russia", "0", "2"]).expectCleanError(containing: "0")
        try stet.run(["show", "newsweek.com/russia", "latest~7"]).expectCleanError(containing: "latest~7")
        try stet.run(["show", "newsweek.com/russia", "sideways"]).expectCleanError(containing: "sideways")
    }

    @Test("an ambiguous prefix names the candidates")
    func ambiguousPrefix() throws {
        let stet = try StetRunner()
        defer { stet.cleanUp() }
        let a = stet.directory.appendingPathComponent("a.txt")
        try "Alpha Story\n\nThe first article says one thing.\n".write(to: a, atomically: true, encoding: .utf8)
        try stet.run(["snapshot", "--article", "story-one", a.path])
        try stet.run(["snapshot", "--article", "story-two", a.path])
        let result = try stet.run(["log", "story"])
        result.expectCleanError(containing: "ambiguous")
        #expect(result.stderr.contains("story-one") && result.stderr.contains("story-two"), "\(result.stderr)")
    }

    @Test("an archive that is not there, or not an archive")
    func unreadableArchive() throws {
        let stet = try StetRunner()
        defer { stet.cleanUp() }
        try stet.run(["list"]).expectCleanError(containing: "archive")
        let bogus = stet.directory.appendingPathComponent("bogus.git")
        try "not a repository".write(to: bogus, atomically: true, encoding: .utf8)
        let result = try StetRunner.execute(StetRunner.binary, ["list", "--archive", bogus.path])
        result.expectCleanError(containing: "bogus.git")
    }

    @Test("an empty or non-article page is refused and stores nothing")
    func emptyPage() throws {
        let stet = try StetRunner()
        defer { stet.cleanUp() }
        let empty = stet.directory.appendingPathComponent("empty.html")
        try "<html><head><title>Nothing</title></head><body><nav><a href='/'>Home</a></nav></body></html>"
            .write(to: empty, atomically: true, encoding: .utf8)
        let result = try stet.run(["snapshot", "--article", "empty", empty.path])
        #expect(result.status != 0)
        #expect(!(result.stdout + result.stderr).contains("Fatal error"))
        let log = try stet.run(["log", "empty"])
        #expect(!log.stdout.contains("new version"))
    }

    @Test("a bad time and bad option values are refused before anything is stored")
    func badOptions() throws {
        let stet = try StetRunner()
        defer { stet.cleanUp() }
        let captures = try StetRunner.captures("belgorod")
        try stet.run(["snapshot", "--at", "yesterday-ish", captures[0].path]).expectCleanError(containing: "yesterday-ish")
        try stet.run(["diff", "--files", captures[0].path], archive: false).expectCleanError(containing: "--files")
        try stet.run(["list", "--format", "pdf"]).expectCleanError(containing: "pdf")
    }

    @Test("snapshotting an older capture after a newer one never rewrites history")
    func outOfOrderCapture() throws {
        let stet = try StetRunner()
        defer { stet.cleanUp() }
        let captures = try StetRunner.captures("belgorod")
        try stet.run(["snapshot", "--at", captures[2].time, captures[2].path])
        let older = try stet.run(["snapshot", "--at", captures[0].time, captures[0].path])
        #expect(older.status != 0)
        let log = try stet.run(["log", "newsweek.com", "--format", "json"])
        #expect(log.stdout.components(separatedBy: "\"number\"").count - 1 == 1, "\(log.stdout)")
    }
}
