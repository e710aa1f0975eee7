import ArgumentParser
import Foundation
import StetArchive
import StetWatch

/// `stet track URL… [--every DURATION]`.
struct TrackCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "track",
        abstract: "Watch articles: `stet watch` captures each new version.",
        discussion: """
            Each URL is due at once, then checked on an adaptive schedule (often while the story changes, \
            rarely once it has settled), or every DURATION with --every (e.g. 15m, 2h, 1d). Tracking a URL \
            that is already tracked makes it due now. Tracking parameters (utm_*, fbclid, …) are ignored \
            when naming the article.
            """
    )

    @Argument(help: ArgumentHelp("Article pages to watch (http or https).", valueName: "url"))
    var urls: [String]

    @OptionGroup var schedule: ScheduleOptions

    @OptionGroup var archiveOptions: ArchiveOptions

    func validate() throws {
        guard !urls.isEmpty else { throw ValidationError("give at least one URL") }
    }

    func run() throws {
        let archive = try ArchiveAccess.open(archiveOptions, mustExist: false)
        try WatchViews.startWatching(urls, format: schedule.format, verb: "tracking") { try archive.track(url: $0, every: schedule.every?.duration) }
    }
}

/// `--every` and `--format`, shared by `track` and `follow`.
struct ScheduleOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Check at this fixed interval instead of the adaptive schedule: 30s, 15m, 2h, 1d.", valueName: "duration"))
    var every: WatchInterval?

    @Option(name: .long, help: "Output format: text or json.")
    var format: WatchOutputFormat = .text

    func validate() throws {
        if let every, every.duration <= .zero { throw ValidationError("--every must be longer than zero") }
    }
}

/// A duration typed on the command line: `90s`, `15m`, `2h`, `1d`, `1w`, combined (`1h30m`), or a
/// bare number of seconds; at most a year.
struct WatchInterval: ExpressibleByArgument, Sendable, Hashable {
    var duration: Duration
    var text: String

    init?(argument: String) {
        guard let seconds = Self.seconds(argument), seconds >= 0, seconds <= 366 * 86_400 else { return nil }
        duration = .milliseconds(Int64((seconds * 1000).rounded()))
        text = argument
    }

    /// Seconds in `text`, or nil when it does not parse.
    static func seconds(_ text: String) -> Double? {
        let units: [Character: Double] = ["s": 1, "m": 60, "h": 3600, "d": 86_400, "w": 604_800]
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        guard !trimmed.isEmpty else { return nil }
        if let plain = Double(trimmed) { return plain }
        var total = 0.0
        var number = ""
        for character in trimmed {
            if character.isNumber || character == "." {
                number.append(character)
            } else if let unit = units[character], let value = Double(number) {
                total += value * unit
                number = ""
            } else {
                return nil
            }
        }
        return number.isEmpty ? total : nil
    }
}
