import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import StetArchive

/// Turns a command-line input (a local file or an http(s) URL) into a `Capture` for the archive.
enum Captures {
    static func capture(_ input: String, at time: (date: Date, zone: TimeZone)?, url: String?, article: String?) throws -> Capture {
        if let remote = URL(string: input), let scheme = remote.scheme?.lowercased(), scheme == "http" || scheme == "https" {
            return try fetch(remote, at: time, article: article)
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

    /// One GET, following redirects; the watcher does conditional, polite, repeated fetching.
    private static func fetch(_ url: URL, at time: (date: Date, zone: TimeZone)?, article: String?) throws -> Capture {
        var request = URLRequest(url: url, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: 30)
        request.setValue(userAgent, forHTTPHeaderField: "User-Agent")
        request.setValue("text/html,application/xhtml+xml;q=0.9,text/plain;q=0.8,*/*;q=0.5", forHTTPHeaderField: "Accept")
        let box = FetchBox()
        let done = DispatchSemaphore(value: 0)
        let task = URLSession.shared.dataTask(with: request) { data, response, error in
            box.set(data: data, response: response, error: error)
            done.signal()
        }
        task.resume()
        done.wait()
        let (data, response, error) = box.get()
        if let error { throw CLIError("cannot fetch \(url.absoluteString): \(error.localizedDescription)") }
        guard let http = response as? HTTPURLResponse else { throw CLIError("cannot fetch \(url.absoluteString): no HTTP response") }
        guard (200..<300).contains(http.statusCode) else {
            throw CLIError("cannot fetch \(url.absoluteString): HTTP \(http.statusCode)")
        }
        let body = [UInt8](data ?? Data())
        guard body.count <= maximumBytes else { throw CLIError("\(url.absoluteString): the page is larger than \(maximumBytes / 1_000_000) MB") }
        return Capture(
            body: body, url: url.absoluteString, finalURL: http.url?.absoluteString ?? url.absoluteString,
            contentType: http.value(forHTTPHeaderField: "Content-Type"),
            capturedAt: time?.date ?? Date(), timeZone: time?.zone ?? .current, httpStatus: http.statusCode,
            etag: http.value(forHTTPHeaderField: "ETag"), lastModified: http.value(forHTTPHeaderField: "Last-Modified"),
            articleID: article)
    }

    static let userAgent = "stet/0.1 (news article version archiver; +https://github.com/stet-news/stet)"
    static let maximumBytes = 20_000_000

    private final class FetchBox: @unchecked Sendable {
        private let lock = NSLock()
        private var data: Data?
        private var response: URLResponse?
        private var error: (any Error)?

        func set(data: Data?, response: URLResponse?, error: (any Error)?) {
            lock.withLock { (self.data, self.response, self.error) = (data, response, error) }
        }

        func get() -> (Data?, URLResponse?, (any Error)?) {
            lock.withLock { (data, response, error) }
        }
    }
}
