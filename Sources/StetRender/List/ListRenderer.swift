import Foundation

/// Renders the archive's articles, one row each; the output of `stet list`.
///
/// ```text
/// ID  VERSIONS  LAST CHANGE (UTC)  SITE      TITLE
/// 12         3  2024-01-03 14:20   Newsweek  Russia Blames NATO Countries for 'Terror…
/// ```
///
/// In text, columns are as wide as their widest cell (the site at most 24 characters) and the
/// title, the last column, is cut with "…" to fit the width; nothing wraps, so each article stays on
/// one line for `grep`. When the ids are so long that fewer than 24 columns would be left for the
/// title, each article takes two or three lines instead: its title, then its id, site, version count
/// and last change, then the last change's summary.
public enum ListRenderer {
    /// The list in `format`, ending with a newline.
    /// - Throws: `EncodingError` for JSON (not expected for finite dates).
    public static func render(rows: [ArticleListRow], format: OutputFormat, options: RenderOptions = RenderOptions()) throws -> String {
        switch format {
        case .text: text(rows: rows, options: options)
        case .markdown: markdown(rows: rows)
        case .html: HTMLPage.document(title: "stet · articles", body: htmlFragment(rows: rows))
        case .json: try JSONOutput.encode(List(rows: rows), pretty: options.prettyJSON)
        }
    }

    static let headings = ["ID", "VERSIONS", "LAST CHANGE (UTC)", "SITE", "TITLE"]

    /// The five cells of a row, control characters made harmless (see `LineWrapper.sanitized`).
    static func cells(_ row: ArticleListRow) -> [String] {
        let cells = [
            row.id, "\(row.versionCount)", row.lastChangedAt.map(Timestamp.utcMinutes) ?? "–",
            truncate(row.site?.trimmed.nonEmpty ?? "–", to: 24), row.title?.trimmed.nonEmpty ?? "(untitled)",
        ]
        return cells.map(LineWrapper.sanitized)
    }

    static func text(rows: [ArticleListRow], options: RenderOptions) -> String {
        guard !rows.isEmpty else { return "No articles.\n" }
        let table = rows.map(cells)
        var widths = headings.map { DisplayWidth.of($0) }
        for row in table {
            for (k, cell) in row.enumerated() { widths[k] = max(widths[k], DisplayWidth.of(cell)) }
        }
        func line(_ cells: [String], style: TextStyle) -> String {
            var text = ""
            for (k, cell) in cells.enumerated() {
                var cell = cell
                if k == cells.count - 1 {
                    if let width = options.effectiveWidth { cell = truncate(cell, to: max(10, width - DisplayWidth.of(text))) }
                } else {
                    let pad = String(repeating: " ", count: widths[k] - DisplayWidth.of(cell))
                    cell = k == 1 ? pad + cell : cell + pad  // counts align right
                    cell += "  "
                }
                text += cell
            }
            return options.colors && !style.isPlain ? style.escape + text + TextStyle.reset : text
        }
        // Long ids (host and slug) would leave the title no room: then each article takes two lines,
        // the title first and the facts under it, so nothing a reader needs is cut away.
        let before = widths.dropLast().reduce(0) { $0 + $1 + 2 }
        if let width = options.effectiveWidth, width - before < minimumTitleWidth {
            return blocks(rows: rows, options: options)
        }
        var lines = [line(headings, style: .bold)]
        lines += table.map { line($0, style: .plain) }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The narrowest title column the one-line table accepts.
    static let minimumTitleWidth = 24

    /// The two-line layout: the title in bold, then id, site, version count and last change, dim.
    static func blocks(rows: [ArticleListRow], options: RenderOptions) -> String {
        var output: [StyledLine] = []
        for row in rows {
            let cells = cells(row)
            var facts = [cells[0]]
            if let site = row.site?.trimmed.nonEmpty { facts.append(LineWrapper.sanitized(site)) }
            facts.append("\(row.versionCount) version\(row.versionCount == 1 ? "" : "s")")
            if let changed = row.lastChangedAt { facts.append("last change \(Timestamp.utcMinutes(changed)) UTC") }
            output.append(StyledLine(hang: 2, [StyledRun(cells[4], .bold)]))
            output.append(StyledLine(indent: 2, hang: 2, [StyledRun(facts.joined(separator: " · "), .dim)]))
            if let summary = row.lastSummary?.trimmed.nonEmpty {
                output.append(StyledLine(indent: 2, hang: 2, [StyledRun(LineWrapper.sanitized(summary))]))
            }
        }
        return output.flatMap { $0.render(width: options.effectiveWidth, colors: options.colors) }.joined(separator: "\n") + "\n"
    }

    /// The text cut to `width` columns, ending with "…" when it was cut.
    static func truncate(_ text: String, to width: Int) -> String {
        guard DisplayWidth.of(text) > width else { return text }
        var result = ""
        var used = 0
        for character in text {
            let characterWidth = DisplayWidth.of(character)
            if used + characterWidth > width - 1 { break }
            result.append(character)
            used += characterWidth
        }
        return result + "…"
    }

    static func markdown(rows: [ArticleListRow]) -> String {
        guard !rows.isEmpty else { return "*No articles.*\n" }
        var lines = ["| ID | Versions | Last change (UTC) | Site | Title |", "| --- | ---: | --- | --- | --- |"]
        for row in rows {
            var cells = cells(row).map { Escape.markdown($0) }
            if let url = row.url?.trimmed, HTMLPage.isWebURL(url) {
                cells[4] = "[\(cells[4])](<\(url.replacingOccurrences(of: ">", with: "%3E").replacingOccurrences(of: "<", with: "%3C").replacingOccurrences(of: " ", with: "%20"))>)"
            }
            lines.append("| " + cells.joined(separator: " | ") + " |")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The list as a `<table class="stet-list">` element for embedding: two columns so that it
    /// stays readable on a phone, the article (title linked to its URL; site, id and last change
    /// beneath) and its version count.
    public static func htmlFragment(rows: [ArticleListRow]) -> String {
        guard !rows.isEmpty else { return "<p class=\"stet-list\">No articles.</p>\n" }
        var html = "<table class=\"stet-list\">\n<thead><tr><th>Article</th><th class=\"count\">Versions</th></tr></thead>\n<tbody>\n"
        for row in rows {
            let cells = cells(row)
            html += "<tr><td>"
            if let url = row.url?.trimmed, HTMLPage.isWebURL(url) {
                html += "<a href=\"\(Escape.html(url))\">\(Escape.html(cells[4]))</a>"
            } else {
                html += Escape.html(cells[4])
            }
            var meta = [row.site?.trimmed.nonEmpty.map(LineWrapper.sanitized), "id \(cells[0])"].compactMap { $0 }.map(Escape.html)
            if let date = row.lastChangedAt {
                meta.append("changed <time datetime=\"\(Timestamp.iso8601(date))\">\(cells[2])</time> UTC")
            }
            html += "<span class=\"meta\">\(meta.joined(separator: " · "))</span></td>"
            html += "<td class=\"count\">\(cells[1])</td></tr>\n"
        }
        html += "</tbody>\n</table>\n"
        return html
    }

    /// The `stet.list/1` document, missing values as `null`.
    struct List: Encodable {
        var rows: [ArticleListRow]

        enum Keys: String, CodingKey { case schema, articles }
        enum RowKeys: String, CodingKey { case id, title, site, url, versionCount, lastChangedAt, lastSummary }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Keys.self)
            try container.encode("stet.list/1", forKey: .schema)
            var articles = container.nestedUnkeyedContainer(forKey: .articles)
            for row in rows {
                var item = articles.nestedContainer(keyedBy: RowKeys.self)
                try item.encode(row.id, forKey: .id)
                try item.encode(row.title, forKey: .title)
                try item.encode(row.site, forKey: .site)
                try item.encode(row.url, forKey: .url)
                try item.encode(row.versionCount, forKey: .versionCount)
                try item.encode(row.lastChangedAt, forKey: .lastChangedAt)
                try item.encode(row.lastSummary, forKey: .lastSummary)
            }
        }
    }
}
