import Foundation
import StetArchive
import StetWeb

/// Sends the webhooks of new versions found by `stet watch` as they land, and lets the command
/// wait for the deliveries still in flight before it exits.
final class WebhookDeliveries: @unchecked Sendable {
    private let archive: Archive
    private let notifier = WebhookNotifier()
    private let lock = NSLock()
    private var pending: [Task<Void, Never>] = []

    init(archive: Archive) {
        self.archive = archive
    }

    /// Starts the deliveries for one snapshot (nothing happens when no hook is registered).
    func send(_ outcome: SnapshotOutcome) {
        let archive = archive
        let notifier = notifier
        let task = Task { _ = await notifier.notify(archive: archive, outcome: outcome) }
        lock.withLock { pending.append(task) }
    }

    /// Waits for every delivery started so far (each is bounded by the notifier's retry policy).
    func finish() async {
        let tasks = lock.withLock { () -> [Task<Void, Never>] in
            defer { pending.removeAll() }
            return pending
        }
        for task in tasks { await task.value }
    }
}
