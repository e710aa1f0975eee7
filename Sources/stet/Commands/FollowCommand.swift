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

    @OptionGroup var schedule: ScheduleOptions

    @OptionGroup var archiveOptions: ArchiveOptions

    func validate() throws {
        guard !urls.isEmpty else { throw ValidationError("give at least one feed URL") }
    }

    func run() throws {
        let archive = try ArchiveAccess.open(archiveOptions, mustExist: false)
        try WatchViews.startWatching(urls, format: schedule.format, verb: "following") { try archive.follow(feedURL: $0, every: schedule.every?.duration) }
    }
}
