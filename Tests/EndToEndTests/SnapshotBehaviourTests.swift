import Foundation
import Testing

@Suite("Snapshots: unchanged captures, flip-flops, plain text")
struct SnapshotBehaviourTests {
    @Test("a capture identical to the latest version is a check, not a version")
    func unchangedIsACheck() throws {
        let stet = try StetRunner()
        defer { stet.cleanUp() }
        let captures = try StetRunner.captures("belgorod")
        try stet.run(["snapshot", "--at", captures[0].time, captures[0].path])
        let again = try stet.run(["snapshot", "--at", "2023-12-30T16:00:00Z", captures[0].path])
        #expect(again.succeeded)
        #expect(again.stdout.contains("unchanged"), "\(again.stdout)")
        let log = try stet.run(["log", "newsweek.com", "--format", "json"])
        #expect(log.stdout.components(separatedBy: "\"number\"").count - 1 == 1, "\(log.stdout)")
    }

    @Test("a rotating 'most read' box alone is not a change")
    func furnitureChangeIsNotAVersion() throws {
        let stet = try StetRunner()
        defer { stet.cleanUp() }
        let captures = try StetRunner.captures("belgorod")
        try stet.run(["snapshot", "--at", captures[1].time, captures[1].path])
        // Same article text, different sidebar: capture 3 without its update is not available, so
        // rewrite the sidebar of capture 2 and snapshot that.
        var page = try String(contentsOfFile: captures[1].path, encoding: .utf8)
        page = page.replacingOccurrences(of: "Biden Approval Rating Hits New Low", with: "A Completely Different Story")
        let copy = stet.directory.appendingPathComponent("rotated.html")
        try page.write(to: copy, atomically: true, encoding: .utf8)
        let result = try stet.run(["snapshot", "--at", "2023-12-30T19:00:00Z", copy.path])
        #expect(result.stdout.contains("unchanged"), "\(result.stdout)")
    }

    @Test("a capture equal to an older version is a new version marked as a revert")
    func flipFlopIsARevert() throws {
        let stet = try StetRunner()
        defer { stet.cleanUp() }
        let captures = try StetRunner.captures("belgorod")
        try stet.run(["snapshot", "--at", captures[1].time, captures[1].path])
        try stet.run(["snapshot", "--at", captures[2].time, captures[2].path])
        let back = try stet.run(["snapshot", "--at", "2024-01-03T16:00:00Z", captures[1].path])
        #expect(back.succeeded, "\(back.stderr)")
        #expect(back.stdout.contains("new version 3"), "\(back.stdout)")
        #expect(back.stdout.lowercased().contains("revert"), "\(back.stdout)")
        let log = try stet.run(["log", "newsweek.com"])
        #expect(log.stdout.lowercased().contains("revert"), "\(log.stdout)")
    }

    @Test("plain-text files are accepted, with an explicit article id")
    func plainTextSnapshots() throws {
        let stet = try StetRunner()
        defer { stet.cleanUp() }
        let v1 = stet.directory.appendingPathComponent("v1.txt")
        let v2 = stet.directory.appendingPathComponent("v2.txt")
        try "Storm Hits Coast\n\nAt least 14 people were killed when the storm made landfall on Sunday.\n\nRoads remain closed.\n"
            .write(to: v1, atomically: true, encoding: .utf8)
        try "Storm Hits Coast\n\nAt least 21 people were killed when the storm made landfall on Sunday.\n\nRoads remain closed.\n"
            .write(to: v2, atomically: true, encoding: .utf8)
        let first = try stet.run(["snapshot", "--article", "storm", "--at", "2024-02-01T10:00:00Z", v1.path])
        #expect(first.succeeded, "\(first.stderr)")
        let second = try stet.run(["snapshot", "--article", "storm", "--at", "2024-02-01T12:00:00Z", v2.path])
        #expect(second.stdout.contains("new version 2"), "\(second.stdout)")
        let diff = try stet.run(["diff", "storm"])
        #expect(diff.stdout.contains("14") && diff.stdout.contains("21"), "\(diff.stdout)")
        #expect(diff.stdout.contains("killed"), "\(diff.stdout)")
    }

    @Test("diff --files compares two files without an archive")
    func diffFiles() throws {
        let stet = try StetRunner()
        defer { stet.cleanUp() }
        let captures = try StetRunner.captures("belgorod")
        let result = try stet.run(["diff", "--files", captures[1].path, captures[2].path], archive: false)
        #expect(result.succeeded, "\(result.stderr)")
        #expect(result.stdout.contains("FCDO spokesperson"))
        #expect(!FileManager.default.fileExists(atPath: stet.archive))
    }
}

@Suite("Snapshots: several files in one command")
struct SnapshotManyFilesTests {
    @Test("an import of several files stores each in order, reports a bad one in its place and goes on")
    func manyFilesInOrder() throws {
        let stet = try StetRunner()
        defer { stet.cleanUp() }
        let captures = try StetRunner.captures("belgorod")
        let missing = stet.directory.appendingPathComponent("missing.html").path
        let inputs = [captures[0].path, missing, captures[1].path, captures[1].path, captures[2].path]
        let result = try stet.run(["snapshot"] + inputs)
        #expect(!result.succeeded, "a missing file makes the command fail")
        #expect(result.stderr.contains("missing.html"), "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count == 4, "\(result.stdout)")
        // The repeated capture is a check; the others are versions 1, 2 and 3 of one article.
        #expect(lines.count == 4 && lines[2].contains("unchanged"), "\(result.stdout)")
        let log = try stet.run(["log", "newsweek.com", "--format", "json"])
        #expect(log.stdout.components(separatedBy: "\"number\"").count - 1 == 3, "\(log.stdout)")
        // The same update as the series snapshotted one at a time: the FCDO comment in 2 → 3.
        let diff = try stet.run(["diff", "newsweek.com", "2", "3", "--color", "never"])
        #expect(diff.stdout.contains("FCDO"), "\(diff.stdout)")
    }
}
