// The commit message of one version: a one-line summary for `git log --oneline`, a readable
// body, and machine-readable trailers from which `reindex` rebuilds the index exactly.
//
//     Added a quote by an FCDO spokesperson; added an update note
//
//     Changes: 1 added, 0 removed, 0 edited, 0 moved (0 split, 0 merged, 0 minor); facets: 1 quote, 0 figures, 1 note
//
//     Stet-Article: newsweek.com/russia-blames-nato-belgorod-attack-1856780
//     Stet-Version: 2
//     Stet-Counts: added=1 removed=0 edited=0 moved=0 split=0 merged=0 minor=0 quotes=1 figures=0 notes=1
//     Stet-Revert-Of: 1          (only for a version that restores an earlier one)

import StetDiff

struct CommitMessage: Sendable, Hashable {
    var summary: String
    var articleID: String
    var version: Int
    var counts: ChangeCounts
    var revertOf: Int?
    /// Words and blocks of the version, for the first version's body line.
    var wordCount: Int
    var blockCount: Int

    /// The summary on one line: the message's first line, what `parse(text).summary` returns.
    var oneLine: String { summary.split(whereSeparator: \.isNewline).joined(separator: " ") }

    var text: String {
        var body: String
        if version == 1 {
            body = "First version: \(wordCount) word\(wordCount == 1 ? "" : "s") in \(blockCount) block\(blockCount == 1 ? "" : "s")."
        } else {
            let c = counts
            body = "Changes: \(c.added) added, \(c.removed) removed, \(c.edited) edited, \(c.moved) moved "
                + "(\(c.split) split, \(c.merged) merged, \(c.minor) minor); "
                + "facets: \(c.quoteChanges) quote\(c.quoteChanges == 1 ? "" : "s"), \(c.figureChanges) figure\(c.figureChanges == 1 ? "" : "s"), "
                + "\(c.noteChanges) note\(c.noteChanges == 1 ? "" : "s")"
        }
        if let revertOf { body += "\nRestores version \(revertOf) exactly." }
        var trailers = [
            "Stet-Article: \(articleID)",
            "Stet-Version: \(version)",
            "Stet-Counts: " + Self.countsField(counts),
        ]
        if let revertOf { trailers.append("Stet-Revert-Of: \(revertOf)") }
        return "\(oneLine)\n\n\(body)\n\n\(trailers.joined(separator: "\n"))\n"
    }

    /// The `Stet-Counts` trailer's value: `added=1 removed=0 … notes=1`, in this order. Written out
    /// field by field, as `Parsed.counts` reads it back: a table of key paths, built and walked
    /// for every commit written and every version indexed, was ~2 % of a snapshot.
    static func countsField(_ c: ChangeCounts) -> String {
        "added=\(c.added) removed=\(c.removed) edited=\(c.edited) moved=\(c.moved) split=\(c.split) merged=\(c.merged) "
            + "minor=\(c.minor) quotes=\(c.quoteChanges) figures=\(c.figureChanges) notes=\(c.noteChanges)"
    }

    /// What a stored message says: its summary line and its trailers.
    struct Parsed: Sendable, Hashable {
        var summary: String
        var trailers: [String: String]

        var counts: ChangeCounts {
            var counts = ChangeCounts()
            guard let field = trailers["Stet-Counts"] else { return counts }
            for field in field.split(separator: " ") {
                // `key=value` with an integer value (leading `=` ignored, as a split on `=` that
                // omits empty pieces ignores them); unknown keys are skipped.
                let pair = field.drop(while: { $0 == "=" })
                guard let equals = pair.firstIndex(of: "="), let value = Int(pair[pair.index(after: equals)...]) else { continue }
                switch pair[..<equals] {
                case "added": counts.added = value
                case "removed": counts.removed = value
                case "edited": counts.edited = value
                case "moved": counts.moved = value
                case "split": counts.split = value
                case "merged": counts.merged = value
                case "minor": counts.minor = value
                case "quotes": counts.quoteChanges = value
                case "figures": counts.figureChanges = value
                case "notes": counts.noteChanges = value
                default: continue
                }
            }
            return counts
        }

        var revertOf: Int? { trailers["Stet-Revert-Of"].flatMap { Int($0) } }
    }

    static func parse(_ message: String) -> Parsed {
        let lines = Self.lines(message)
        let summary = lines.first.map(String.init) ?? ""
        var trailers: [String: String] = [:]
        for line in lines.dropFirst() where line.hasPrefix("Stet-") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let key = String(line[..<colon])
            let value = line[line.index(after: colon)...].drop(while: { $0 == " " })
            trailers[key] = String(value)
        }
        return Parsed(summary: summary, trailers: trailers)
    }

    /// `message.split(separator: "\n", omittingEmptySubsequences: false)`, found on the UTF-8
    /// bytes: a line feed always ends a Character unless a carriage return precedes it ("\r\n"
    /// is one Character), so without that pair the byte split is the Character split, without
    /// walking every grapheme of the message (it was ~3 % of a snapshot).
    static func lines(_ message: String) -> [Substring] {
        let bytes = message.utf8
        var lines: [Substring] = []
        var start = bytes.startIndex
        var previous: UInt8 = 0
        var index = start
        while index != bytes.endIndex {
            let byte = bytes[index]
            if byte == 0x0A {
                if previous == 0x0D { return message.split(separator: "\n", omittingEmptySubsequences: false) }
                lines.append(message[start..<index])
                start = bytes.index(after: index)
            }
            previous = byte
            index = bytes.index(after: index)
        }
        lines.append(message[start...])
        return lines
    }
}
