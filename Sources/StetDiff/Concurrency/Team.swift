import Dispatch
import Foundation
import Synchronization

/// The calling thread and one helper thread, working together on the independent parts of one
/// large comparison (`DiffConfiguration.parallelBytes`).
///
/// Each job is a number of parts (`map`, `both`, `stream`); both threads take the next part as they
/// come free, so parts of unequal cost, or a helper that starts late, leave neither waiting for
/// long. The helper is one thread kept for all teams (`SharedHelper`), or a pool thread while another
/// comparison holds it. Between jobs the helper spins instead of sleeping, for at most `idleLimit`:
/// waking a sleeping thread costs tens of microseconds, once per job, and a comparison has five
/// jobs. `finish()` (called when the comparison is done) lets the helper go. With no helper (it has
/// not started yet, or has given up), the calling thread does every part itself: nothing ever
/// waits on the helper.
///
/// Parts are pure: each closure reads values and returns one; the results go to one slot each.
final class Team: @unchecked Sendable {
    /// How long the helper waits for the next job, spinning, before it leaves the team.
    static let idleLimit: Duration = .milliseconds(20)

    /// Whether the machine has more than one core: on one, a spinning helper would only take
    /// time from the calling thread.
    static let hasSecondCore = ProcessInfo.processInfo.activeProcessorCount > 1

    /// The current job: its parts, how many are handed out, and how many are still running.
    private struct Job {
        var run: (@Sendable (Int) -> Void)?
        var count = 0
        var next = 0
        var running = 0
        /// Whether each part has returned.
        var done: [Bool] = []
    }

    /// The job, read and written under `lock` only (a pthread mutex: ThreadSanitizer sees it).
    private let lock = NSLock()
    private var current = Job()
    /// Bumped when a job is posted, so that the spinning helper notices it without the lock;
    /// -1 once the team is finished.
    private let posted = Atomic<Int>(0)

    /// A team helped by the shared helper thread (`SharedHelper`), or, while another comparison
    /// holds that one, by a thread of libdispatch's pool.
    init() {
        guard !SharedHelper.shared.offer(self) else { return }
        DispatchQueue.global().async { [self] in help() }
    }

    /// `(0..<count).map(body)`, on both threads.
    func map<T: Sendable>(_ count: Int, _ body: @Sendable (Int) -> T) -> [T] {
        guard count > 1 else { return (0..<count).map(body) }
        return withoutActuallyEscaping(body) { body in
            let slots = Slots<T>(count: count)
            let part: @Sendable (Int) -> Void = { index in slots.initialize(index, body(index)) }
            withoutActuallyEscaping(part) { run in perform(count, run, beside: {}, then: {}) }
            return slots.values()
        }
    }

    /// `read`'s result, given the results of `body` for `0..<count` run on both threads as in
    /// `map`; but the calling thread starts `read` as soon as no part is left for it to take, while
    /// the helper may still be on its last one: the function `read` gets returns part `i`'s
    /// result (each part at most once), waiting for it when it is not ready. So the calling thread
    /// works through the early results instead of waiting for the last. Parts not read are dropped.
    func stream<T: Sendable, R>(_ count: Int, _ body: @Sendable (Int) -> T, read: ((Int) -> T) -> R) -> R {
        withoutActuallyEscaping(body) { body in
            let slots = Slots<T>(count: count)
            let part: @Sendable (Int) -> Void = { index in slots.initialize(index, body(index)) }
            var taken = [Bool](repeating: false, count: count)
            let result = withoutActuallyEscaping(part) { run in
                perform(count, run, beside: {}) {
                    read { index in
                        precondition(!taken[index], "part \(index) read twice")
                        while !withJob({ $0.done[index] }) {}
                        taken[index] = true
                        return slots.take(index)
                    }
                }
            }
            for index in 0..<count where !taken[index] { _ = slots.take(index) }
            return result
        }
    }

    /// Both closures' results, on both threads.
    func both<A: Sendable, B: Sendable>(_ a: @Sendable () -> A, _ b: @Sendable () -> B) -> (A, B) {
        withoutActuallyEscaping(a) { a in
            withoutActuallyEscaping(b) { b in
                let first = Slots<A>(count: 1), second = Slots<B>(count: 1)
                _ = map(2) { index in index == 0 ? first.initialize(0, a()) : second.initialize(0, b()) }
                return (first.values()[0], second.values()[0])
            }
        }
    }

    /// `helper()`'s result, run by the helper while the calling thread runs `caller` (which stays on
    /// the calling thread, so it may touch what only that thread holds); by the calling thread
    /// after `caller` when the helper has not taken it by then.
    func run<A: Sendable>(_ helper: @Sendable () -> A, beside caller: () -> Void) -> A {
        withoutActuallyEscaping(helper) { helper in
            let slot = Slots<A>(count: 1)
            let part: @Sendable (Int) -> Void = { _ in slot.initialize(0, helper()) }
            withoutActuallyEscaping(part) { run in perform(1, run, beside: caller, then: {}) }
            return slot.values()[0]
        }
    }

    /// Lets the helper go (it leaves the team at its next look).
    func finish() {
        posted.store(-1, ordering: .releasing)
    }

    /// Posts `run` as a job of `count` parts, runs `caller` on the calling thread, then takes parts
    /// until none is left, then runs `after`; returns `after`'s result once every part handed out
    /// has returned and the job is retired, so that no thread can reach `run` after this returns.
    private func perform<R>(_ count: Int, _ run: @escaping @Sendable (Int) -> Void, beside caller: () -> Void, then after: () -> R) -> R {
        withJob { $0 = Job(run: run, count: count, done: [Bool](repeating: false, count: count)) }
        posted.add(1, ordering: .releasing)
        caller()
        while runPart() {}
        let result = after()
        while !withJob({ $0.running == 0 }) {}
        withJob { $0 = Job() }
        return result
    }

    private func withJob<R>(_ body: (inout Job) -> R) -> R {
        lock.lock()
        defer { lock.unlock() }
        return body(&current)
    }

    /// Runs the next part of the current job; false when none is left. The part is counted as
    /// running until it returns, and the job's closure is let go before that count drops: once it
    /// is zero, `map` may return, and nothing may hold the closure then.
    private func runPart() -> Bool {
        guard let index = run(claimed: claim()) else { return false }
        withJob { job in
            job.running -= 1
            job.done[index] = true
        }
        return true
    }

    /// Runs a claimed part; its index, or nil when there was none.
    private func run(claimed: (run: @Sendable (Int) -> Void, index: Int)?) -> Int? {
        guard let claimed else { return nil }
        claimed.run(claimed.index)
        return claimed.index
    }

    /// The next part of the current job, counted as running, or nil when none is left.
    private func claim() -> (run: @Sendable (Int) -> Void, index: Int)? {
        withJob { job in
            guard let run = job.run, job.next < job.count else { return nil }
            defer {
                job.next += 1
                job.running += 1
            }
            return (run, job.next)
        }
    }

    /// The helper: takes parts while there are any, then spins until the next job, the end of the
    /// comparison, or `idleLimit`.
    fileprivate func help() {
        let clock = ContinuousClock()
        var seen = 0
        while true {
            while runPart() {}
            let idleSince = clock.now
            while posted.load(ordering: .acquiring) == seen {
                if clock.now - idleSince > Self.idleLimit { return }
            }
            seen = posted.load(ordering: .acquiring)
            if seen < 0 { return }
        }
    }

    /// One result slot per part, each initialized by the one thread that ran that part (distinct
    /// memory, so the threads share nothing mutable); read after every part has returned.
    private final class Slots<T>: @unchecked Sendable {
        let storage: UnsafeMutablePointer<T>
        let count: Int

        init(count: Int) {
            self.count = count
            storage = .allocate(capacity: count)
        }

        func initialize(_ index: Int, _ value: T) {
            (storage + index).initialize(to: value)
        }

        /// The result of part `index`, moved out of its slot (call once, after it is made, and not
        /// with `values()`).
        func take(_ index: Int) -> T {
            (storage + index).move()
        }

        /// The results in index order, moved out of the slots (call once, after all are made).
        func values() -> [T] {
            Array(unsafeUninitializedCapacity: count) { buffer, initialized in
                buffer.baseAddress!.moveInitialize(from: storage, count: count)
                initialized = count
            }
        }

        deinit { storage.deallocate() }
    }
}

/// The thread that helps the teams, one team at a time. A pool thread asked for with
/// `DispatchQueue.async` started 15 / 56 / 3,400 µs (p10 / p50 / p90, 1,000 comparisons in a row)
/// after the request here, so one comparison in ten ran on one thread; this thread is started
/// once, on first use, and after a team lets it go it spins for `lingerLimit` in case another
/// comparison follows (a batch, an ingest), then sleeps until one does.
private final class SharedHelper: @unchecked Sendable {
    static let shared = SharedHelper()

    /// How long the thread spins for the next team before it sleeps.
    static let lingerLimit: Duration = .milliseconds(2)

    private let condition = NSCondition()
    /// The team to help next (under `condition`).
    private var offered: Team?
    /// Whether a team holds the thread, from its offer until the thread is done helping it.
    private let taken = Atomic<Bool>(false)
    /// Bumped at each offer, so that the lingering thread notices one without the lock.
    private let offers = Atomic<Int>(0)

    private init() {
        let thread = Thread { [self] in serve() }
        thread.name = "stet-diff-helper"
        thread.start()
    }

    /// Hands `team` to the thread; false when another team holds it.
    func offer(_ team: Team) -> Bool {
        guard taken.compareExchange(expected: false, desired: true, ordering: .acquiringAndReleasing).exchanged else {
            return false
        }
        condition.lock()
        offered = team
        offers.add(1, ordering: .releasing)
        condition.signal()
        condition.unlock()
        return true
    }

    private func serve() {
        let clock = ContinuousClock()
        var seen = 0
        while true {
            let since = clock.now
            while offers.load(ordering: .acquiring) == seen, clock.now - since < Self.lingerLimit {}
            condition.lock()
            while offered == nil { condition.wait() }
            let team = offered.take()
            seen = offers.load(ordering: .relaxed)
            condition.unlock()
            team?.help()
            taken.store(false, ordering: .releasing)
        }
    }
}
