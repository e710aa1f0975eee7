import ArgumentParser
import Foundation
import StetArchive
import StetWatch

/// `stet follow FEED_URL… [--every DURATION]`.
struct FollowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "follow",
        abstract: "Read RSS or Atom feeds: each new item becomes a tracked article.",
        discussion: """
            The feed is read by `stet watch`, due at once and then on the adaptive schedule (or every \
            DURATION). Items seen once are remembered, so an article you untrack is not added back.
            """
    )

    @Argument(help: ArgumentHelp("Feed URLs (http or https).", valueName: "feed-url"))
    var urls: [String]

    @Option(name: .long, help: ArgumentHelp("Read the feed at this fixed interval: 30s, 15m, 2h, 1d.", valueName: "duration"))
    var every: WatchInterval?

    @OptionGroup var archiveOptions: ArchiveOptions

    @Option(name: .long, help: "Output format: text or json.")
    var format: WatchOutputFormat = .text

    func validate() throws {
        guard !urls.isEmpty else { throw ValidationError("give at least one feed URL") }
        if let every, every.duration <= .zero { throw ValidationError("--every must be longer than zero") }
    }

    func run() throws {
        let archive = try ArchiveAccess.open(archiveOptions, mustExist: false)
        var results: [TrackResult] = []
        var failures = 0
        for url in urls {
            do {
                results.append(try archive.follow(feedURL: url, every: every?.duration))
            } catch {
                failures += 1
                FileHandle.standardError.write(Data("Error: \(error)\n".utf8))
            }
        }
        WatchViews.printTracked(results, format: format, verb: "following")
        if failures > 0 { throw ExitCode.failure }
    }
}
