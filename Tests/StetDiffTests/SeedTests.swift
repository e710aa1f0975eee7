import Foundation
import StetDiff
import StetText
import Testing

/// The case stet grew from: Newsweek's 1/3/24 update added an FCDO spokesperson's quote and an
/// update note to its Belgorod story.
@Suite struct SeedTests {
    /// The article body of the seed: from the headline up to and including the update note
    /// (the page furniture after it is not the article).
    static func versions() throws -> (old: Document, new: Document) {
        let url = Fixtures.shared.appendingPathComponent("seed/belgorod-newsweek-final.txt")
        let text = try #require(Fixtures.read(url))
        let paragraphs = text.components(separatedBy: "\n\n").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            .filter { !$0.isEmpty }
        let noteIndex = try #require(paragraphs.firstIndex { $0.hasPrefix("Update ") })
        let body = Array(paragraphs[...noteIndex])
        var blocks = [Block(.headline, body[0])]
        blocks += body.dropFirst().map { Block(.paragraph, $0) }
        let new = Document(blocks: blocks)
        let old = Document(blocks: blocks.filter { !$0.text.contains("(FCDO)") && !$0.text.hasPrefix("Update ") })
        #expect(old.blocks.count == new.blocks.count - 2)
        return (old, new)
    }

    @Test func fcdoUpdateIsOneQuotedStatementAndANote() throws {
        let (old, new) = try Self.versions()
        let diff = Differ().diff(old: old, new: new)
        #expect(diff.changes.count == 2, "\(diff.changes)")
        let statements = diff.changes.filter { change in
            change.kind == .added && change.significance == .substantive
                && change.facets.contains { if case .quote(let q) = $0 { return q.change == .added && (q.speaker ?? "").contains("FCDO") } else { return false } }
        }
        #expect(statements.count == 1)
        let notes = diff.changes.filter { change in
            change.kind == .added
                && change.facets.contains { if case .note(let n) = $0 { return n.kind == .update && n.change == .added } else { return false } }
        }
        #expect(notes.count == 1)
        #expect(diff.summary.contains("FCDO"))
        #expect(diff.summary.contains("update note"))
        #expect(diff.counts.added == 2 && diff.counts.removed == 0 && diff.counts.edited == 0)
    }

    /// The same case through `Document(plainText:)`, as plain-text files would come in (the
    /// headline is then an ordinary paragraph).
    @Test func fcdoUpdateFromPlainText() throws {
        let url = Fixtures.shared.appendingPathComponent("seed/belgorod-newsweek-final.txt")
        let text = try #require(Fixtures.read(url))
        let paragraphs = text.components(separatedBy: "\n\n").filter { !$0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
        let noteIndex = try #require(paragraphs.firstIndex { $0.hasPrefix("Update ") })
        let body = Array(paragraphs[...noteIndex])
        let new = Document(plainText: body.joined(separator: "\n\n"))
        let old = Document(plainText: body.filter { !$0.contains("(FCDO)") && !$0.hasPrefix("Update ") }.joined(separator: "\n\n"))
        let diff = Differ().diff(old: old, new: new)
        #expect(diff.changes.count == 2)
        #expect(diff.changes.allSatisfy { $0.kind == .added && $0.significance == .substantive })
        #expect(diff.summary == "Added 1 statement (quote: FCDO spokesperson); update note")
    }

    @Test func seedSpeakers() throws {
        let (_, new) = try Self.versions()
        let quotes = Differ().quotations(in: new)
        func speaker(of fragment: String) -> String? {
            quotes.first { $0.text.contains(fragment) }?.speaker
        }
        #expect(speaker(of: "running commentary") == "FCDO spokesperson")
        #expect(speaker(of: "Great Britain is behind") == "Zakharova")
        #expect(speaker(of: "not a single chance") == "Zakharova")
        #expect(speaker(of: "Responsibility for the terror attack") == "Zakharova")
        #expect(speaker(of: "He must be stopped") == "Biden")
        #expect(speaker(of: "never seen so many targets") == "spokesperson for Ukraine's air force")
        #expect(speaker(of: "This crime will not go unpunished") == "Russian defense ministry")
        #expect(speaker(of: "British and American consultants") == "post")
        // Scare quotes are not quotations.
        #expect(!quotes.contains { $0.text.contains("terror attack.") && $0.text.count < 20 })
        #expect(!quotes.contains { $0.text == "in coordination" })
    }
}
