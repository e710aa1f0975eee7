import Foundation

/// Renders an article's history, one line per version; the output of `stet log`.
///
/// ```text
/// Russia Blames NATO Countries for 'Terror Attack' on Belgorod
/// Newsweek · https://www.newsweek.com/… · 3 versions · id 12
///
/// v1  2024-01-01 10:20  First capture
/// v2  2024-01-02 18:05  [figure] Changed a figure: 14 → 21 killed
/// v3  2024-01-03 14:20  [quote] [note] Added a quote from an FCDO spokesperson
/// ```
///
/// Times are UTC to the minute. A long summary wraps under itself, not under the version number.
public enum HistoryRenderer {
    /// The history in `format`, ending with a newline.
    /// - Throws: `EncodingError` for JSON (not expected for finite dates).
    public static func render(header: ArticleHeader, lines: [VersionLine], format: OutputFormat, options: RenderOptions = RenderOptions()) throws -> String {
        switch format {
        case .text: text(header: header, lines: lines, options: options)
        case .markdown: markdown(header: header, lines: lines)
        case .html: HTMLPage.document(title: (header.title ?? header.id) + " · history", body: htmlFragment(header: header, lines: lines))
        case .json: try JSONOutput.encode(Log(header: header, lines: lines), pretty: options.prettyJSON)
        }
    }

    /// The facts under the title: site, URL, version count and id.
    static func metaLine(_ header: ArticleHeader) -> String {
        var parts: [String] = []
        if let site = header.site?.trimmed, !site.isEmpty { parts.append(site) }
        if let url = header.url?.trimmed, !url.isEmpty { parts.append(url) }
        parts.append("\(header.versionCount) version\(header.versionCount == 1 ? "" : "s")")
        parts.append("id \(header.id)")
        return parts.joined(separator: " · ")
    }

    static func text(header: ArticleHeader, lines: [VersionLine], options: RenderOptions) -> String {
        var output: [StyledLine] = []
        output.append(StyledLine(hang: 2, [StyledRun(header.title?.trimmed.nonEmpty ?? "(untitled)", .bold)]))
        output.append(StyledLine(hang: 2, [StyledRun(metaLine(header), .dim)]))
        output.append(StyledLine([]))
        let numberWidth = lines.map { "v\($0.number)".count }.max() ?? 2
        for line in lines {
            let number = "v\(line.number)"
            var runs = [
                StyledRun(number, .bold), StyledRun(String(repeating: " ", count: numberWidth - number.count + 2)),
                StyledRun(Timestamp.utcMinutes(line.capturedAt), .dim), StyledRun("  "),
            ]
            for label in line.labels {
                runs.append(StyledRun("[\(label)]", labelStyle(label)))
                runs.append(StyledRun(" "))
            }
            runs.append(StyledRun(line.summary.trimmed.nonEmpty ?? "No change"))
            // The summary column starts after "vN  yyyy-MM-dd HH:mm  ".
            output.append(StyledLine(hang: numberWidth + 2 + 16 + 2, runs))
        }
        if lines.isEmpty { output.append(StyledLine([StyledRun("No versions.", .dim)])) }
        return output.flatMap { $0.render(width: options.effectiveWidth, colors: options.colors) }.joined(separator: "\n") + "\n"
    }

    static func labelStyle(_ label: String) -> TextStyle {
        switch label {
        case "quote": TextStyle(.cyan)
        case "figure": TextStyle(.yellow)
        case "note": TextStyle(.magenta)
        case "title": TextStyle(.blue)
        default: TextStyle(.red)
        }
    }

    static func markdown(header: ArticleHeader, lines: [VersionLine]) -> String {
        var blocks = ["# \(Escape.markdown(header.title?.trimmed.nonEmpty ?? "(untitled)"))", Escape.markdown(metaLine(header))]
        if lines.isEmpty {
            blocks.append("*No versions.*")
        } else {
            var table = ["| Version | Captured (UTC) | Labels | Summary |", "| --- | --- | --- | --- |"]
            for line in lines {
                let labels = line.labels.map { "`\($0)`" }.joined(separator: " ")
                let summary = Escape.markdown(line.summary.trimmed.nonEmpty ?? "No change")
                table.append("| v\(line.number) | \(Timestamp.utcMinutes(line.capturedAt)) | \(labels) | \(summary) |")
            }
            blocks.append(table.joined(separator: "\n"))
        }
        return blocks.joined(separator: "\n\n") + "\n"
    }

    /// The history as a `<section class="stet-log">` element for embedding.
    public static func htmlFragment(header: ArticleHeader, lines: [VersionLine]) -> String {
        var html = "<section class=\"stet-log\">\n<header>\n"
        html += "<h1>\(Escape.html(header.title?.trimmed.nonEmpty ?? "(untitled)"))</h1>\n"
        html += "<p class=\"meta\">\(HTMLPage.metaHTML(site: header.site, url: header.url, extra: ["\(header.versionCount) version\(header.versionCount == 1 ? "" : "s")", "id \(header.id)"]))</p>\n"
        html += "</header>\n"
        if lines.isEmpty {
            html += "<p>No versions.</p>\n"
        } else {
            html += "<ol class=\"history\">\n"
            for line in lines {
                html += "<li><strong>v\(line.number)</strong> "
                html += "<time datetime=\"\(Timestamp.iso8601(line.capturedAt))\">\(Timestamp.utcMinutes(line.capturedAt))</time> "
                for label in line.labels {
                    let kind = label.hasPrefix("revert") ? "revert" : label
                    html += "<span class=\"tag \(kind)\">\(Escape.html(label))</span>"
                }
                html += " \(Escape.html(line.summary.trimmed.nonEmpty ?? "No change"))</li>\n"
            }
            html += "</ol>\n"
        }
        html += "</section>\n"
        return html
    }

    /// The `stet.log/1` document: the article and its versions, missing values as `null`.
    struct Log: Encodable {
        var header: ArticleHeader
        var lines: [VersionLine]

        enum Keys: String, CodingKey { case schema, article, versions }
        enum ArticleKeys: String, CodingKey { case id, title, site, url, versionCount }
        enum VersionKeys: String, CodingKey { case number, capturedAt, summary, labels, quote, figure, note, titleChanged, revertOf }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Keys.self)
            try container.encode("stet.log/1", forKey: .schema)
            var article = container.nestedContainer(keyedBy: ArticleKeys.self, forKey: .article)
            try article.encode(header.id, forKey: .id)
            try article.encode(header.title, forKey: .title)
            try article.encode(header.site, forKey: .site)
            try article.encode(header.url, forKey: .url)
            try article.encode(header.versionCount, forKey: .versionCount)
            var versions = container.nestedUnkeyedContainer(forKey: .versions)
            for line in lines {
                var version = versions.nestedContainer(keyedBy: VersionKeys.self)
                try version.encode(line.number, forKey: .number)
                try version.encode(line.capturedAt, forKey: .capturedAt)
                try version.encode(line.summary, forKey: .summary)
                try version.encode(line.labels, forKey: .labels)
                try version.encode(line.hasQuoteChange, forKey: .quote)
                try version.encode(line.hasFigureChange, forKey: .figure)
                try version.encode(line.hasNoteChange, forKey: .note)
                try version.encode(line.titleChanged, forKey: .titleChanged)
                try version.encode(line.revertOf, forKey: .revertOf)
            }
        }
    }
}

extension String {
    /// The string, or `nil` when it is empty.
    var nonEmpty: String? { isEmpty ? nil : self }
}
