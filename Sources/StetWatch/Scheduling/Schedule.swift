// Schedule: when to check a target next — pure functions of its history and a random source.
//
// Reasoning. News pages change most while fresh and settle within days (NewsDiffs polls by age,
// from 15 minutes for new stories to 30 days for old ones). The quantity that predicts the next
// change is not the article's age but its *quiet time*: how long since it last changed (or since
// first seen, if it never has). The interval is a fixed fraction of the quiet time:
//
//     interval = quiet / quietDivisor, shortened by (1 + recent changes) while the last change is
//                within `changeWindow`, then clamped to [minInterval, maxInterval]
//
// With the defaults (divisor 4, 15 min … 30 days): a story changed an hour ago is checked every
// 15 min; one quiet for a day, every 6 h; for ten days, every 2.5 days; for four months, monthly.
// A change resets the quiet time, so an edited story drops straight back to frequent checks.
// `--every` (the `every` override) replaces the computed interval.
//
// Jitter (±`jitter` of the interval, uniform) spreads checks so that targets added together do not
// stay in lockstep. Failures back off exponentially from `failureBaseDelay`, doubling per
// consecutive failure up to `failureMaxDelay`, with "equal jitter" (half fixed, half random) so a
// flock of failures spreads out; a server's Retry-After is a floor. A 404 or 410 that persists for
// `goneAfter` marks the target gone. The random source is injected, so tests are exact.
//
// Complexity: O(1) per decision.

import Foundation

/// The tunable numbers of the schedule, with their defaults.
public struct ScheduleConfiguration: Sendable, Hashable, Codable {
    /// Shortest interval between two checks of a healthy target (fresh, changing stories).
    /// Default 15 min; sensible range 5 min – 1 h.
    public var minInterval: Duration
    /// Longest interval (settled stories). Default 30 days.
    public var maxInterval: Duration
    /// The interval is the quiet time (since the last change, or first seen) divided by this.
    /// Default 4; larger checks more often.
    public var quietDivisor: Double
    /// Changes within this window count as recent and shorten the interval by `1 + count`.
    /// Default 24 h.
    public var changeWindow: Duration
    /// Relative jitter applied to every healthy interval: the interval is multiplied by a uniform
    /// factor in `[1 - jitter, 1 + jitter]`. Default 0.1; range 0 – 0.5.
    public var jitter: Double
    /// First retry delay after a failure. Default 5 min.
    public var failureBaseDelay: Duration
    /// Cap on the failure retry delay. Default 1 day.
    public var failureMaxDelay: Duration
    /// A 404/410 persisting this long marks the target gone. Default 7 days.
    public var goneAfter: Duration

    /// Creates a configuration; every argument has the documented default.
    public init(
        minInterval: Duration = .seconds(15 * 60),
        maxInterval: Duration = .seconds(30 * 86_400),
        quietDivisor: Double = 4,
        changeWindow: Duration = .seconds(86_400),
        jitter: Double = 0.1,
        failureBaseDelay: Duration = .seconds(5 * 60),
        failureMaxDelay: Duration = .seconds(86_400),
        goneAfter: Duration = .seconds(7 * 86_400)
    ) {
        self.minInterval = minInterval
        self.maxInterval = maxInterval
        self.quietDivisor = quietDivisor
        self.changeWindow = changeWindow
        self.jitter = jitter
        self.failureBaseDelay = failureBaseDelay
        self.failureMaxDelay = failureMaxDelay
        self.goneAfter = goneAfter
    }
}

/// What the schedule remembers about one target (stored by the caller between runs).
public struct ScheduleState: Sendable, Hashable, Codable {
    /// When the target was first tracked.
    public var firstSeen: Date
    /// When the page was first published, if known (a feed item's date, the article's metadata).
    /// An article tracked long after publication then starts at a long interval, not at the
    /// minimum.
    public var published: Date?
    /// The last completed check (any outcome), if any.
    public var lastCheck: Date?
    /// The last check that found new content, if any.
    public var lastChange: Date?
    /// Changes seen while each followed the previous one within ``ScheduleConfiguration/changeWindow``.
    public var recentChanges: Int
    /// Failed checks in a row (0 after any success).
    public var consecutiveFailures: Int
    /// When the current unbroken run of 404/410 answers began, if one is running.
    public var missingSince: Date?
    /// True once the page has been missing for ``ScheduleConfiguration/goneAfter``.
    public var isGone: Bool
    /// A fixed interval (`--every`) replacing the computed one, if set.
    public var every: Duration?

    /// A new target's state: first seen `firstSeen`, nothing checked yet.
    public init(firstSeen: Date, published: Date? = nil, every: Duration? = nil) {
        self.firstSeen = firstSeen
        self.published = published
        self.lastCheck = nil
        self.lastChange = nil
        self.recentChanges = 0
        self.consecutiveFailures = 0
        self.missingSince = nil
        self.isGone = false
        self.every = every
    }
}

/// The outcome of one check, as the schedule sees it.
public enum ScheduleEvent: Sendable, Hashable {
    /// New content was found.
    case changed
    /// The target was checked and had not changed (a 304, or the same content).
    case unchanged
    /// The check failed; `status` is the HTTP status if there was one, `retryAfter` the server's
    /// requested wait if it gave one.
    case failed(status: Int?, retryAfter: Duration?)
}

/// The schedule's answer for one target after a check.
public struct ScheduleDecision: Sendable, Hashable {
    /// The updated state to store.
    public var state: ScheduleState
    /// When to check next.
    public var nextDue: Date
    /// The delay from the check to `nextDue`.
    public var delay: Duration
    /// True when the target should be marked gone (the caller may stop checking it).
    public var isGone: Bool { state.isGone }
}

/// The scheduling rules (see the file comment for the reasoning).
public enum Schedule {
    /// The interval for a healthy target before jitter: `every` if set, otherwise the quiet time
    /// divided by the divisor, shortened by recent changes, clamped to the configured range.
    public static func baseInterval(for state: ScheduleState, at now: Date,
                                    configuration c: ScheduleConfiguration) -> Duration {
        if let every = state.every { return max(every, .seconds(1)) }
        // Quiet since the last change we saw; before any, since publication (if earlier) or first seen.
        let since = state.lastChange ?? min(state.firstSeen, state.published ?? state.firstSeen)
        let quiet = max(0, now.timeIntervalSince(since))
        var seconds = quiet / max(c.quietDivisor, 0.0001)
        if let last = state.lastChange, now.timeIntervalSince(last) <= c.changeWindow.seconds, state.recentChanges > 0 {
            seconds /= Double(1 + state.recentChanges)
        }
        let clamped = min(max(seconds, c.minInterval.seconds), c.maxInterval.seconds)
        return .secondsClamped(clamped)
    }

    /// The failure retry delay before jitter: `failureBaseDelay × 2^(failures − 1)`, capped.
    public static func backoff(failures: Int, configuration c: ScheduleConfiguration) -> Duration {
        guard failures > 0 else { return .zero }
        let exponent = min(failures - 1, 40)
        let seconds = c.failureBaseDelay.seconds * pow(2, Double(exponent))
        return .secondsClamped(min(seconds, c.failureMaxDelay.seconds))
    }

    /// `interval` multiplied by a uniform factor in `[1 − fraction, 1 + fraction]`.
    public static func jittered(_ interval: Duration, fraction: Double,
                                using random: inout some RandomNumberGenerator) -> Duration {
        let f = min(max(fraction, 0), 1)
        guard f > 0 else { return interval }
        let factor = 1 + f * (2 * Double.random(in: 0..<1, using: &random) - 1)
        return .secondsClamped(interval.seconds * factor)
    }

    /// Updates `state` for a check at `now` with outcome `event` and picks the next due time.
    public static func decide(after event: ScheduleEvent, state: ScheduleState, at now: Date,
                              configuration c: ScheduleConfiguration,
                              using random: inout some RandomNumberGenerator) -> ScheduleDecision {
        var s = state
        s.lastCheck = now
        let delay: Duration
        switch event {
        case .changed, .unchanged:
            if event == .changed {
                if let last = s.lastChange, now.timeIntervalSince(last) <= c.changeWindow.seconds {
                    s.recentChanges += 1
                } else {
                    s.recentChanges = 1
                }
                s.lastChange = now
            }
            s.consecutiveFailures = 0
            s.missingSince = nil
            s.isGone = false
            delay = jittered(baseInterval(for: s, at: now, configuration: c), fraction: c.jitter, using: &random)

        case .failed(let status, let retryAfter):
            s.consecutiveFailures += 1
            if status == 404 || status == 410 {
                let since = s.missingSince ?? now
                s.missingSince = since
                if now.timeIntervalSince(since) >= c.goneAfter.seconds { s.isGone = true }
            } else {
                s.missingSince = nil
            }
            let full = backoff(failures: s.consecutiveFailures, configuration: c)
            // Equal jitter: half the delay is fixed, the other half random.
            var d = Duration.secondsClamped(full.seconds * (0.5 + 0.5 * Double.random(in: 0..<1, using: &random)))
            if let retryAfter, retryAfter > d { d = retryAfter }
            if s.isGone { d = max(d, c.maxInterval) }
            delay = d
        }
        return ScheduleDecision(state: s, nextDue: now.addingTimeInterval(delay.seconds), delay: delay)
    }
}

/// A small deterministic random source (SplitMix64) for tests and reproducible runs.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64
    /// A generator that yields the same sequence for the same seed.
    public init(seed: UInt64) { self.state = seed }
    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
