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
        let result = try archive.reindex { done, total in bar.update(done: done, total: total) }
        bar.finish()
        print("Reindexed \(result.articles) article\(result.articles == 1 ? "" : "s"), \(result.versions) version\(result.versions == 1 ? "" : "s").")
    }
}
