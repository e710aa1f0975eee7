/// Greedy word wrapping of styled text with a hanging indent.
///
/// The runs are cut into words (maximal runs of non-space characters, which may cross style
/// boundaries: `[-14-]{+21+}` is one word and stays together) and the spaces between them. Words
/// are placed greedily: a word goes on the current line if it fits, otherwise it starts the next
/// line, and the spaces at a break are dropped (leading spaces of the first line are kept, for alignment). A word longer than a whole line is cut at the width
/// so that no line overflows. Width is counted in terminal columns (`DisplayWidth`: two for wide
/// CJK and emoji Characters, one for the others).
/// - Complexity: O(n) in the characters of the line.
enum LineWrapper {
    struct PhysicalLine: Sendable, Hashable {
        var indent: Int
        var runs: [StyledRun]
    }

    /// A word or a space: the styled pieces it is made of and its width.
    private struct Piece {
        var runs: [StyledRun]
        var width: Int
        var isSpace: Bool
    }

    static func wrap(_ runs: [StyledRun], firstIndent: Int, nextIndent: Int, width: Int?) -> [PhysicalLine] {
        let runs = runs.map { StyledRun(sanitized($0.text), $0.style) }
        guard let width else {
            return [PhysicalLine(indent: firstIndent, runs: runs.filter { !$0.text.isEmpty })]
        }
        let pieces = split(runs)
        var lines: [PhysicalLine] = []
        var current: [StyledRun] = []
        var used = 0
        var indent = firstIndent
        var pendingSpace: Piece?
        var lineHasWord = false

        func available() -> Int { max(10, width - indent) }
        func append(_ piece: Piece) {
            for run in piece.runs {
                if let last = current.last, last.style == run.style {
                    current[current.count - 1].text += run.text
                } else {
                    current.append(run)
                }
            }
            used += piece.width
            if !piece.isSpace { lineHasWord = true }
        }
        func breakLine() {
            lines.append(PhysicalLine(indent: indent, runs: current))
            current = []
            used = 0
            lineHasWord = false
            indent = nextIndent
        }

        for piece in pieces {
            if piece.isSpace {
                if lineHasWord {
                    pendingSpace = piece
                } else if lines.isEmpty {
                    append(piece)  // deliberate leading spaces of the first line (alignment) stay
                }
                continue
            }
            let spaceWidth = pendingSpace?.width ?? 0
            if lineHasWord && used + spaceWidth + piece.width > available() {
                breakLine()
                pendingSpace = nil
            }
            if lineHasWord, let space = pendingSpace { append(space) }
            pendingSpace = nil
            if piece.width <= available() - used {
                append(piece)
            } else {
                // Longer than a line: cut it, character by character, at the width.
                for run in piece.runs {
                    var chunk = ""
                    var chunkWidth = 0
                    for character in run.text {
                        let characterWidth = DisplayWidth.of(character)
                        if used + chunkWidth + characterWidth > available() && used + chunkWidth > 0 {
                            append(Piece(runs: [StyledRun(chunk, run.style)], width: chunkWidth, isSpace: false))
                            breakLine()
                            chunk = ""
                            chunkWidth = 0
                        }
                        chunk.append(character)
                        chunkWidth += characterWidth
                    }
                    if !chunk.isEmpty {
                        append(Piece(runs: [StyledRun(chunk, run.style)], width: chunkWidth, isSpace: false))
                    }
                }
            }
        }
        if !current.isEmpty || lines.isEmpty { breakLine() }
        return lines
    }

    /// Text safe to print on a terminal: line breaks and tabs become spaces (one logical line stays
    /// one line), and every other control character, ESC included, becomes U+FFFD, so article text
    /// can never move the cursor, change colors or retitle the window.
    static func sanitized(_ text: String) -> String {
        guard hasControl(text) else { return text }
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if scalar.properties.generalCategory != .control {
                result.append(scalar)
            } else if scalar == "\n" || scalar == "\r" || scalar == "\t" {
                result.append(" ")
            } else {
                result.append("\u{FFFD}")
            }
        }
        return String(result)
    }

    /// Whether `text` holds a control character (general category Cc: U+0000–U+001F and
    /// U+007F–U+009F), read on its UTF-8: a byte below 0x20, 0x7F, or 0xC2 followed by 0x80–0x9F.
    private static func hasControl(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            for i in bytes.indices {
                let b = bytes[i]
                if b < 0x20 || b == 0x7F { return true }
                if b == 0xC2, i + 1 < bytes.count, bytes[i + 1] >= 0x80 && bytes[i + 1] <= 0x9F { return true }
            }
            return false
        }
    }

    /// Whether a character is whitespace (`Character.isWhitespace`): an ASCII one (CR LF included,
    /// whose ASCII value is a line feed) answered from Unicode's White_Space list for ASCII.
    @inline(__always)
    private static func isWhitespace(_ character: Character) -> Bool {
        if let ascii = character.asciiValue { return ascii == 0x20 || (ascii >= 0x09 && ascii <= 0x0D) }
        return character.isWhitespace
    }

    /// Cuts styled runs into alternating words and spaces, keeping each character's style.
    /// Tabs and line breaks count as one space each.
    private static func split(_ runs: [StyledRun]) -> [Piece] {
        var pieces: [Piece] = []
        for run in runs {
            if splitASCII(run, into: &pieces) { continue }
            for character in run.text {
                let isSpace = Self.isWhitespace(character)
                let text = isSpace ? " " : String(character)
                if !pieces.isEmpty, pieces[pieces.count - 1].isSpace == isSpace {
                    // Extended in place (a copy of the piece would copy its runs at each character).
                    let end = pieces.count - 1
                    if let lastRun = pieces[end].runs.last, lastRun.style == run.style {
                        pieces[end].runs[pieces[end].runs.count - 1].text += text
                    } else {
                        pieces[end].runs.append(StyledRun(text, run.style))
                    }
                    pieces[end].width += DisplayWidth.of(character)
                } else {
                    pieces.append(Piece(runs: [StyledRun(text, run.style)], width: isSpace ? 1 : DisplayWidth.of(character), isSpace: isSpace))
                }
            }
        }
        return pieces
    }

    /// `split` for a run of ASCII text, a stretch of spaces or of other characters at a time
    /// (sanitized text holds no control character, so its only ASCII whitespace is the space, and
    /// every ASCII character is one column); false, adding nothing, for any other run.
    private static func splitASCII(_ run: StyledRun, into pieces: inout [Piece]) -> Bool {
        let utf8 = run.text.utf8
        guard utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) else { return false }
        var start = utf8.startIndex
        while start < utf8.endIndex {
            let isSpace = utf8[start] == 0x20
            var end = utf8.index(after: start)
            while end < utf8.endIndex, (utf8[end] == 0x20) == isSpace { end = utf8.index(after: end) }
            let text = String(run.text[start..<end])
            let width = utf8.distance(from: start, to: end)
            if let last = pieces.indices.last, pieces[last].isSpace == isSpace {
                if let lastRun = pieces[last].runs.last, lastRun.style == run.style {
                    pieces[last].runs[pieces[last].runs.count - 1].text += text
                } else {
                    pieces[last].runs.append(StyledRun(text, run.style))
                }
                pieces[last].width += width
            } else {
                pieces.append(Piece(runs: [StyledRun(text, run.style)], width: width, isSpace: isSpace))
            }
            start = end
        }
        return true
    }
}
