// Small synchronisation helpers: a lock-protected value and a one-shot stop signal that tasks can
// wait on (with an optional time limit) without polling.
//
// Complexity: O(1) per operation, O(w) to wake w waiters.

import Foundation

/// A value guarded by a lock.
final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    init(_ value: Value) { self.value = value }

    func withLock<R>(_ body: (inout Value) -> R) -> R {
        lock.lock()
        defer { lock.unlock() }
        return body(&value)
    }
}

/// A one-shot event: `fire()` once, and every current and future `wait` returns.
final class StopSignal: Sendable {
    private struct State {
        var fired = false
        var nextID: UInt64 = 0
        var waiters: [UInt64: CheckedContinuation<Void, Never>] = [:]
    }
    private let state = Locked(State())

    var isFired: Bool { state.withLock { $0.fired } }

    func fire() {
        let waiters = state.withLock { s -> [CheckedContinuation<Void, Never>] in
            guard !s.fired else { return [] }
            s.fired = true
            let all = Array(s.waiters.values)
            s.waiters.removeAll()
            return all
        }
        for w in waiters { w.resume() }
    }

    /// Returns when the signal fires, the task is cancelled, or `limit` (if any) passes.
    func wait(upTo limit: Duration?) async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await self.waitForFire() }
            if let limit {
                group.addTask { try? await Task.sleep(for: limit) }
            }
            _ = await group.next()
            group.cancelAll()
        }
    }

    private func waitForFire() async {
        let id = state.withLock { s -> UInt64 in
            s.nextID += 1
            return s.nextID
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let resumeNow = state.withLock { s -> Bool in
                    if s.fired || Task.isCancelled { return true }
                    s.waiters[id] = continuation
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            let waiter = state.withLock { s in s.waiters.removeValue(forKey: id) }
            waiter?.resume()
        }
    }
}
