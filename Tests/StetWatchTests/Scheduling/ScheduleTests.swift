import Foundation
import Testing
import StetWatch

@Suite("Schedule: intervals by quiet time and changes, jitter, backoff, gone")
struct ScheduleTests {
    let c = ScheduleConfiguration()
    let t0 = Date(timeIntervalSince1970: 1_800_000_000)
    let minute = 60.0, hour = 3600.0, day = 86_400.0

    @Test("Fresh stories are checked at the minimum; settled ones every few days; old ones monthly")
    func intervalsGrowWithQuietTime() {
        let state = ScheduleState(firstSeen: t0)
        func interval(after seconds: Double) -> Double {
            Schedule.baseInterval(for: state, at: t0.addingTimeInterval(seconds), configuration: c).inSeconds
        }
        #expect(interval(after: 10 * minute) == 15 * minute)
        #expect(interval(after: hour) == 15 * minute)
        #expect(interval(after: day) == 6 * hour)
        #expect(interval(after: 10 * day) == 2.5 * day)
        #expect(interval(after: 400 * day) == 30 * day)
        // Monotone in quiet time.
        let samples = stride(from: 0.0, through: 200 * day, by: 3 * hour).map(interval(after:))
        #expect(zip(samples, samples.dropFirst()).allSatisfy { $0 <= $1 })
    }

    @Test("A change resets the quiet time; recent changes shorten the interval further")
    func changesShortenInterval() {
        var state = ScheduleState(firstSeen: t0)
        let later = t0.addingTimeInterval(20 * day)
        let settled = Schedule.baseInterval(for: state, at: later, configuration: c)
        state.lastChange = later.addingTimeInterval(-8 * hour)
        state.recentChanges = 1
        let afterOne = Schedule.baseInterval(for: state, at: later, configuration: c)
        state.recentChanges = 3
        let afterThree = Schedule.baseInterval(for: state, at: later, configuration: c)
        #expect(settled.inSeconds == 5 * day)
        #expect(afterOne.inSeconds == 1 * hour)       // 8 h / 4 / 2
        #expect(afterThree.inSeconds == 30 * minute)  // 8 h / 4 / 4
        // Changes outside the window no longer count.
        state.lastChange = later.addingTimeInterval(-2 * day)
        #expect(Schedule.baseInterval(for: state, at: later, configuration: c).inSeconds == 12 * hour)
    }

    @Test("An old article tracked today starts from its publication date, not from today")
    func publishedDate() {
        let state = ScheduleState(firstSeen: t0, published: t0.addingTimeInterval(-40 * day))
        #expect(Schedule.baseInterval(for: state, at: t0, configuration: c).inSeconds == 10 * day)
        // A publication date in the future (clock skew) does not shorten anything below first seen.
        let skewed = ScheduleState(firstSeen: t0, published: t0.addingTimeInterval(3 * day))
        #expect(Schedule.baseInterval(for: skewed, at: t0.addingTimeInterval(day), configuration: c).inSeconds == 6 * hour)
    }

    @Test("--every overrides the computed interval")
    func everyOverride() {
        let state = ScheduleState(firstSeen: t0, every: .seconds(7200))
        #expect(Schedule.baseInterval(for: state, at: t0.addingTimeInterval(90 * day), configuration: c) == .seconds(7200))
    }

    @Test("Jitter stays within ±10 % and is reproducible with a seed")
    func jitterBounds() {
        var rng = SeededGenerator(seed: 42)
        var seen: [Double] = []
        for _ in 0..<500 {
            let d = Schedule.jittered(.seconds(1000), fraction: 0.1, using: &rng).inSeconds
            #expect(d >= 900 && d <= 1100)
            seen.append(d)
        }
        #expect(Set(seen).count > 100)           // it does vary
        #expect(seen.min()! < 920 && seen.max()! > 1080)  // and covers the range
        var a = SeededGenerator(seed: 7), b = SeededGenerator(seed: 7)
        let s = ScheduleState(firstSeen: t0)
        let da = Schedule.decide(after: .unchanged, state: s, at: t0.addingTimeInterval(day), configuration: c, using: &a)
        let db = Schedule.decide(after: .unchanged, state: s, at: t0.addingTimeInterval(day), configuration: c, using: &b)
        #expect(da == db)
    }

    @Test("Failures back off exponentially, capped, with jitter; success resets")
    func backoff() {
        #expect(Schedule.backoff(failures: 1, configuration: c) == .seconds(300))
        #expect(Schedule.backoff(failures: 2, configuration: c) == .seconds(600))
        #expect(Schedule.backoff(failures: 4, configuration: c) == .seconds(2400))
        #expect(Schedule.backoff(failures: 20, configuration: c) == .seconds(86_400))
        var rng = SeededGenerator(seed: 1)
        var state = ScheduleState(firstSeen: t0)
        var now = t0
        var delays: [Double] = []
        for n in 1...6 {
            let d = Schedule.decide(after: .failed(status: 503, retryAfter: nil), state: state, at: now, configuration: c,
                                    using: &rng)
            let full = Schedule.backoff(failures: n, configuration: c).inSeconds
            #expect(d.delay.inSeconds >= full / 2 && d.delay.inSeconds <= full)
            #expect(d.state.consecutiveFailures == n)
            delays.append(d.delay.inSeconds)
            state = d.state
            now = d.nextDue
        }
        #expect(delays.last! > delays.first! * 8)
        let ok = Schedule.decide(after: .unchanged, state: state, at: now, configuration: c, using: &rng)
        #expect(ok.state.consecutiveFailures == 0)
    }

    @Test("Retry-After is a floor for the next attempt")
    func retryAfterFloor() {
        var rng = SeededGenerator(seed: 3)
        let d = Schedule.decide(after: .failed(status: 429, retryAfter: .seconds(7200)), state: ScheduleState(firstSeen: t0),
                                at: t0, configuration: c, using: &rng)
        #expect(d.delay == .seconds(7200))
        #expect(d.nextDue == t0.addingTimeInterval(7200))
    }

    @Test("A 404/410 that persists past goneAfter marks the target gone; another error breaks the run")
    func goneAfterPersistentMissing() {
        var rng = SeededGenerator(seed: 9)
        var state = ScheduleState(firstSeen: t0)
        var d = Schedule.decide(after: .failed(status: 404, retryAfter: nil), state: state, at: t0, configuration: c, using: &rng)
        #expect(d.state.missingSince == t0)
        #expect(!d.isGone)
        state = d.state
        d = Schedule.decide(after: .failed(status: 500, retryAfter: nil), state: state, at: t0.addingTimeInterval(day),
                            configuration: c, using: &rng)
        #expect(d.state.missingSince == nil)
        state = d.state
        d = Schedule.decide(after: .failed(status: 410, retryAfter: nil), state: state, at: t0.addingTimeInterval(2 * day),
                            configuration: c, using: &rng)
        #expect(!d.isGone)
        state = d.state
        d = Schedule.decide(after: .failed(status: 410, retryAfter: nil), state: state, at: t0.addingTimeInterval(8 * day),
                            configuration: c, using: &rng)
        #expect(!d.isGone)  // 6 days of 404/410 so far
        state = d.state
        d = Schedule.decide(after: .failed(status: 404, retryAfter: nil), state: state, at: t0.addingTimeInterval(9.5 * day),
                            configuration: c, using: &rng)
        #expect(d.isGone)
        // A page that comes back is no longer gone.
        let back = Schedule.decide(after: .changed, state: d.state, at: t0.addingTimeInterval(10 * day), configuration: c,
                                   using: &rng)
        #expect(!back.isGone)
        #expect(back.state.missingSince == nil)
    }

    @Test("A change records lastChange and counts recent changes")
    func changeBookkeeping() {
        var rng = SeededGenerator(seed: 5)
        let s0 = ScheduleState(firstSeen: t0)
        let d1 = Schedule.decide(after: .changed, state: s0, at: t0.addingTimeInterval(hour), configuration: c, using: &rng)
        #expect(d1.state.lastChange == t0.addingTimeInterval(hour))
        #expect(d1.state.recentChanges == 1)
        let d2 = Schedule.decide(after: .changed, state: d1.state, at: t0.addingTimeInterval(2 * hour), configuration: c,
                                 using: &rng)
        #expect(d2.state.recentChanges == 2)
        let d3 = Schedule.decide(after: .changed, state: d2.state, at: t0.addingTimeInterval(5 * day), configuration: c,
                                 using: &rng)
        #expect(d3.state.recentChanges == 1)
        // Right after a change the next check is at the minimum interval (± jitter).
        #expect(d2.delay.inSeconds >= 0.9 * 15 * minute && d2.delay.inSeconds <= 1.1 * 15 * minute)
    }
}
