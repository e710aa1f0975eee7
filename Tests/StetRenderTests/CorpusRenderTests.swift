import Foundation
import StetDiff
@testable import StetRender
import StetText
import Testing

/// Renders diffs of real article revisions (the shared corpus, through the interim differ) in every
/// format and checks what must hold for any input: no error, no line wider than the terminal, every
/// added and removed sentence visible, HTML free of raw markup from the text, JSON that decodes back.
@Suite struct CorpusRenderTests {
    static var packageRoot: URL {
        var url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while url.path != "/" {
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
            url.deleteLastPathComponent()
        }
        return url
    }

    static var revisions: URL {
        packageRoot.deletingLastPathComponent().appendingPathComponent("shared/corpus/revisions")
    }

    /// Consecutive version pairs of the first articles of each source, in name order.
    static func pairs(perSource limit: Int) throws -> [(name: String, old: String, new: String)] {
        let manager = FileManager.default
        var result: [(String, String, String)] = []
        for source in try manager.contentsOfDirectory(atPath: revisions.path).sorted() {
            let sourceURL = revisions.appendingPathComponent(source)
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: sourceURL.path, isDirectory: &isDirectory), isDirectory.boolValue else { continue }
            for article in try manager.contentsOfDirectory(atPath: sourceURL.path).sorted().prefix(limit) {
                let articleURL = sourceURL.appendingPathComponent(article)
                var texts: [String] = []
                var number = 1
                while let text = try? String(contentsOf: articleURL.appendingPathComponent("v\(number).txt"), encoding: .utf8) {
                    texts.append(text)
                    number += 1
                }
                for k in texts.indices.dropFirst() {
                    result.append(("\(source)/\(article) v\(k)→v\(k + 1)", texts[k - 1], texts[k]))
                }
            }
        }
        return result
    }

    @Test func realRevisionsRenderInEveryFormat() throws {
        #expect(FileManager.default.fileExists(atPath: Self.revisions.path), "corpus not found at \(Self.revisions.path)")
        let pairs = try Self.pairs(perSource: 12)
        #expect(pairs.count >= 20)
        let width = 80
        let options = DiffRenderOptions(colors: false, width: width)
        for pair in pairs {
            let diff = Differ().diff(old: Document(plainText: pair.old), new: Document(plainText: pair.new))
            let context = DiffRenderContext(title: pair.name, oldLabel: "old", newLabel: "new")
            let text = try TerminalDiffRenderer(options: options).render(diff, context: context)
            let tooWide = text.split(separator: "\n").map(String.init).filter { DisplayWidth.of($0) > width }
            #expect(tooWide.isEmpty, "\(pair.name): \(tooWide.first ?? "")")
            #expect(!text.contains("\u{1B}"))
            let flat = Read.flattened(text)
            for change in diff.changes {
                for j in change.new where change.kind == .added {
                    #expect(flat.contains(Read.flattened(diff.sentences.new[j])), "\(pair.name): added sentence \(j) missing")
                }
                for i in change.old where change.kind == .removed {
                    #expect(flat.contains(Read.flattened(diff.sentences.old[i])), "\(pair.name): removed sentence \(i) missing")
                }
            }
            let html = try HTMLDiffRenderer(options: options).render(diff, context: context)
            #expect(!html.contains("<script") && !html.contains("<img"))
            _ = try MarkdownDiffRenderer(options: options).render(diff, context: context)
            let json = try JSONDiffRenderer().render(diff)
            #expect(try JSONDecoder().decode(ArticleDiff.self, from: Data(json.utf8)) == diff)
        }
    }
}
