import ArgumentParser
import Foundation
import StetArchive
import StetWatch

/// `stet unfollow FEED…`.
struct UnfollowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "unfollow",
        abstract: "Stop reading feeds (the articles they added stay tracked).",
        discussion: "FEED is the feed's URL or its id (`feed:…`, see `stet status`)."
    )

    @Argument(help: ArgumentHelp("Followed feeds: URL or id.", valueName: "feed"))
    var feeds: [String]

    @OptionGroup var archiveOptions: ArchiveOptions

    @Option(name: .long, help: "Output format: text or json.")
    var format: WatchOutputFormat = .text

    func validate() throws {
        guard !feeds.isEmpty else { throw ValidationError("name at least one followed feed") }
    }

    func run() throws {
        let archive = try ArchiveAccess.open(archiveOptions, mustExist: true)
        try WatchViews.stopWatching(feeds, format: format, verb: "no longer following") { try archive.unfollow($0) }
    }
}
