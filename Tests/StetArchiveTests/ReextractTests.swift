import Foundation
import StetExtract
import StetText
import Testing

@testable import StetArchive

@Suite struct ReextractTests {
    @Test func reextractionRecordsNewTextWithoutTouchingCommits() throws {
        let directory = try TemporaryDirectory()
        let archive = try Archive.open(at: directory.child("a.git"), create: true)
        _ = try archive.snapshot(textCapture(story(1)))
        let id = "example.com/news-story-1"

        // A version whose article.md an older extractor got wrong: only the first paragraph,
        // while source.txt holds the whole story.
        let reference = Archive.reference(for: id)
        let head = try #require(try archive.repository.resolve(reference: reference))
        let entries = try archive.repository.treeEntries(try archive.repository.commit(head).tree)
        let truncated = ArticleMarkdown.render(ExtractedArticle(blocks: [Block(.paragraph, story(2)[0])]))
        let source = try archive.repository.writeBlob(Array(story(2).joined(separator: "\n\n").utf8))
        let tree = try archive.repository.writeTree([
            TreeFile(name: "article.md", blob: try archive.repository.writeBlob(Array(truncated.utf8))),
            TreeFile(name: "meta.json", blob: try #require(entries["meta.json"])), TreeFile(name: "source.txt", blob: source),
        ])
        let message = CommitMessage(summary: "Removed 4 statements", articleID: id, version: 2, counts: .init(), revertOf: nil, wordCount: 20, blockCount: 1)
        let commit = try archive.repository.writeCommit(
            tree: tree, parents: [head], message: message.text, identity: Archive.identity, time: 1_704_070_000, offsetMinutes: 0)
        try archive.repository.updateReference(reference, to: commit, expected: head, logMessage: "test")
        try archive.reconcile()

        let results = try archive.reextract(article: id)
        #expect(results.map(\.differs) == [false, true])
        #expect(results[1].storedWords < (results[1].newWords ?? 0))
        #expect(try archive.repository.resolve(reference: reference) == commit)
        let reextracted = try #require(try archive.reextractedDocument(of: id, version: .number(2)))
        #expect(reextracted.blocks.count == 5)
        #expect(try archive.document(of: id, version: .number(2)).blocks.count == 1)
        #expect(try archive.diff(article: id, from: .number(1), to: .number(2), reextracted: true).counts.edited == 1)
        // The re-extraction survives a reindex.
        try archive.reindex()
        #expect(try archive.reextractedDocument(of: id, version: .number(2)) == reextracted)
    }
}
