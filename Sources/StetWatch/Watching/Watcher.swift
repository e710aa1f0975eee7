// Watcher: rounds of checks — take due targets, fetch them concurrently within the fetcher's
// per-host limits, hand pages to the sink, record one complete check each, log one line each.
//
// Reasoning. A round is bounded (at most `maxTargetsPerRound` targets, at most
// `maxConcurrentFetches` in flight); politeness per host lives in the shared Fetcher, so a round
// with many targets on one site simply queues there. Each check ends in exactly one
// `WatchStore.record` call holding everything learned (outcome, validators, digest, schedule state,
// next due, feed items), so stopping at any moment leaves every check either recorded whole or not
// at all: a fetch cut short by cancellation, or a sink interrupted by it, records nothing and the
// target stays due. Shutdown is graceful in two steps: `requestStop()` stops new checks from
// starting while in-flight ones finish; after the grace period the round is cancelled.
//
// The service loop (`run`) sleeps until the store's next due time (at most `idleInterval`, so
// targets added by another process are picked up), and wakes early for a stop.
//
// Complexity: per round O(t log t) to order t targets plus the fetches; memory O(concurrency ×
// max body size).

import Foundation
import Logging
import ServiceLifecycle
internal import UnixSignals

/// Options of the watch loop.
public struct WatchOptions: Sendable, Hashable {
    /// Most targets taken in one round. Default 200.
    public var maxTargetsPerRound: Int
    /// Most fetches in flight in one round (per-host limits apply on top). Default 8.
    public var maxConcurrentFetches: Int
    /// Longest sleep between rounds, so new targets are noticed. Default 60 s.
    public var idleInterval: Duration
    /// Time in-flight fetches get to finish after a stop request before they are cancelled.
    /// Default 20 s.
    public var shutdownGracePeriod: Duration
    /// A fixed interval for every target in this run (`stet watch --every`), replacing the
    /// computed one (a target's own ``ScheduleState/every`` is kept in storage untouched).
    /// Default `nil`: adaptive.
    public var every: Duration?

    /// Creates options; every argument has the documented default.
    public init(maxTargetsPerRound: Int = 200, maxConcurrentFetches: Int = 8, idleInterval: Duration = .seconds(60),
                shutdownGracePeriod: Duration = .seconds(20), every: Duration? = nil) {
        self.maxTargetsPerRound = max(1, maxTargetsPerRound)
        self.maxConcurrentFetches = max(1, maxConcurrentFetches)
        self.idleInterval = idleInterval
        self.shutdownGracePeriod = shutdownGracePeriod
        self.every = every
    }
}

/// Counts for one round.
public struct RoundReport: Sendable, Hashable {
    /// Targets taken from the store.
    public var due = 0
    /// Checks recorded.
    public var recorded = 0
    /// Checks that stored a new version (or found a changed feed).
    public var changed = 0
    /// Checks that found the page unchanged (304, same content, same feed).
    public var unchanged = 0
    /// Failed or unusable checks.
    public var failed = 0
    /// Checks postponed because a host asked us to wait.
    public var deferred = 0
    /// Targets not checked because of a stop or cancellation.
    public var skipped = 0
    /// Targets newly marked gone.
    public var gone = 0
    /// Feed items read.
    public var feedItems = 0
    /// Creates an empty report.
    public init() {}
}

/// Runs checks over a ``WatchStore`` with a ``Fetcher`` and a ``CaptureSink``.
public final class Watcher: Service, Sendable {
    private let store: any WatchStore
    private let sink: any CaptureSink
    private let fetcher: Fetcher
    /// The schedule's configuration.
    public let schedule: ScheduleConfiguration
    /// The loop's options.
    public let options: WatchOptions
    private let logger: Logger
    private let now: @Sendable () -> Date
    private let random: Locked<any RandomNumberGenerator & Sendable>
    private let stopSignal = StopSignal()

    /// Creates a watcher.
    /// - Parameters:
    ///   - now: the wall clock (injectable for tests).
    ///   - random: the jitter source (a ``SeededGenerator`` makes runs reproducible).
    public init(store: any WatchStore, sink: any CaptureSink, fetcher: Fetcher,
                schedule: ScheduleConfiguration = ScheduleConfiguration(), options: WatchOptions = WatchOptions(),
                logger: Logger = Logger(label: "stet.watch"),
                now: @escaping @Sendable () -> Date = { Date() },
                random: any RandomNumberGenerator & Sendable = SystemRandomNumberGenerator()) {
        self.store = store
        self.sink = sink
        self.fetcher = fetcher
        self.schedule = schedule
        self.options = options
        self.logger = logger
        self.now = now
        self.random = Locked(random)
    }

    /// Asks the watcher to start no new checks; in-flight ones finish (``run()`` then returns after
    /// at most the grace period). A stopped watcher stays stopped: make a new one to start again.
    public func requestStop() {
        stopSignal.fire()
    }

    /// True once ``requestStop()`` was called (or a graceful shutdown began).
    public var isStopping: Bool { stopSignal.isFired }

    /// One round: checks every due target (up to the round limit) and records each check.
    /// Cancellation stops it promptly; checks cut short are not recorded.
    /// - Throws: errors from the store.
    @discardableResult
    public func runOnce() async throws -> RoundReport {
        var report = RoundReport()
        if isStopping || Task.isCancelled { return report }
        let targets = try await store.dueTargets(at: now(), limit: options.maxTargetsPerRound)
        report.due = targets.count
        var next = targets.makeIterator()

        try await withThrowingTaskGroup(of: CheckRecord?.self) { group in
            var inFlight = 0
            func startNext() -> Bool {
                guard !isStopping, !Task.isCancelled, let target = next.next() else { return false }
                group.addTask { try await self.check(target) }
                inFlight += 1
                return true
            }
            while inFlight < options.maxConcurrentFetches, startNext() {}
            while inFlight > 0 {
                let result: CheckRecord??
                do {
                    result = try await group.next()
                } catch {
                    group.cancelAll()
                    throw error
                }
                inFlight -= 1
                if let record = result ?? nil {
                    report.recorded += 1
                    switch record.outcome {
                    case .captured(.newVersion), .feedRead(changed: true): report.changed += 1
                    case .captured(.unchanged), .notModified, .feedRead(changed: false): report.unchanged += 1
                    case .captured(.rejected), .failed, .unusable: report.failed += 1
                    case .deferred: report.deferred += 1
                    }
                    if record.isGone { report.gone += 1 }
                    report.feedItems += record.feedItems.count
                }
                _ = startNext()
            }
        }
        report.skipped = report.due - report.recorded
        return report
    }

    /// The `watch` service: rounds until cancelled or a graceful shutdown; on shutdown no new check
    /// starts and in-flight checks get ``WatchOptions/shutdownGracePeriod`` to finish.
    public func run() async throws {
        try await withGracefulShutdownHandler {
            try await self.loop()
        } onGracefulShutdown: {
            self.requestStop()
        }
    }

    /// Runs ``run()`` in a service group that turns SIGTERM and SIGINT into a graceful shutdown —
    /// what `stet watch` does. Returns once the watcher has stopped.
    public func runUntilSignalled() async throws {
        var configuration = ServiceGroupConfiguration(
            services: [.init(service: self)],
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: logger)
        // A backstop beyond the watcher's own grace period.
        configuration.maximumGracefulShutdownDuration = options.shutdownGracePeriod + .seconds(10)
        try await ServiceGroup(configuration: configuration).run()
    }

    private func loop() async throws {
        while !isStopping, !Task.isCancelled {
            let report = try await roundWithGrace()
            if report.due > 0 {
                logger.info("round: \(report.due) due, \(report.changed) changed, \(report.unchanged) unchanged, \(report.failed) failed, \(report.deferred) deferred, \(report.skipped) skipped")
            }
            if isStopping || Task.isCancelled { break }
            // Sleep until the next due target (bounded by idleInterval), waking early on stop.
            var wait = options.idleInterval
            if let due = try await store.nextDueDate() {
                let untilDue = Duration.secondsClamped(due.timeIntervalSince(now()))
                if untilDue < wait { wait = untilDue }
            }
            if wait > .zero { await stopSignal.wait(upTo: wait) }
        }
    }

    /// A round that, once a stop is requested, gets the grace period and is then cancelled.
    private func roundWithGrace() async throws -> RoundReport {
        let grace = options.shutdownGracePeriod
        let signal = stopSignal
        return try await withThrowingTaskGroup(of: RoundReport?.self) { group in
            group.addTask { try await self.runOnce() }
            group.addTask {
                await signal.wait(upTo: nil)
                try await Task.sleep(for: grace)
                return nil
            }
            var report = RoundReport()
            while let result = try await group.next() {
                if let result {
                    report = result
                } else {
                    self.logger.warning("grace period of \(Fetcher.format(grace)) over; abandoning in-flight checks")
                }
                group.cancelAll()
                break
            }
            return report
        }
    }

    // MARK: One check

    /// Fetches one target and records the check; `nil` when cancelled (nothing recorded).
    private func check(_ target: WatchTarget) async throws -> CheckRecord? {
        let result = await fetcher.fetch(FetchRequest(url: target.url, validators: target.validators,
                                                      accept: target.kind == .feed ? Self.feedAccept : nil))
        if Task.isCancelled { return nil }

        var outcome: CheckOutcome
        var event: ScheduleEvent
        var status: Int?
        var finalURL: URL?
        var redirects: [RedirectHop] = []
        var bytes = 0
        var validators = target.validators
        var digest = target.lastDigest
        var items: [FeedItem] = []

        switch result {
        case .page(let page):
            status = page.status
            finalURL = page.finalURL
            redirects = page.redirects
            bytes = page.bytes
            validators = page.validators
            let newDigest = Self.digest(page.body)
            digest = newDigest
            switch target.kind {
            case .article:
                do {
                    let decision = try await sink.capture(page, for: target)
                    outcome = .captured(decision)
                    switch decision {
                    case .newVersion: event = .changed
                    case .unchanged, .rejected: event = .unchanged
                    }
                } catch is CancellationError {
                    return nil
                } catch {
                    if Task.isCancelled { return nil }
                    outcome = .unusable(reason: "capture failed: \(error)")
                    event = .failed(status: nil, retryAfter: nil)
                }
            case .feed:
                do {
                    let feed = try FeedParser.parse(page.body, baseURL: page.finalURL)
                    items = feed.items
                    let changed = newDigest != target.lastDigest
                    outcome = .feedRead(changed: changed)
                    event = changed ? .changed : .unchanged
                } catch {
                    outcome = .unusable(reason: "\(error)")
                    event = .failed(status: page.status, retryAfter: nil)
                }
            }
        case .notModified(let nm):
            finalURL = nm.finalURL
            redirects = nm.redirects
            status = 304
            validators = nm.validators
            outcome = .notModified
            event = .unchanged
        case .failure(let failure):
            if failure.reason == .cancelled { return nil }
            status = failure.status
            finalURL = failure.finalURL
            outcome = failure.reason == .hostBackoff ? .deferred : .failed(failure)
            event = .failed(status: failure.status, retryAfter: failure.retryAfter)
        }

        let checkedAt = now()
        let state: ScheduleState
        let nextDue: Date
        if case .failure(let failure) = result, failure.reason == .hostBackoff {
            // Not a check: keep the state, come back when the host's pause ends.
            state = target.schedule
            nextDue = checkedAt.addingTimeInterval((failure.retryAfter ?? schedule.failureBaseDelay).seconds)
        } else {
            var current = target.schedule
            if let every = options.every { current.every = every }
            let decision = random.withLock { rng in
                Schedule.decide(after: event, state: current, at: checkedAt, configuration: schedule, using: &rng)
            }
            var updated = decision.state
            updated.every = target.schedule.every
            state = updated
            nextDue = decision.nextDue
        }

        let record = CheckRecord(
            targetID: target.id, url: target.url, checkedAt: checkedAt, outcome: outcome, status: status,
            finalURL: finalURL, redirects: redirects, bytes: bytes, elapsed: result.elapsed, validators: validators,
            digest: digest, schedule: state, nextDue: nextDue, feedItems: items)
        try await store.record(record)
        log(record, result: result)
        return record
    }

    private func log(_ record: CheckRecord, result: FetchResult) {
        let ms = Int((record.elapsed.seconds * 1000).rounded())
        let statusText = record.status.map(String.init) ?? "-"
        var line = "check \(record.url.absoluteString) status=\(statusText) bytes=\(record.bytes) time=\(ms)ms outcome=\(record.outcome.shortName)"
        if let finalURL = record.finalURL, finalURL != record.url { line += " final=\(finalURL.absoluteString)" }
        if record.isGone { line += " gone" }
        if case .failure(let failure) = result { line += " reason=\"\(failure.message)\"" }
        if case .unusable(let reason) = record.outcome { line += " reason=\"\(reason)\"" }
        line += " next=\(Self.isoFormatter.string(from: record.nextDue))"
        switch record.outcome {
        case .failed, .unusable: logger.warning("\(line)")
        default: logger.info("\(line)")
        }
    }

    private static let feedAccept =
        "application/rss+xml,application/atom+xml,application/xml;q=0.9,text/xml;q=0.9,*/*;q=0.5"

    nonisolated(unsafe) private static let isoFormatter: ISO8601DateFormatter = {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        return f
    }()

    /// A 64-bit FNV-1a digest of `bytes`, as 16 hex digits: cheap change detection, not security.
    public static func digest(_ bytes: [UInt8]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes {
            hash ^= UInt64(b)
            hash &*= 0x0000_0100_0000_01B3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
