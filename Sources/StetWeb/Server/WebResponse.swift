import Foundation

/// A response of the site, independent of the HTTP server that sends it.
public struct WebResponse: Sendable, Hashable {
    /// The HTTP status code.
    public var status: Int
    /// The `Content-Type` header.
    public var contentType: String
    public var body: String
    /// Extra headers (`Location` for redirects).
    public var headers: [String: String]

    public init(status: Int = 200, contentType: String, body: String, headers: [String: String] = [:]) {
        self.status = status
        self.contentType = contentType
        self.body = body
        self.headers = headers
    }

    static func html(_ body: String, status: Int = 200) -> WebResponse {
        WebResponse(status: status, contentType: "text/html; charset=utf-8", body: body)
    }

    static func json(_ body: String, status: Int = 200) -> WebResponse {
        WebResponse(status: status, contentType: "application/json; charset=utf-8", body: body)
    }

    static func redirect(to location: String) -> WebResponse {
        WebResponse(status: 302, contentType: "text/plain; charset=utf-8", body: "See \(location)\n", headers: ["Location": location])
    }
}

/// A page that cannot be shown, with the status and a sentence for the reader.
struct PageError: Error, Sendable {
    var status: Int
    var heading: String
    var message: String

    static func notFound(_ message: String) -> PageError { PageError(status: 404, heading: "Not found", message: message) }
    static func badRequest(_ message: String) -> PageError { PageError(status: 400, heading: "Bad request", message: message) }
}
