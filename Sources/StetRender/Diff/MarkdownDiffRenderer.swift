import StetDiff
import StetText

/// Writes a diff as CommonMark Markdown: the title as a heading, the summary in bold, one
/// second-level heading per paragraph, and one list item per change or context sentence.
///
/// ```markdown
/// # Russia Blames NATO Countries for 'Terror Attack' on Belgorod
///
/// **Added a quote from an FCDO spokesperson; added an update note**
///
/// ## ¶7
///
/// - **+ added · quote (FCDO spokesperson)**\
///   A spokesperson for the United Kingdom's …
/// - …
/// ```
///
/// Added sentences are printed as they are under their label, removed ones struck through
/// (`~~…~~`), edited ones with `~~old~~ **new**` word highlights, and context in italics. All
/// article text is escaped so that it cannot turn into Markdown or HTML syntax.
public struct MarkdownDiffRenderer: Sendable {
    /// Colors, width, context and whether minor changes are hidden.
    public var options: DiffRenderOptions

    /// A renderer with `options` (plain text at 80 columns by default).
    public init(options: DiffRenderOptions = DiffRenderOptions()) {
        self.options = options
    }

    /// The diff as Markdown, ending with a newline.
    /// - Throws: `InvalidDiffError` when the diff contradicts itself.
    public func render(_ diff: ArticleDiff, context: DiffRenderContext = DiffRenderContext()) throws -> String {
        render(try DiffOutline(diff: diff, context: context, options: options))
    }

    /// An outline as Markdown, ending with a newline.
    public func render(_ outline: DiffOutline) -> String {
        var blocks: [String] = []
        if let title = outline.title?.trimmed, !title.isEmpty {
            blocks.append("# \(Escape.markdown(title))")
        }
        var sides: [String] = []
        if let old = outline.oldLabel { sides.append("from: \(Escape.markdown(old))") }
        if let new = outline.newLabel { sides.append("to: \(Escape.markdown(new))") }
        if !sides.isEmpty { blocks.append(sides.joined(separator: "\\\n")) }
        let summary = outline.summary.trimmed
        blocks.append("**\(Escape.markdown(summary.isEmpty ? "No change" : summary))**")

        for section in outline.sections {
            let heading = section.displayHeading
            blocks.append("## \(Escape.markdown(heading))")
            blocks.append(section.items.map(item).joined(separator: "\n"))
        }
        if outline.hiddenMinorChanges > 0 {
            let count = outline.hiddenMinorChanges
            blocks.append("*\(count) minor change\(count == 1 ? "" : "s") hidden*")
        }
        return blocks.joined(separator: "\n\n") + "\n"
    }

    private func item(_ item: DiffOutline.Item) -> String {
        switch item {
        case .context(let sentence):
            return "- *\(Escape.markdown(sentence))*"
        case .elision:
            return "- …"
        case .change(let entry):
            let label = "- **\(Escape.markdown(entry.label.text))**\\\n  "
            switch entry.body {
            case .added(let sentences), .unchanged(let sentences):
                return label + Escape.markdown(sentences.joined(separator: " "), atLineStart: true)
            case .removed(let sentences):
                return label + "~~\(Escape.markdown(sentences.joined(separator: " ")))~~"
            case .edited(let tokenSpans):
                let spans = WordSnapping.snapped(tokenSpans)
                var text = ""
                if let first = spans.first, first.operation == .equal {
                    // Only the first span can begin the line; escape it as such.
                    text = Escape.markdown(first.text, atLineStart: true)
                }
                for (k, span) in spans.enumerated() {
                    if k > 0 || span.operation != .equal { text += Self.span(span) }
                    // `~~old~~ **new**`: a space between a replaced word and its replacement.
                    if span.operation == .deleted, k + 1 < spans.count, spans[k + 1].operation == .inserted,
                        span.text.last?.isWhitespace == false, spans[k + 1].text.first?.isWhitespace == false
                    {
                        text += " "
                    }
                }
                return label + text
            }
        }
    }

    /// A word-diff span; emphasis markers hug the words so that CommonMark accepts them, and the
    /// spaces around the words stay outside.
    static func span(_ span: WordDiff.Span) -> String {
        guard span.operation != .equal else { return Escape.markdown(span.text) }
        let core = span.text.trimmed
        guard !core.isEmpty else { return span.text }
        let leading = span.text.prefix { $0.isWhitespace }
        let trailing = String(span.text.reversed().prefix { $0.isWhitespace })
        let marker = span.operation == .deleted ? "~~" : "**"
        return "\(leading)\(marker)\(Escape.markdown(core))\(marker)\(trailing)"
    }
}
