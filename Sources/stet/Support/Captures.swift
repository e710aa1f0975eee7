import Foundation
import StetArchive

/// Turns a command-line input (a local file or an http(s) URL) into a `Capture` for the archive.
enum Captures {
    static func capture(_ input: String, at time: (date: Date, zone: TimeZone)?, url: String?, article: String?) async throws -> Capture {
        if let remote = URL(string: input), let scheme = remote.scheme?.lowercased(), scheme == "http" || scheme == "https" {
            return try await fetch(remote, at: time, article: article)
        }
        if let scheme = URL(string: input)?.scheme?.lowercased(), scheme.count > 1, !FileManager.default.fileExists(atPath: input) {
            throw CLIError("unsupported URL scheme '\(scheme)': give an http(s) URL or a local file")
        }
        let bytes = try InputFiles.read(input)
        return Capture(
            body: bytes, url: url, finalURL: url, contentType: nil,
            capturedAt: time?.date ?? Date(), timeZone: time?.zone ?? .current,
            sourceFileName: URL(fileURLWithPath: input).lastPathComponent, articleID: article)
    }

    /// One GET through the watcher's fetcher (`PageFetch`); the watcher does conditional, polite,
    /// repeated fetching.
    private static func fetch(_ url: URL, at time: (date: Date, zone: TimeZone)?, article: String?) async throws -> Capture {
        let page = try await PageFetch.get(url)
        return Capture(
            body: page.body, url: url.absoluteString, finalURL: page.finalURL.absoluteString, contentType: page.contentType,
            capturedAt: time?.date ?? Date(), timeZone: time?.zone ?? .current, httpStatus: page.status,
            etag: page.validators.etag, lastModified: page.validators.lastModified, articleID: article)
    }
}
