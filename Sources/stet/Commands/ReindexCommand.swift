import ArgumentParser
import Foundation
import StetArchive

/// `stet reindex`.
struct ReindexCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reindex",
        abstract: "Rebuild the SQLite index from the git archive (git is the truth; the index is derived).")

    @OptionGroup var archiveOptions: ArchiveOptions

    func run() throws {
        let archive = try ArchiveAccess.open(archiveOptions, mustExist: true)
        let bar = ProgressBar(label: "Reindexing")
        let report = try archive.reindex { done, total in bar.update(done: done, total: total) }
        bar.finish()
        let articles = try archive.articles()
        let versions = articles.reduce(0) { $0 + $1.versionCount }
        print("Reindexed \(articles.count) article\(articles.count == 1 ? "" : "s"), \(versions) version\(versions == 1 ? "" : "s").")
        for (id, reason) in report.skipped.sorted(by: { $0.key < $1.key }) {
            FileHandle.standardError.write(Data("warning: skipped \(id): \(reason)\n".utf8))
        }
    }
}
