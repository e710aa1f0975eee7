// Atom feeds (RFC 4287): one entry per version, newest first; the entry's title is the version's
// one-line summary and its content the semantic diff against the previous version as HTML,
// escaped inside the XML (`type="html"`).
//
// Identity. Entry ids are tag URIs (RFC 4151) built from the article id, the version number and
// the commit id: `tag:stet,2024:<article-id>/v<n>/<commit>`. They do not depend on the address
// the server is reached by, stay the same across restarts and reindexing, and change only if the
// version's commit does (a rebuilt history is new content). Links are absolute, from the
// configured base URL or the request's Host header.
//
// Complexity: the archive feed reads every article's versions (index rows) and runs the differ
// once per entry shown (at most `WebConfiguration.feedLimit`); an article feed diffs each pair.

import Foundation
import StetArchive
import StetDiff
import StetRender

struct AtomFeeds {
    let site: StetSite

    static let contentType = "application/atom+xml; charset=utf-8"
    static let tagPrefix = "tag:stet,2024:"

    struct Item {
        var article: ArticleSummary
        var record: VersionRecord
    }

    /// The newest versions of every article.
    func archiveFeed(base: String) throws -> WebResponse {
        var items: [Item] = []
        for article in try site.archive.articles() {
            for record in try site.archive.versions(of: article.id) {
                items.append(Item(article: article, record: record))
            }
        }
        items.sort { ($0.record.capturedAt, $0.article.id, $0.record.number) > ($1.record.capturedAt, $1.article.id, $1.record.number) }
        items = Array(items.prefix(site.configuration.feedLimit))
        let xml = try feed(
            id: Self.tagPrefix + "archive", title: "stet · all changes", selfHref: base + "/feed.atom", alternateHref: base + "/",
            items: items, base: base)
        return WebResponse(contentType: Self.contentType, body: xml)
    }

    /// Every version of one article, newest first.
    func articleFeed(_ article: ArticleSummary, base: String) throws -> WebResponse {
        let items = try site.archive.versions(of: article.id).reversed().map { Item(article: article, record: $0) }
        let xml = try feed(
            id: Self.tagPrefix + article.id, title: "stet · \(article.title ?? article.id)",
            selfHref: base + ArticleRoute.path(article.id, .feed), alternateHref: base + ArticleRoute.path(article.id),
            items: Array(items), base: base)
        return WebResponse(contentType: Self.contentType, body: xml)
    }

    func feed(id: String, title: String, selfHref: String, alternateHref: String, items: [Item], base: String) throws -> String {
        let updated = items.map(\.record.capturedAt).max() ?? site.configuration.now()
        var xml = """
            <?xml version="1.0" encoding="utf-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom">
            <id>\(XMLText.escape(id))</id>
            <title type="text">\(XMLText.escape(title))</title>
            <updated>\(Formatting.rfc3339(updated))</updated>
            <link rel="self" type="application/atom+xml" href="\(XMLText.escape(selfHref))"/>
            <link rel="alternate" type="text/html" href="\(XMLText.escape(alternateHref))"/>
            <author><name>stet</name></author>
            <generator version="\(Archive.softwareVersion)">stet</generator>

            """
        for item in items {
            xml += try entry(item, base: base)
        }
        xml += "</feed>\n"
        return xml
    }

    func entry(_ item: Item, base: String) throws -> String {
        let record = item.record
        let articleID = item.article.id
        let href: String
        let content: String
        if record.number > 1 {
            href = base + ArticleRoute.path(articleID, .diff(from: "\(record.number - 1)", to: "\(record.number)"))
            let diff = try site.diff(articleID, from: record.number - 1, to: record.number)
            let context = DiffRenderContext(
                title: record.title ?? item.article.title,
                oldLabel: DiffRenderContext.sideLabel(version: record.number - 1, capturedAt: nil),
                newLabel: DiffRenderContext.sideLabel(version: record.number, capturedAt: record.capturedAt))
            content = try HTMLDiffRenderer(options: DiffRenderOptions(contextSentences: 1)).fragment(diff, context: context)
        } else {
            href = base + ArticleRoute.path(articleID, .version("1"))
            content = "<p>First version of “\(HTMLText.escape(record.title ?? articleID))”: "
                + "\(Formatting.count(record.wordCount, "word")).</p>\n"
        }
        var categories = ""
        if record.counts.quoteChanges > 0 && record.number > 1 { categories += "<category term=\"quote\"/>\n" }
        if record.counts.figureChanges > 0 && record.number > 1 { categories += "<category term=\"figure\"/>\n" }
        if record.counts.noteChanges > 0 && record.number > 1 { categories += "<category term=\"note\"/>\n" }
        if record.revertOf != nil { categories += "<category term=\"revert\"/>\n" }
        let id = "\(Self.tagPrefix)\(articleID)/v\(record.number)/\(record.commit.hex.prefix(12))"
        return """
            <entry>
            <id>\(XMLText.escape(id))</id>
            <title type="text">\(XMLText.escape(record.summary))</title>
            <updated>\(Formatting.rfc3339(record.capturedAt))</updated>
            <published>\(Formatting.rfc3339(record.capturedAt))</published>
            <link rel="alternate" type="text/html" href="\(XMLText.escape(href))"/>
            \(categories)<content type="html">\(XMLText.escape(content))</content>
            </entry>

            """
    }
}

/// HTML escaping for the few fragments built outside templates (`& < > " '`).
enum HTMLText {
    static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.append(character)
            }
        }
        return result
    }
}
