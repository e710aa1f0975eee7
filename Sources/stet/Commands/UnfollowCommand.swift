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
        var removed: [WatchEntry] = []
        var failures = 0
        for query in feeds {
            do {
                removed.append(try archive.unfollow(query))
            } catch {
                failures += 1
                FileHandle.standardError.write(Data("Error: \(error)\n".utf8))
            }
        }
        WatchViews.printRemoved(removed, format: format, verb: "no longer following")
        if failures > 0 { throw ExitCode.failure }
    }
}
