// Test doubles: an in-memory WatchStore (test-only, as the brief asks), a sink that stores a
// version whenever the bytes differ from the last ones, a capturing log handler and a settable clock.

import Foundation
import Logging
import StetWatch

actor InMemoryWatchStore: WatchStore {
    private(set) var targets: [String: WatchTarget] = [:]
    private(set) var due: [String: Date] = [:]
    private(set) var records: [CheckRecord] = []

    func add(_ url: URL, kind: TargetKind = .article, at date: Date, every: Duration? = nil) {
        let id = url.absoluteString
        targets[id] = WatchTarget(id: id, url: url, kind: kind, schedule: ScheduleState(firstSeen: date, every: every))
        due[id] = date
    }

    func dueTargets(at now: Date, limit: Int) async throws -> [WatchTarget] {
        let ids = due.filter { $0.value <= now && !(targets[$0.key]?.schedule.isGone ?? true) }
            .sorted { $0.value < $1.value || ($0.value == $1.value && $0.key < $1.key) }
            .prefix(limit).map(\.key)
        return ids.compactMap { targets[$0] }
    }

    func record(_ check: CheckRecord) async throws {
        guard var target = targets[check.targetID] else { return }
        target.validators = check.validators
        target.schedule = check.schedule
        target.lastDigest = check.digest
        targets[check.targetID] = target
        due[check.targetID] = check.nextDue
        records.append(check)
        for item in check.feedItems {
            guard let link = item.link, targets[link.absoluteString] == nil else { continue }
            targets[link.absoluteString] = WatchTarget(id: link.absoluteString, url: link, kind: .article,
                                                       schedule: ScheduleState(firstSeen: check.checkedAt,
                                                                               published: item.published))
            due[link.absoluteString] = check.checkedAt
        }
    }

    func nextDueDate() async throws -> Date? {
        due.filter { !(targets[$0.key]?.schedule.isGone ?? true) }.values.min()
    }

    func records(for url: URL) -> [CheckRecord] { records.filter { $0.url == url } }
}

actor VersioningSink: CaptureSink {
    private var last: [String: [UInt8]] = [:]
    private(set) var versions: [String: Int] = [:]
    private(set) var pages: [FetchedPage] = []

    func capture(_ page: FetchedPage, for target: WatchTarget) async throws -> CaptureDecision {
        pages.append(page)
        if last[target.id] == page.body { return .unchanged }
        last[target.id] = page.body
        versions[target.id, default: 0] += 1
        return .newVersion(version: "v\(versions[target.id, default: 0])")
    }
}

/// A settable wall clock.
final class TestClock: Sendable {
    private let date: Locked<Date>
    init(_ start: Date = Date(timeIntervalSince1970: 1_800_000_000)) { date = Locked(start) }
    var now: Date { date.withLock { $0 } }
    func advance(_ seconds: TimeInterval) { date.withLock { $0 = $0.addingTimeInterval(seconds) } }
    func set(_ d: Date) { date.withLock { $0 = d } }
}

/// Collects log lines.
struct CapturingLogHandler: LogHandler {
    let lines: Locked<[String]>
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        lines.withLock { $0.append("\(event.level) \(event.message)") }
    }
}

/// Policy for loopback tests: no spacing, short timeouts.
func testPolicy(_ change: (inout FetchPolicy) -> Void = { _ in }) -> FetchPolicy {
    var p = FetchPolicy(connectTimeout: .seconds(10), totalTimeout: .seconds(30), readTimeout: .seconds(30),
                        perHostConcurrency: 4, perHostSpacing: .zero)
    change(&p)
    return p
}

extension Duration {
    /// The duration in fractional seconds.
    var inSeconds: Double {
        let c = components
        return Double(c.seconds) + Double(c.attoseconds) / 1e18
    }
}
