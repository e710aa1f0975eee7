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
        #expect(try archive.repository.firstReference(withPrefix: "refs/heads/articles/desk/a/b") == "refs/heads/articles/desk/a/b")
        #expect(try archive.repository.firstReference(withPrefix: "refs/heads/articles/de") == "refs/heads/articles/desk/a/b")
        // Packed refs count too (git pack-refs moves loose refs into packed-refs).
        let packed = try runGit(["--git-dir", directory.child("a.git"), "pack-refs", "--all"])
        #expect(packed.status == 0, "\(packed.output)")
        #expect(try archive.repository.firstReference(withPrefix: "refs/heads/articles/desk/a/") == "refs/heads/articles/desk/a/b")
        #expect(try archive.repository.firstReference(withPrefix: "refs/heads/articles/desk/z") == nil)
        #expect(throws: ArchiveError.invalidArticleID("desk/a/d/e", reason: "it would nest with the existing article desk/a/d")) {
            try archive.snapshot(textCapture(story(4), id: "desk/a/d/e"))
        }
        #expect(throws: ArchiveError.invalidArticleID("desk", reason: "it would nest with the existing article desk/a/b")) {
            try archive.snapshot(textCapture(story(4), id: "desk"))
        }
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

@Suite struct WordCountTests {
    /// The definition the fast path must agree with: runs of non-whitespace characters holding a
    /// letter or a digit.
    private func reference(_ text: String) -> Int {
        text.split(whereSeparator: \.isWhitespace).filter { $0.contains { $0.isLetter || $0.isNumber } }.count
    }

    @Test func fastPathAgreesWithTheCharacterDefinition() {
        let samples = [
            "", "   ", "one", " two  words ", "— – … “quoted” ‘single’ 42% $3.5bn", "naïve café résumé Ærø", "a\r\nb\tc\u{0B}d\u{0C}e",
            "\u{85}x\u{A0}y", "e\u{301} combining", "emoji 👍🏽 here", "日本語 テキスト", "Update 1/3/24: — -- ...", "x\u{2028}y\u{202F}z",
        ]
        for sample in samples {
            #expect(QualityGuard.wordCount(in: sample) == reference(sample), "\(sample.debugDescription)")
        }
        // Random mixes of the scalars that matter.
        let alphabet: [Unicode.Scalar] = ["a", "Z", "5", " ", "\n", "\r", "-", "é", "\u{A0}", "\u{2014}", "\u{201C}", "\u{301}", "\u{2028}", "ß", "²", "\u{85}", "."]
        var state: UInt64 = 42
        for _ in 0..<500 {
            var text = String.UnicodeScalarView()
            for _ in 0..<Int(state % 40) {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                text.append(alphabet[Int((state >> 33) % UInt64(alphabet.count))])
            }
            state = state &* 6_364_136_223_846_793_005 &+ 1
            let string = String(text)
            #expect(QualityGuard.wordCount(in: string) == reference(string), "\(string.debugDescription)")
        }
    }
}
