// HostGate: per-host politeness — at most N requests in flight to one host, starts spaced by at
// least S, and a pause while the host's Retry-After runs.
//
// Reasoning: a slot is a permit (a FIFO queue of waiters when all N are taken); a start time is a
// reservation on the host's timeline: each granted request reserves max(now, next free start, end
// of pause) and pushes the next free start S later, so concurrent requests line up S apart even
// before any of them has begun. Reserving before sleeping keeps the order fair (first come, first
// served) and makes the spacing exact. A waiter that is cancelled leaves the queue at once.
//
// Complexity: O(1) per acquire and release, plus O(w) to drop a cancelled waiter from a queue of w.

import Foundation

/// Per-host admission control shared by every fetch of one ``Fetcher``.
actor HostGate {
    /// What `acquire` grants.
    enum Ticket: Sendable {
        /// A slot is held; start the request at `start` (sleep until then), release it afterwards.
        case go(start: ContinuousClock.Instant)
        /// The host is paused for longer than the caller will wait; no slot was taken.
        case paused(remaining: Duration)
    }

    private struct Waiter {
        var id: UInt64
        var continuation: CheckedContinuation<Void, any Error>
    }

    private struct HostState {
        var active = 0
        var nextStart: ContinuousClock.Instant?
        var pausedUntil: ContinuousClock.Instant?
        var waiters: [Waiter] = []
    }

    private let limit: Int
    private let spacing: Duration
    private var hosts: [String: HostState] = [:]
    private var nextWaiterID: UInt64 = 0
    private let clock = ContinuousClock()

    init(limit: Int, spacing: Duration) {
        self.limit = max(1, limit)
        self.spacing = max(.zero, spacing)
    }

    /// Waits for a slot on `host` (cancellable) and reserves a start time, unless the host is paused
    /// for longer than `maxWait`.
    func acquire(_ host: String, maxWait: Duration) async throws -> Ticket {
        let now = clock.now
        if let until = hosts[host]?.pausedUntil, until - now > maxWait {
            return .paused(remaining: until - now)
        }
        if hosts[host, default: HostState()].active < limit {
            hosts[host, default: HostState()].active += 1
        } else {
            try await waitForSlot(host)
            // The host may have been paused while we queued.
            if let until = hosts[host]?.pausedUntil, until - clock.now > maxWait {
                release(host)
                return .paused(remaining: until - clock.now)
            }
        }
        return .go(start: reserveStart(host))
    }

    /// Gives back a slot taken by `acquire` and wakes the next waiter.
    func release(_ host: String) {
        guard var state = hosts[host] else { return }
        if state.waiters.isEmpty {
            state.active = max(0, state.active - 1)
            hosts[host] = state
        } else {
            // Hand the slot straight to the first waiter: `active` stays the same.
            let waiter = state.waiters.removeFirst()
            hosts[host] = state
            waiter.continuation.resume()
        }
    }

    /// Pauses new starts on `host` until `until` (extends, never shortens, a running pause).
    func pause(_ host: String, until: ContinuousClock.Instant) {
        var state = hosts[host, default: HostState()]
        if let current = state.pausedUntil, current >= until { return }
        state.pausedUntil = until
        hosts[host] = state
    }

    /// When the host's current pause ends, if one is running.
    func pausedUntil(_ host: String) -> ContinuousClock.Instant? {
        guard let until = hosts[host]?.pausedUntil, until > clock.now else { return nil }
        return until
    }

    private func reserveStart(_ host: String) -> ContinuousClock.Instant {
        var state = hosts[host, default: HostState()]
        var start = clock.now
        if let next = state.nextStart, next > start { start = next }
        if let paused = state.pausedUntil, paused > start { start = paused }
        state.nextStart = start + spacing
        hosts[host] = state
        return start
    }

    private func waitForSlot(_ host: String) async throws {
        nextWaiterID += 1
        let id = nextWaiterID
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                if Task.isCancelled {
                    continuation.resume(throwing: CancellationError())
                } else {
                    hosts[host, default: HostState()].waiters.append(Waiter(id: id, continuation: continuation))
                }
            }
        } onCancel: {
            Task { await self.cancelWaiter(host, id: id) }
        }
    }

    private func cancelWaiter(_ host: String, id: UInt64) {
        guard var state = hosts[host], let index = state.waiters.firstIndex(where: { $0.id == id }) else { return }
        let waiter = state.waiters.remove(at: index)
        hosts[host] = state
        waiter.continuation.resume(throwing: CancellationError())
    }
}
