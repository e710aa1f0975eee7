// The JSON API under `/api/`: the same documents the CLI prints with `--format json`
// (`stet.list/1`, `stet.log/1`, `stet.version/1`, `stet.diff/1`), plus `stet.timeline/1` and
// `stet.blame/1`, which have no CLI counterpart yet. Errors are `stet.error/1` documents with the
// HTTP status. Documented in docs/api.md.

import Foundation
import StetArchive
import StetDiff
import StetRender

extension StetSite {
    func articleAPI(_ rest: Substring, query: [String: String]) throws -> WebResponse {
        var rest = rest
        var blameVersion: String?
        // `/api/a/<id>/blame/<n>` exists only in the API.
        let parts = rest.split(separator: "/")
        if parts.count >= 3, parts[parts.count - 2] == "blame" {
            blameVersion = String(parts[parts.count - 1])
            rest = Substring(parts.dropLast(2).joined(separator: "/"))
        }
        guard let route = ArticleRoute.parse(rest, isArticle: isArticle) else {
            throw PageError.notFound("No article named in the address.")
        }
        let article = try lookUp(route.articleID)
        if let blameVersion {
            guard route.view == .history else { throw PageError.notFound("There is no such API address.") }
            return .json(try blameJSON(article, selector: blameVersion))
        }
        switch route.view {
        case .history:
            let versions = try archive.versions(of: article.id)
            let lines = versions.enumerated().map { k, record in
                VersionLine(
                    number: record.number, capturedAt: record.capturedAt, summary: record.summary, counts: record.counts,
                    revertOf: record.revertOf,
                    titleChanged: k > 0 && record.title != nil && versions[k - 1].title != nil && record.title != versions[k - 1].title)
            }
            let header = ArticleHeader(
                id: article.id, title: article.title, site: article.site, url: article.canonicalURL ?? article.url,
                versionCount: article.versionCount)
            return .json(try HistoryRenderer.render(header: header, lines: lines, format: .json))
        case .diff(let fromSelector, let toSelector):
            let from = try versionNumber(fromSelector, of: article)
            let to = try versionNumber(toSelector, of: article)
            let diff = try diff(article.id, from: from, to: to)
            return .json(try JSONDiffRenderer().render(diff))
        case .version(let selector):
            let number = try versionNumber(selector, of: article)
            let stored = try archive.storedVersion(of: article.id, .number(number))
            let view = VersionView(
                articleID: article.id, number: number, capturedAt: stored.record.capturedAt, title: stored.article.title,
                byline: stored.article.byline, published: stored.article.published, modified: stored.article.modified,
                canonicalURL: stored.article.canonicalURL, siteName: stored.article.siteName, language: stored.article.language,
                blocks: stored.article.blocks)
            return .json(try VersionRenderer.render(view, format: .json))
        case .timeline:
            return .json(try timelineJSON(article))
        case .feed:
            throw PageError.notFound("Feeds are at /a/<id>/feed.atom, not under /api/.")
        }
    }

    /// `stet.timeline/1`: every quote and figure with its events; versions are numbered from 1.
    func timelineJSON(_ article: ArticleSummary) throws -> String {
        struct Event: Encodable { var version: Int; var change: String; var text: String? }
        struct Entry: Encodable {
            var kind: String
            var label: String?
            var text: String
            var firstVersion: Int
            var removedIn: Int?
            var events: [Event]
        }
        struct Document: Encodable {
            var schema = "stet.timeline/1"
            var article: String
            var versionCount: Int
            var entries: [Entry]
        }
        let timeline = try timeline(article)
        let entries = timeline.entries.map { entry in
            Entry(
                kind: entry.kind.rawValue, label: entry.label, text: entry.text, firstVersion: entry.firstVersion + 1,
                removedIn: entry.removedIn.map { $0 + 1 },
                events: entry.events.map { Event(version: $0.version + 1, change: $0.change.rawValue, text: $0.text) })
        }
        return try JSONOutputEncoder.encode(Document(article: article.id, versionCount: article.versionCount, entries: entries))
    }

    /// `stet.blame/1`: the sentences of a version and, for each, the version that introduced it.
    func blameJSON(_ article: ArticleSummary, selector: String) throws -> String {
        struct Sentence: Encodable { var text: String; var since: Int }
        struct Document: Encodable {
            var schema = "stet.blame/1"
            var article: String
            var version: Int
            var sentences: [Sentence]
        }
        let number = try versionNumber(selector, of: article)
        let blame = try blame(article, upTo: number)
        let texts = blame.sentences.last ?? []
        let origins = blame.origins.last ?? []
        let sentences = zip(texts, origins).map { Sentence(text: $0, since: $1 + 1) }
        return try JSONOutputEncoder.encode(Document(article: article.id, version: number, sentences: sentences))
    }
}
