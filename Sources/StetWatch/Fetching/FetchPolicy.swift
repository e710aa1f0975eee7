// FetchPolicy: every limit the fetcher enforces, in one documented place.
//
// The defaults aim at one polite archiver checking a few hundred news pages: a request never takes
// more than a minute, a page never costs more than 10 MiB of memory, a host never sees more than two
// concurrent requests from us nor two requests closer together than one second, and a compressed
// response cannot inflate past 100 times its size (a gzip bomb is an error, not a full disk).

import Foundation

/// The limits and manners of a ``Fetcher``.
///
/// Every field has a default suited to polite archiving of news pages; tests shrink the time limits.
public struct FetchPolicy: Sendable, Hashable {
    /// The `User-Agent` header sent with every request. It names stet and where to learn about it,
    /// so that a site operator can tell who is knocking.
    /// Default: `stet/0.1 (+https://github.com/stet-news/stet; news-diff archiver)`.
    public var userAgent: String

    /// Time allowed to open a TCP connection (and finish TLS). Default 10 s.
    public var connectTimeout: Duration

    /// Time allowed for one whole fetch: every redirect hop, the head and the full body.
    /// Default 60 s.
    public var totalTimeout: Duration

    /// Longest silence tolerated while reading a response. Default 30 s.
    public var readTimeout: Duration

    /// Largest body accepted, in bytes, as received (or as declared by `Content-Length`) when the
    /// response is not compressed. A larger one fails with ``FetchFailure/Reason/tooLarge(limit:)``.
    /// Default 10 MiB.
    public var maxBodyBytes: Int

    /// Largest body accepted after decompression of a `gzip`/`deflate` response. Going past it fails
    /// with ``FetchFailure/Reason/decompressionBomb(limit:)``. Default 20 MiB.
    public var maxDecompressedBytes: Int

    /// Largest ratio of decompressed to compressed bytes, checked while inflating, so memory stays
    /// bounded by the compressed size times this ratio. Default 100 (HTML compresses 5–10×).
    public var maxDecompressionRatio: Int

    /// Redirect hops followed before failing with
    /// ``FetchFailure/Reason/tooManyRedirects(limit:)``. A URL seen twice in one chain fails at once
    /// with ``FetchFailure/Reason/redirectLoop``. Default 10.
    public var maxRedirects: Int

    /// Requests to one host (by name; scheme and port do not matter) in flight at once. Default 2.
    public var perHostConcurrency: Int

    /// Minimum time between the starts of two requests to one host (each redirect hop is a
    /// request). Default 1 s.
    public var perHostSpacing: Duration

    /// Longest `Retry-After` (on 429 or 503) the fetcher will wait out before sending another request
    /// to that host; a longer pause makes requests to the host fail at once with
    /// ``FetchFailure/Reason/hostBackoff`` until it ends. Default 30 s.
    public var maxHostWait: Duration

    /// Cap on a `Retry-After` value taken from a server, so a typo in a header cannot stop checks for
    /// a year. Default 1 day.
    public var maxRetryAfter: Duration

    /// The `Accept` header sent when a request does not name one. Default prefers HTML.
    public var defaultAccept: String

    /// Creates a policy; every argument has the documented default.
    public init(
        userAgent: String = "stet/0.1 (+https://github.com/stet-news/stet; news-diff archiver)",
        connectTimeout: Duration = .seconds(10),
        totalTimeout: Duration = .seconds(60),
        readTimeout: Duration = .seconds(30),
        maxBodyBytes: Int = 10 * 1024 * 1024,
        maxDecompressedBytes: Int = 20 * 1024 * 1024,
        maxDecompressionRatio: Int = 100,
        maxRedirects: Int = 10,
        perHostConcurrency: Int = 2,
        perHostSpacing: Duration = .seconds(1),
        maxHostWait: Duration = .seconds(30),
        maxRetryAfter: Duration = .seconds(86_400),
        defaultAccept: String = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5"
    ) {
        self.userAgent = userAgent
        self.connectTimeout = connectTimeout
        self.totalTimeout = totalTimeout
        self.readTimeout = readTimeout
        self.maxBodyBytes = maxBodyBytes
        self.maxDecompressedBytes = maxDecompressedBytes
        self.maxDecompressionRatio = maxDecompressionRatio
        self.maxRedirects = maxRedirects
        self.perHostConcurrency = perHostConcurrency
        self.perHostSpacing = perHostSpacing
        self.maxHostWait = maxHostWait
        self.maxRetryAfter = maxRetryAfter
        self.defaultAccept = defaultAccept
    }

    /// Checks that every limit is positive (spacing and waits may be zero).
    /// - Throws: ``FetchPolicyError`` naming the first field out of range.
    public func validate() throws {
        func positive(_ d: Duration, _ name: String) throws {
            if d <= .zero { throw FetchPolicyError(field: name, message: "must be greater than zero") }
        }
        func nonNegative(_ d: Duration, _ name: String) throws {
            if d < .zero { throw FetchPolicyError(field: name, message: "must not be negative") }
        }
        try positive(connectTimeout, "connectTimeout")
        try positive(totalTimeout, "totalTimeout")
        try positive(readTimeout, "readTimeout")
        try nonNegative(perHostSpacing, "perHostSpacing")
        try nonNegative(maxHostWait, "maxHostWait")
        try nonNegative(maxRetryAfter, "maxRetryAfter")
        if maxBodyBytes < 1 { throw FetchPolicyError(field: "maxBodyBytes", message: "must be at least 1") }
        if maxDecompressedBytes < 1 {
            throw FetchPolicyError(field: "maxDecompressedBytes", message: "must be at least 1")
        }
        if maxDecompressionRatio < 1 {
            throw FetchPolicyError(field: "maxDecompressionRatio", message: "must be at least 1")
        }
        if maxRedirects < 0 { throw FetchPolicyError(field: "maxRedirects", message: "must not be negative") }
        if perHostConcurrency < 1 {
            throw FetchPolicyError(field: "perHostConcurrency", message: "must be at least 1")
        }
        if userAgent.isEmpty { throw FetchPolicyError(field: "userAgent", message: "must not be empty") }
    }
}

/// A ``FetchPolicy`` field outside its range.
public struct FetchPolicyError: Error, Sendable, CustomStringConvertible {
    /// The field's name.
    public var field: String
    /// What is wrong with it.
    public var message: String
    /// `"FetchPolicy.<field> <message>"`.
    public var description: String { "FetchPolicy.\(field) \(message)" }
}

extension Duration {
    /// The duration in (fractional) seconds.
    var seconds: Double {
        let c = components
        return Double(c.seconds) + Double(c.attoseconds) / 1e18
    }

    /// A duration from fractional seconds, clamped at zero.
    static func secondsClamped(_ s: Double) -> Duration {
        guard s.isFinite, s > 0 else { return .zero }
        return .milliseconds(Int64((s * 1000).rounded()))
    }
}
