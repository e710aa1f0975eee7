import Foundation
import StetExtract
import Testing

@testable import StetArchive

/// Real revision histories from the shared corpus (18F blog posts, plain text, v1…vN).
@Suite struct CorpusTests {
    static var corpus: URL {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" && !FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) {
            url.deleteLastPathComponent()
        }
        return url.deletingLastPathComponent().appendingPathComponent("shared/corpus/revisions/18f-blog")
    }

    @Test func storesRealHistoriesFaithfully() throws {
        let articles = try FileManager.default.contentsOfDirectory(atPath: Self.corpus.path).sorted().prefix(12)
        #expect(articles.count == 12)
        let directory = try TemporaryDirectory()
        let archive = try Archive.open(at: directory.child("archive.git"), create: true)
        var expectedVersions = 0
        for (articleIndex, name) in articles.enumerated() {
            let folder = Self.corpus.appendingPathComponent(name)
            var versionFiles = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix("v") && $0.hasSuffix(".txt") }
            versionFiles.sort { Int($0.dropFirst().dropLast(4)) ?? 0 < Int($1.dropFirst().dropLast(4)) ?? 0 }
            var stored: [String] = []
            for (step, file) in versionFiles.enumerated() {
                let bytes = Array(try Data(contentsOf: folder.appendingPathComponent(file)))
                let capture = Capture(
                    body: bytes, url: "https://18f.gsa.gov/\(name)/", contentType: "text/plain", 
                    capturedAt: Date(timeIntervalSince1970: 1_600_000_000 + Double(articleIndex * 10_000 + step * 60)),
                    timeZone: TimeZone(secondsFromGMT: 0) ?? .gmt, sourceFileName: file)
                let outcome = try archive.snapshot(capture)
                let markdown = ArticleMarkdown.render(try Extractor().extract(html: bytes, contentType: "text/plain"))
                switch outcome {
                case .newVersion(let number, _, _, _, let revertOf):
                    #expect(number == stored.count + 1)
                    #expect(revertOf == stored.dropLast().lastIndex(of: markdown).map { $0 + 1 })
                    stored.append(markdown)
                case .unchanged(_, let version):
                    #expect(stored.last == markdown && version == stored.count)
                case .rejected(_, let reason):
                    Issue.record("\(name)/\(file) rejected: \(reason)")
                }
            }
            expectedVersions += stored.count
            let id = try archive.resolveArticle("https://18f.gsa.gov/\(name)")
            for (offset, markdown) in stored.enumerated() {
                #expect(try archive.storedVersion(of: id, .number(offset + 1)).markdown == markdown, "\(name) v\(offset + 1)")
            }
        }
        let live = try indexDump(archive)
        #expect(live.versions.count == expectedVersions)
        try archive.reindex()
        #expect(try indexDump(archive).versions == live.versions)
        let fsck = try runGit(["--git-dir", archive.path, "fsck", "--strict", "--no-dangling"])
        #expect(fsck.status == 0, "\(fsck.output)")
    }
}
