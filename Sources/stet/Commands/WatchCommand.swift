import ArgumentParser
import Foundation
import Logging
import StetArchive
import StetWatch

/// `stet watch [--once] [--every DURATION] [--quiet|--verbose]`.
struct WatchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract: "Check tracked articles and feeds as they fall due, and archive each new version.",
        discussion: """
            Runs until SIGTERM or SIGINT (Ctrl-C): no new check starts, checks in flight get --grace to \
            finish and be recorded, then stet exits. With --once, checks what is due now and exits (for \
            cron and systemd timers). One log line per check goes to standard error; each new version is \
            printed on standard output like `stet snapshot` prints it. Due times are stored, so a restart \
            carries on where the last run stopped. See docs/watching.md.
            """
    )

    @Flag(name: .long, help: "Check what is due once, then exit.")
    var once = false

    @Option(name: .long, help: ArgumentHelp("Check every target at this interval in this run (not stored): 30s, 15m, 2h.", valueName: "duration"))
    var every: WatchInterval?

    @Flag(name: .long, help: "Make every target due now before starting (a catch-up round).")
    var forceDue = false

    @Flag(name: .long, help: "Log failures only.")
    var quiet = false

    @Flag(name: .long, help: "Log fetch details too.")
    var verbose = false

    @Option(name: .long, help: ArgumentHelp("Minimum time between the starts of two requests to one host (default 1s).", valueName: "duration"))
    var hostSpacing: WatchInterval?

    @Option(name: .long, help: ArgumentHelp("Time checks in flight get to finish after SIGTERM/SIGINT (default 20s).", valueName: "duration"))
    var grace: WatchInterval?

    @Option(name: .long, help: ArgumentHelp("Most fetches in flight at once; per-host limits apply on top.", valueName: "n"))
    var concurrency: Int = 8

    @Option(name: .long, help: ArgumentHelp("Most targets checked in one round (the rest wait for the next).", valueName: "n"))
    var maxTargets: Int = 200

    @OptionGroup var archiveOptions: ArchiveOptions

    @Option(name: .long, help: "Output format of new versions on standard output (with --once, also the round summary): text or json.")
    var format: WatchOutputFormat = .text

    func validate() throws {
        if quiet && verbose { throw ValidationError("--quiet and --verbose exclude each other") }
        guard (1...256).contains(concurrency) else { throw ValidationError("--concurrency must be between 1 and 256") }
        guard maxTargets >= 1 else { throw ValidationError("--max-targets must be at least 1") }
        if let every, every.duration <= .zero { throw ValidationError("--every must be longer than zero") }
    }

    func run() async throws {
        let archive = try ArchiveAccess.open(archiveOptions, mustExist: false)
        let level: Logger.Level = quiet ? .warning : verbose ? .debug : .info
        var logger = Logger(label: "stet.watch") { label in StreamLogHandler.standardError(label: label) }
        logger.logLevel = level
        var fetchLogger = Logger(label: "stet.fetch") { label in StreamLogHandler.standardError(label: label) }
        fetchLogger.logLevel = verbose ? .debug : .warning

        if forceDue { try archive.makeAllDue() }
        let format = self.format
        let deliveries = WebhookDeliveries(archive: archive)
        let store = ArchiveWatchStore(archive: archive, onSnapshot: { outcome, page in
            guard case .newVersion(let number, let id, let title, let summary, _) = outcome else { return }
            deliveries.send(outcome)
            // Written at once (not through print's buffer), so a reader sees each version as it lands.
            let line: String?
            switch format {
            case .text:
                line = ViewModels.snapshotLine(outcome)
            case .json:
                line = try? WatchViews.jsonLine(NewVersionJSON(
                    article: id, version: number, title: title, summary: summary, url: page.requestedURL.absoluteString,
                    finalURL: page.finalURL.absoluteString))
            }
            if let line { FileHandle.standardOutput.write(Data((line + "\n").utf8)) }
        })
        var policy = FetchPolicy()
        if let hostSpacing { policy.perHostSpacing = hostSpacing.duration }
        let options = WatchOptions(
            maxTargetsPerRound: maxTargets, maxConcurrentFetches: concurrency, shutdownGracePeriod: grace?.duration ?? .seconds(20), every: every?.duration)
        let once = self.once
        let report = try await Fetcher.withFetcher(policy: policy, logger: fetchLogger) { fetcher -> RoundReport? in
            let watcher = Watcher(store: store, sink: store, fetcher: fetcher, options: options, logger: logger)
            if once { return try await watcher.runOnce() }
            logger.info("watching \(archive.path); stop with Ctrl-C or SIGTERM")
            try await watcher.runUntilSignalled()
            logger.info("stopped")
            return nil
        }
        await deliveries.finish()
        guard let report else { return }
        let summary = RoundJSON(report)
        switch format {
        case .text:
            logger.info("round: \(report.due) due, \(report.changed) changed, \(report.unchanged) unchanged, \(report.failed) failed, \(report.deferred) deferred, \(report.skipped) skipped")
        case .json:
            let wrapped: [String: RoundJSON] = ["round": summary]
            emit(try WatchViews.jsonLine(wrapped))
        }
    }
}

private struct NewVersionJSON: Encodable {
    var article: String
    var version: Int
    var title: String?
    var summary: String
    var url: String
    var finalURL: String

    enum CodingKeys: String, CodingKey {
        case article, version, title, summary, url, finalURL = "final_url"
    }
}

private struct RoundJSON: Encodable {
    var due, recorded, changed, unchanged, failed, deferred, skipped, gone: Int
    var feedItems: Int

    init(_ report: RoundReport) {
        due = report.due
        recorded = report.recorded
        changed = report.changed
        unchanged = report.unchanged
        failed = report.failed
        deferred = report.deferred
        skipped = report.skipped
        gone = report.gone
        feedItems = report.feedItems
    }

    enum CodingKeys: String, CodingKey {
        case due, recorded, changed, unchanged, failed, deferred, skipped, gone, feedItems = "feed_items"
    }
}
