// The per-host gate, white-box: reserved start times, the slot limit, pauses, cancellation.
import Foundation
import Testing
@testable import StetWatch

@Suite("HostGate")
struct HostGateTests {
    @Test("Concurrent requests to one host get start times exactly the spacing apart; other hosts are free")
    func spacing() async throws {
        let gate = HostGate(limit: 10, spacing: .milliseconds(500))
        var starts: [ContinuousClock.Instant] = []
        for _ in 0..<4 {
            guard case .go(let start) = try await gate.acquire("a.example", maxWait: .zero) else {
                Issue.record("paused"); return
            }
            starts.append(start)
        }
        for (x, y) in zip(starts, starts.dropFirst()) { #expect(y - x == .milliseconds(500)) }
        guard case .go(let other) = try await gate.acquire("b.example", maxWait: .zero) else { Issue.record("paused"); return }
        #expect(other < starts[1])
    }

    @Test("No more than the limit hold a slot; a release hands the slot to the first waiter")
    func limit() async throws {
        let gate = HostGate(limit: 1, spacing: .zero)
        _ = try await gate.acquire("h", maxWait: .zero)
        let second = Task { try await gate.acquire("h", maxWait: .zero) }
        try await Task.sleep(for: .milliseconds(50))
        // A third waiter that gives up leaves the queue without taking the slot.
        let third = Task { try await gate.acquire("h", maxWait: .zero) }
        try await Task.sleep(for: .milliseconds(50))
        third.cancel()
        await #expect(throws: CancellationError.self) { try await third.value }
        await gate.release("h")
        guard case .go = try await second.value else { Issue.record("second not granted"); return }
        await gate.release("h")
        // The slot is free again.
        guard case .go = try await gate.acquire("h", maxWait: .zero) else { Issue.record("not free"); return }
    }

    @Test("A waiter whose host is paused while it queues gives up its slot and reports the pause")
    func pausedWhileQueued() async throws {
        let gate = HostGate(limit: 1, spacing: .zero)
        _ = try await gate.acquire("h", maxWait: .zero)
        let waiter = Task { try await gate.acquire("h", maxWait: .seconds(1)) }
        try await Task.sleep(for: .milliseconds(50))
        await gate.pause("h", until: ContinuousClock.now + .seconds(30))
        await gate.release("h")
        guard case .paused = try await waiter.value else { Issue.record("expected paused"); return }
        // The slot is free: a caller willing to wait out the pause gets it at once.
        guard case .go = try await gate.acquire("h", maxWait: .seconds(60)) else { Issue.record("slot lost"); return }
    }

    @Test("A pause longer than the caller's wait is reported; a shorter one delays the start")
    func pause() async throws {
        let gate = HostGate(limit: 2, spacing: .zero)
        let until = ContinuousClock.now + .seconds(10)
        await gate.pause("h", until: until)
        guard case .paused(let remaining) = try await gate.acquire("h", maxWait: .seconds(1)) else {
            Issue.record("not paused"); return
        }
        #expect(remaining > .seconds(9) && remaining <= .seconds(10))
        guard case .go(let start) = try await gate.acquire("h", maxWait: .seconds(60)) else { Issue.record("paused"); return }
        #expect(start == until)
        // A shorter pause never shortens a running one.
        await gate.pause("h", until: ContinuousClock.now + .seconds(1))
        #expect(await gate.pausedUntil("h") == until)
    }
}
