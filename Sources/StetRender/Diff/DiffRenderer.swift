import StetDiff

/// Renders one `ArticleDiff` in any output format; the entry point for `stet diff`.
///
/// ```swift
/// let renderer = DiffRenderer(options: DiffRenderOptions(colors: isTerminal, width: columns))
/// print(try renderer.render(diff, context: context, format: .text), terminator: "")
/// ```
public struct DiffRenderer: Sendable {
    /// Colors, width, context and whether minor changes are hidden.
    public var options: DiffRenderOptions

    /// A renderer with `options` (plain text at 80 columns by default).
    public init(options: DiffRenderOptions = DiffRenderOptions()) {
        self.options = options
    }

    /// The diff in `format`, ending with a newline. JSON ignores `context` and the presentation
    /// options (it is the whole `stet.diff/1` document); HTML is a complete page.
    /// - Throws: `InvalidDiffError` when the diff contradicts itself, `EncodingError` for JSON.
    public func render(_ diff: ArticleDiff, context: DiffRenderContext = DiffRenderContext(), format: OutputFormat) throws -> String {
        switch format {
        case .text: try TerminalDiffRenderer(options: options).render(diff, context: context)
        case .markdown: try MarkdownDiffRenderer(options: options).render(diff, context: context)
        case .html: try HTMLDiffRenderer(options: options).render(diff, context: context)
        case .json: try JSONDiffRenderer(pretty: options.prettyJSON).render(diff)
        }
    }
}
