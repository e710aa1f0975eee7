import Foundation
import StetText

/// Locations of the package and the shared corpus, found from this file's path.
enum Fixtures {
    static let packageRoot: URL = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
        }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    }()

    static let shared = packageRoot.deletingLastPathComponent().appendingPathComponent("shared")
    static let corpus = shared.appendingPathComponent("corpus")

    static func read(_ url: URL) -> String? {
        guard let data = try? Data(contentsOf: url) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }

    /// Every version file of the revision corpus, grouped by article (sorted by version number).
    static func revisionSeries(limit: Int = .max) -> [[URL]] {
        let root = corpus.appendingPathComponent("revisions")
        let fm = FileManager.default
        var result: [[URL]] = []
        for source in ((try? fm.contentsOfDirectory(atPath: root.path)) ?? []).sorted() {
            let sourceURL = root.appendingPathComponent(source)
            for article in ((try? fm.contentsOfDirectory(atPath: sourceURL.path)) ?? []).sorted() {
                let dir = sourceURL.appendingPathComponent(article)
                let files = ((try? fm.contentsOfDirectory(atPath: dir.path)) ?? [])
                    .filter { $0.hasPrefix("v") && $0.hasSuffix(".txt") }
                    .sorted { (Int($0.dropFirst().dropLast(4)) ?? 0) < (Int($1.dropFirst().dropLast(4)) ?? 0) }
                if files.count >= 2 { result.append(files.map { dir.appendingPathComponent($0) }) }
                if result.count >= limit { return result }
            }
        }
        return result
    }
}
