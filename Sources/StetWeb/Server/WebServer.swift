// The Hummingbird 2 adapter: every GET goes to `StetSite.respond`, which does the routing (article
// ids contain `/`, see ArticleRoute). Adds the security headers every response carries.

import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import StetArchive

/// Builds the HTTP server of `stet serve`.
public enum WebServer {
    /// The router: `GET`/`HEAD` of `/` and `/**` answered by `site`; other methods are not routed (404).
    public static func router(site: StetSite) -> Router<BasicRequestContext> {
        let router = Router()
        let handler: @Sendable (Request, BasicRequestContext) async throws -> Response = { request, _ in
            let query = parseQuery(request.uri.query)
            let reply = site.respond(path: request.uri.path, query: query, host: request.head.authority)
            return response(reply)
        }
        router.get("/", use: handler)
        router.get("**", use: handler)
        router.head("/", use: handler)
        router.head("**", use: handler)
        return router
    }

    /// A server for `site` on `address`; `onRunning` gets the bound port (useful with port 0).
    public static func application(
        site: StetSite, address: ListenAddress, onRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) -> some ApplicationProtocol {
        Application(
            router: router(site: site),
            configuration: ApplicationConfiguration(address: .hostname(address.host, port: address.port), serverName: "stet"),
            onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? address.port) })
    }

    /// Serves `site` on `address` until SIGINT or SIGTERM; `onRunning` gets the bound port.
    public static func run(site: StetSite, address: ListenAddress, onRunning: @escaping @Sendable (Int) async -> Void = { _ in })
        async throws
    {
        try await application(site: site, address: address, onRunning: onRunning).runService()
    }

    static func response(_ reply: WebResponse) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = reply.contentType
        let security = ["X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer", "X-Frame-Options": "DENY"]
        for (name, value) in security.merging(reply.headers, uniquingKeysWith: { _, new in new }) {
            if let field = HTTPField.Name(name) { headers[field] = value }
        }
        return Response(
            status: HTTPResponse.Status(code: reply.status), headers: headers,
            body: ResponseBody(byteBuffer: ByteBuffer(string: reply.body)))
    }

    /// Decodes `a=1&b=x+y%21` (form encoding: `+` is a space); the first value of a key wins.
    public static func parseQuery(_ query: String?) -> [String: String] {
        guard let query, !query.isEmpty else { return [:] }
        var result: [String: String] = [:]
        for pair in query.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ text: Substring) -> String {
                let spaced = text.replacingOccurrences(of: "+", with: " ")
                return spaced.removingPercentEncoding ?? spaced
            }
            let key = decode(parts[0])
            let value = parts.count > 1 ? decode(parts[1]) : ""
            if result[key] == nil { result[key] = value }
        }
        return result
    }
}
