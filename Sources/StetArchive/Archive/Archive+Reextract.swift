// Re-extraction: running a newer extractor over the source pages already stored.
//
// A version's commit is never rewritten: `article.md` says what the extractor of its day saw.
// `reextract` reads each version's `source.html`/`source.txt` and `meta.json`, runs today's
// `Extractor` with the same URL and content type, renders the result as article.md and stores
// it in the index's `reextractions` table keyed by (article, version, extractor version), with
// a flag saying whether it differs from the stored text. Readers can then ask for the
// re-extracted text (`reextractedDocument`, `diff(…, reextracted: true)`) without any change to
// the history that `git log` shows. Rows are index-only: `reindex` keeps them, and a row whose
// commit id no longer matches the version is ignored.
//
// Complexity: one extraction per version.

import Foundation
import GRDB
import StetDiff
import StetExtract
import StetText

/// What re-extracting one stored version gave.
public struct ReextractionResult: Sendable, Hashable {
    public var articleID: String
    public var version: Int
    /// The extractor version that produced the new text.
    public var extractorVersion: String
    /// True when the new text differs from the stored article.md.
    public var differs: Bool
    /// Words in the stored text and in the new one (nil when extraction failed).
    public var storedWords: Int
    public var newWords: Int?
    /// Why extraction failed, if it did.
    public var error: String?
}

extension Archive {
    /// Re-runs today's extractor on every stored version of an article and records the results
    /// in the index (the commits are not touched).
    public func reextract(article articleID: String) throws(ArchiveError) -> [ReextractionResult] {
        var results: [ReextractionResult] = []
        var rows: [ReextractionRow] = []
        let now = Date()
        for record in try versions(of: articleID) {
            let files = try readVersion(articleID: articleID, commit: record.commit)
            let source: [UInt8]
            do { source = try repository.blob(files.sourceBlob) } catch { throw .git(error) }
            let meta = files.metadata
            let contentType = meta.contentType ?? (files.sourceName == "source.txt" ? "text/plain; charset=utf-8" : nil)
            let storedWords = QualityGuard.wordCount(files.article)
            var row = ReextractionRow(
                articleId: articleID, number: record.number, extractorVersion: Extractor.version, commitId: record.commit.hex,
                markdown: nil, title: nil, wordCount: nil, differs: true, error: nil, createdAt: now)
            do {
                let article = try Extractor().extract(html: source, url: meta.finalURL ?? meta.url, contentType: contentType)
                let markdown = ArticleMarkdown.render(article)
                row.markdown = markdown
                row.title = article.title
                row.wordCount = QualityGuard.wordCount(article)
                row.differs = markdown != files.markdown
            } catch {
                row.error = error.description
            }
            rows.append(row)
            results.append(
                ReextractionResult(
                    articleID: articleID, version: record.number, extractorVersion: Extractor.version, differs: row.differs,
                    storedWords: storedWords, newWords: row.wordCount, error: row.error))
        }
        try index.write { db in
            for row in rows { try row.save(db) }
        }
        return results
    }

    /// The text of a version as today's extractor reads its stored source page, when
    /// `reextract` has been run for it; nil otherwise (or when that extraction failed).
    public func reextractedDocument(of articleID: String, version selector: VersionSelector) throws(ArchiveError) -> Document? {
        let record = try version(of: articleID, selector)
        let row = try index.read { db in
            try ReextractionRow.fetchOne(db, key: ["article_id": articleID, "number": record.number, "extractor_version": Extractor.version])
        }
        guard let row, row.commitId == record.commit.hex, let markdown = row.markdown else { return nil }
        return try ArticleMarkdown.parse(markdown).document
    }

    /// Compares two versions; with `reextracted`, each side uses its re-extracted text when there is one.
    public func diff(article articleID: String, from old: VersionSelector, to new: VersionSelector, reextracted: Bool) throws(ArchiveError)
        -> ArticleDiff
    {
        guard reextracted else { return try diff(article: articleID, from: old, to: new) }
        var oldDocument = try reextractedDocument(of: articleID, version: old)
        if oldDocument == nil { oldDocument = try document(of: articleID, version: old) }
        var newDocument = try reextractedDocument(of: articleID, version: new)
        if newDocument == nil { newDocument = try document(of: articleID, version: new) }
        return Differ().diff(old: oldDocument ?? Document(blocks: []), new: newDocument ?? Document(blocks: []))
    }
}
