import Foundation
import Testing

/// Locates the package root (from this file's path) and the shared corpus next to it.
enum Corpus {
    /// The directory holding `Package.swift`.
    static let packageRoot: URL = {
        var url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while url.path != "/" {
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
            url = url.deletingLastPathComponent()
        }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    }()

    /// `<root>/../shared/corpus`.
    static let root: URL = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/corpus")

    static func url(_ relative: String) -> URL { root.appendingPathComponent(relative) }

    /// One sentence-splitting case: a text and the sentences it must give.
    struct SentenceCase: Sendable, CustomTestStringConvertible {
        var name: String
        var text: String
        var expected: [String]
        var testDescription: String { name }
    }

    private struct GoldenFile: Decodable {
        struct Rule: Decodable {
            var id: Int
            var rule: String
            var text: String
            var expected_sentences: [String]
        }
        var rules: [Rule]
    }

    private struct RegressionFile: Decodable {
        struct Case: Decodable {
            var issue: String
            var text: String
            var expected_sentences: [String]
        }
        var cases: [Case]
    }

    /// The 48 English Golden Rules (empty if the corpus is missing; a separate test checks the count).
    static let goldenRules: [SentenceCase] = {
        guard let data = try? Data(contentsOf: url("sentences/golden_rules_en.json")),
            let file = try? JSONDecoder().decode(GoldenFile.self, from: data)
        else { return [] }
        return file.rules.map { SentenceCase(name: "Rule \($0.id): \($0.rule)", text: $0.text, expected: $0.expected_sentences) }
    }()

    /// The 13 pySBD regression cases.
    static let regressions: [SentenceCase] = {
        guard let data = try? Data(contentsOf: url("sentences/pysbd_regressions_en.json")),
            let file = try? JSONDecoder().decode(RegressionFile.self, from: data)
        else { return [] }
        return file.cases.enumerated().map { index, item in
            let preview = item.text.count > 40 ? String(item.text.prefix(40)) + "…" : item.text
            return SentenceCase(name: "pySBD \(item.issue) [\(index)]: \(preview)", text: item.text, expected: item.expected_sentences)
        }
    }()

    /// Every revision text `revisions/<source>/<article>/v<N>.txt`, as (relative path, contents).
    static func revisionTexts() throws -> [(path: String, text: String)] {
        let base = url("revisions")
        let manager = FileManager.default
        var result: [(String, String)] = []
        for source in try manager.contentsOfDirectory(atPath: base.path).sorted() {
            let sourceURL = base.appendingPathComponent(source)
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: sourceURL.path, isDirectory: &isDirectory), isDirectory.boolValue else { continue }
            for article in try manager.contentsOfDirectory(atPath: sourceURL.path).sorted() {
                let articleURL = sourceURL.appendingPathComponent(article)
                guard let files = try? manager.contentsOfDirectory(atPath: articleURL.path) else { continue }
                for file in files.sorted() where file.hasPrefix("v") && file.hasSuffix(".txt") {
                    let data = try Data(contentsOf: articleURL.appendingPathComponent(file))
                    result.append(("\(source)/\(article)/\(file)", String(decoding: data, as: UTF8.self)))
                }
            }
        }
        return result
    }
}
