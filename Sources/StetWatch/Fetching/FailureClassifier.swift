// Sorting transport errors into FetchFailure reasons.
//
// Reasoning: the HTTP stack reports failures through several error types from several modules
// (the client's own codes, NIO's connection and address errors, the decompressor's limit, TLS
// errors). Each is mapped to the one reason a person would name — dns, tls, timeout, connection —
// with the original error's text kept as the detail. TLS errors are recognised by their module's
// name so that the TLS library need not be imported here. Unknown errors become `.network` with
// their description: nothing is dropped.
//
// Complexity: O(1) per error (a few casts and a short string check).

import Foundation
internal import AsyncHTTPClient
internal import NIOCore
internal import NIOPosix
internal import NIOHTTPCompression

/// Maps an error thrown while fetching to a reason and a human-readable detail.
func classify(_ error: any Error, policy: FetchPolicy) -> (FetchFailure.Reason, String) {
    if error is CancellationError { return (.cancelled, "cancelled") }
    if let e = error as? HTTPClientError {
        switch e {
        case .connectTimeout:
            return (.connectTimeout, "no connection within \(Fetcher.format(policy.connectTimeout))")
        case .deadlineExceeded:
            return (.timeout, "not finished within \(Fetcher.format(policy.totalTimeout))")
        case .readTimeout:
            return (.timeout, "no data for \(Fetcher.format(policy.readTimeout))")
        case .cancelled:
            return (.cancelled, "cancelled")
        case .tlsHandshakeTimeout:
            return (.tls, "TLS handshake timed out")
        case .remoteConnectionClosed:
            return (.connection, "the server closed the connection early")
        case .invalidURL, .emptyHost, .emptyScheme:
            return (.invalidURL, "invalid URL (\(e))")
        default:
            return (.network("\(e)"), "\(e)")
        }
    }
    if let e = error as? NIOHTTPDecompression.DecompressionError {
        switch e {
        case .limit:
            return (.decompressionBomb(limit: policy.maxDecompressedBytes),
                    "compressed body inflates more than \(policy.maxDecompressionRatio)× its size; abandoned")
        case .inflationError(let code):
            return (.badEncoding, "compressed body is corrupt (zlib error \(code))")
        case .initializationError(let code):
            return (.badEncoding, "could not start decompression (zlib error \(code))")
        }
    }
    if error is NIOHTTPDecompression.ExtraDecompressionError {
        return (.badEncoding, "compressed body is truncated or has trailing data (\(error))")
    }
    if let e = error as? NIOConnectionError {
        if e.connectionErrors.isEmpty, e.dnsAError != nil || e.dnsAAAAError != nil {
            return (.dns, "could not resolve \(e.host)")
        }
        if e.connectionErrors.isEmpty { return (.dns, "no address found for \(e.host)") }
        let first = e.connectionErrors.first.map { "\($0.error)" } ?? "connection failed"
        return (.connection, "could not connect to \(e.host):\(e.port) (\(first))")
    }
    if let e = error as? SocketAddressError.UnknownHost {
        return (.dns, "could not resolve \(e.host) (\(e.errorDescription))")
    }
    if let e = error as? SocketAddressError {
        if case .unknown(let host, _) = e { return (.dns, "could not resolve \(host)") }
        return (.dns, "bad address (\(e))")
    }
    if let e = error as? IOError {
        return (.connection, "\(e)")
    }
    if error is ChannelError {
        return (.connection, "\(error)")
    }
    let typeName = String(reflecting: type(of: error))
    if typeName.contains("NIOSSL") || typeName.contains("BoringSSL") || typeName.contains("TLS") {
        return (.tls, "TLS failure (\(error))")
    }
    return (.network(typeName), "\(typeName): \(error)")
}
