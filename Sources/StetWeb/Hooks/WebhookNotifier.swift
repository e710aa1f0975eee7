// Webhook delivery: after a snapshot creates a version, one JSON POST to every registered hook
// whose filter the version passes, retried with exponential backoff, the outcome recorded in the
// index (`webhook_deliveries`, and the hook's last status and failure count).
//
// Retry rule: a 2xx response is delivered; 408, 429, 5xx and transport errors (refused
// connection, timeout) are retried after `initialDelay × multiplier^(attempt−1)`; any other status
// (a 4xx: the receiver rejects the request itself) is final at once. Hooks are notified
// concurrently; one slow receiver delays no other.

import AsyncHTTPClient
import Foundation
import NIOCore
import StetArchive
import StetDiff

/// Sends the webhooks of an archive when a version is created.
///
/// ```swift
/// let outcome = try archive.snapshot(capture)
/// await WebhookNotifier().notify(archive: archive, outcome: outcome)
/// ```
public struct WebhookNotifier: Sendable {
    /// How often and how patiently a delivery is tried.
    public struct RetryPolicy: Sendable, Hashable {
        /// Attempts in all, at least 1.
        public var attempts: Int
        /// The wait before the second attempt.
        public var initialDelay: Duration
        /// Each further wait is this many times the one before.
        public var multiplier: Double
        /// The time one attempt may take. AsyncHTTPClient keeps retrying a refused connection
        /// until this deadline, so an unreachable receiver costs this long per attempt.
        public var timeout: Duration

        public init(attempts: Int = 4, initialDelay: Duration = .seconds(2), multiplier: Double = 3, timeout: Duration = .seconds(10)) {
            self.attempts = max(1, attempts)
            self.initialDelay = initialDelay
            self.multiplier = max(1, multiplier)
            self.timeout = timeout
        }

        /// The per-attempt timeout as NIO counts time.
        var timeAmount: TimeAmount {
            let (seconds, attoseconds) = timeout.components
            return .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
        }

        /// The wait before attempt `attempt` (2, 3, …).
        public func delay(before attempt: Int) -> Duration {
            initialDelay * pow(multiplier, Double(max(0, attempt - 2)))
        }
    }

    /// What happened to one hook's delivery.
    public struct Result: Sendable, Hashable {
        public var hookID: Int64
        public var url: String
        public var succeeded: Bool
        public var attempts: Int
        public var httpStatus: Int?
        public var error: String?
    }

    public var retryPolicy: RetryPolicy
    let client: HTTPClient

    /// A notifier sending through `httpClient` (the process-wide shared client by default).
    public init(httpClient: HTTPClient = .shared, retryPolicy: RetryPolicy = RetryPolicy()) {
        self.client = httpClient
        self.retryPolicy = retryPolicy
    }

    /// Notifies every matching hook of the version `outcome` created; does nothing for unchanged
    /// or rejected snapshots. Never throws: failures are recorded in the index and returned.
    @discardableResult
    public func notify(archive: Archive, outcome: SnapshotOutcome) async -> [Result] {
        guard case .newVersion(let number, let articleID, _, _, _) = outcome else { return [] }
        let hooks: [Webhook]
        let payload: WebhookPayload
        do {
            hooks = try archive.webhooks()
            guard !hooks.isEmpty else { return [] }
            payload = try WebhookPayload.make(archive: archive, articleID: articleID, version: number)
        } catch {
            return []
        }
        let wanted = hooks.filter { payload.passes($0.filter) }
        guard !wanted.isEmpty, let body = try? payload.encoded() else { return [] }
        return await withTaskGroup(of: Result.self) { group in
            for hook in wanted {
                group.addTask {
                    let result = await deliver(body, to: hook)
                    try? archive.recordWebhookDelivery(
                        hookID: hook.id, articleID: articleID, version: number, at: Date(), attempts: result.attempts,
                        succeeded: result.succeeded, httpStatus: result.httpStatus, error: result.error)
                    return result
                }
            }
            var results: [Result] = []
            for await result in group { results.append(result) }
            return results.sorted { $0.hookID < $1.hookID }
        }
    }

    /// POSTs `body` to the hook, retrying as the policy says.
    func deliver(_ body: [UInt8], to hook: Webhook) async -> Result {
        let deliveryID = UUID().uuidString.lowercased()
        var result = Result(hookID: hook.id, url: hook.url, succeeded: false, attempts: 0, httpStatus: nil, error: nil)
        for attempt in 1...retryPolicy.attempts {
            if attempt > 1 {
                do { try await Task.sleep(for: retryPolicy.delay(before: attempt)) } catch { break }
            }
            result.attempts = attempt
            var request = HTTPClientRequest(url: hook.url)
            request.method = .POST
            request.headers.add(name: "Content-Type", value: "application/json; charset=utf-8")
            request.headers.add(name: "User-Agent", value: "stet/\(Archive.softwareVersion) (webhook)")
            request.headers.add(name: "X-Stet-Event", value: "version.created")
            request.headers.add(name: "X-Stet-Delivery", value: deliveryID)
            request.headers.add(name: "X-Stet-Attempt", value: "\(attempt)")
            request.body = .bytes(ByteBuffer(bytes: body))
            do {
                let response = try await client.execute(request, timeout: retryPolicy.timeAmount)
                let status = Int(response.status.code)
                _ = try? await response.body.collect(upTo: 64 * 1024)
                result.httpStatus = status
                if (200..<300).contains(status) {
                    result.succeeded = true
                    result.error = nil
                    return result
                }
                result.error = "HTTP \(status)"
                guard status == 408 || status == 429 || status >= 500 else { return result }
            } catch {
                result.httpStatus = nil
                result.error = "\(error)"
            }
        }
        return result
    }
}

/// The JSON body of a webhook POST (`stet.webhook/1`): the article, the version, and the
/// `stet.diff/1` document against the previous version (`null` for a first version).
struct WebhookPayload: Encodable {
    struct Article: Encodable {
        var id: String
        var title: String?
        var url: String?
        var site: String?

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Keys.self)
            try container.encode(id, forKey: .id)
            try container.encode(title, forKey: .title)
            try container.encode(url, forKey: .url)
            try container.encode(site, forKey: .site)
        }
        enum Keys: String, CodingKey { case id, title, url, site }
    }
    struct Version: Encodable {
        var number: Int
        var capturedAt: Date
        var summary: String
        var previous: Int?
        var revertOf: Int?
        var url: String?

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Keys.self)
            try container.encode(number, forKey: .number)
            try container.encode(capturedAt, forKey: .capturedAt)
            try container.encode(summary, forKey: .summary)
            try container.encode(previous, forKey: .previous)
            try container.encode(revertOf, forKey: .revertOf)
            try container.encode(url, forKey: .url)
        }
        enum Keys: String, CodingKey { case number, capturedAt, summary, previous, revertOf, url }
    }
    var schema = "stet.webhook/1"
    var event = "version.created"
    var article: Article
    var version: Version
    var diff: ArticleDiff?

    private enum CodingKeys: String, CodingKey { case schema, event, article, version, diff }

    /// Every key, with a missing diff (and missing values inside) written as `null`.
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(schema, forKey: .schema)
        try container.encode(event, forKey: .event)
        try container.encode(article, forKey: .article)
        try container.encode(version, forKey: .version)
        try container.encode(diff, forKey: .diff)
    }

    static func make(archive: Archive, articleID: String, version number: Int) throws -> WebhookPayload {
        let summary = try archive.article(articleID)
        let record = try archive.version(of: articleID, .number(number))
        let diff = number > 1 ? try archive.diff(article: articleID, from: .number(number - 1), to: .number(number)) : nil
        return WebhookPayload(
            article: Article(id: articleID, title: record.title ?? summary.title, url: summary.canonicalURL ?? summary.url, site: summary.site),
            version: Version(
                number: number, capturedAt: record.capturedAt, summary: record.summary, previous: number > 1 ? number - 1 : nil,
                revertOf: record.revertOf, url: record.url),
            diff: diff)
    }

    /// Whether a hook with `filter` wants this version.
    func passes(_ filter: WebhookFilter) -> Bool {
        switch filter {
        case .all: return true
        case .quotes: return (diff?.counts.quoteChanges ?? 0) > 0
        case .figures: return (diff?.counts.figureChanges ?? 0) > 0
        case .substantive:
            guard let diff else { return true }
            return diff.changes.contains { $0.significance == .substantive }
        }
    }

    func encoded() throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return [UInt8](try encoder.encode(self))
    }
}
