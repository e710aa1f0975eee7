// The values a fetch takes and gives: a request with validators, and one of three results — a page,
// a not-modified check, or a failure with a typed reason. No HTTP-library type appears here, so the
// archive and the command line depend on these values only.

import Foundation

/// The validators a server gave for a resource, sent back to make the next request conditional
/// (`If-None-Match`, `If-Modified-Since`).
public struct Validators: Sendable, Hashable, Codable {
    /// The `ETag` response header, verbatim (quotes and `W/` prefix included).
    public var etag: String?
    /// The `Last-Modified` response header, verbatim.
    public var lastModified: String?

    /// Creates validators; both default to none.
    public init(etag: String? = nil, lastModified: String? = nil) {
        self.etag = etag
        self.lastModified = lastModified
    }

    /// True when neither validator is known.
    public var isEmpty: Bool { etag == nil && lastModified == nil }
}

/// One fetch to perform.
public struct FetchRequest: Sendable, Hashable {
    /// The URL to fetch (http or https).
    public var url: URL
    /// Validators from the previous successful fetch; empty for an unconditional GET.
    public var validators: Validators
    /// The `Accept` header; `nil` uses ``FetchPolicy/defaultAccept``.
    public var accept: String?

    /// Creates a request.
    public init(url: URL, validators: Validators = Validators(), accept: String? = nil) {
        self.url = url
        self.validators = validators
        self.accept = accept
    }
}

/// One response header, as received (names keep their case; look-ups ignore it).
public struct HeaderField: Sendable, Hashable, Codable {
    /// The header's name.
    public var name: String
    /// The header's value.
    public var value: String
    /// Creates a header field.
    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

extension Array where Element == HeaderField {
    /// The first value of the header named `name` (case-insensitive), if any.
    public func first(named name: String) -> String? {
        first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }
}

/// One redirect hop: `from` answered `status` with a `Location` resolving to `to`.
public struct RedirectHop: Sendable, Hashable, Codable {
    /// The URL that redirected.
    public var from: URL
    /// The redirect status (301, 302, 303, 307, 308).
    public var status: Int
    /// The absolute URL the `Location` header resolved to.
    public var to: URL
    /// Creates a hop.
    public init(from: URL, status: Int, to: URL) {
        self.from = from
        self.status = status
        self.to = to
    }
}

/// A page received with a 2xx status.
public struct FetchedPage: Sendable, Hashable {
    /// The HTTP status (200–299).
    public var status: Int
    /// The URL asked for.
    public var requestedURL: URL
    /// The URL the page came from after redirects (equal to `requestedURL` without them).
    public var finalURL: URL
    /// Every redirect followed, in order.
    public var redirects: [RedirectHop]
    /// The final response's headers.
    public var headers: [HeaderField]
    /// The final response's `Content-Type`, verbatim (the charset is not acted on: the extractor
    /// decides how to decode the bytes).
    public var contentType: String?
    /// The body, decompressed when the server used `gzip`/`deflate`, otherwise untouched.
    public var body: [UInt8]
    /// Validators to send next time (from `ETag` / `Last-Modified`).
    public var validators: Validators
    /// Wall time of the whole fetch, redirects included.
    public var elapsed: Duration
    /// Size of `body` in bytes.
    public var bytes: Int { body.count }

    /// Creates a page (the fetcher makes these; tests and sinks may too).
    public init(
        status: Int, requestedURL: URL, finalURL: URL, redirects: [RedirectHop] = [],
        headers: [HeaderField] = [], contentType: String? = nil, body: [UInt8],
        validators: Validators = Validators(), elapsed: Duration = .zero
    ) {
        self.status = status
        self.requestedURL = requestedURL
        self.finalURL = finalURL
        self.redirects = redirects
        self.headers = headers
        self.contentType = contentType
        self.body = body
        self.validators = validators
        self.elapsed = elapsed
    }
}

/// A 304 answer to a conditional request: the resource was checked and has not changed.
public struct NotModified: Sendable, Hashable {
    /// The URL asked for.
    public var requestedURL: URL
    /// The URL that answered 304, after redirects.
    public var finalURL: URL
    /// Every redirect followed, in order.
    public var redirects: [RedirectHop]
    /// Validators to send next time: the request's, updated by any the 304 carried.
    public var validators: Validators
    /// Wall time of the whole fetch.
    public var elapsed: Duration

    /// Creates a not-modified result.
    public init(requestedURL: URL, finalURL: URL, redirects: [RedirectHop] = [], validators: Validators,
                elapsed: Duration = .zero) {
        self.requestedURL = requestedURL
        self.finalURL = finalURL
        self.redirects = redirects
        self.validators = validators
        self.elapsed = elapsed
    }
}

/// A fetch that did not produce a page or a 304.
public struct FetchFailure: Error, Sendable, Hashable, CustomStringConvertible {
    /// Why a fetch failed.
    public enum Reason: Sendable, Hashable, Codable {
        /// The URL is not an absolute http(s) URL with a host.
        case invalidURL
        /// The host name could not be resolved.
        case dns
        /// The TLS handshake or certificate check failed.
        case tls
        /// The connection was refused, reset or closed early.
        case connection
        /// No connection within ``FetchPolicy/connectTimeout``.
        case connectTimeout
        /// The fetch ran past ``FetchPolicy/totalTimeout`` or ``FetchPolicy/readTimeout``.
        case timeout
        /// The body (or its declared length) was larger than the limit, in bytes.
        case tooLarge(limit: Int)
        /// A compressed body inflated past ``FetchPolicy/maxDecompressedBytes`` or
        /// ``FetchPolicy/maxDecompressionRatio``; `limit` is the byte limit.
        case decompressionBomb(limit: Int)
        /// The compressed body could not be decoded.
        case badEncoding
        /// A redirect led back to a URL already in the chain.
        case redirectLoop
        /// More than `limit` redirects.
        case tooManyRedirects(limit: Int)
        /// A redirect without a usable `Location` header.
        case badRedirect
        /// The server answered a status that is neither 2xx, 304 nor a followed redirect.
        case http(status: Int)
        /// The host asked us to wait (`Retry-After`) for longer than ``FetchPolicy/maxHostWait``;
        /// no request was sent. See ``FetchFailure/retryAfter``.
        case hostBackoff
        /// The fetch was cancelled (shutdown); it says nothing about the page.
        case cancelled
        /// Any other transport error; the string names it.
        case network(String)
    }

    /// Why it failed.
    public var reason: Reason
    /// The URL asked for.
    public var url: URL
    /// The last URL tried (after redirects).
    public var finalURL: URL
    /// The HTTP status of the failing response, when there was one.
    public var status: Int?
    /// How long the server asked us to wait (`Retry-After` on 429/503, capped by
    /// ``FetchPolicy/maxRetryAfter``), or how long the host stays paused for ``Reason/hostBackoff``.
    public var retryAfter: Duration?
    /// A sentence for a person: what happened and where.
    public var message: String
    /// Wall time until the failure.
    public var elapsed: Duration

    /// Creates a failure.
    public init(reason: Reason, url: URL, finalURL: URL? = nil, status: Int? = nil, retryAfter: Duration? = nil,
                message: String, elapsed: Duration = .zero) {
        self.reason = reason
        self.url = url
        self.finalURL = finalURL ?? url
        self.status = status
        self.retryAfter = retryAfter
        self.message = message
        self.elapsed = elapsed
    }

    /// `"<short reason>: <message>"`.
    public var description: String { "\(reason.shortName): \(message)" }

    /// True for 404 and 410: the page may be gone.
    public var isGoneStatus: Bool { status == 404 || status == 410 }
}

extension FetchFailure.Reason {
    /// A short stable token for logs and the status command (`dns`, `http-503`, `too-large`, …).
    public var shortName: String {
        switch self {
        case .invalidURL: "invalid-url"
        case .dns: "dns"
        case .tls: "tls"
        case .connection: "connection"
        case .connectTimeout: "connect-timeout"
        case .timeout: "timeout"
        case .tooLarge: "too-large"
        case .decompressionBomb: "decompression-bomb"
        case .badEncoding: "bad-encoding"
        case .redirectLoop: "redirect-loop"
        case .tooManyRedirects: "too-many-redirects"
        case .badRedirect: "bad-redirect"
        case .http(let status): "http-\(status)"
        case .hostBackoff: "host-backoff"
        case .cancelled: "cancelled"
        case .network: "network"
        }
    }
}

/// What one fetch gave.
public enum FetchResult: Sendable, Hashable {
    /// A 2xx page.
    case page(FetchedPage)
    /// A 304: checked, unchanged.
    case notModified(NotModified)
    /// Anything else.
    case failure(FetchFailure)

    /// Wall time of the fetch.
    public var elapsed: Duration {
        switch self {
        case .page(let p): p.elapsed
        case .notModified(let n): n.elapsed
        case .failure(let f): f.elapsed
        }
    }
}
