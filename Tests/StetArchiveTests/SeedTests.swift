import Foundation
import Testing

@testable import StetArchive

/// The seed story: a reconstructed earlier version (without the FCDO paragraph and the update
/// note) followed by the captured final text.
@Suite struct SeedTests {
    static var seed: URL {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" && !FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) {
            url.deleteLastPathComponent()
        }
        return url.deletingLastPathComponent().appendingPathComponent("shared/seed/belgorod-newsweek-final.txt")
    }

    @Test func theUpdateBecomesASecondVersion() throws {
        let final = try String(contentsOf: Self.seed, encoding: .utf8)
        let paragraphs = final.components(separatedBy: "\n")
        let earlier = paragraphs.filter { !$0.contains("(FCDO) told Newsweek") && !$0.hasPrefix("Update 1/3/24") }
        #expect(earlier.count == paragraphs.count - 2)

        let directory = try TemporaryDirectory()
        let archive = try Archive.open(at: directory.child("archive.git"), create: true)
        let url = "https://www.newsweek.com/russia-blames-nato-countries-belgorod-attack-1856780"
        let zone = TimeZone(identifier: "America/New_York") ?? .gmt
        let v1 = Capture(
            body: Array(earlier.joined(separator: "\n").utf8), url: url, contentType: "text/plain",
            capturedAt: Date(timeIntervalSince1970: 1_704_200_000), timeZone: zone)
        let v2 = Capture(
            body: Array(final.utf8), url: url, contentType: "text/plain", capturedAt: Date(timeIntervalSince1970: 1_704_292_000),
            timeZone: zone)
        guard case .newVersion(1, let id, _, _, _) = try archive.snapshot(v1) else {
            Issue.record("the first capture should be version 1")
            return
        }
        #expect(id == "newsweek.com/russia-blames-nato-countries-belgorod-attack-1856780")
        guard case .newVersion(2, id, _, let summary, nil) = try archive.snapshot(v2) else {
            Issue.record("the updated capture should be version 2")
            return
        }
        #expect(try archive.snapshot(v2) == .unchanged(articleID: id, version: 2))
        let record = try archive.version(of: id, .latest(back: 0))
        #expect(record.counts.added >= 1)
        #expect(record.counts.removed == 0)
        #expect(record.summary == summary)

        let log = try runGit(["--git-dir", archive.path, "log", "--format=%s|%aI", Archive.reference(for: id)])
        #expect(log.output.split(separator: "\n").first == "\(summary)|2024-01-03T09:26:40-05:00")
        let stored = try archive.storedVersion(of: id, .latest(back: 0))
        #expect(stored.markdown.contains("Update 1/3/24, 9:20 a.m. ET"))
        #expect(stored.source == Array(final.utf8))
    }
}
