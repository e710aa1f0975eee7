import StetDiff
import StetText

/// Prints a diff for a terminal or a log file, the way an editor would summarise it.
///
/// ```text
/// Russia Blames NATO Countries for 'Terror Attack' on Belgorod
/// from version 2 · 2024-01-02 18:05 UTC
///   to version 3 · 2024-01-03 14:20 UTC
/// Added a quote from an FCDO spokesperson; added an update note
///
/// ¶7
///   + added · quote (FCDO spokesperson)
///     + A spokesperson for the United Kingdom's Foreign, Commonwealth and
///       Development Office (FCDO) told Newsweek via email on Tuesday, …
/// ```
///
/// With `colors` on, added text is green, removed text red and struck through, changed words are
/// highlighted inside edited sentences, and context is dim. With `colors` off the output is plain
/// text with markers: `+` and `-` before added and removed sentences, `~` before edited ones with
/// `[-old-]{+new+}` inside, `·` before unchanged context and `…` for elided sentences, so it stays
/// readable in a log file. Every sentence starts with its marker in the same column; lines wrap to
/// `width` with a hanging indent under the text.
public struct TerminalDiffRenderer: Sendable {
    /// Colors, width, context and whether minor changes are hidden.
    public var options: DiffRenderOptions

    /// A renderer with `options` (plain text at 80 columns by default).
    public init(options: DiffRenderOptions = DiffRenderOptions()) {
        self.options = options
    }

    /// The diff as terminal text, ending with a newline.
    /// - Throws: `InvalidDiffError` when the diff contradicts itself.
    public func render(_ diff: ArticleDiff, context: DiffRenderContext = DiffRenderContext()) throws -> String {
        render(try DiffOutline(diff: diff, context: context, options: options))
    }

    /// An outline as terminal text, ending with a newline.
    public func render(_ outline: DiffOutline) -> String {
        var lines: [StyledLine] = []
        if let title = outline.title?.trimmed, !title.isEmpty {
            lines.append(StyledLine(hang: 2, [StyledRun(title, .bold)]))
        }
        // "from" and "to" right-aligned, so the two labels start in the same column.
        if let old = outline.oldLabel { lines.append(StyledLine(hang: 5, [StyledRun("from ", .dim), StyledRun(old)])) }
        if let new = outline.newLabel { lines.append(StyledLine(hang: 5, [StyledRun("  to ", .dim), StyledRun(new)])) }
        let summary = outline.summary.trimmed
        lines.append(StyledLine(hang: 2, [StyledRun(summary.isEmpty ? "No change" : summary, .bold)]))

        for section in outline.sections {
            lines.append(StyledLine([]))
            let heading = section.displayHeading
            lines.append(StyledLine([StyledRun(heading, .bold)]))
            for item in section.items {
                lines.append(contentsOf: self.lines(for: item))
            }
        }
        if outline.hiddenMinorChanges > 0 {
            let count = outline.hiddenMinorChanges
            lines.append(StyledLine([]))
            lines.append(StyledLine([StyledRun("(\(count) minor change\(count == 1 ? "" : "s") hidden)", .dim)]))
        }
        let width = options.common.effectiveWidth
        return lines.flatMap { $0.render(width: width, colors: options.colors) }.joined(separator: "\n") + "\n"
    }

    private func lines(for item: DiffOutline.Item) -> [StyledLine] {
        switch item {
        case .context(let sentence):
            return [StyledLine(indent: 4, hang: 2, [StyledRun("· ", .dim), StyledRun(sentence, .dim)])]
        case .elision:
            return [StyledLine(indent: 4, [StyledRun("…", .dim)])]
        case .change(let entry):
            var result = [StyledLine(indent: 2, hang: 2, labelRuns(entry))]
            switch entry.body {
            case .added(let sentences):
                for sentence in sentences {
                    result.append(StyledLine(indent: 4, hang: 2, [StyledRun("+ ", .added), StyledRun(sentence, .added)]))
                }
            case .removed(let sentences):
                let mark = options.colors ? "− " : "- "
                for sentence in sentences {
                    result.append(StyledLine(indent: 4, hang: 2, [StyledRun(mark, TextStyle(.red)), StyledRun(sentence, .removed)]))
                }
            case .unchanged(let sentences):
                for sentence in sentences {
                    result.append(StyledLine(indent: 4, hang: 2, [StyledRun("↕ ", TextStyle(.cyan)), StyledRun(sentence)]))
                }
            case .edited(let spans):
                var runs = [StyledRun("~ ", TextStyle(.yellow))]
                for span in spans {
                    switch span.operation {
                    case .equal: runs.append(StyledRun(span.text))
                    case .deleted:
                        runs.append(options.colors ? StyledRun(span.text, .removedWord) : StyledRun("[-\(span.text)-]"))
                    case .inserted:
                        runs.append(options.colors ? StyledRun(span.text, .addedWord) : StyledRun("{+\(span.text)+}"))
                    }
                }
                result.append(StyledLine(indent: 4, hang: 2, runs))
            }
            return result
        }
    }

    private func labelRuns(_ entry: DiffOutline.Entry) -> [StyledRun] {
        let color: TextStyle = switch entry.kind {
        case .added: TextStyle(.green, .bold)
        case .removed: TextStyle(.red, .bold)
        case .edited: TextStyle(.yellow, .bold)
        case .moved: TextStyle(.cyan, .bold)
        case .split, .merged: TextStyle(.blue, .bold)
        }
        let label = entry.label
        var runs = [StyledRun("\(label.symbol) \(label.action)", color)]
        for detail in label.details { runs.append(StyledRun(" · \(detail)")) }
        if label.isMinor { runs.append(StyledRun(" (minor)", .dim)) }
        return runs
    }
}
