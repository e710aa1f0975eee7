// A small bounded memo for results that depend only on stored commits: diffs (keyed by the two
// versions' commit ids), blames and timelines (keyed by the last commit they cover). Git history
// is append-only and a commit id names its content, so an entry never goes stale; a rebuilt
// history has new commit ids and so new keys. Eviction is first-in first-out.
//
// Complexity: O(1) look-up and insert (amortized; eviction drops the oldest key).

import Synchronization

final class Memo<Value: Sendable>: Sendable {
    private struct Storage {
        var values: [String: Value] = [:]
        var order: [String] = []
        var head = 0
    }

    private let storage = Mutex(Storage())
    let capacity: Int

    init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    /// The value for `key`, computing and keeping it when absent. `compute` runs outside the
    /// lock, so two requests may compute the same value once each; both get equal results.
    func value(for key: String, compute: () throws -> Value) rethrows -> Value {
        if let cached = storage.withLock({ $0.values[key] }) { return cached }
        let value = try compute()
        storage.withLock { storage in
            guard storage.values[key] == nil else { return }
            storage.values[key] = value
            storage.order.append(key)
            while storage.values.count > capacity, storage.head < storage.order.count {
                storage.values[storage.order[storage.head]] = nil
                storage.head += 1
            }
            if storage.head > capacity {
                storage.order.removeFirst(storage.head)
                storage.head = 0
            }
        }
        return value
    }

    var count: Int { storage.withLock { $0.values.count } }
}
