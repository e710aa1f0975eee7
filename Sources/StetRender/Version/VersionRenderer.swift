import Foundation
import StetText

/// Renders the text of one version; the output of `stet show`.
///
/// Title, byline, dates, URL, then the blocks: paragraphs as they are, headings emphasised, block
/// quotes indented, list items bulleted. Text output wraps paragraphs to the width.
public enum VersionRenderer {
    /// The version in `format`, ending with a newline.
    /// - Throws: `EncodingError` for JSON (not expected for finite dates).
    public static func render(_ view: VersionView, format: OutputFormat, options: RenderOptions = RenderOptions()) throws -> String {
        switch format {
        case .text: text(view, options: options)
        case .markdown: markdown(view)
        case .html: HTMLPage.document(title: view.title?.trimmed.nonEmpty ?? "stet", body: htmlFragment(view))
        case .json: try JSONOutput.encode(JSONView(view: view), pretty: options.prettyJSON)
        }
    }

    static func text(_ view: VersionView, options: RenderOptions) -> String {
        var lines: [StyledLine] = []
        if let title = view.title?.trimmed.nonEmpty { lines.append(StyledLine(hang: 2, [StyledRun(title, .bold)])) }
        if let byline = view.byline?.trimmed.nonEmpty { lines.append(StyledLine(hang: 2, [StyledRun(byline)])) }
        for fact in view.factLines { lines.append(StyledLine(hang: 2, [StyledRun(fact, .dim)])) }
        if let url = view.canonicalURL?.trimmed.nonEmpty { lines.append(StyledLine([StyledRun(url, TextStyle(.blue, .underline))])) }
        var previous: BlockRole?
        for block in view.blocks {
            let text = block.text.trimmed
            guard !text.isEmpty else { continue }
            // A blank line between blocks, except between the items of one list.
            if !(block.role == .listItem && previous == .listItem) { lines.append(StyledLine([])) }
            previous = block.role
            switch block.role {
            case .heading, .headline: lines.append(StyledLine(hang: 2, [StyledRun(text, .bold)]))
            case .blockquote: lines.append(StyledLine(indent: 2, gutter: StyledRun("│ ", .dim), [StyledRun(text)]))
            case .listItem: lines.append(StyledLine(indent: 2, hang: 2, [StyledRun("• "), StyledRun(text)]))
            case .byline, .dateline: lines.append(StyledLine([StyledRun(text, .dim)]))
            case .paragraph: lines.append(StyledLine([StyledRun(text)]))
            }
        }
        let width = options.effectiveWidth
        return lines.flatMap { $0.render(width: width, colors: options.colors) }.joined(separator: "\n") + "\n"
    }

    static func markdown(_ view: VersionView) -> String {
        var blocks: [String] = []
        if let title = view.title?.trimmed.nonEmpty { blocks.append("# \(Escape.markdown(title))") }
        var facts: [String] = []
        if let byline = view.byline?.trimmed.nonEmpty { facts.append(Escape.markdown(byline, atLineStart: true)) }
        facts += view.factLines.map { Escape.markdown($0, atLineStart: true) }
        if let url = view.canonicalURL?.trimmed.nonEmpty, HTMLPage.isWebURL(url), !url.contains(">"), !url.contains(" ") {
            facts.append("<\(url)>")
        } else if let url = view.canonicalURL?.trimmed.nonEmpty {
            facts.append(Escape.markdown(url, atLineStart: true))
        }
        if !facts.isEmpty { blocks.append(facts.joined(separator: "\\\n")) }
        var list: [String] = []
        func flushList() {
            if !list.isEmpty { blocks.append(list.joined(separator: "\n")); list = [] }
        }
        for block in view.blocks {
            let text = block.text.trimmed
            guard !text.isEmpty else { continue }
            if block.role == .listItem {
                list.append("- \(Escape.markdown(text, atLineStart: true))")
                continue
            }
            flushList()
            switch block.role {
            case .heading, .headline: blocks.append("## \(Escape.markdown(text))")
            case .blockquote: blocks.append("> \(Escape.markdown(text, atLineStart: true))")
            case .byline, .dateline: blocks.append("*\(Escape.markdown(text))*")
            case .paragraph, .listItem: blocks.append(Escape.markdown(text, atLineStart: true))
            }
        }
        flushList()
        return blocks.joined(separator: "\n\n") + "\n"
    }

    /// The version as an `<article class="stet-version">` element for embedding.
    public static func htmlFragment(_ view: VersionView) -> String {
        var html = "<article class=\"stet-version\"\(view.language.flatMap { HTMLPage.languageAttribute($0) } ?? "")>\n<header>\n"
        if let title = view.title?.trimmed.nonEmpty { html += "<h1>\(Escape.html(title))</h1>\n" }
        if let byline = view.byline?.trimmed.nonEmpty { html += "<p class=\"byline\">\(Escape.html(byline))</p>\n" }
        for fact in view.factLines { html += "<p class=\"meta\">\(Escape.html(fact))</p>\n" }
        if let url = view.canonicalURL?.trimmed.nonEmpty {
            html += "<p class=\"meta\">\(HTMLPage.metaHTML(site: nil, url: url, extra: []))</p>\n"
        }
        html += "</header>\n"
        var inList = false
        for block in view.blocks {
            let text = block.text.trimmed
            guard !text.isEmpty else { continue }
            if block.role == .listItem {
                if !inList { html += "<ul>\n"; inList = true }
                html += "<li>\(Escape.html(text))</li>\n"
                continue
            }
            if inList { html += "</ul>\n"; inList = false }
            switch block.role {
            case .heading, .headline: html += "<h2>\(Escape.html(text))</h2>\n"
            case .blockquote: html += "<blockquote><p>\(Escape.html(text))</p></blockquote>\n"
            case .byline, .dateline: html += "<p class=\"meta\">\(Escape.html(text))</p>\n"
            case .paragraph, .listItem: html += "<p>\(Escape.html(text))</p>\n"
            }
        }
        if inList { html += "</ul>\n" }
        html += "</article>\n"
        return html
    }

    /// The `stet.version/1` document: the ExtractedArticle fields plus the version's number and
    /// capture time, missing values as `null`.
    struct JSONView: Encodable {
        var view: VersionView

        enum Keys: String, CodingKey {
            case schema, articleID, number, capturedAt, title, byline, published, modified, canonicalURL, siteName, language, blocks
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Keys.self)
            try container.encode("stet.version/1", forKey: .schema)
            try container.encode(view.articleID, forKey: .articleID)
            try container.encode(view.number, forKey: .number)
            try container.encode(view.capturedAt, forKey: .capturedAt)
            try container.encode(view.title, forKey: .title)
            try container.encode(view.byline, forKey: .byline)
            try container.encode(view.published, forKey: .published)
            try container.encode(view.modified, forKey: .modified)
            try container.encode(view.canonicalURL, forKey: .canonicalURL)
            try container.encode(view.siteName, forKey: .siteName)
            try container.encode(view.language, forKey: .language)
            try container.encode(view.blocks, forKey: .blocks)
        }
    }
}

extension HTMLPage {
    /// ` lang="…"` for a plausible BCP 47 tag (letters, digits and hyphens), else nothing.
    static func languageAttribute(_ language: String) -> String? {
        let tag = language.trimmed
        guard !tag.isEmpty, tag.count <= 35, tag.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }) else { return nil }
        return " lang=\"\(tag)\""
    }
}
