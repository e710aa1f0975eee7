import StetDiff
import StetText

/// Writes a diff as HTML: a self-contained HTML5 page (inline CSS, no script, readable on a phone)
/// or a fragment to embed in a larger page.
///
/// The fragment is one `<article class="stet-diff">` with a header (title, sides, summary) and one
/// `<section>` per paragraph; each change is a `<div class="change KIND">` holding its label and
/// its text, with `<ins>` and `<del>` around added and removed words. Every piece of article text
/// and every facet value is escaped (`& < > " '`), so markup inside an article is shown, not run.
public struct HTMLDiffRenderer: Sendable {
    /// Colors, width, context and whether minor changes are hidden.
    public var options: DiffRenderOptions

    /// A renderer with `options` (plain text at 80 columns by default).
    public init(options: DiffRenderOptions = DiffRenderOptions()) {
        self.options = options
    }

    /// A complete HTML5 document, ending with a newline.
    /// - Throws: `InvalidDiffError` when the diff contradicts itself.
    public func render(_ diff: ArticleDiff, context: DiffRenderContext = DiffRenderContext()) throws -> String {
        let outline = try DiffOutline(diff: diff, context: context, options: options)
        let title = [outline.title?.trimmed, "changes"].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " · ")
        return HTMLPage.document(title: title, body: fragment(outline))
    }

    /// The diff as an `<article>` element for embedding (the page's CSS classes, no `<html>`).
    /// - Throws: `InvalidDiffError` when the diff contradicts itself.
    public func fragment(_ diff: ArticleDiff, context: DiffRenderContext = DiffRenderContext()) throws -> String {
        fragment(try DiffOutline(diff: diff, context: context, options: options))
    }

    /// An outline as an `<article>` element.
    public func fragment(_ outline: DiffOutline) -> String {
        var html = "<article class=\"stet-diff\">\n<header>\n"
        if let title = outline.title?.trimmed, !title.isEmpty {
            html += "<h1>\(Escape.html(title))</h1>\n"
        }
        if outline.oldLabel != nil || outline.newLabel != nil {
            html += "<p class=\"sides\">"
            if let old = outline.oldLabel { html += "<span class=\"old\">from \(Escape.html(old))</span>" }
            if outline.oldLabel != nil && outline.newLabel != nil { html += "<br>" }
            if let new = outline.newLabel { html += "<span class=\"new\">to \(Escape.html(new))</span>" }
            html += "</p>\n"
        }
        let summary = outline.summary.trimmed
        html += "<p class=\"summary\"><strong>\(Escape.html(summary.isEmpty ? "No change" : summary))</strong></p>\n"
        html += "</header>\n"
        for section in outline.sections {
            let kind = section.isRemovedParagraph ? "paragraph removed-paragraph" : "paragraph"
            html += "<section class=\"\(kind) role-\(section.role.rawValue)\">\n"
            let heading = section.displayHeading
            html += "<h2>\(Escape.html(heading))</h2>\n"
            for item in section.items { html += self.item(item) }
            html += "</section>\n"
        }
        if outline.hiddenMinorChanges > 0 {
            let count = outline.hiddenMinorChanges
            html += "<p class=\"hidden-minor\">\(count) minor change\(count == 1 ? "" : "s") hidden</p>\n"
        }
        html += "</article>\n"
        return html
    }

    private func item(_ item: DiffOutline.Item) -> String {
        switch item {
        case .context(let sentence):
            return "<p class=\"context\">\(Escape.html(sentence))</p>\n"
        case .elision(let count):
            return "<p class=\"elision\" title=\"\(count) unchanged sentence\(count == 1 ? "" : "s")\">…</p>\n"
        case .change(let entry):
            let minor = entry.label.isMinor ? " is-minor" : ""
            var html = "<div class=\"change \(entry.kind.rawValue)\(minor)\">\n"
            html += "<p class=\"label\"><span class=\"mark\">\(Escape.html(entry.label.symbol))</span> "
            html += "<span class=\"action\">\(Escape.html(entry.label.action))</span>"
            for detail in entry.label.details {
                html += " · <span class=\"facet\">\(Escape.html(detail))</span>"
            }
            if entry.label.isMinor { html += " <span class=\"minor\">(minor)</span>" }
            html += "</p>\n"
            switch entry.body {
            case .added(let sentences):
                html += sentences.map { "<p class=\"text\"><ins>\(Escape.html($0))</ins></p>\n" }.joined()
            case .removed(let sentences):
                html += sentences.map { "<p class=\"text\"><del>\(Escape.html($0))</del></p>\n" }.joined()
            case .unchanged(let sentences):
                html += sentences.map { "<p class=\"text\">\(Escape.html($0))</p>\n" }.joined()
            case .edited(let spans):
                html += "<p class=\"text\">"
                for span in spans {
                    switch span.operation {
                    case .equal: html += Escape.html(span.text)
                    case .deleted: html += "<del>\(Escape.html(span.text))</del>"
                    case .inserted: html += "<ins>\(Escape.html(span.text))</ins>"
                    }
                }
                html += "</p>\n"
            }
            html += "</div>\n"
            return html
        }
    }
}

/// The page around every HTML output: doctype, viewport for phones, and one small style sheet.
enum HTMLPage {
    static let css = """
        body{font:16px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;max-width:46rem;margin:0 auto;\
        padding:1rem;color:#1f2328;background:#fff}
        h1{font-size:1.4rem;line-height:1.25;margin:.5rem 0}
        .stet-diff h2{font-size:.9rem;color:#59636e;border-bottom:1px solid #d1d9e0;margin:1.5rem 0 .5rem}
        .stet-version h2{font-size:1.15rem;margin:1.5rem 0 .5rem}
        blockquote{margin:1rem 0;padding-left:1rem;border-left:3px solid #d1d9e0}
        a{color:#0969da;overflow-wrap:anywhere}
        .sides,.meta{color:#59636e;font-size:.9rem;margin:.25rem 0}
        .summary{font-size:1.05rem}
        .change{margin:.5rem 0 .9rem}
        .label{font-size:.9rem;font-weight:600;margin:0}
        .added .label{color:#1a7f37}.removed .label{color:#cf222e}.edited .label{color:#9a6700}
        .moved .label{color:#0969da}.split .label,.merged .label{color:#8250df}
        .minor{color:#59636e;font-weight:normal}
        .text{margin:.15rem 0 0 1rem}
        .context,.elision{color:#59636e;margin:.15rem 0 .15rem 1rem}
        ins{background:#dafbe1;text-decoration:none}
        del{background:#ffebe9;color:#82071e}
        del+ins{margin-left:.15em}
        .hidden-minor{color:#59636e;font-style:italic}
        table{border-collapse:collapse;width:100%;font-size:.95rem}
        th,td{text-align:left;padding:.3rem .5rem;border-bottom:1px solid #d1d9e0;vertical-align:top}
        .count{text-align:right}
        .stet-list .meta{display:block;font-size:.85rem;margin:0}
        .tag{display:inline-block;font-size:.8rem;padding:0 .35rem;margin-right:.2rem;border-radius:.3rem;\
        background:#eef1f4}
        ol.history{padding-left:0;list-style:none}
        ol.history li{margin:.4rem 0}
        time{font-variant-numeric:tabular-nums;color:#59636e}
        @media (prefers-color-scheme:dark){body{color:#e6edf3;background:#0d1117}
        .stet-diff h2{color:#9198a1;border-color:#3d444d}blockquote{border-color:#3d444d}.sides,.meta,.context,.elision,.minor,time{color:#9198a1}
        ins{background:#1f3d2a}del{background:#4a1f24;color:#ffdcd7}.tag{background:#262c36}a{color:#4493f8}}
        """

    /// A complete document around `body`; `title` is escaped here.
    static func document(title: String, body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(Escape.html(title.isEmpty ? "stet" : title))</title>
        <style>
        \(css)
        </style>
        </head>
        <body>
        \(body)</body>
        </html>

        """
    }
}

extension HTMLPage {
    /// `site · <a href=url>url</a> · extra…`, every part escaped; a URL becomes a link only when it
    /// is http or https (never `javascript:`).
    static func metaHTML(site: String?, url: String?, extra: [String]) -> String {
        var parts: [String] = []
        if let site = site?.trimmed, !site.isEmpty { parts.append(Escape.html(site)) }
        if let url = url?.trimmed, !url.isEmpty {
            if isWebURL(url) {
                parts.append("<a href=\"\(Escape.html(url))\">\(Escape.html(url))</a>")
            } else {
                parts.append(Escape.html(url))
            }
        }
        parts.append(contentsOf: extra.map(Escape.html))
        return parts.joined(separator: " · ")
    }

    /// True for an http or https URL: the only ones turned into links.
    static func isWebURL(_ url: String) -> Bool {
        let lower = url.lowercased()
        return lower.hasPrefix("https://") || lower.hasPrefix("http://")
    }
}
