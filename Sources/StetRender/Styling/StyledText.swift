import Rainbow

/// How a run of terminal text looks: a color and styles, named with Rainbow's vocabulary.
///
/// The escape codes come from Rainbow's `ModeCode` values, but the decision to emit them is the
/// caller's (`RenderOptions.colors`), never Rainbow's global switches, which read the process
/// environment and would make the renderers impure.
struct TextStyle: Sendable, Hashable {
    /// The SGR parameters: styles first, then the color (Rainbow's `ModeCode.value`s).
    let codes: [UInt8]

    init(_ color: NamedColor? = nil, _ styles: Style...) {
        codes = styles.flatMap(\.value) + (color?.value ?? [])
    }

    static let plain = TextStyle()
    static let bold = TextStyle(nil, .bold)
    static let dim = TextStyle(nil, .dim)
    static let added = TextStyle(.green)
    static let addedWord = TextStyle(.green, .bold, .underline)
    static let removed = TextStyle(.red, .strikethrough)
    static let removedWord = TextStyle(.red, .strikethrough)

    var isPlain: Bool { codes.isEmpty }

    /// The SGR sequence that switches this style on, e.g. `ESC[32;1m`.
    var escape: String {
        return "\u{1B}[" + codes.map(String.init).joined(separator: ";") + "m"
    }

    static let reset = "\u{1B}[0m"
}

/// A run of text with one style.
struct StyledRun: Sendable, Hashable {
    var text: String
    var style: TextStyle

    init(_ text: String, _ style: TextStyle = .plain) {
        self.text = text
        self.style = style
    }
}

/// One logical line of terminal output: styled runs, printed after an indent, wrapped with a
/// hanging indent when it is wider than the terminal.
struct StyledLine: Sendable, Hashable {
    var indent: Int
    /// Extra indentation of continuation lines, relative to `indent`.
    var hang: Int
    var runs: [StyledRun]
    /// Printed after the indent on every physical line, e.g. the bar of a block quote.
    var gutter: StyledRun?

    init(indent: Int = 0, hang: Int = 0, gutter: StyledRun? = nil, _ runs: [StyledRun]) {
        self.indent = indent
        self.hang = hang
        self.gutter = gutter
        self.runs = runs
    }

    /// The physical lines: wrapped to `width` (when given) and styled (when `colors`).
    func render(width: Int?, colors: Bool) -> [String] {
        let gutterWidth = gutter?.text.count ?? 0
        let physical = LineWrapper.wrap(
            runs, firstIndent: indent, nextIndent: indent + hang, width: width.map { $0 - gutterWidth })
        return physical.map { line in
            var text = String(repeating: " ", count: line.indent)
            for run in (gutter.map { [$0] } ?? []) + line.runs {
                if colors && !run.style.isPlain && !run.text.isEmpty {
                    text += run.style.escape + run.text + TextStyle.reset
                } else {
                    text += run.text
                }
            }
            return text
        }
    }
}
