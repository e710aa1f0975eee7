// Fetcher: one polite conditional GET, redirects followed by hand.
//
// Reasoning: redirects are followed here, not by the HTTP client, so that every hop passes the
// per-host gate (a redirect to another host is a request to that host), the chain is kept for the
// record, and a loop is named as a loop (a URL seen twice) rather than as a hop count. Each hop is a
// GET carrying the User-Agent and the stored validators; a 304 ends the fetch as a check. The body
// is read as a stream and abandoned the moment it passes its cap, so a huge page or a gzip bomb
// costs at most the cap in memory (the client inflates with a ratio limit, which bounds each step).
// Transport errors are sorted into the typed reasons of `FetchFailure.Reason` by `classify`.
//
// Complexity: O(hops + body bytes) per fetch; the gate adds O(1) bookkeeping per hop.

import Foundation
import Logging
internal import AsyncHTTPClient
internal import NIOCore
internal import NIOHTTP1

/// Fetches pages politely over one shared HTTP client.
///
/// Create one per process, share it between tasks, and call ``shutdown()`` when done (or use
/// ``withFetcher(policy:logger:_:)``). Per-host limits hold across every concurrent ``fetch(_:)``.
public final class Fetcher: Sendable {
    /// The limits in force.
    public let policy: FetchPolicy
    private let client: HTTPClient
    private let gate: HostGate
    private let logger: Logger

    /// Creates a fetcher with its own HTTP client.
    /// - Throws: ``FetchPolicyError`` if a policy limit is out of range.
    public init(policy: FetchPolicy = FetchPolicy(), logger: Logger = Logger(label: "stet.fetch")) throws {
        try policy.validate()
        self.policy = policy
        self.logger = logger
        self.gate = HostGate(limit: policy.perHostConcurrency, spacing: policy.perHostSpacing)
        var configuration = HTTPClient.Configuration(
            redirectConfiguration: .disallow,
            timeout: .init(connect: policy.connectTimeout.timeAmount, read: policy.readTimeout.timeAmount),
            decompression: .enabled(limit: .ratio(policy.maxDecompressionRatio))
        )
        configuration.connectionPool = .init(
            idleTimeout: .seconds(30),
            concurrentHTTP1ConnectionsPerHostSoftLimit: policy.perHostConcurrency
        )
        // One connection attempt per request: a refused connection is reported at once and the
        // schedule's backoff decides when to try again.
        configuration.connectionPool.retryConnectionEstablishment = false
        self.client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
    }

    /// Closes every connection. Fetches still running fail; call once, after the last fetch.
    public func shutdown() async {
        do {
            try await client.shutdown()
        } catch {
            logger.debug("http client shutdown: \(error)")
        }
    }

    /// Runs `body` with a new fetcher and shuts it down afterwards, whatever happens.
    @discardableResult
    public static func withFetcher<Result: Sendable>(
        policy: FetchPolicy = FetchPolicy(),
        logger: Logger = Logger(label: "stet.fetch"),
        _ body: (Fetcher) async throws -> Result
    ) async throws -> Result {
        let fetcher = try Fetcher(policy: policy, logger: logger)
        do {
            let result = try await body(fetcher)
            await fetcher.shutdown()
            return result
        } catch {
            await fetcher.shutdown()
            throw error
        }
    }

    /// Fetches `request.url`, following redirects, and never throws: every problem is a
    /// ``FetchResult/failure(_:)`` with a reason.
    public func fetch(_ request: FetchRequest) async -> FetchResult {
        let clock = ContinuousClock()
        var began: ContinuousClock.Instant?
        var current = request.url
        var redirects: [RedirectHop] = []
        var seen: Set<String> = [Self.loopKey(request.url)]

        func failure(_ reason: FetchFailure.Reason, _ message: String, status: Int? = nil,
                     retryAfter: Duration? = nil) -> FetchResult {
            .failure(FetchFailure(
                reason: reason, url: request.url, finalURL: current, status: status, retryAfter: retryAfter,
                message: message, elapsed: began.map { clock.now - $0 } ?? .zero))
        }

        while true {
            guard let scheme = current.scheme?.lowercased(), scheme == "http" || scheme == "https",
                  let host = current.host, !host.isEmpty
            else {
                return failure(.invalidURL, "\(current.absoluteString) is not an absolute http(s) URL")
            }
            let hostKey = Self.hostKey(current)

            // Wait for our turn at this host.
            let ticket: HostGate.Ticket
            do {
                ticket = try await gate.acquire(hostKey, maxWait: policy.maxHostWait)
            } catch {
                return failure(.cancelled, "cancelled while waiting for \(hostKey)")
            }
            let start: ContinuousClock.Instant
            switch ticket {
            case .paused(let remaining):
                return failure(.hostBackoff,
                               "\(hostKey) asked us to wait \(Self.format(remaining)) (Retry-After); not sent",
                               retryAfter: remaining)
            case .go(let at):
                start = at
            }
            do {
                try await Task.sleep(until: start, clock: clock)
            } catch {
                await gate.release(hostKey)
                return failure(.cancelled, "cancelled while waiting for \(hostKey)")
            }
            if began == nil { began = clock.now }
            let deadline = (began ?? clock.now) + policy.totalTimeout

            let hop = await performHop(current, request: request, deadline: deadline, clock: clock)
            await gate.release(hostKey)

            switch hop {
            case .failed(let reason, let message, let status):
                return failure(reason, message, status: status)

            case .notModified(let headers):
                var validators = request.validators
                if let etag = headers.first(named: "ETag") { validators.etag = etag }
                if let lm = headers.first(named: "Last-Modified") { validators.lastModified = lm }
                return .notModified(NotModified(
                    requestedURL: request.url, finalURL: current, redirects: redirects, validators: validators,
                    elapsed: clock.now - (began ?? clock.now)))

            case .page(let status, let headers, let body):
                return .page(FetchedPage(
                    status: status, requestedURL: request.url, finalURL: current, redirects: redirects,
                    headers: headers, contentType: headers.first(named: "Content-Type"), body: body,
                    validators: Validators(etag: headers.first(named: "ETag"),
                                           lastModified: headers.first(named: "Last-Modified")),
                    elapsed: clock.now - (began ?? clock.now)))

            case .refused(let status, let headers):
                var retryAfter: Duration?
                if status == 429 || status == 503, let value = headers.first(named: "Retry-After"),
                   let wait = RetryAfter.parse(value, now: Date()) {
                    let capped = min(wait, policy.maxRetryAfter)
                    retryAfter = capped
                    await gate.pause(hostKey, until: clock.now + capped)
                }
                let suffix = retryAfter.map { "; Retry-After \(Self.format($0))" } ?? ""
                return failure(.http(status: status),
                               "\(current.absoluteString) answered HTTP \(status)\(suffix)",
                               status: status, retryAfter: retryAfter)

            case .redirect(let status, let location):
                guard let location, let next = URL(string: location, relativeTo: current)?.absoluteURL,
                      next.host != nil
                else {
                    return failure(.badRedirect,
                                   "\(current.absoluteString) answered \(status) without a usable Location",
                                   status: status)
                }
                redirects.append(RedirectHop(from: current, status: status, to: next))
                let key = Self.loopKey(next)
                if seen.contains(key) {
                    let path = ([request.url] + redirects.map(\.to)).map(\.absoluteString).joined(separator: " → ")
                    current = next
                    return failure(.redirectLoop, "redirect loop: \(path)", status: status)
                }
                if redirects.count > policy.maxRedirects {
                    current = next
                    return failure(.tooManyRedirects(limit: policy.maxRedirects),
                                   "more than \(policy.maxRedirects) redirects from \(request.url.absoluteString)",
                                   status: status)
                }
                seen.insert(key)
                current = next
            }
        }
    }

    // MARK: One hop

    private enum Hop {
        case page(status: Int, headers: [HeaderField], body: [UInt8])
        case notModified(headers: [HeaderField])
        case redirect(status: Int, location: String?)
        case refused(status: Int, headers: [HeaderField])
        case failed(FetchFailure.Reason, String, status: Int?)
    }

    private func performHop(_ url: URL, request: FetchRequest, deadline: ContinuousClock.Instant,
                            clock: ContinuousClock) async -> Hop {
        var httpRequest = HTTPClientRequest(url: url.absoluteString)
        httpRequest.method = .GET
        httpRequest.headers.add(name: "User-Agent", value: policy.userAgent)
        httpRequest.headers.add(name: "Accept", value: request.accept ?? policy.defaultAccept)
        httpRequest.headers.add(name: "Accept-Encoding", value: "gzip, deflate")
        if let etag = request.validators.etag { httpRequest.headers.add(name: "If-None-Match", value: etag) }
        if let lm = request.validators.lastModified { httpRequest.headers.add(name: "If-Modified-Since", value: lm) }

        let remaining = deadline - clock.now
        if remaining <= .zero {
            return .failed(.timeout, "no time left for \(url.absoluteString) within \(Self.format(policy.totalTimeout))",
                           status: nil)
        }
        let nioDeadline = NIODeadline.now() + remaining.timeAmount
        var status: Int?
        do {
            let response = try await client.execute(httpRequest, deadline: nioDeadline, logger: logger)
            let code = Int(response.status.code)
            status = code
            let headers = response.headers.map { HeaderField(name: $0.name, value: $0.value) }
            switch code {
            case 200...299:
                let encoding = headers.first(named: "Content-Encoding")?.lowercased()
                let compressed = encoding == "gzip" || encoding == "deflate"
                if let declared = headers.first(named: "Content-Length").flatMap({ Int($0.trimmingCharacters(in: .whitespaces)) }),
                   declared > policy.maxBodyBytes {
                    return .failed(.tooLarge(limit: policy.maxBodyBytes),
                                   "\(url.absoluteString) declares \(declared) bytes, over the \(policy.maxBodyBytes)-byte limit",
                                   status: code)
                }
                let cap = compressed ? policy.maxDecompressedBytes : policy.maxBodyBytes
                let collected = try await Self.collect(response.body, cap: cap, deadline: deadline, clock: clock)
                guard let body = collected else {
                    if compressed {
                        return .failed(.decompressionBomb(limit: cap),
                                       "\(url.absoluteString) inflates past \(cap) bytes (\(encoding ?? "")); abandoned",
                                       status: code)
                    }
                    return .failed(.tooLarge(limit: cap),
                                   "\(url.absoluteString) sent more than \(cap) bytes; abandoned", status: code)
                }
                return .page(status: code, headers: headers, body: body)
            case 304:
                await drain(response.body)
                return .notModified(headers: headers)
            case 301, 302, 303, 307, 308:
                await drain(response.body)
                return .redirect(status: code, location: headers.first(named: "Location"))
            default:
                await drain(response.body)
                return .refused(status: code, headers: headers)
            }
        } catch {
            let (reason, detail) = classify(error, policy: policy)
            return .failed(reason, "\(url.absoluteString): \(detail)", status: status)
        }
    }

    /// Reads the body up to `cap` bytes (`nil` past it) before `deadline`. The client's own deadline
    /// stops at the response head, so the body read races a timer here; whichever ends first wins
    /// and the other is cancelled.
    private static func collect(_ body: HTTPClientResponse.Body, cap: Int, deadline: ContinuousClock.Instant,
                                clock: ContinuousClock) async throws -> [UInt8]? {
        try await withThrowingTaskGroup(of: [UInt8]?.self) { group in
            group.addTask {
                var bytes: [UInt8] = []
                for try await chunk in body {
                    if bytes.count + chunk.readableBytes > cap { return nil }
                    bytes.append(contentsOf: chunk.readableBytesView)
                }
                return bytes
            }
            group.addTask {
                try await Task.sleep(until: deadline, clock: clock)
                throw HTTPClientError.deadlineExceeded
            }
            defer { group.cancelAll() }
            guard let first = try await group.next() else { return nil }
            return first
        }
    }

    /// Reads and drops a short body so the connection can be reused; a long one is abandoned.
    private func drain(_ body: HTTPClientResponse.Body) async {
        var read = 0
        do {
            for try await chunk in body {
                read += chunk.readableBytes
                if read > 256 * 1024 { return }
            }
        } catch {
            return
        }
    }

    // MARK: Helpers

    /// The politeness key: the host name alone (scheme and port ignored), since `http://` and
    /// `https://` on one name are normally the same server.
    static func hostKey(_ url: URL) -> String {
        url.host?.lowercased() ?? ""
    }

    static func loopKey(_ url: URL) -> String {
        guard var components = URLComponents(url: url, resolvingAgainstBaseURL: true) else { return url.absoluteString }
        components.fragment = nil
        let scheme = components.scheme?.lowercased()
        let host = components.host?.lowercased()
        components.scheme = scheme
        components.host = host
        return components.string ?? url.absoluteString
    }

    static func format(_ d: Duration) -> String {
        let s = d.seconds
        if s < 1 { return "\(Int((s * 1000).rounded())) ms" }
        if s < 120 { return String(format: "%.1f s", s) }
        if s < 7200 { return "\(Int(s / 60)) min" }
        return String(format: "%.1f h", s / 3600)
    }
}

extension Duration {
    var timeAmount: TimeAmount {
        let c = components
        return .nanoseconds(c.seconds * 1_000_000_000 + c.attoseconds / 1_000_000_000)
    }
}
