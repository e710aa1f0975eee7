import Foundation

/// The output formats every `stet` command can print.
public enum OutputFormat: String, Sendable, Hashable, Codable, CaseIterable {
    /// Text for a terminal or a log file; colored when `RenderOptions.colors` is on.
    case text
    /// Machine-readable JSON with sorted keys (the `stet.diff/1` contract for diffs).
    case json
    /// CommonMark Markdown.
    case markdown
    /// A self-contained HTML5 page.
    case html
}

/// Presentation choices shared by every renderer.
///
/// The renderers never look at the environment: the command line decides `colors` from
/// `NO_COLOR` and whether standard output is a terminal, and passes the terminal width.
public struct RenderOptions: Sendable, Hashable {
    /// Emit ANSI colors and styles in `.text` output. Off means plain, marker-only text.
    public var colors: Bool
    /// Wrap `.text` output to this many columns; `nil` (or fewer than 20) means no wrapping.
    public var width: Int?
    /// Indent JSON output for people; off gives one compact line.
    public var prettyJSON: Bool

    /// Options with plain text at 80 columns and pretty JSON by default.
    public init(colors: Bool = false, width: Int? = 80, prettyJSON: Bool = true) {
        self.colors = colors
        self.width = width
        self.prettyJSON = prettyJSON
    }

    /// Whether text output should be colored, by the conventions of https://no-color.org and
    /// `FORCE_COLOR`: a non-empty `FORCE_COLOR` (other than `0`) turns colors on; otherwise a
    /// non-empty `NO_COLOR` or `TERM=dumb` turns them off; otherwise colors are on exactly when
    /// standard output is a terminal. Pure: the caller passes the environment and `isatty`'s answer.
    public static func colorsEnabled(environment: [String: String], isTerminal: Bool) -> Bool {
        if let force = environment["FORCE_COLOR"], !force.isEmpty, force != "0" { return true }
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return false }
        if environment["TERM"] == "dumb" { return false }
        return isTerminal
    }

    /// The terminal width from `COLUMNS` when it is a sensible number (20…1000), else `fallback`.
    public static func width(environment: [String: String], fallback: Int? = 80) -> Int? {
        guard let text = environment["COLUMNS"], let columns = Int(text.trimmed), (20...1000).contains(columns) else {
            return fallback
        }
        return columns
    }

    /// The wrapping width in effect, or `nil` when lines are left as they are.
    var effectiveWidth: Int? {
        guard let width, width >= 20 else { return nil }
        return width
    }
}

/// Presentation choices for a diff.
public struct DiffRenderOptions: Sendable, Hashable {
    /// Emit ANSI colors and styles in `.text` output. Off means plain, marker-only text.
    public var colors: Bool
    /// Wrap `.text` output to this many columns; `nil` (or fewer than 20) means no wrapping.
    public var width: Int?
    /// Unchanged sentences shown before and after each change, within its paragraph
    /// (0…, default 1); the others are elided with "…".
    public var contextSentences: Int
    /// Leave out changes marked minor (case, punctuation, spelling, whitespace); their new text
    /// then reads as unchanged context.
    public var hideMinor: Bool
    /// Indent JSON output for people; off gives one compact line.
    public var prettyJSON: Bool

    /// Options with plain text at 80 columns, one sentence of context and every change shown by
    /// default. A negative `contextSentences` counts as 0.
    public init(
        colors: Bool = false, width: Int? = 80, contextSentences: Int = 1, hideMinor: Bool = false,
        prettyJSON: Bool = true
    ) {
        self.colors = colors
        self.width = width
        self.contextSentences = max(0, contextSentences)
        self.hideMinor = hideMinor
        self.prettyJSON = prettyJSON
    }

    /// The options that every renderer shares.
    public var common: RenderOptions {
        RenderOptions(colors: colors, width: width, prettyJSON: prettyJSON)
    }
}

/// What a diff compares, for its header: the article's title and a label for each side.
public struct DiffRenderContext: Sendable, Hashable, Codable {
    /// The article's title (usually the newer headline).
    public var title: String?
    /// The old side, e.g. `version 2 · 2024-01-02 18:05 UTC`.
    public var oldLabel: String?
    /// The new side, e.g. `version 3 · 2024-01-03 14:20 UTC`.
    public var newLabel: String?

    /// A context; each part is optional and left out of the header when `nil`.
    public init(title: String? = nil, oldLabel: String? = nil, newLabel: String? = nil) {
        self.title = title
        self.oldLabel = oldLabel
        self.newLabel = newLabel
    }

    /// The label for version `number` captured at `capturedAt`, in the form the renderers expect:
    /// `version 2 · 2024-01-02 18:05 UTC`.
    public static func sideLabel(version number: Int, capturedAt: Date?) -> String {
        guard let capturedAt else { return "version \(number)" }
        return "version \(number) · \(Timestamp.utcMinutes(capturedAt)) UTC"
    }
}
