import Foundation
import Testing

@testable import StetArchive

/// The paths that must not grow with the number of articles: opening, resolving, nesting checks.
@Suite struct ScaleTests {
    @Test func openingReconcilesOnlyWhenTheGenerationSaysAWriteMayBeMissing() throws {
        let directory = try TemporaryDirectory()
        let path = directory.child("a.git")
        let archive = try Archive.open(at: path)
        _ = try archive.snapshot(textCapture(story(1)))
        _ = try archive.snapshot(textCapture(story(2), minute: 1))
        #expect(RefGeneration.read(archive: path) == 2)
        #expect(try archive.index.read { db in try Archive.reconciledGeneration(db) } == 2)

        // Drop the index's last version row behind the archive's back: with the generation up to
        // date, opening trusts the index and does not walk the refs…
        try archive.executeOnIndex("DELETE FROM versions WHERE number = 2")
        try archive.executeOnIndex("UPDATE articles SET head_commit = NULL, version_count = 1")
        #expect(try Archive.open(at: path, create: false).indexRows().versions.count == 1)

        // …and once the generation says a write may be missing, opening reconciles.
        _ = try RefGeneration.bump(archive: path)
        let reopened = try Archive.open(at: path, create: false)
        #expect(try reopened.indexRows().versions.count == 2)
        #expect(try reopened.index.read { db in try Archive.reconciledGeneration(db) } == 3)
    }

    @Test func anArchiveWithoutAGenerationFileIsReconciledOnce() throws {
        let directory = try TemporaryDirectory()
        let path = directory.child("a.git")
        let archive = try Archive.open(at: path)
        _ = try archive.snapshot(textCapture(story(1)))
        try FileManager.default.removeItem(atPath: (path as NSString).appendingPathComponent(RefGeneration.fileName))
        try archive.executeOnIndex("DELETE FROM archive_state")
        try archive.executeOnIndex("DELETE FROM versions")
        try archive.executeOnIndex("UPDATE articles SET head_commit = NULL, version_count = 0")
        let reopened = try Archive.open(at: path, create: false)
        #expect(try reopened.indexRows().versions.count == 1)
        #expect(try reopened.index.read { db in try Archive.reconciledGeneration(db) } == 0)
    }

    @Test func nestingIsRefusedInBothDirections() throws {
        let directory = try TemporaryDirectory()
        let archive = try Archive.open(at: directory.child("a.git"))
        _ = try archive.snapshot(textCapture(story(1), id: "desk/a/b"))
        _ = try archive.snapshot(textCapture(story(1), id: "desk/a/c"))
        #expect(throws: ArchiveError.invalidArticleID("desk/a", reason: "it would nest with the existing article desk/a/b")) {
            try archive.snapshot(textCapture(story(2), id: "desk/a"))
        }
        #expect(throws: ArchiveError.invalidArticleID("desk/a/b/c", reason: "it would nest with the existing article desk/a/b")) {
            try archive.snapshot(textCapture(story(2), id: "desk/a/b/c"))
        }
        // Siblings and shared directories are fine.
        guard case .newVersion = try archive.snapshot(textCapture(story(3), id: "desk/a/d")) else {
            Issue.record("a sibling article should be accepted")
            return
        }
        #expect(try archive.repository.firstReference(withPrefix: "refs/heads/articles/desk/a/") != nil)
        #expect(try archive.repository.firstReference(withPrefix: "refs/heads/articles/desk/z") == nil)
        #expect(try archive.repository.referenceExists("refs/heads/articles/desk/a") == false)
    }

    @Test func resolvesByFinalURLAndPrefixes() throws {
        let directory = try TemporaryDirectory()
        let archive = try Archive.open(at: directory.child("a.git"))
        var capture = textCapture(story(1), url: "https://example.com/short/1")
        capture.finalURL = "https://www.example.com/news/full-story-name?utm_source=x"
        let id = try archive.snapshot(capture).articleID
        _ = try archive.snapshot(textCapture(story(2), url: "https://example.com/other/2"))
        #expect(try archive.resolveArticle("https://example.com/news/full-story-name") == id)
        #expect(try archive.resolveArticle("example.com/news/full-story") == id)
        #expect(try archive.resolveArticle(String(id.prefix(id.count - 1))) == id)
        #expect(throws: ArchiveError.self) { try archive.resolveArticle("example.com/") }
        #expect(throws: ArchiveError.unknownArticle("nothing.example/x")) { try archive.resolveArticle("nothing.example/x") }
    }
}
