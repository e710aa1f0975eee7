import Foundation
import Testing

@testable import StetArchive

/// What a writing process remembers of the objects and versions it wrote (to skip reading them
/// back) must be exactly what another process reads from git.
@Suite struct CacheTests {
    /// Histories with a revert, a title change and an HTML page, written by one archive value.
    func populated(_ directory: TemporaryDirectory) throws -> Archive {
        let archive = try Archive.open(at: directory.child("archive.git"), create: true)
        _ = try archive.snapshot(textCapture(story(1)))
        _ = try archive.snapshot(textCapture(story(2), minute: 1))
        _ = try archive.snapshot(textCapture(story(1), minute: 2))
        _ = try archive.snapshot(textCapture(["A new headline", "Second paragraph."] + story(3), minute: 3))
        let page = """
            <html><head><title>Bridge news</title><link rel="canonical" href="https://example.net/bridge"></head>
            <body><article><h1>Bridge news</h1><p>\(story(4).joined(separator: "</p><p>"))</p></article></body></html>
            """
        _ = try archive.snapshot(
            Capture(
                body: Array(page.utf8), url: "https://example.net/bridge?x=1", contentType: "text/html; charset=utf-8",
                capturedAt: Date(timeIntervalSince1970: 1_704_067_200), timeZone: TimeZone(secondsFromGMT: 3600) ?? .gmt,
                httpStatus: 200, etag: "\"abc\"", skipQualityGuard: true))
        return archive
    }

    @Test func theRememberedVersionsAreWhatGitHolds() throws {
        let directory = try TemporaryDirectory()
        let archive = try populated(directory)
        let fresh = try Archive.open(at: archive.path, create: false)
        for summary in try archive.articles() {
            for record in try archive.versions(of: summary.id) {
                let commit = try archive.repository.commit(record.commit)
                let remembered = try archive.readVersion(articleID: summary.id, commit: commit)
                let read = try fresh.readVersion(articleID: summary.id, commit: try fresh.repository.commit(record.commit))
                #expect(remembered.article == read.article)
                #expect(remembered.markdown == read.markdown)
                #expect(remembered.markdownBlob == read.markdownBlob)
                #expect(remembered.metadata == read.metadata)
                #expect(remembered.sourceName == read.sourceName)
                #expect(remembered.sourceBlob == read.sourceBlob)
                #expect(commit == (try fresh.repository.commit(record.commit)))
                #expect(try archive.repository.treeEntries(commit.tree) == (try fresh.repository.treeEntries(commit.tree)))
            }
        }
    }

    @Test func anIndexBuiltFromGitAloneEqualsTheLiveOne() throws {
        let directory = try TemporaryDirectory()
        let archive = try populated(directory)
        let live = try archive.indexRows()
        // Another process, with nothing remembered, rebuilds every derived row from git.
        let copy = directory.child("copy.git")
        try FileManager.default.copyItem(atPath: archive.path, toPath: copy)
        let reopened = try Archive.open(at: copy, create: false)
        try reopened.reindex()
        let rebuilt = try reopened.indexRows()
        #expect(rebuilt.articles == live.articles)
        #expect(rebuilt.versions == live.versions)
        #expect(rebuilt.checks == live.checks)
    }
}
