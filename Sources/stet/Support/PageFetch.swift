import Foundation
import StetWatch

/// One unconditional GET for `stet snapshot URL` and `stet extract URL`, through the watcher's
/// fetcher: the same redirect handling (with loop detection), timeouts, decompression and body cap,
/// and the same honest User-Agent as `stet watch`. (There is no second HTTP stack in the tool.)
enum PageFetch {
    /// The largest page accepted from the command line.
    static let maximumBytes = 20_000_000

    static func get(_ url: URL) async throws -> FetchedPage {
        var policy = FetchPolicy()
        policy.maxBodyBytes = maximumBytes
        let result = try await Fetcher.withFetcher(policy: policy) { fetcher in
            await fetcher.fetch(FetchRequest(url: url))
        }
        switch result {
        case .page(let page):
            return page
        case .notModified:
            throw CLIError("cannot fetch \(url.absoluteString): the server answered 304 to an unconditional request")
        case .failure(let failure):
            throw CLIError("cannot fetch: \(failure)")
        }
    }
}
