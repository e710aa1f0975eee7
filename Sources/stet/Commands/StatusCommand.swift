import ArgumentParser
import Foundation
import StetArchive
import StetWatch

/// `stet status`.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show every tracked article and followed feed: last check, outcome, next due time, versions.",
        discussion: "Failing sources come first (most failures in a row first), then gone ones, then the rest by next due time."
    )

    @OptionGroup var archiveOptions: ArchiveOptions

    @Option(name: .long, help: "Output format: text or json.")
    var format: WatchOutputFormat = .text

    func run() throws {
        let archive = try ArchiveAccess.open(archiveOptions, mustExist: true, readOnly: true)
        let entries = try archive.watchEntries()
        switch format {
        case .json: emit(try WatchViews.json(["targets": entries.map(WatchEntryJSON.init)]))
        case .text: emit(WatchViews.statusText(entries, now: Date()))
        }
    }
}

/// `--format` of the watch commands.
enum WatchOutputFormat: String, ExpressibleByArgument, CaseIterable, Sendable {
    case text, json
}

/// One target in JSON output (`stet status`, `track`, `follow`, …).
struct WatchEntryJSON: Encodable {
    var id: String
    var kind: String
    var url: String
    var articleID: String?
    var sourceFeed: String?
    var addedAt: Date
    var everySeconds: Double?
    var nextDue: Date
    var gone: Bool
    var failing: Bool
    var failures: Int
    var lastCheckedAt: Date?
    var lastOutcome: String?
    var lastStatus: Int?
    var lastError: String?
    var lastBytes: Int?
    var lastElapsedMs: Int?
    var finalURL: String?
    var versions: Int
    var feedItems: Int

    init(_ entry: WatchEntry) {
        id = entry.id
        kind = entry.kind.rawValue
        url = entry.url
        articleID = entry.articleID
        sourceFeed = entry.sourceFeed
        addedAt = entry.addedAt
        everySeconds = entry.every.map(WatchViews.seconds)
        nextDue = entry.nextDue
        gone = entry.gone
        failing = entry.isFailing
        failures = entry.failures
        lastCheckedAt = entry.lastCheckedAt
        lastOutcome = entry.lastOutcome
        lastStatus = entry.lastStatus
        lastError = entry.lastError
        lastBytes = entry.lastBytes
        lastElapsedMs = entry.lastElapsedMilliseconds
        finalURL = entry.finalURL
        versions = entry.versionCount
        feedItems = entry.feedItemCount
    }

    enum CodingKeys: String, CodingKey {
        case id, kind, url, articleID = "article_id", sourceFeed = "source_feed", addedAt = "added_at"
        case everySeconds = "every_seconds", nextDue = "next_due", gone, failing, failures
        case lastCheckedAt = "last_checked_at", lastOutcome = "last_outcome", lastStatus = "last_status"
        case lastError = "last_error", lastBytes = "last_bytes", lastElapsedMs = "last_elapsed_ms"
        case finalURL = "final_url", versions, feedItems = "feed_items"
    }
}

/// Text and JSON for the watch commands.
enum WatchViews {
    static func json(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// One line of JSON (for streams such as `stet watch --format json`).
    static func jsonLine(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    static func seconds(_ duration: Duration) -> Double {
        let parts = duration.components
        return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
    }

    /// `15m`, `2h`, `1d 6h`, `45s`.
    static func interval(_ duration: Duration) -> String {
        var rest = Int(seconds(duration).rounded())
        if rest < 60 { return "\(rest)s" }
        var parts: [String] = []
        for (unit, size) in [("d", 86_400), ("h", 3600), ("m", 60), ("s", 1)] where rest >= size {
            parts.append("\(rest / size)\(unit)")
            rest %= size
            if parts.count == 2 { break }
        }
        return parts.joined(separator: " ")
    }

    static func time(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }

    /// "in 14m", "now", "3m ago".
    static func relative(_ date: Date, now: Date) -> String {
        let delta = date.timeIntervalSince(now)
        if abs(delta) < 1 { return "now" }
        let text = interval(.seconds(abs(delta)))
        return delta > 0 ? "in \(text)" : "\(text) overdue"
    }

    static func printTracked(_ results: [TrackResult], format: WatchOutputFormat, verb: String) {
        switch format {
        case .json:
            let rows = results.map { result in TrackedJSON(target: WatchEntryJSON(result.entry), new: result.isNew) }
            if let text = try? json(rows) { emit(text) }
        case .text:
            for result in results {
                let entry = result.entry
                let schedule = entry.every.map { "every \(interval($0))" } ?? "adaptive schedule"
                let already = result.isNew ? "" : " (already \(entry.kind == .feed ? "followed" : "tracked"); due now)"
                print("\(verb) \(entry.id) \(entry.url), \(schedule)\(already)")
            }
        }
    }

    /// Stops watching each query (untrack or unfollow), reports what stopped, and exits non-zero
    /// when any query failed; one bad query does not keep the others from being handled.
    static func stopWatching(
        _ queries: [String], format: WatchOutputFormat, verb: String, stop: (String) throws -> WatchEntry
    ) throws {
        try each(queries, stop) { printRemoved($0, format: format, verb: verb) }
    }

    /// Starts watching each URL (track or follow), reports what is watched, and exits non-zero
    /// when any URL failed; one bad URL does not keep the others from being added.
    static func startWatching(
        _ urls: [String], format: WatchOutputFormat, verb: String, start: (String) throws -> TrackResult
    ) throws {
        try each(urls, start) { printTracked($0, format: format, verb: verb) }
    }

    /// Applies `action` to each query in turn (a failure is reported on standard error and the
    /// others still run), reports the results, then exits non-zero if any query failed.
    private static func each<Result>(
        _ queries: [String], _ action: (String) throws -> Result, report: ([Result]) -> Void
    ) throws {
        var results: [Result] = []
        var failed = false
        for query in queries {
            do {
                results.append(try action(query))
            } catch {
                failed = true
                FileHandle.standardError.write(Data("Error: \(error)\n".utf8))
            }
        }
        report(results)
        if failed { throw ExitCode.failure }
    }

    static func printRemoved(_ entries: [WatchEntry], format: WatchOutputFormat, verb: String) {
        switch format {
        case .json:
            if let text = try? json(entries.map(WatchEntryJSON.init)) { emit(text) }
        case .text:
            for entry in entries {
                let kept = entry.kind == .article
                    ? "\(entry.versionCount) version\(entry.versionCount == 1 ? "" : "s") kept"
                    : "its articles stay tracked"
                print("\(verb) \(entry.id) \(entry.url) (\(kept))")
            }
        }
    }

    static func statusText(_ entries: [WatchEntry], now: Date) -> String {
        guard !entries.isEmpty else { return "Nothing is watched: add articles with `stet track URL` or feeds with `stet follow FEED_URL`." }
        let articles = entries.filter { $0.kind == .article }.count
        let feeds = entries.count - articles
        let failing = entries.filter { $0.failures > 0 && !$0.gone }.count
        let gone = entries.filter(\.gone).count
        var header = "\(articles) tracked article\(articles == 1 ? "" : "s"), \(feeds) followed feed\(feeds == 1 ? "" : "s")"
        if failing > 0 { header += "; \(failing) failing" }
        if gone > 0 { header += "; \(gone) gone" }
        var lines = [header, ""]
        for entry in entries {
            let state = entry.gone ? "GONE" : entry.failures > 0 ? "FAILING" : entry.lastCheckedAt == nil ? "NEW" : "ok"
            let kind = entry.kind == .feed ? "feed" : "article"
            lines.append("\(state.padding(toLength: 8, withPad: " ", startingAt: 0))\(kind) \(entry.id)")
            lines.append("        \(entry.url)")
            var last = "never checked"
            if let checked = entry.lastCheckedAt {
                last = "last check \(time(checked)): \(entry.lastOutcome ?? "?")"
                if let status = entry.lastStatus { last += " (HTTP \(status))" }
            }
            if entry.failures > 0 { last += ", \(entry.failures) failure\(entry.failures == 1 ? "" : "s") in a row" }
            lines.append("        \(last)")
            if let error = entry.lastError, entry.isFailing || entry.lastOutcome == "rejected" {
                lines.append("        reason: \(error)")
            }
            var next = entry.gone ? "not checked any more (gone)" : "next \(time(entry.nextDue)) (\(relative(entry.nextDue, now: now)))"
            next += "; " + (entry.every.map { "every \(interval($0))" } ?? "adaptive")
            if entry.kind == .article {
                next += "; \(entry.versionCount) version\(entry.versionCount == 1 ? "" : "s")"
            } else {
                next += "; \(entry.feedItemCount) item\(entry.feedItemCount == 1 ? "" : "s") seen"
            }
            if let feed = entry.sourceFeed { next += "; from \(feed)" }
            lines.append("        \(next)")
        }
        return lines.joined(separator: "\n")
    }
}

private struct TrackedJSON: Encodable {
    var target: WatchEntryJSON
    var new: Bool
}
