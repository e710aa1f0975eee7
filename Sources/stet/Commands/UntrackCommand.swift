import ArgumentParser
import Foundation
import StetArchive
import StetWatch

/// `stet untrack ARTICLE…`.
struct UntrackCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "untrack",
        abstract: "Stop watching articles (their versions stay in the archive).",
        discussion: "ARTICLE is an article id, its URL, or an unambiguous prefix of its id (see `stet status`)."
    )

    @Argument(help: ArgumentHelp("Tracked articles: id, URL or id prefix.", valueName: "article"))
    var articles: [String]

    @OptionGroup var archiveOptions: ArchiveOptions

    @Option(name: .long, help: "Output format: text or json.")
    var format: WatchOutputFormat = .text

    func validate() throws {
        guard !articles.isEmpty else { throw ValidationError("name at least one tracked article") }
    }

    func run() throws {
        let archive = try ArchiveAccess.open(archiveOptions, mustExist: true)
        try WatchViews.stopWatching(articles, format: format, verb: "no longer tracking") { try archive.untrack($0) }
    }
}
