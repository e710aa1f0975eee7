/// Escaping of article text for the markup formats. Article text comes from web pages and is never
/// trusted: every character that markup could read as syntax is escaped.
enum Escape {
    /// Text for HTML content and attribute values: `& < > " '` become entities.
    static func html(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.append(character)
            }
        }
        return result
    }

    /// Text for Markdown inline content: the ASCII punctuation that CommonMark can read as
    /// emphasis, links, code, raw HTML, entities or tables is backslash-escaped, line breaks become
    /// spaces. With `atLineStart`, a leading character that would start a block (`#`, `+`, `-`,
    /// `=`, digits followed by `.` or `)`) is escaped too.
    static func markdown(_ text: String, atLineStart: Bool = false) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "\\", "`", "*", "_", "[", "]", "<", ">", "~", "|", "&", "!", "{", "}":
                result.append("\\")
                result.append(character)
            case "\n", "\r", "\r\n":
                result.append(" ")
            default:
                result.append(character)
            }
        }
        guard atLineStart else { return result }
        if let first = result.first, "#+-=".contains(first) {
            result.insert("\\", at: result.startIndex)
        } else if let dot = result.firstIndex(where: { !$0.isASCII || !$0.isNumber }),
            dot > result.startIndex, result[dot] == "." || result[dot] == ")"
        {
            result.insert("\\", at: dot)
        }
        return result
    }
}
