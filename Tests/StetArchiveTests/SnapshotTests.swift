import Foundation
import StetDiff
import StetExtract
import StetText
import Testing

@testable import StetArchive

@Suite struct SnapshotTests {
    let articleID = "example.com/news-story-1"

    @Test func storesASequenceOfVersions() throws {
        let directory = try TemporaryDirectory()
        let archive = try Archive.open(at: directory.child("archive.git"), create: true)

        let first = try archive.snapshot(textCapture(story(1)))
        guard case .newVersion(1, let id, _, let summary, nil) = first else {
            Issue.record("expected a first version, got \(first)")
            return
        }
        #expect(id == articleID)
        #expect(summary.hasPrefix("First version"))

        let second = try archive.snapshot(textCapture(story(1, extra: ["A spokesperson said: \"We regret the delay.\""]), minute: 10))
        guard case .newVersion(2, articleID, _, let secondSummary, nil) = second else {
            Issue.record("expected version 2, got \(second)")
            return
        }
        let third = try archive.snapshot(textCapture(story(2, extra: ["A spokesperson said: \"We regret the delay.\""]), minute: 20))
        #expect(third.articleID == articleID)

        let versions = try archive.versions(of: articleID)
        #expect(versions.map(\.number) == [1, 2, 3])
        #expect(versions[1].summary == secondSummary)
        #expect(versions[1].counts.added == 1)
        #expect(versions[0].capturedAt == Date(timeIntervalSince1970: 1_704_067_200))
        #expect(versions[0].timeZoneOffset == -5 * 3600)
        #expect(versions[0].wordCount == QualityGuard.wordCount(ArticleMarkdown.article(from: Document(plainText: story(1).joined(separator: "\n\n")))))

        let listed = try archive.articles()
        #expect(listed.map(\.id) == [articleID])
        #expect(listed[0].versionCount == 3)
        #expect(listed[0].url == "https://www.example.com/news/story-1?utm_source=x")

        let stored = try archive.storedVersion(of: articleID, .number(2))
        #expect(stored.sourceName == "source.txt")
        #expect(stored.metadata.version == 2)
        #expect(stored.metadata.capturedAt == "2023-12-31T19:10:00-05:00")
        #expect(stored.metadata.httpStatus == 200)
        #expect(String(decoding: stored.source, as: UTF8.self).contains("We regret the delay."))
        #expect(try ArticleMarkdown.parse(stored.markdown).blocks.count == 6)

        let diff = try archive.diff(article: articleID, from: .number(1), to: .latest(back: 0))
        #expect(!diff.isEmpty)
        let document = try archive.document(of: articleID, version: .latest(back: 2))
        #expect(document.bodyBlocks.count == 5)
    }

    @Test func unchangedTextRecordsACheckOnly() throws {
        let directory = try TemporaryDirectory()
        let archive = try Archive.open(at: directory.child("a"), create: true)
        _ = try archive.snapshot(textCapture(story(1)))
        let again = try archive.snapshot(textCapture(story(1), minute: 5))
        #expect(again == .unchanged(articleID: articleID, version: 1))
        #expect(try archive.versions(of: articleID).count == 1)
        let checks = try archive.checks(of: articleID)
        #expect(checks.map(\.outcome) == [.newVersion, .unchanged])
        #expect(try archive.article(articleID).lastCheckedAt == Date(timeIntervalSince1970: 1_704_067_200 + 300))
    }

    @Test func flipFlopIsRecordedAsRevert() throws {
        let directory = try TemporaryDirectory()
        let archive = try Archive.open(at: directory.child("a"), create: true)
        _ = try archive.snapshot(textCapture(story(1)))
        _ = try archive.snapshot(textCapture(story(2), minute: 1))
        let back = try archive.snapshot(textCapture(story(1), minute: 2))
        guard case .newVersion(3, _, _, let summary, let revertOf) = back else {
            Issue.record("expected version 3, got \(back)")
            return
        }
        #expect(revertOf == 1)
        #expect(summary.hasPrefix("Back to version 1"))
        let forth = try archive.snapshot(textCapture(story(2), minute: 3))
        guard case .newVersion(4, _, _, _, let forthRevert) = forth else {
            Issue.record("expected version 4, got \(forth)")
            return
        }
        #expect(forthRevert == 2)
        let versions = try archive.versions(of: articleID)
        #expect(versions.map(\.revertOf) == [nil, nil, 1, 2])
        #expect(try archive.storedVersion(of: articleID, .number(3)).metadata.revertOf == 1)
    }

    @Test func qualityGuardRejectsWithoutCommitting() throws {
        let directory = try TemporaryDirectory()
        let archive = try Archive.open(at: directory.child("a"), create: true)
        _ = try archive.snapshot(textCapture(story(1)))
        let shrunk = try archive.snapshot(textCapture(["Subscribe to read the rest of this article today."], minute: 1))
        guard case .rejected(articleID, let reason) = shrunk else {
            Issue.record("expected a rejection, got \(shrunk)")
            return
        }
        #expect(reason.contains("40%"))
        let empty = try archive.snapshot(textCapture(["   "], minute: 2))
        guard case .rejected = empty else {
            Issue.record("expected a rejection of an empty page, got \(empty)")
            return
        }
        #expect(try archive.versions(of: articleID).count == 1)
        #expect(try archive.checks(of: articleID).map(\.outcome) == [.newVersion, .failed, .failed])

        var forced = textCapture(["Subscribe to read the rest of this article today."], minute: 3)
        forced.skipQualityGuard = true
        guard case .newVersion(2, _, _, _, _) = try archive.snapshot(forced) else {
            Issue.record("a forced snapshot should be stored")
            return
        }
        // A rejected capture of a new article leaves a check but no listed article.
        _ = try archive.snapshot(textCapture([" "], url: "https://other.example/page"))
        #expect(try archive.articles().map(\.id) == [articleID])
        #expect(try archive.articles(includeEmpty: true).count == 2)
    }

    @Test func historyIsAppendOnly() throws {
        let directory = try TemporaryDirectory()
        let archive = try Archive.open(at: directory.child("a"), create: true)
        _ = try archive.snapshot(textCapture(story(1), minute: 30))
        #expect(throws: ArchiveError.self) { try archive.snapshot(textCapture(story(2), minute: 10)) }
        #expect(try archive.versions(of: articleID).count == 1)
    }

    @Test func resolvesArticlesByIDURLAndPrefix() throws {
        let directory = try TemporaryDirectory()
        let archive = try Archive.open(at: directory.child("a"), create: true)
        _ = try archive.snapshot(textCapture(story(1), url: "https://www.example.com/world/bridge-reopens"))
        _ = try archive.snapshot(textCapture(story(2), url: "https://www.example.com/world/bridge-closes"))
        _ = try archive.snapshot(textCapture(story(3), url: "https://news.example.org/markets/today"))

        #expect(try archive.resolveArticle("example.com/world-bridge-reopens") == "example.com/world-bridge-reopens")
        #expect(try archive.resolveArticle("http://example.com/world/bridge-closes/?utm_medium=rss") == "example.com/world-bridge-closes")
        #expect(try archive.resolveArticle("news.example") == "news.example.org/markets-today")
        #expect(try archive.resolveArticle("example.com/world/bridge-r") == "example.com/world-bridge-reopens")
        #expect(
            throws: ArchiveError.ambiguousArticle("example.com/world-bridge", candidates: ["example.com/world-bridge-closes", "example.com/world-bridge-reopens"])
        ) { try archive.resolveArticle("example.com/world-bridge") }
        #expect(throws: ArchiveError.unknownArticle("nothing-here")) { try archive.resolveArticle("nothing-here") }
    }

    @Test func selectsVersions() throws {
        let directory = try TemporaryDirectory()
        let archive = try Archive.open(at: directory.child("a"), create: true)
        for minute in 0..<3 { _ = try archive.snapshot(textCapture(story(minute), minute: minute)) }
        #expect(try archive.version(of: articleID, "latest").number == 3)
        #expect(try archive.version(of: articleID, "latest~2").number == 1)
        #expect(try archive.version(of: articleID, "2").number == 2)
        #expect(throws: ArchiveError.versionOutOfRange(articleID: articleID, selector: "latest~3", versionCount: 3)) {
            try archive.version(of: articleID, "latest~3")
        }
        #expect(throws: ArchiveError.versionOutOfRange(articleID: articleID, selector: "4", versionCount: 3)) {
            try archive.version(of: articleID, "4")
        }
        #expect(throws: ArchiveError.unknownArticle("nope")) { try archive.versions(of: "nope") }
    }

    @Test func namesArticlesWithoutURLsAfterTheirFile() throws {
        let directory = try TemporaryDirectory()
        let archive = try Archive.open(at: directory.child("a"), create: true)
        var capture = textCapture(story(1), url: nil)
        capture.sourceFileName = "/data/Belgorod Newsweek v1.txt"
        #expect(try archive.snapshot(capture).articleID == "belgorod-newsweek-v1")
        var anonymous = textCapture(story(1), url: nil)
        anonymous.sourceFileName = nil
        #expect(throws: ArchiveError.noArticleID) { try archive.snapshot(anonymous) }
        #expect(throws: ArchiveError.self) { try archive.snapshot(textCapture(story(1), id: "bad id")) }
        // An id that would nest under an existing one is refused with a clear error.
        _ = try archive.snapshot(textCapture(story(1), id: "desk/story"))
        #expect(throws: ArchiveError.invalidArticleID("desk/story/more", reason: "it would nest with the existing article desk/story")) {
            try archive.snapshot(textCapture(story(1), id: "desk/story/more"))
        }
    }

    @Test func refusesPathsThatAreNotArchives() throws {
        let directory = try TemporaryDirectory()
        let file = directory.child("file")
        _ = FileManager.default.createFile(atPath: file, contents: Data("x".utf8))
        #expect(throws: ArchiveError.notAnArchive(path: file)) { try Archive.open(at: file, create: true) }
        let full = directory.child("full")
        try FileManager.default.createDirectory(atPath: full, withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: full + "/notes.txt", contents: Data("x".utf8))
        #expect(throws: ArchiveError.notAnArchive(path: full)) { try Archive.open(at: full, create: true) }
        #expect(throws: ArchiveError.archiveMissing(path: directory.child("missing"))) {
            try Archive.open(at: directory.child("missing"), create: false)
        }
        _ = try Archive.open(at: directory.child("deep/er/archive.git"), create: true)
        _ = try Archive.open(at: directory.child("deep/er/archive.git"), create: false)
    }
}

@Suite struct WatchStateTests {
    @Test func watchStateIsKeptAndQueried() throws {
        let directory = try TemporaryDirectory()
        let archive = try Archive.open(at: directory.child("a"), create: true)
        _ = try archive.snapshot(textCapture(story(1)))
        let id = "example.com/news-story-1"
        let due = Date(timeIntervalSince1970: 1_704_100_000)
        try archive.setWatch(articleID: id, tracked: true, nextDue: due, interval: 3600)
        try archive.setWatch(articleID: "example.org/new", tracked: true, nextDue: nil, interval: 600, url: "https://example.org/new")
        try archive.recordCheck(articleID: id, at: due, outcome: .failed, httpStatus: 503, error: "HTTP 503")
        try archive.recordCheck(articleID: id, at: due.addingTimeInterval(1), outcome: .failed, httpStatus: 503, error: "HTTP 503")
        #expect(try archive.article(id).failures == 2)
        #expect(try archive.dueArticles(at: due.addingTimeInterval(-1)).map(\.id) == ["example.org/new"])
        #expect(try archive.dueArticles(at: due).map(\.id).sorted() == [id, "example.org/new"])
        try archive.reindex()
        let summary = try archive.article(id)
        #expect(summary.tracked && summary.nextDue == due && summary.interval == 3600 && summary.failures == 2)
        #expect(summary.versionCount == 1)
        try archive.recordCheck(articleID: id, at: due.addingTimeInterval(2), outcome: .notModified, httpStatus: 304)
        #expect(try archive.article(id).failures == 0)
    }
}

@Suite struct SourceKindTests {
    @Test func htmlIsStoredAsSourceHTML() throws {
        let directory = try TemporaryDirectory()
        let archive = try Archive.open(at: directory.child("a"), create: true)
        let paragraphs = story(1).map { "<p>\($0)</p>" }.joined(separator: "\n")
        let html = "<!doctype html><html><head><title>Bridge to reopen</title></head><body><article><h1>Bridge to reopen</h1>\n\(paragraphs)\n</article></body></html>"
        let capture = Capture(
            body: Array(html.utf8), url: "https://example.com/bridge", contentType: "text/html; charset=utf-8",
            capturedAt: Date(timeIntervalSince1970: 1_704_067_200), timeZone: .gmt)
        let outcome = try archive.snapshot(capture)
        guard case .newVersion(1, let id, _, _, _) = outcome else {
            Issue.record("expected a first version, got \(outcome)")
            return
        }
        let stored = try archive.storedVersion(of: id, .latest(back: 0))
        #expect(stored.sourceName == "source.html")
        #expect(stored.source == Array(html.utf8))
        #expect(stored.metadata.contentType == "text/html; charset=utf-8")
        #expect(stored.metadata.capturedAt == "2024-01-01T00:00:00Z")
    }

    @Test func tellsPlainTextFromHTML() {
        func capture(_ body: String, type: String? = nil, file: String? = nil) -> Capture {
            Capture(body: Array(body.utf8), contentType: type, sourceFileName: file)
        }
        #expect(capture("<p>x</p>", type: "text/plain").isPlainText)
        #expect(!capture("plain", type: "text/html").isPlainText)
        #expect(capture("<p>x</p>", file: "a.txt").isPlainText)
        #expect(!capture("plain", file: "a.html").isPlainText)
        #expect(!capture("\u{FEFF}  \n<!doctype html>").isPlainText)
        #expect(capture("Just words.").isPlainText)
    }
}

@Suite struct UnchangedRuleTests {
    @Test func onlyAModifiedStampIsNotAChange() throws {
        let base = ExtractedArticle(
            title: "Title", byline: "A. Writer", published: "2024-01-01T10:00:00Z", modified: "2024-01-01T11:00:00Z",
            blocks: [Block(.paragraph, "Body text.")])
        let blob = try #require(ObjectID(hex: String(repeating: "a", count: 40)))
        let previous = VersionFiles(
            article: base, markdown: ArticleMarkdown.render(base), markdownBlob: blob,
            metadata: VersionMetadata(capturedAt: "2024-01-01T11:00:00Z", extractorVersion: "x", linkWordRatio: 0, sourceName: "source.html", version: 1),
            sourceName: "source.html", sourceBlob: blob)
        var stamped = base
        stamped.modified = "2024-01-02T08:00:00Z"
        #expect(Archive.isUnchanged(ArticleMarkdown.render(stamped), article: stamped, previous: previous))
        var byline = stamped
        byline.byline = "B. Writer"
        #expect(!Archive.isUnchanged(ArticleMarkdown.render(byline), article: byline, previous: previous))
        var body = base
        body.blocks.append(Block(.paragraph, "More."))
        #expect(!Archive.isUnchanged(ArticleMarkdown.render(body), article: body, previous: previous))
        #expect(Archive.metadataSummary(old: base, new: byline) == "Metadata changed: modified date, byline")
    }
}
