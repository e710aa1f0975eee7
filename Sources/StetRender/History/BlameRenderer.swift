import Foundation
import StetDiff

/// Renders `stet blame`: each sentence of a version beside the version that introduced it.
///
/// ```text
/// v1  A Russian official on Saturday blamed the United Kingdom …
/// v3  A spokesperson for the United Kingdom's Foreign, Commonwealth and Development Office …
/// ```
///
/// Blocks are separated by blank lines, as in the article. The HTML form shades each sentence by
/// its origin (older versions lighter), with the version and capture time in a tooltip.
public enum BlameRenderer {
    /// One sentence and where it came from.
    public struct Line: Sendable, Hashable, Codable {
        public var sentence: String
        /// The version number (1-based) that introduced the sentence.
        public var version: Int
        /// When that version was captured.
        public var capturedAt: Date?
        /// Index of the block (paragraph) the sentence belongs to.
        public var block: Int

        public init(sentence: String, version: Int, capturedAt: Date?, block: Int) {
            self.sentence = sentence
            self.version = version
            self.capturedAt = capturedAt
            self.block = block
        }
    }

    /// The blame of one version, ending with a newline.
    public static func render(header: ArticleHeader, version: Int, lines: [Line], format: OutputFormat, options: RenderOptions = RenderOptions()) throws -> String {
        switch format {
        case .json:
            return try JSONOutput.encode(Document(schema: "stet.blame/1", article: header, version: version, sentences: lines), pretty: options.prettyJSON)
        case .markdown:
            var output = "# \(Escape.markdown(header.title ?? header.id, atLineStart: false))\n\nVersion \(version), each sentence with the version that introduced it.\n"
            var lastBlock = -1
            for line in lines {
                output += line.block != lastBlock ? "\n" : ""
                lastBlock = line.block
                output += "- **v\(line.version)** \(Escape.markdown(line.sentence))\n"
            }
            return output
        case .html:
            return HTMLPage.document(title: (header.title ?? header.id) + " · blame", body: htmlFragment(header: header, version: version, lines: lines))
        case .text:
            var output: [StyledLine] = [
                StyledLine(hang: 2, [StyledRun(header.title?.trimmed.nonEmpty ?? "(untitled)", .bold)]),
                StyledLine([StyledRun("version \(version) · each sentence with the version that introduced it", .dim)]),
            ]
            let width = lines.map { "v\($0.version)".count }.max() ?? 2
            var lastBlock = -1
            for line in lines {
                if line.block != lastBlock { output.append(StyledLine([])) }
                lastBlock = line.block
                let tag = "v\(line.version)"
                let style: TextStyle = line.version == version ? .added : .dim
                output.append(StyledLine(hang: width + 2, [
                    StyledRun(tag, style), StyledRun(String(repeating: " ", count: width - tag.count + 2)), StyledRun(line.sentence),
                ]))
            }
            return output.flatMap { $0.render(width: options.effectiveWidth, colors: options.colors) }.joined(separator: "\n") + "\n"
        }
    }

    /// The blame as an HTML fragment: paragraphs of sentences shaded by the version that introduced them.
    public static func htmlFragment(header: ArticleHeader, version: Int, lines: [Line]) -> String {
        var html = "<article class=\"stet-blame\"><h1>\(Escape.html(header.title ?? header.id))</h1>"
        html += "<p class=\"meta\">Version \(version). Each sentence is shaded by the version that introduced it.</p>"
        var lastBlock = -1
        for line in lines {
            if line.block != lastBlock {
                if lastBlock >= 0 { html += "</p>" }
                html += "<p>"
                lastBlock = line.block
            }
            // Newer sentences are shaded darker: the latest version's additions stand out.
            let level = version <= 1 ? 0 : min(4, (line.version - 1) * 4 / max(1, version - 1))
            let when = line.capturedAt.map { " · " + Timestamp.utcMinutes($0) + " UTC" } ?? ""
            html += "<span class=\"blame v\(level)\" title=\"version \(line.version)\(Escape.html(when))\">"
            html += "<sup>v\(line.version)</sup> \(Escape.html(line.sentence))</span> "
        }
        if lastBlock >= 0 { html += "</p>" }
        return html + "</article>"
    }

    private struct Document: Encodable {
        var schema: String
        var article: ArticleHeader
        var version: Int
        var sentences: [Line]
    }
}

/// Renders `stet timeline`: every quote and figure across the versions of an article.
public enum TimelineRenderer {
    /// The timeline, ending with a newline. `capturedAt[k]` is the capture time of version k+1.
    public static func render(header: ArticleHeader, timeline: Timeline, capturedAt: [Date], format: OutputFormat, options: RenderOptions = RenderOptions()) throws -> String {
        func when(_ version: Int) -> String {
            version < capturedAt.count ? Timestamp.utcMinutes(capturedAt[version]) : ""
        }
        func history(_ entry: Timeline.Entry) -> String {
            entry.events.map { event in
                let verb = event.change == .changed ? "changed" : event.change.rawValue
                let text = event.change == .removed || event.change == .added ? "" : " to \(event.text ?? "")"
                return "v\(event.version + 1) \(verb)\(text)"
            }.joined(separator: "; ")
        }
        let quotes = timeline.entries.filter { $0.kind == .quote }
        let figures = timeline.entries.filter { $0.kind == .figure }
        switch format {
        case .json:
            return try JSONOutput.encode(JSONDocument(schema: "stet.timeline/1", article: header, versions: capturedAt, entries: timeline.entries), pretty: options.prettyJSON)
        case .markdown:
            var output = "# \(Escape.markdown(header.title ?? header.id))\n"
            for (title, entries) in [("Quotes", quotes), ("Figures", figures)] {
                output += "\n## \(title)\n\n"
                if entries.isEmpty { output += "None.\n" }
                for entry in entries {
                    let label = entry.label.map { "**\(Escape.markdown($0))**: " } ?? ""
                    output += "- \(label)\(Escape.markdown(entry.text)) — \(Escape.markdown(history(entry)))\n"
                }
            }
            return output
        case .html:
            return HTMLPage.document(title: (header.title ?? header.id) + " · timeline", body: htmlFragment(header: header, timeline: timeline, capturedAt: capturedAt))
        case .text:
            var output: [StyledLine] = [
                StyledLine(hang: 2, [StyledRun(header.title?.trimmed.nonEmpty ?? "(untitled)", .bold)]),
                StyledLine([StyledRun("\(capturedAt.count) version\(capturedAt.count == 1 ? "" : "s") · quotes and figures as they appeared, changed and disappeared", .dim)]),
            ]
            for (title, entries) in [("Quotes", quotes), ("Figures", figures)] {
                output.append(StyledLine([]))
                output.append(StyledLine([StyledRun("\(title) (\(entries.count))", .bold)]))
                if entries.isEmpty { output.append(StyledLine(indent: 2, [StyledRun("none", .dim)])) }
                for entry in entries {
                    let gone = entry.removedIn != nil
                    var runs: [StyledRun] = []
                    if let label = entry.label { runs.append(StyledRun(label + ": ", .bold)) }
                    runs.append(StyledRun(entry.text, gone ? .removed : .plain))
                    output.append(StyledLine(indent: 2, hang: 2, runs))
                    let steps = entry.events.map { event -> String in
                        let verb = event.change == .changed ? "changed" : event.change.rawValue
                        let detail = event.change == .edited || event.change == .changed ? " → \(event.text ?? "")" : ""
                        return "v\(event.version + 1) \(when(event.version)) \(verb)\(detail)"
                    }
                    output.append(StyledLine(indent: 4, hang: 2, [StyledRun(steps.joined(separator: " · "), .dim)]))
                }
            }
            return output.flatMap { $0.render(width: options.effectiveWidth, colors: options.colors) }.joined(separator: "\n") + "\n"
        }
    }

    public static func htmlFragment(header: ArticleHeader, timeline: Timeline, capturedAt: [Date]) -> String {
        var html = "<article class=\"stet-timeline\"><h1>\(Escape.html(header.title ?? header.id))</h1>"
        for (title, kind) in [("Quotes", Timeline.Kind.quote), ("Figures", .figure)] {
            let entries = timeline.entries.filter { $0.kind == kind }
            html += "<h2>\(title) (\(entries.count))</h2><ul class=\"timeline\">"
            for entry in entries {
                let gone = entry.removedIn != nil ? " class=\"gone\"" : ""
                html += "<li\(gone)>"
                if let label = entry.label { html += "<strong>\(Escape.html(label))</strong>: " }
                html += "\(Escape.html(entry.text))<ol class=\"events\">"
                for event in entry.events {
                    let time = event.version < capturedAt.count ? " · " + Timestamp.utcMinutes(capturedAt[event.version]) : ""
                    let detail = event.change == .edited || event.change == .changed ? " → " + Escape.html(event.text ?? "") : ""
                    html += "<li>v\(event.version + 1)\(time) \(event.change.rawValue)\(detail)</li>"
                }
                html += "</ol></li>"
            }
            html += "</ul>"
        }
        return html + "</article>"
    }

    private struct JSONDocument: Encodable {
        var schema: String
        var article: ArticleHeader
        var versions: [Date]
        var entries: [Timeline.Entry]
    }
}
